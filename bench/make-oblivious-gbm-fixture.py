"""NumPy reference fixture for src/lib/models/trees/oblivious-gbm.ts in plain mode (bench/oblivious_ref.py).

Usage (through bench/make-oblivious-gbm-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-oblivious-gbm-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}.
"""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oblivious_ref import ObliviousBooster  # noqa: E402

# (name, training rows used, params): a small case, a deep one on few rows (its wide levels take the TypeScript's
# sweep path instead of histograms), and the catalog defaults on all fixture rows.
CASES = [
    ("small", 300, dict(iterations=40, depth=4, learning_rate=0.1)),
    ("deep_few_rows", 120, dict(iterations=20, depth=9, learning_rate=0.3)),
    ("defaults", None, dict(iterations=1000, depth=6, learning_rate=0.03)),
]
# Predictions kept per case (the defaults case is summarised by R² and these).
KEPT = 100


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols), read("yte.f64")


def r2(y, p):
    return float(1 - ((y - p) ** 2).sum() / ((y - y.mean()) ** 2).sum())


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte, yte = load(directory)
    cases = {}
    for name, rows, params in CASES:
        X, y = (Xtr[:rows], ytr[:rows]) if rows else (Xtr, ytr)
        model = ObliviousBooster(**params).fit(X, y)
        ptr, pte = model.predict(X), model.predict(Xte)
        assert np.array_equal(ptr, model.train_predictions)
        cases[name] = {
            "rows": len(y),
            "params": params,
            "baseline": model.baseline,
            "borders": [
                {"count": len(t), "sum": float(t.sum()), "first": float(t[0]), "last": float(t[-1])}
                for t in model.thresholds
            ],
            "first_tree": {"features": model.trees[0][0], "thresholds": [float(v) for v in model.trees[0][1]]},
            "train_predictions": [float(v) for v in ptr[:KEPT]],
            "test_predictions": [float(v) for v in pte[:KEPT]],
            "train_r2": r2(y, ptr),
            "test_r2": r2(yte, pte),
        }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/direction-matrix.ts rows, "
        "target = 5-day forward log return",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "numpy_version": np.__version__,
        "made_by": "npx tsx bench/make-oblivious-gbm-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
