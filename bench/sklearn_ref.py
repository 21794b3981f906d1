"""scikit-learn reference for bench/learners.ts (js-model-anchors.md §2).

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_ref.py DIR
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64, written by bench/matrix.ts) and meta.json
with {"cols": n_features}. Prints one JSON object: per model, median fit seconds (3 fits for the GBM, 21 for
ridge), predict seconds, train/test R²; ridge also gives its coefficients and intercept.
"""

import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score

GBM_FIT_REPEATS = 3
# Ridge fits take under a millisecond, where a median of 3 is mostly timer noise (anchors doc §5 uses 21).
RIDGE_FIT_REPEATS = 21


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    return read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols), read("yte.f64")


def measure(make, repeats, Xtr, ytr, Xte, yte):
    times = []
    model = None
    for _ in range(repeats):
        model = make()
        t0 = time.perf_counter()
        model.fit(Xtr, ytr)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    pte = model.predict(Xte)
    predict_s = time.perf_counter() - t0
    return {
        "fit_seconds": float(np.median(times)),
        "predict_seconds": predict_s,
        "train_r2": float(r2_score(ytr, model.predict(Xtr))),
        "test_r2": float(r2_score(yte, pte)),
    }


def main():
    import sklearn

    Xtr, ytr, Xte, yte = load(sys.argv[1])
    gbm = lambda: HistGradientBoostingRegressor(
        max_iter=100,
        learning_rate=0.1,
        max_depth=6,
        min_samples_leaf=20,
        l2_regularization=0.0,
        max_leaf_nodes=None,
        early_stopping=False,
        max_bins=255,
    )
    out = {
        "sklearn_version": sklearn.__version__,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "shape": [int(Xtr.shape[0]), int(Xte.shape[0]), int(Xtr.shape[1])],
        "hist_gbm": measure(gbm, GBM_FIT_REPEATS, Xtr, ytr, Xte, yte),
        "ridge": measure(lambda: Ridge(alpha=1.0), RIDGE_FIT_REPEATS, Xtr, ytr, Xte, yte),
    }
    ridge = Ridge(alpha=1.0).fit(Xtr, ytr)
    out["ridge"]["coefficients"] = [float(c) for c in ridge.coef_]
    out["ridge"]["intercept"] = float(ridge.intercept_)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
