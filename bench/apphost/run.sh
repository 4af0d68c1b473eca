#!/usr/bin/env bash
# Cold start and shutdown of the whole stack, the way a developer runs it (dotnet run --project Burnout.AppHost),
# measured after the build, N times (default 3):
#   start   seconds from launch until every service's /health answers 200 (the api's and the trainer's include
#           the database, so PostgreSQL is up and burnoutdb exists)
#   stop    seconds from SIGTERM until no process of the stack is left (DCP, PostgreSQL, services, AppHost)
# Each run starts on an empty data folder (first run: initdb) or on the previous one's (--warm).
# Usage: bench/apphost/run.sh [runs] [--warm]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
warm=${2:-}

dotnet build Burnout.AppHost -c Debug -nologo -clp:ErrorsOnly >/dev/null
data=$(mktemp -d /tmp/burnout-bench-XXXXXX)
chmod 755 "$data"
trap 'rm -rf "$data"' EXIT

stack_processes() {
  # DCP starts services detached, so they are found by name, not as the AppHost's children.
  pgrep -f -- "/dcp |bin/postgres|postgres: |Burnout\.(AppHost|Api|Trainer|Monitor|Web)" | wc -l
}

if [[ $(stack_processes) != 0 ]]; then
  echo "bench: a stack is already running; stop it first" >&2
  exit 2
fi

printf "run\tstart_s\tstop_s\n"
for i in $(seq 1 "$runs"); do
  [[ -z "$warm" ]] && rm -rf "${data:?}/run"
  begin=$(date +%s.%N)
  dotnet run --project Burnout.AppHost --no-build -- --Burnout:DataDirectory="$data/run" >"$data/log" 2>&1 &
  pid=$!
  for port in 5080 5081 5082 5083; do
    until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
      kill -0 $pid 2>/dev/null || { echo "bench: the AppHost exited:" >&2; tail -20 "$data/log" >&2; exit 1; }
      sleep 0.2
    done
  done
  started=$(date +%s.%N)
  kill -TERM $pid
  until [[ $(stack_processes) == 0 ]]; do sleep 0.1; done
  stopped=$(date +%s.%N)
  wait $pid || true
  printf "%d\t%.1f\t%.1f\n" "$i" "$(echo "$started - $begin" | bc)" "$(echo "$stopped - $started" | bc)"
done
