"""scikit-learn timing reference for bench/gbm.ts.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_gbm.py DIR SCALES REPEATS
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64, the bench matrix of bench/matrix.ts) and
meta.json {cols}. SCALES is a comma list of tile factors: the training rows are repeated that many times
(np.tile, the same order as bench/gbm.ts). For each config and scale the estimator is fitted REPEATS times after
one untimed warm-up fit; prints one JSON object with the median fit seconds, the trees and leaves grown and, at
scale 1, train and test R².

Configs: `lightgbm` = HistGradientBoostingRegressor() defaults (max_iter 100, learning_rate 0.1, max_leaf_nodes
31, min_samples_leaf 20, l2 0, max_bins 255) with early_stopping=False, so the 16x matrix (> 10,000 rows, where
'auto' would turn it on) does the same work as ours; `xgboost` = the depth-wise analogue of our xgboost bench
(max_depth 6, no leaf cap).
"""

import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import r2_score

CONFIGS = {
    "lightgbm": dict(early_stopping=False),
    "xgboost": dict(max_depth=6, max_leaf_nodes=None, min_samples_leaf=20, early_stopping=False),
}


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    return read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols), read("yte.f64")


def leaves(model):
    return int(sum(int(p.nodes["is_leaf"].sum()) for [p] in model._predictors))


def main():
    directory, scales, repeats = sys.argv[1], [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3])
    configs = sys.argv[4].split(",") if len(sys.argv) > 4 else list(CONFIGS)
    Xtr, ytr, Xte, yte = load(directory)
    out = {"sklearn_version": sklearn.__version__, "configs": {}}
    for name in configs:
        kwargs = CONFIGS[name]
        out["configs"][name] = {}
        for scale in scales:
            X, y = np.tile(Xtr, (scale, 1)), np.tile(ytr, scale)
            HistGradientBoostingRegressor(**kwargs).fit(X, y)
            times, cpu = [], []
            for _ in range(repeats):
                model = HistGradientBoostingRegressor(**kwargs)
                t0, c0 = time.perf_counter(), time.process_time()
                model.fit(X, y)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            entry = {
                "fit_seconds": float(np.median(times)),
                "fit_cpu_seconds": float(np.median(cpu)),
                "trees": int(model.n_iter_),
                "leaves": leaves(model),
            }
            if scale == 1:
                entry["train_r2"] = float(r2_score(y, model.predict(X)))
                entry["test_r2"] = float(r2_score(yte, model.predict(Xte)))
            out["configs"][name][str(scale)] = entry
    print(json.dumps(out))


if __name__ == "__main__":
    main()
