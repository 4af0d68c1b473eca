#!/usr/bin/env bash
# Learning-library benchmark: our tree learners (and logistic regression via the trainer's `evaluate`)
# against scikit-learn 1.2 and XGBoost 1.7 on the same CSVs, 2 threads each, in one run.
#   bench/ml/run.sh              # everything (about 5 minutes on an idle 2-core machine)
#   SETS=synthetic MODELS=gbdt bench/ml/run.sh   # a subset (SETS: dropout synthetic; MODELS: gbdt forest logistic)
# Results: bench/out/ml-results.jsonl (one JSON line per fit) and a markdown summary on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
OUT=bench/out
ART=${ART:-/tmp/art-mlbench}
THREADS=2
FOREST_TREES_SYNTHETIC=${FOREST_TREES_SYNTHETIC:-10}
SETS=${SETS:-dropout synthetic}
MODELS=${MODELS:-gbdt forest logistic}
export OMP_NUM_THREADS=$THREADS

$PY -c "import sklearn, xgboost" || { echo "needs Debian's python3-sklearn and python3-xgboost in $PY" >&2; exit 1; }
$PY bench/ml/prepare_data.py "$OUT" >&2
dotnet build bench/Burnout.Ml.Bench -c Release --artifacts-path "$ART" -nologo -v q >&2
dotnet build Burnout.Trainer -c Release --artifacts-path "$ART" -nologo -v q >&2
OURS="$ART/bin/Burnout.Ml.Bench/release/Burnout.Ml.Bench"
TRAINER="$ART/bin/Burnout.Trainer/release/Burnout.Trainer"
RESULTS=${RESULTS:-$OUT/ml-results.jsonl}
: > "$RESULTS"

record() { # dataset implementation json
  echo "{\"dataset\":\"$1\",\"implementation\":\"$2\",\"result\":$3,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"}" | tee -a "$RESULTS" >&2
}

run_set() { # dataset train test forest-trees
  local name=$1 train=$2 test=$3 trees=$4
  if [[ " $MODELS " == *" gbdt "* ]]; then
    record "$name" ours "$("$OURS" --train "$train" --test "$test" --label label --model gbdt --iterations 200 --seed 7 --threads $THREADS)"
    record "$name" sklearn "$($PY bench/ml/baselines.py "$train" "$test" hgb)"
    record "$name" xgboost "$($PY bench/ml/baselines.py "$train" "$test" xgboost)"
  fi
  if [[ " $MODELS " == *" forest "* ]]; then
    record "$name" ours "$("$OURS" --train "$train" --test "$test" --label label --model forest --trees "$trees" --seed 7 --threads $THREADS)"
    record "$name" sklearn "$($PY bench/ml/baselines.py "$train" "$test" forest --trees "$trees")"
  fi
  if [[ " $MODELS " == *" logistic "* ]]; then
    record "$name" ours "$("$TRAINER" evaluate --train "$train" --test "$test" --label label --model logistic --seed 7 --threads $THREADS)"
    record "$name" sklearn "$($PY bench/ml/baselines.py "$train" "$test" logistic)"
  fi
}

if [[ " $SETS " == *" dropout "* ]]; then
  for k in 0 1 2 3 4; do
    run_set "dropout-fold$k" "$OUT/dropout-fold$k-train.csv" "$OUT/dropout-fold$k-test.csv" 100
  done
fi
if [[ " $SETS " == *" synthetic "* ]]; then
  run_set synthetic "$OUT/synthetic-train.csv" "$OUT/synthetic-test.csv" "$FOREST_TREES_SYNTHETIC"
fi
$PY bench/ml/summarize.py "$RESULTS"
