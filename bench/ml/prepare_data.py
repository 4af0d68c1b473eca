"""Writes the learning-library benchmark sets as CSVs under bench/out/ (gitignored).

synthetic-train.csv / synthetic-test.csv: make_classification 1M x 20 (float32), 80/20 split.
dropout-fold{k}-train.csv / -test.csv: UCI "Predict students' dropout", label Target == "Dropout",
StratifiedKFold(5, shuffle=True, random_state=7).
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold, train_test_split

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "out")
DROPOUT = "/work/shared/data/uci-dropout/data.csv"
os.makedirs(OUT, exist_ok=True)


def write(path, X, y, names):
    frame = pd.DataFrame(X, columns=names)
    frame["label"] = y.astype(np.int32)
    frame.to_csv(path, index=False, float_format="%.9g")


def synthetic():
    if os.path.exists(os.path.join(OUT, "synthetic-test.csv")):
        return
    X, y = make_classification(n_samples=1_000_000, n_features=20, n_informative=10, n_redundant=4,
                               weights=[0.85], flip_y=0.02, random_state=7)
    X = X.astype(np.float32)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
    names = [f"f{i}" for i in range(X.shape[1])]
    write(os.path.join(OUT, "synthetic-train.csv"), X_train, y_train, names)
    write(os.path.join(OUT, "synthetic-test.csv"), X_test, y_test, names)


def dropout():
    frame = pd.read_csv(DROPOUT, sep=";", encoding="utf-8-sig")
    frame.columns = [c.strip().replace("\t", " ") for c in frame.columns]
    y = (frame["Target"] == "Dropout").to_numpy()
    X = frame.drop(columns=["Target"]).to_numpy(dtype=np.float32)
    names = [c.replace(" ", "_").replace("'", "").replace("(", "").replace(")", "").replace("/", "_")
             for c in frame.columns if c != "Target"]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    for k, (train, test) in enumerate(folds.split(X, y)):
        write(os.path.join(OUT, f"dropout-fold{k}-train.csv"), X[train], y[train], names)
        write(os.path.join(OUT, f"dropout-fold{k}-test.csv"), X[test], y[test], names)


if __name__ == "__main__":
    dropout()
    synthetic()
    print("wrote", OUT)
