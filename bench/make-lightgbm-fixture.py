"""scikit-learn reference fixture for src/lib/models/trees/lightgbm.spec.ts (the histogram GBM core, leaf-wise and
depth-wise).

Usage (through bench/make-lightgbm-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-lightgbm-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64: the rows of bench/matrix.ts, unscaled, since
tree splits do not depend on feature scale) and meta.json {cols, rows, feature_names}. For each config the
HistGradientBoostingRegressor is fitted once (deterministic: no early stopping below 10,000 rows, no subsampling)
and its train/test R², trees, leaves and test predictions are stored.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor

CONFIGS = {
    # The lightgbm entry's defaults = HistGradientBoostingRegressor() (early_stopping 'auto' is off at 4,030 rows).
    "defaults": dict(),
    # The lightgbm entry away from its defaults (num_leaves 10, learning_rate 0.05, 50 trees).
    "leaves10_lr005_iter50": dict(max_leaf_nodes=10, learning_rate=0.05, max_iter=50),
    # The depth-wise core of the xgboost entry with scikit-learn's leaf size and no L2 (bench/learners.ts config).
    "depthwise_depth6": dict(max_depth=6, max_leaf_nodes=None, min_samples_leaf=20, l2_regularization=0.0),
}


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    Xtr, Xte = read("Xtr.f64").reshape(-1, cols), read("Xte.f64").reshape(-1, cols)
    return meta, Xtr, read("ytr.f64"), Xte, read("yte.f64")


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte, yte = load(directory)
    cases = {}
    for name, kwargs in CONFIGS.items():
        model = HistGradientBoostingRegressor(**kwargs).fit(Xtr, ytr)
        leaves = sum(int(p.nodes["is_leaf"].sum()) for [p] in model._predictors)
        cases[name] = {
            "params": {k: v for k, v in model.get_params().items() if k in kwargs or k in ("max_iter", "learning_rate", "max_leaf_nodes", "min_samples_leaf", "l2_regularization", "max_bins", "max_depth")},
            "early_stopping_used": bool(model.do_early_stopping_),
            "trees": int(model.n_iter_),
            "leaves": leaves,
            "train_r2": float(model.score(Xtr, ytr)),
            "test_r2": float(model.score(Xte, yte)),
            "test_predictions": [float("%.15g" % v) for v in model.predict(Xte)],
        }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/return-matrix.ts: the rows of "
        "bench/matrix.ts (time-ordered 80/20 split, 5-row embargo), unscaled; target = 5-day forward log return",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-lightgbm-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
