#!/usr/bin/env bash
# Data pipeline benchmark (docs/benchmarks.md, "Data pipeline"):
#   1. generate 50,000 students x 200 days (10M daily rows) with `Burnout.Trainer generate` to CSV;
#   2. daily-13@1 for every student-day with the C# batch path (parse-only pass, then parse + features);
#   3. the same formulas with pandas groupby/rolling (Debian's /usr/bin/python3) on the same CSV.
# Usage: bench/features/run.sh [students] [days] [seed]     (results: bench/out/features/results.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDENTS=${1:-50000}
DAYS=${2:-200}
SEED=${3:-42}
OUT=bench/out/features
ART=${ARTIFACTS:-/tmp/art-features-bench}
mkdir -p "$OUT"

dotnet build bench/features/Burnout.Features.Bench -c Release --artifacts-path "$ART" -v q -nologo >/dev/null
BENCH="$ART/bin/Burnout.Features.Bench/release/Burnout.Features.Bench"

timed() { # timed <name> <command...>: runs it, keeps its stdout, records wall/user/sys seconds and peak RSS
  local name=$1; shift
  /usr/bin/time -f '{"wall":%e,"user":%U,"sys":%S,"max_rss_kb":%M}' -o "$OUT/$name.time" "$@" >"$OUT/$name.json"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if dotnet build Burnout.Trainer -c Release --artifacts-path "$ART" -v q -nologo >/dev/null 2>&1; then
  GENERATOR="Burnout.Trainer generate"
  timed generate "$ART/bin/Burnout.Trainer/release/Burnout.Trainer" generate --students "$STUDENTS" --days "$DAYS" --seed "$SEED" --out "$OUT/data"
else
  echo "Burnout.Trainer does not build right now; generating through the same library call in the bench driver" >&2
  GENERATOR="Burnout.Features.Bench generate"
  timed generate "$BENCH" generate "$STUDENTS" "$DAYS" "$SEED" "$OUT/data"
fi
timed csharp "$BENCH" features "$OUT/data/daily_activity.csv"
timed pandas /usr/bin/python3 bench/features/pandas_features.py "$OUT/data/daily_activity.csv"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

/usr/bin/python3 - "$OUT" "$STUDENTS" "$DAYS" "$GENERATOR" <<'PY'
import json, os, sys
out, students, days, generator = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
load = lambda n: json.load(open(os.path.join(out, n)))
gen_t, cs, cs_t, pd_, pd_t = load('generate.time'), load('csharp.json'), load('csharp.time'), load('pandas.json'), load('pandas.time')
rows = cs['rows']
sums_close = all(abs(cs['feature_sums'][k] - v) <= 1e-6 * max(1.0, abs(v)) for k, v in pd_['feature_sums'].items())
result = {
    'students': students, 'days': days, 'rows': rows, 'generator': generator, 'cpus': os.cpu_count(),
    'generate': {'wall_s': gen_t['wall'], 'cpu_s': round(gen_t['user'] + gen_t['sys'], 1), 'rows_per_s': round(rows / gen_t['wall']),
                 'csv_bytes': os.path.getsize(os.path.join(out, 'data', 'daily_activity.csv'))},
    'csharp': {'parse_s': cs['parse_seconds'], 'parse_and_features_s': cs['features_seconds'],
               'rows_per_s': cs['features_rows_per_second'], 'process_cpu_s': round(cs_t['user'] + cs_t['sys'], 1), 'max_rss_mb': cs_t['max_rss_kb'] // 1024},
    'pandas': {'version': pd_['pandas'], 'read_s': pd_['read_seconds'], 'features_s': pd_['features_seconds'], 'total_s': pd_['total_seconds'],
               'rows_per_s': round(rows / pd_['total_seconds']), 'process_cpu_s': round(pd_t['user'] + pd_t['sys'], 1), 'max_rss_mb': pd_t['max_rss_kb'] // 1024},
    'speedup_read_plus_features': round(pd_['total_seconds'] / cs['features_seconds'], 2),
    'feature_sums_agree': sums_close,
}
json.dump(result, open(os.path.join(out, 'results.json'), 'w'), indent=2)
print(json.dumps(result, indent=2))
PY
