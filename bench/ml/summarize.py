"""Turns bench/out/ml-results.jsonl into the markdown tables of docs/benchmarks.md ("Learning library")."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = defaultdict(list)  # (family, model, implementation) -> results
for r in rows:
    family = "dropout" if r["dataset"].startswith("dropout") else r["dataset"]
    by[(family, r["result"]["model"], r["implementation"])].append(r["result"])


def mean(family, model, impl, key):
    values = [r[key] for r in by.get((family, model, impl), [])]
    return statistics.mean(values) if values else float("nan")


print("| set | learner | ours AUC | reference AUC | ΔAUC | ours train s | reference train s | train ratio ours/ref | ours predict rows/s | reference predict rows/s | predict ratio ours/ref |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
pairs = [("gbdt", "hgb", "sklearn HGB"), ("gbdt", "xgboost", "XGBoost hist"), ("forest", "forest", "sklearn RF"),
         ("logistic", "logistic", "sklearn LR")]
for family in ["synthetic", "dropout"]:
    for ours, ref, label in pairs:
        ref_impl = "xgboost" if ref == "xgboost" else "sklearn"
        if (family, ours, "ours") not in by or (family, ref, ref_impl) not in by:
            continue
        a, b = mean(family, ours, "ours", "auc"), mean(family, ref, ref_impl, "auc")
        ta, tb = mean(family, ours, "ours", "train_seconds"), mean(family, ref, ref_impl, "train_seconds")
        pa, pb = mean(family, ours, "ours", "predict_rows_per_second"), mean(family, ref, ref_impl, "predict_rows_per_second")
        print(f"| {family} | {ours} vs {label} | {a:.4f} | {b:.4f} | {a - b:+.4f} | {ta:.2f} | {tb:.2f} | {ta / tb:.2f} | {pa:,.0f} | {pb:,.0f} | {pa / pb:.2f} |")
print("\nProcess CPU seconds for training (where both sides recorded it):\n")
print("| set | learner | ours train CPU s | reference train CPU s | CPU ratio ours/ref |")
print("|---|---|---|---|---|")
for family in ["synthetic", "dropout"]:
    for ours, ref, label in pairs:
        ref_impl = "xgboost" if ref == "xgboost" else "sklearn"
        a = [r.get("train_cpu_seconds") for r in by.get((family, ours, "ours"), [])]
        b = [r.get("train_cpu_seconds") for r in by.get((family, ref, ref_impl), [])]
        if a and b and None not in a and None not in b:
            print(f"| {family} | {ours} vs {label} | {statistics.mean(a):.2f} | {statistics.mean(b):.2f} | {statistics.mean(a) / statistics.mean(b):.2f} |")
loads = [float(r["load"]) for r in rows]
print(f"\nLoad average (1 min) during the run: min {min(loads):.2f}, max {max(loads):.2f}. Dropout figures are means over 5 folds.")
