"""scikit-learn reference fixture for src/lib/models/trees/exact-tree.ts.

Usage (through bench/make-exact-tree-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-exact-tree-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}.
X is already rounded to float32: sklearn's trees cast X to float32, so rounding first makes that cast lossless and
both sides split the same numbers (thresholds are then computed in float64 on both sides).

Predictions are stored compactly: `values` are the distinct leaf values, `train_leaf` / `test_leaf` index them.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeRegressor

CONFIGS = [
    ("depth3_split2", dict(max_depth=3, min_samples_split=2)),
    ("depth6_split2", dict(max_depth=6, min_samples_split=2)),
    ("depth6_split20", dict(max_depth=6, min_samples_split=20)),
]
# sklearn visits features in a random order, so exact ties (two columns inducing the same partition of a node's
# rows) go to whichever it meets first. Refitting with these seeds shows which predictions depend on that order.
TIE_SEEDS = range(20)
# Predictions closer than this are the same leaf (the spec's tolerance).
SAME_PREDICTION = 1e-12
# The unlimited tree is summarised only (its ~1,500 leaf values would not fit a small fixture).
UNLIMITED_TEST_PREDICTIONS_KEPT = 100


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols)


def distinct(values):
    kept = []
    for v in sorted(float(v) for v in values):
        if not kept or v - kept[-1] > SAME_PREDICTION:
            kept.append(v)
    return kept


def seed_dependence(kwargs, Xtr, Xte):
    """Rows whose prediction changes with random_state, with every prediction seen; and each seed's importances."""
    fits = [DecisionTreeRegressor(random_state=s, **kwargs).fit(Xtr, ytr_global) for s in TIE_SEEDS]
    out = {}
    for part, X in (("train", Xtr), ("test", Xte)):
        preds = np.array([f.predict(X) for f in fits])
        # Leaf means summed in a different row order differ in the last bits; only real changes count.
        varying = np.nonzero(preds.max(axis=0) - preds.min(axis=0) > SAME_PREDICTION)[0]
        out[part + "_varying"] = {str(int(i)): distinct(preds[:, i]) for i in varying}
    out["seed_importances"] = [[float(v) for v in f.feature_importances_] for f in fits]
    return out


def split_decreases(model):
    """Each split's n·impurity − n_L·impurity_L − n_R·impurity_R over their total, sorted: unlike the per-column
    importances this does not depend on which of two tied columns made a split."""
    t = model.tree_
    internal = np.nonzero(t.children_left >= 0)[0]
    w, imp, left, right = t.weighted_n_node_samples, t.impurity, t.children_left, t.children_right
    d = w[internal] * imp[internal] - w[left[internal]] * imp[left[internal]] - w[right[internal]] * imp[right[internal]]
    return [float(v) for v in np.sort(d / d.sum())]


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte = load(directory)
    global ytr_global
    ytr_global = ytr
    assert np.array_equal(Xtr.astype(np.float32).astype(np.float64), Xtr), "X must arrive rounded to float32"
    cases = {}
    for name, kwargs in CONFIGS:
        model = DecisionTreeRegressor(random_state=0, **kwargs).fit(Xtr, ytr)
        ptr, pte = model.predict(Xtr), model.predict(Xte)
        values = np.unique(np.concatenate([ptr, pte]))
        cases[name] = {
            "params": kwargs,
            "leaves": int(model.get_n_leaves()),
            "depth": int(model.get_depth()),
            "values": [float(v) for v in values],
            "train_leaf": [int(v) for v in np.searchsorted(values, ptr)],
            "test_leaf": [int(v) for v in np.searchsorted(values, pte)],
            "importances": [float(v) for v in model.feature_importances_],
            "split_decreases": split_decreases(model),
            "train_r2": float(model.score(Xtr, ytr)),
            **seed_dependence(kwargs, Xtr, Xte),
        }
    unlimited = dict(max_depth=None, min_samples_split=2)
    full = DecisionTreeRegressor(random_state=0, **unlimited).fit(Xtr, ytr)
    kept = seed_dependence(unlimited, Xtr, Xte[:UNLIMITED_TEST_PREDICTIONS_KEPT])
    cases["unlimited"] = {
        "params": {"max_depth": None, "min_samples_split": 2},
        "leaves": int(full.get_n_leaves()),
        "depth": int(full.get_depth()),
        "train_r2": float(full.score(Xtr, ytr)),
        "distinct_train_rows": int(len(np.unique(Xtr, axis=0))),
        "test_predictions": [float(v) for v in full.predict(Xte[:UNLIMITED_TEST_PREDICTIONS_KEPT])],
        "train_varying": kept["train_varying"],
        "test_varying": kept["test_varying"],
    }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/direction-matrix.ts rows, "
        "target = 5-day forward log return, X rounded to float32",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-exact-tree-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
