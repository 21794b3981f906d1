"""scikit-learn timing reference for bench/linear-kernel.ts.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_linear_kernel.py DIR TASKS_JSON
DIR holds Xtr.f64, ytr.f64 (little-endian float64, written by bench/matrix.ts) and meta.json {cols}. TASKS_JSON is a
list of [config, tile, repeats]: the training rows are tiled `tile` times (np.tile, as the TypeScript side does) and
make_pipeline(StandardScaler(), <estimator>) is fitted `repeats` times after one untimed warm-up at tile 1.
Prints one JSON object {sklearn_version, seconds: {"config@tile": median fit seconds}, extra: {...}}.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import BayesianRidge, SGDRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

# Passes of the online learner (src/lib/models/linear/online-sgd.ts SGD_EPOCHS).
SGD_EPOCHS = 5
# The scaled-target SVR case: y × 50 makes most rows support vectors.
SVR_TARGET_SCALE = 50.0

CONFIGS = {
    "bayesian_ridge": (lambda: BayesianRidge(), 1.0),
    "svr_rbf": (lambda: SVR(), 1.0),
    "svr_rbf_y50": (lambda: SVR(), SVR_TARGET_SCALE),
    "online_sgd": (
        lambda: SGDRegressor(
            loss="squared_error",
            penalty="l2",
            alpha=0.0,
            learning_rate="constant",
            eta0=0.01,
            shuffle=False,
            max_iter=SGD_EPOCHS,
            tol=None,
            random_state=0,
        ),
        1.0,
    ),
}


def main():
    directory, tasks = sys.argv[1], json.loads(sys.argv[2])
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    X = np.fromfile(os.path.join(directory, "Xtr.f64"), dtype="<f8").reshape(-1, cols)
    y = np.fromfile(os.path.join(directory, "ytr.f64"), dtype="<f8")
    warnings.simplefilter("ignore", ConvergenceWarning)
    seconds, extra = {}, {}
    for name, tile, repeats in tasks:
        make, scale = CONFIGS[name]
        Xt, yt = np.tile(X, (tile, 1)), np.tile(y, tile) * scale
        if tile == 1:
            make_pipeline(StandardScaler(), make()).fit(Xt, yt)
        times = []
        for _ in range(repeats):
            pipe = make_pipeline(StandardScaler(), make())
            t0 = time.perf_counter()
            pipe.fit(Xt, yt)
            times.append(time.perf_counter() - t0)
        seconds[f"{name}@{tile}"] = float(np.median(times))
        est = pipe[1]
        if hasattr(est, "support_"):
            extra[f"{name}@{tile}"] = {"support_vectors": int(len(est.support_)), "n_iter": int(np.ravel(est.n_iter_)[0])}
        elif hasattr(est, "n_iter_"):
            extra[f"{name}@{tile}"] = {"n_iter": int(np.ravel(est.n_iter_)[0])}
    print(json.dumps({"sklearn_version": sklearn.__version__, "seconds": seconds, "extra": extra}))


if __name__ == "__main__":
    main()
