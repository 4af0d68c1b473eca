#!/usr/bin/env bash
# Runs the whole stack: installs PostgreSQL if it is missing (eng/setup.sh), then starts the AppHost.
# Arguments go to the AppHost, e.g. eng/run.sh --Burnout:Ports:web=6080
set -euo pipefail
cd "$(dirname "$0")/.."

eng/setup.sh
exec dotnet run --project Burnout.AppHost -- "$@"
