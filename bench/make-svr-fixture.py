"""scikit-learn reference fixture for src/lib/models/kernel/svr.ts.

Usage (through bench/make-svr-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-svr-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}; y is
the 5-day forward log return. Every case is make_pipeline(StandardScaler(), SVR(kernel, C=1, gamma='scale')) with
sklearn's defaults (epsilon 0.1, degree 3, coef0 0, tol 1e-3, shrinking, cache 200 MB), on the raw target (std
~0.025: nearly every row sits inside the 0.1 tube, so few support vectors) and on the target ×50 (many).
Dual coefficients are stored to 12 significant digits (the spec's tolerance is 1e-3 relative).
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

KERNELS = ["rbf", "linear", "poly", "sigmoid"]
TARGET_SCALES = {"raw": 1.0, "x50": 50.0}
PREDICTIONS_KEPT = 100


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    X = lambda name: read(name).reshape(-1, cols)
    return meta, X("Xtr.f64"), read("ytr.f64"), X("Xte.f64"), read("yte.f64")


def short(v):
    return float(f"{v:.12g}")


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte, yte = load(directory)
    cases = {}
    for scale_name, scale in TARGET_SCALES.items():
        for kernel in KERNELS:
            y, yt = ytr * scale, yte * scale
            pipe = make_pipeline(StandardScaler(), SVR(kernel=kernel, C=1.0, gamma="scale")).fit(Xtr, y)
            svr = pipe[1]
            cases[f"{kernel}_{scale_name}"] = {
                "kernel": kernel,
                "target_scale": scale,
                "gamma": float(svr._gamma),
                "n_iter": int(np.ravel(svr.n_iter_)[0]),
                "intercept": float(svr.intercept_[0]),
                "support": [int(i) for i in svr.support_],
                "dual_coef": [short(v) for v in svr.dual_coef_[0]],
                "test_predictions": [float(v) for v in pipe.predict(Xte[:PREDICTIONS_KEPT])],
                "train_r2": float(r2_score(y, pipe.predict(Xtr))),
                "test_r2": float(r2_score(yt, pipe.predict(Xte))),
            }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via forwardReturnMatrix "
        "(src/lib/testing/direction-matrix.ts), target = 5-day forward log return",
        "rows": meta["rows"],
        "test_rows_kept": PREDICTIONS_KEPT,
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-svr-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
