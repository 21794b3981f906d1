"""scikit-learn reference fixture for src/lib/models/linear/linear-regression.ts and elastic-net.ts.

Usage (through bench/make-linear-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-linear-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}; y is the
5-day forward log return. OLS is LinearRegression on the raw features (its predictions do not depend on the
features' scale); lasso and elastic net are make_pipeline(StandardScaler(), Lasso | ElasticNet(...)) with tol 1e-10
(a duality gap below 1e-10·‖y‖²) and a max_iter high enough that they converge; a ConvergenceWarning is an error.
The real target's variance is tiny (std ≈ 0.025), so the useful penalties are small: at alpha 3e-3 lasso already
keeps no coefficient.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PREDICTIONS_KEPT = 50
CD = dict(tol=1e-10, max_iter=1_000_000)

PENALISED = [
    ("lasso_1e-4", Lasso, dict(alpha=1e-4)),
    ("lasso_3e-4", Lasso, dict(alpha=3e-4)),
    ("lasso_1e-3", Lasso, dict(alpha=1e-3)),
    ("enet_1e-3_0.5", ElasticNet, dict(alpha=1e-3, l1_ratio=0.5)),
    ("enet_1e-2_0.2", ElasticNet, dict(alpha=1e-2, l1_ratio=0.2)),
    # l1_ratio 0 is pure ridge, where sklearn's duality gap never closes (it warns, suggesting Ridge):
    # the reference is Ridge on the same objective:
    # 1/(2n)‖r‖² + alpha/2‖w‖² = (1/n)·(½‖r‖² + n·alpha/2‖w‖²), so Ridge's alpha is n·alpha.
    ("enet_1e-2_0", Ridge, dict(alpha=1e-2, l1_ratio=0.0)),
]


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols)


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte = load(directory)
    scaler = StandardScaler().fit(Xtr)
    cases = {}
    for fit_intercept in (True, False):
        model = LinearRegression(fit_intercept=fit_intercept).fit(Xtr, ytr)
        cases[f"ols_intercept_{str(fit_intercept).lower()}"] = {
            "params": {"fit_intercept": fit_intercept},
            "coefficients": [float(v) for v in model.coef_],
            "standardised_coefficients": [float(v) for v in model.coef_ * scaler.scale_],
            "intercept": float(model.intercept_),
            "test_predictions": [float(v) for v in model.predict(Xte[:PREDICTIONS_KEPT])],
        }
    for name, estimator, kwargs in PENALISED:
        if estimator is Ridge:
            final = Ridge(alpha=kwargs["alpha"] * len(ytr), solver="cholesky")
        else:
            final = estimator(**kwargs, **CD)
        pipe = make_pipeline(StandardScaler(), final)
        with warnings.catch_warnings():
            warnings.simplefilter("error", category=sklearn.exceptions.ConvergenceWarning)
            pipe.fit(Xtr, ytr)
        s, m = pipe[0], pipe[1]
        coef_raw = m.coef_ / s.scale_
        cases[name] = {
            "params": {"alpha": kwargs["alpha"], "l1_ratio": kwargs.get("l1_ratio", 1.0), **CD},
            "standardised_coefficients": [float(v) for v in m.coef_],
            "coefficients": [float(v) for v in coef_raw],
            "intercept": float(m.intercept_ - np.sum(coef_raw * s.mean_)),
            "n_iter": int(m.n_iter_) if estimator is not Ridge else None,
            "reference": type(m).__name__,
            "test_predictions": [float(v) for v in pipe.predict(Xte[:PREDICTIONS_KEPT])],
        }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via forwardReturnMatrix"
        " (src/lib/testing/direction-matrix.ts)",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "ytr_std": float(ytr.std()),
        "rank": int(np.linalg.matrix_rank(Xtr - Xtr.mean(axis=0))),
        "condition_number_standardised": float(np.linalg.cond(scaler.transform(Xtr))),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-linear-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "predictions_kept": PREDICTIONS_KEPT, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
