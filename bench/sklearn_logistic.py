"""scikit-learn timing reference for bench/logistic.ts.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_logistic.py DIR REPEATS
DIR holds X.f64, y.f64 (little-endian float64, raw features and 0/1 labels) and meta.json {cols}. For each config
the whole make_pipeline(StandardScaler(), LogisticRegression(...)) is fitted REPEATS times (one untimed warm-up
first); prints one JSON object with the median fit seconds, the iterations and P(y=1) of the first 500 rows.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PROBABILITIES_KEPT = 500

# What a user of sklearn gets by default (lbfgs, tol 1e-4) and the precise solver of the same release; saga for
# l1/elasticnet at its default tol with room to converge. l1_ratio 0.5 = logistic.ts ELASTICNET_L1_RATIO.
CONFIGS = {
    "l2_C1_lbfgs": dict(penalty="l2", C=1.0, solver="lbfgs", max_iter=1000),
    "l2_C1_newton_cholesky": dict(penalty="l2", C=1.0, solver="newton-cholesky", max_iter=1000),
    "l1_C0.1_saga": dict(penalty="l1", C=0.1, solver="saga", max_iter=10000),
    "elasticnet_C0.1_saga": dict(penalty="elasticnet", C=0.1, solver="saga", max_iter=10000, l1_ratio=0.5),
    "none_lbfgs": dict(penalty=None, solver="lbfgs", max_iter=1000),
}


def main():
    directory, repeats = sys.argv[1], int(sys.argv[2])
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    X = np.fromfile(os.path.join(directory, "X.f64"), dtype="<f8").reshape(-1, cols)
    y = np.fromfile(os.path.join(directory, "y.f64"), dtype="<f8")
    out = {"sklearn_version": sklearn.__version__, "configs": {}}
    warnings.simplefilter("ignore")
    for name, kwargs in CONFIGS.items():
        make = lambda: make_pipeline(StandardScaler(), LogisticRegression(**kwargs))
        make().fit(X, y)
        times = []
        for _ in range(repeats):
            pipe = make()
            t0 = time.perf_counter()
            pipe.fit(X, y)
            times.append(time.perf_counter() - t0)
        out["configs"][name] = {
            "fit_seconds": float(np.median(times)),
            "n_iter": int(pipe[1].n_iter_[0]),
            "probabilities": [float(v) for v in pipe.predict_proba(X[:PROBABILITIES_KEPT])[:, 1]],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
