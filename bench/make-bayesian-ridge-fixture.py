"""scikit-learn reference fixture for src/lib/models/linear/bayesian-ridge.ts.

Usage (through bench/make-bayesian-ridge-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-bayesian-ridge-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}; y is the
5-day forward log return. Every case is make_pipeline(StandardScaler(), BayesianRidge(...)) with sklearn's
defaults for everything the catalog does not expose (lambda_2 1e-6, n_iter 300, tol 1e-3).
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import BayesianRidge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PREDICTIONS_KEPT = 100
CASES = {
    "defaults": dict(alpha_1=1e-6, alpha_2=1e-6, lambda_1=1e-6),
    "strong_priors": dict(alpha_1=1e-2, alpha_2=1e-2, lambda_1=1e-2),
    "mixed_priors": dict(alpha_1=1e-10, alpha_2=1e-3, lambda_1=1e-4),
}
# The same defaults on a target scaled ×50, where the evidence loop needs more iterations before Σ|Δw| < tol.
SCALED_TARGET = 50.0


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols)


def case(params, Xtr, ytr, Xte):
    pipe = make_pipeline(StandardScaler(), BayesianRidge(**params)).fit(Xtr, ytr)
    br = pipe[1]
    mean, std = pipe.predict(Xte[:PREDICTIONS_KEPT], return_std=True)
    _, train_std = pipe.predict(Xtr, return_std=True)
    return {
        "params": params,
        "standardised_coefficients": [float(v) for v in br.coef_],
        "intercept": float(br.intercept_),
        "alpha": float(br.alpha_),
        "lambda": float(br.lambda_),
        "n_iter": int(br.n_iter_),
        "test_predictions": [float(v) for v in mean],
        "test_std": [float(v) for v in std],
        "train_mean_std": float(train_std.mean()),
        "train_r2": float(pipe.score(Xtr, ytr)),
    }


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte = load(directory)
    cases = {name: case(params, Xtr, ytr, Xte) for name, params in CASES.items()}
    cases["defaults_target_x50"] = case(CASES["defaults"], Xtr, ytr * SCALED_TARGET, Xte)
    cases["defaults_target_x50"]["target_scale"] = SCALED_TARGET
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via forwardReturnMatrix "
        "(src/lib/testing/direction-matrix.ts), target = 5-day forward log return",
        "rows": meta["rows"],
        "test_rows_kept": PREDICTIONS_KEPT,
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-bayesian-ridge-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
