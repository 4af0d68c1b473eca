#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL), whole-stack (the AppHost) and browser (Chromium).
# On a fresh Debian machine it first installs what the tests need (eng/setup.sh --tests).
# Extra arguments go to `dotnet test`, e.g. eng/test.sh --filter "FullyQualifiedName~Api".
set -euo pipefail
cd "$(dirname "$0")/.."

eng/setup.sh --tests

# The whole-stack tests run the AppHost from its build output, so build everything once, up front.
dotnet build Burnout.sln -c Debug -nologo -clp:ErrorsOnly
dotnet test Burnout.sln -c Debug --no-build -nologo --logger "console;verbosity=normal" "$@"
