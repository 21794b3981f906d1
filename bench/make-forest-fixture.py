"""scikit-learn reference fixture for src/lib/models/trees/ forest.ts, bagging.ts, adaboost.ts and weighted-cart.ts.

Usage (through bench/make-forest-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-forest-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}.
X is already rounded to float32 (sklearn's trees cast X to float32), so both sides split the same numbers.

Sections:
- weighted_tree: one DecisionTreeRegressor fitted with sample_weight = bootstrap counts (numpy RandomState(0)),
  the exact computation each of our forest trees makes; leaf values and which leaf each row reaches.
- random_forest, bagging, adaboost: train/test R² of sklearn's ensembles over seeds 0..SEEDS-1. Our bootstrap
  draws come from our own generator, so the specs compare distributions, not single fits.
- adaboost_driven: AdaBoostRegressor whose weighted bootstrap draws come from a deterministic uniform sequence
  (u_k = frac(k · GOLDEN), k = 1, 2, …) that our spec reproduces, so the boosting arithmetic (errors, β, weight
  updates, weighted median) is compared to rounding — over the leading rounds whose trees no exact tie between
  columns makes depend on sklearn's tree random_state.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import AdaBoostRegressor, BaggingRegressor, RandomForestRegressor
from sklearn.metrics import r2_score
from sklearn.tree import DecisionTreeRegressor

SEEDS = 12
TIE_SEEDS = range(20)
SAME_PREDICTION = 1e-12
GOLDEN = 0.6180339887498949

FOREST_CONFIGS = {
    "default": dict(n_estimators=100, max_depth=None, min_samples_split=2),
    "depth6_split20_trees30": dict(n_estimators=30, max_depth=6, min_samples_split=20),
}
BAGGING_CONFIGS = {
    "default": dict(n_estimators=10, max_samples=1.0),
    "half_rows_trees20": dict(n_estimators=20, max_samples=0.5),
}
ADABOOST_CONFIGS = {
    "default": dict(n_estimators=50, learning_rate=1.0),
    "rate0.5_trees30": dict(n_estimators=30, learning_rate=0.5),
}


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    X = lambda name: read(name).reshape(-1, cols)
    return meta, X("Xtr.f64"), read("ytr.f64"), X("Xte.f64"), read("yte.f64")


def spread(make, Xtr, ytr, Xte, yte, extra=None):
    out = {"train_r2": [], "test_r2": []}
    if extra:
        out[extra[0]] = []
    for seed in range(SEEDS):
        model = make(seed).fit(Xtr, ytr)
        out["train_r2"].append(float(r2_score(ytr, model.predict(Xtr))))
        out["test_r2"].append(float(r2_score(yte, model.predict(Xte))))
        if extra:
            out[extra[0]].append(extra[1](model))
    return out


def weighted_tree(Xtr, ytr, Xte):
    n = len(ytr)
    counts = np.bincount(np.random.RandomState(0).randint(0, n, n), minlength=n).astype(float)
    out = {"counts": [int(c) for c in counts], "cases": {}}
    for name, kwargs in (("depth6", dict(max_depth=6)), ("unlimited", dict(max_depth=None))):
        fits = [DecisionTreeRegressor(random_state=s, **kwargs).fit(Xtr, ytr, sample_weight=counts) for s in TIE_SEEDS]
        model = fits[0]
        case = {
            "params": {"max_depth": kwargs["max_depth"], "min_samples_split": 2},
            "leaves": int(model.get_n_leaves()),
            "depth": int(model.get_depth()),
            "root_impurity": float(model.tree_.impurity[0]),
            "root_weight": float(model.tree_.weighted_n_node_samples[0]),
        }
        if name == "depth6":
            ptr, pte = model.predict(Xtr), model.predict(Xte)
            values = np.unique(np.concatenate([ptr, pte]))
            case["values"] = [float(v) for v in values]
            case["train_leaf"] = [int(v) for v in np.searchsorted(values, ptr)]
            case["test_leaf"] = [int(v) for v in np.searchsorted(values, pte)]
            # Rows whose prediction depends on sklearn's random feature order (exact ties between columns): out-of-bag
            # training rows and test rows can fall between the two tied columns' thresholds.
            for part, X in (("train", Xtr), ("test", Xte)):
                preds = np.array([f.predict(X) for f in fits])
                varying = np.nonzero(preds.max(axis=0) - preds.min(axis=0) > SAME_PREDICTION)[0]
                case[part + "_varying"] = {str(int(i)): sorted({float(v) for v in preds[:, i]}) for i in varying}
            # Per-column importances depend on which tied column made a split; the sorted split decreases do not.
            t = model.tree_
            internal = np.nonzero(t.children_left >= 0)[0]
            w, imp, lc, rc = t.weighted_n_node_samples, t.impurity, t.children_left, t.children_right
            d = w[internal] * imp[internal] - w[lc[internal]] * imp[lc[internal]] - w[rc[internal]] * imp[rc[internal]]
            case["split_decreases"] = [float(v) for v in np.sort(d / d.sum())]
        else:
            inbag = counts > 0
            case["inbag_r2"] = float(r2_score(ytr[inbag], model.predict(Xtr[inbag]), sample_weight=counts[inbag]))
            case["train_r2"] = float(r2_score(ytr, model.predict(Xtr)))
        out["cases"][name] = case
    return out


class GoldenSequence(np.random.RandomState):
    """RandomState whose choice(n, n, p=w) is inverse-CDF sampling of u_k = frac(k · GOLDEN) (our spec replays it)."""

    def __init__(self, seed):
        super().__init__(seed)
        self.k = 0

    def choice(self, a, size=None, replace=True, p=None):
        cdf = np.cumsum(p)
        cdf /= cdf[-1]
        u = np.empty(size)
        for i in range(size):
            self.k += 1
            u[i] = (self.k * GOLDEN) % 1.0
        return cdf.searchsorted(u, side="right")


def adaboost_driven(Xtr, ytr, Xte):
    """Deterministic draws; the trees still break exact ties between columns by their random_state, which makes
    later rounds differ between tree seeds. Keep the leading rounds that no tree seed changes (errors and test
    predictions identical for TIE_SEEDS) and store that many rounds' model."""

    def fit(kwargs, rounds, tree_seed):
        return AdaBoostRegressor(random_state=GoldenSequence(tree_seed), **{**kwargs, "n_estimators": rounds}).fit(Xtr, ytr)

    out = {}
    for name, kwargs in (("default", dict(n_estimators=50, learning_rate=1.0)), ("rate0.5_trees30", dict(n_estimators=30, learning_rate=0.5))):
        full = [fit(kwargs, kwargs["n_estimators"], s) for s in TIE_SEEDS]
        errors = np.array([m.estimator_errors_ for m in full])
        varies = np.nonzero(errors.max(axis=0) - errors.min(axis=0) > SAME_PREDICTION)[0]
        rounds = int(varies[0]) if len(varies) else kwargs["n_estimators"]
        while True:
            fits = [fit(kwargs, rounds, s) for s in TIE_SEEDS]
            preds = np.array([np.concatenate([m.predict(Xtr), m.predict(Xte)]) for m in fits])
            if (preds.max(axis=0) - preds.min(axis=0)).max() <= SAME_PREDICTION:
                break
            rounds -= 1
        model = fits[0]
        out[name] = {
            "params": {**kwargs, "n_estimators": rounds},
            "full_rounds_tie_free": rounds,
            "estimators": len(model.estimators_),
            "estimator_weights": [float(v) for v in model.estimator_weights_],
            "estimator_errors": [float(v) for v in model.estimator_errors_],
            "train_predictions": [float(v) for v in model.predict(Xtr)],
            "test_predictions": [float(v) for v in model.predict(Xte)],
        }
    return out


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte, yte = load(directory)
    assert np.array_equal(Xtr.astype(np.float32).astype(np.float64), Xtr), "X must arrive rounded to float32"
    fixture = {"weighted_tree": weighted_tree(Xtr, ytr, Xte)}
    fixture["random_forest"] = {
        name: {"params": kw, **spread(lambda s: RandomForestRegressor(random_state=s, **kw), Xtr, ytr, Xte, yte)}
        for name, kw in FOREST_CONFIGS.items()
    }
    fixture["bagging"] = {
        name: {
            "params": kw,
            **spread(lambda s: BaggingRegressor(DecisionTreeRegressor(), random_state=s, **kw), Xtr, ytr, Xte, yte),
        }
        for name, kw in BAGGING_CONFIGS.items()
    }
    fixture["adaboost"] = {
        name: {
            "params": kw,
            **spread(
                lambda s: AdaBoostRegressor(random_state=s, **kw),
                Xtr, ytr, Xte, yte,
                extra=("estimators", lambda m: len(m.estimators_)),
            ),
        }
        for name, kw in ADABOOST_CONFIGS.items()
    }
    fixture["adaboost_driven"] = adaboost_driven(Xtr, ytr, Xte)
    fixture["source"] = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/return-matrix.ts rows, "
        "target = 5-day forward log return, X rounded to float32",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "seeds": SEEDS,
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-forest-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
