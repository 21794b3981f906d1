"""scikit-learn reference fixture for src/lib/models/trees/exact-gbm.ts (GradientBoostingRegressor).

Usage (through bench/make-exact-gbm-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-exact-gbm-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}.
X is already rounded to float32: sklearn's trees cast X to float32, so rounding first makes that cast lossless and
both sides split the same numbers.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingRegressor

# (name, params, keep every prediction). The first is the catalog's default; the others vary depth and rate.
CONFIGS = [
    ("defaults", dict(n_estimators=100, learning_rate=0.1, max_depth=3), True),
    ("depth2_rate0.5_30", dict(n_estimators=30, learning_rate=0.5, max_depth=2), False),
    ("depth5_rate0.05_60", dict(n_estimators=60, learning_rate=0.05, max_depth=5), False),
]
# sklearn visits features in a random order; refitting with these seeds shows which predictions depend on it.
TIE_SEEDS = range(5)
# Predictions kept for the configs that are summarised only.
SUMMARY_ROWS = 100


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
    assert np.array_equal(Xtr.astype(np.float32).astype(np.float64), Xtr), "X must arrive rounded to float32"
    cases = {}
    for name, kwargs, keep_all in CONFIGS:
        fits = [GradientBoostingRegressor(random_state=s, **kwargs).fit(Xtr, ytr) for s in TIE_SEEDS]
        model = fits[0]
        ptr, pte = model.predict(Xtr), model.predict(Xte)
        train_spread = max(float(np.abs(f.predict(Xtr) - ptr).max()) for f in fits)
        test_preds = np.array([f.predict(Xte) for f in fits])
        varying = np.nonzero(test_preds.max(axis=0) - test_preds.min(axis=0) > 1e-12)[0]
        rows = len(ptr) if keep_all else SUMMARY_ROWS
        cases[name] = {
            "params": kwargs,
            "init": float(model.init_.constant_[0][0]),
            "train_predictions": [float(v) for v in ptr[:rows]],
            "test_predictions": [float(v) for v in pte[: (len(pte) if keep_all else SUMMARY_ROWS)]],
            "train_r2": r2(ytr, ptr),
            "test_r2": r2(yte, pte),
            "importances_by_seed": [[float(v) for v in f.feature_importances_] for f in fits],
            "leaves": int(sum(t[0].get_n_leaves() for t in model.estimators_)),
            "train_seed_spread": train_spread,
            "test_rows_varying_with_seed": [int(i) for i in varying],
            "test_r2_by_seed": [r2(yte, p) for p in test_preds],
        }
    # Thirteen identical columns: every split ties across all columns, so which column each node credits is decided
    # by sklearn's feature order alone (random_state 0), checking that we reproduce it.
    rs = np.random.RandomState(1)
    x = rs.rand(40).astype(np.float32).astype(np.float64)
    y = np.sin(7 * x) + rs.rand(40) * 0.1
    tied = GradientBoostingRegressor(n_estimators=6, random_state=0).fit(np.repeat(x[:, None], 13, axis=1), y)
    cases["identical_columns"] = {
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "params": {"n_estimators": 6, "learning_rate": 0.1, "max_depth": 3},
        "importances": [float(v) for v in tied.feature_importances_],
        "split_features": [
            [int(f) for f in t[0].tree_.feature if f >= 0] for t in tied.estimators_
        ],
    }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/direction-matrix.ts rows, "
        "target = 5-day forward log return, X rounded to float32",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-exact-gbm-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
