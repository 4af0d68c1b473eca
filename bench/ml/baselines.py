"""Fits one reference learner on a benchmark CSV pair and prints one JSON line (same keys as ours).

usage: baselines.py TRAIN.csv TEST.csv hgb|logistic|forest|xgboost [--trees N]
Threads: 2 (OMP_NUM_THREADS=2 is set by run.sh; n_jobs/nthread=2 here).
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, f1_score, log_loss,
                             roc_auc_score)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train_path, test_path, name = sys.argv[1:4]
trees = int(sys.argv[sys.argv.index("--trees") + 1]) if "--trees" in sys.argv else 100
train = pd.read_csv(train_path)
test = pd.read_csv(test_path)
X, y = train.drop(columns="label").to_numpy(np.float32), train["label"].to_numpy()
Xt, yt = test.drop(columns="label").to_numpy(np.float32), test["label"].to_numpy()

if name == "hgb":
    model = HistGradientBoostingClassifier(max_leaf_nodes=31, learning_rate=0.1, max_iter=200, max_bins=255,
                                           early_stopping=False, random_state=7)
elif name == "logistic":
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
elif name == "forest":
    model = RandomForestClassifier(n_estimators=trees, n_jobs=2, random_state=7)
elif name == "xgboost":
    import xgboost
    model = xgboost.XGBClassifier(tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
                                  learning_rate=0.1, n_estimators=200, max_bin=256, nthread=2, random_state=7)
else:
    raise SystemExit(f"unknown model {name}")

start, cpu_start = time.perf_counter(), time.process_time()
model.fit(X, y)
train_seconds, train_cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    p = model.predict_proba(Xt)[:, 1]
    best = min(best, time.perf_counter() - start)

print(json.dumps({
    "model": name, "train_rows": len(y), "test_rows": len(yt), "features": X.shape[1],
    "train_seconds": round(train_seconds, 3), "train_cpu_seconds": round(train_cpu_seconds, 3),
    "predict_rows_per_second": round(len(yt) / best),
    "auc": round(roc_auc_score(yt, p), 5), "pr_auc": round(average_precision_score(yt, p), 5),
    "logloss": round(log_loss(yt, np.clip(p, 1e-15, 1 - 1e-15)), 5), "brier": round(brier_score_loss(yt, p), 5),
    "accuracy": round(accuracy_score(yt, p >= 0.5), 5), "f1": round(f1_score(yt, p >= 0.5), 5),
}))
