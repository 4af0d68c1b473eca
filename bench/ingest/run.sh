#!/usr/bin/env bash
# Ingestion benchmark (docs/benchmarks.md, "Data pipeline"): 50,000 students x 200 days (10M daily rows)
#   1. the cohort CSV from `Burnout.Trainer generate` (reused from bench/features when it is there);
#   2. ingest through the api's real path: POST /api/activity/csv (streamed parse, per-row validation,
#      binary COPY into staging, duplicate and unknown-student checks, one upsert), on a fresh local PostgreSQL;
#   3. the same batch again: the idempotent path (every row compared, none changed);
#   4. the floor: psql's \copy of the same CSV straight into the emptied table (no validation, no staging), same run.
# Everything runs on 127.0.0.1; the script stops the api and PostgreSQL it starts.
# Usage: bench/ingest/run.sh [students] [days] [seed]      (results: bench/out/ingest/results.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDENTS=${1:-50000}
DAYS=${2:-200}
SEED=${3:-42}
OUT=bench/out/ingest
ART=${ARTIFACTS:-/tmp/art-ingest-bench}
DATA=bench/out/features/data
mkdir -p "$OUT"

dotnet build Burnout.Trainer -c Release --artifacts-path "$ART" -v q -nologo >/dev/null
dotnet build Burnout.Api -c Release --artifacts-path "$ART" -v q -nologo >/dev/null
if [[ ! -s $DATA/daily_activity.csv ]] || [[ $(($(wc -l <"$DATA/daily_activity.csv") - 1)) -ne $((STUDENTS * DAYS)) ]]; then
  "$ART/bin/Burnout.Trainer/release/Burnout.Trainer" generate --students "$STUDENTS" --days "$DAYS" --seed "$SEED" --out "$DATA" >&2
fi
ROWS=$(($(wc -l <"$DATA/daily_activity.csv") - 1))

# A throw-away PostgreSQL on a free port; as root it runs as the postgres account, as PostgreSQL requires.
PGBIN=$(dirname "$(readlink -f "$(command -v postgres 2>/dev/null || ls /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n1)")")
PGDIR=$(mktemp -d /tmp/burnout-ingest-pg.XXXXXX)
chmod 755 "$PGDIR"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then chown postgres "$PGDIR"; as_pg=(runuser -u postgres --); fi
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APIPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$PGBIN/postgres" -D "$PGDIR/data" -p "$PORT" -k "$PGDIR" -c listen_addresses=127.0.0.1 -c fsync=on >"$OUT/postgres.log" 2>&1 &
PGPID=$!
API_PID=
cleanup() {
  [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" stop -m fast >/dev/null 2>&1 || true
  wait "$PGPID" 2>/dev/null || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT INT TERM
for _ in $(seq 60); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.5; done
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE burnoutdb"

KEY=bench-key
ConnectionStrings__burnoutdb="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=burnoutdb;Command Timeout=0" \
Ingestion__ApiKeys__0=$KEY ASPNETCORE_URLS=http://127.0.0.1:$APIPORT ASPNETCORE_ENVIRONMENT=Production \
  "$ART/bin/Burnout.Api/release/Burnout.Api" >"$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$APIPORT/health" >/dev/null && break; sleep 0.5; done

post() { # post <name>: uploads the CSV once, records wall seconds and the response
  curl -sS --fail-with-body -o "$OUT/$1.response.json" -w '{"wall":%{time_total},"status":%{http_code}}' \
       -H "X-Api-Key: $KEY" -H 'Content-Type: text/csv' --max-time 1200 \
       --data-binary @"$DATA/daily_activity.csv" \
       "http://127.0.0.1:$APIPORT/api/activity/csv?autoCreateStudents=true&cohort=bench" >"$OUT/$1.time"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
post first
post repeat
STORED=$("$PGBIN/psql" -tA -h 127.0.0.1 -p "$PORT" -U postgres -d burnoutdb -c "SELECT count(*) FROM daily_activity")
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -d burnoutdb -c "TRUNCATE daily_activity"
COPY_START=$(date +%s%N)
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -d burnoutdb \
  -c "\\copy daily_activity (student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks, assignments_due, assignments_submitted, submission_delay_hours, late_night_share, weekend_share) FROM '$DATA/daily_activity.csv' (FORMAT csv, HEADER true)"
echo "{\"wall\":$(( ($(date +%s%N) - COPY_START) / 1000000 ))e-3}" >"$OUT/copy.time"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

/usr/bin/python3 - "$OUT" "$ROWS" "$STORED" <<'PY'
import json, os, sys
out, rows, stored = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
load = lambda n: json.load(open(os.path.join(out, n)))
first, repeat, copy = load('first.time'), load('repeat.time'), load('copy.time')
result = {
    'rows': rows, 'rows_in_table': stored, 'cpus': os.cpu_count(),
    'first': {'wall_s': round(first['wall'], 1), 'rows_per_s': round(rows / first['wall']), 'response': load('first.response.json')},
    'repeat': {'wall_s': round(repeat['wall'], 1), 'rows_per_s': round(rows / repeat['wall']), 'response': load('repeat.response.json')},
    'psql_copy_floor': {'wall_s': round(copy['wall'], 1), 'rows_per_s': round(rows / copy['wall'])},
    'api_over_copy': round(first['wall'] / copy['wall'], 2),
}
json.dump(result, open(os.path.join(out, 'results.json'), 'w'), indent=2)
print(json.dumps(result, indent=2))
PY
