"""scikit-learn reference fixtures for src/lib/models/linear/logistic.ts and src/lib/domain/classification-metrics.ts.

Usage (through bench/make-logistic-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-logistic-fixture.py DIR LOGISTIC_OUT METRICS_OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}.
Every model is make_pipeline(StandardScaler(), LogisticRegression(...)) fitted to convergence far tighter than the
spec's tolerances: newton-cholesky for l2/none, saga for l1/elasticnet, tol 1e-10.

Why not lbfgs for l2/none: scipy's L-BFGS-B also stops on a relative decrease of the objective (factr 1e7), which
`tol` does not reach; on this matrix lbfgs "converges" with a largest gradient entry of 5.8e-3 (l2, C=1) and
probabilities ~1e-5 away from the optimum, while newton-cholesky ends at 4e-9. The lbfgs fit is kept in the
fixture (`lbfgs_test_probabilities`) so its distance from the optimum stays visible.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    brier_score_loss,
    log_loss,
    roc_auc_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PREDICTIONS_KEPT = 50
CALIBRATION_BINS = 10
# logistic.ts fixes l1_ratio for elasticnet (ELASTICNET_L1_RATIO); the reference must use the same mix.
ELASTICNET_L1_RATIO = 0.5

CONFIGS = [
    ("l2_C1", dict(penalty="l2", C=1.0, solver="newton-cholesky", tol=1e-10, max_iter=100000)),
    ("l2_C0.01", dict(penalty="l2", C=0.01, solver="newton-cholesky", tol=1e-10, max_iter=100000)),
    ("l1_C0.1", dict(penalty="l1", C=0.1, solver="saga", tol=1e-10, max_iter=100000)),
    (
        "elasticnet_C0.1",
        dict(penalty="elasticnet", C=0.1, solver="saga", tol=1e-10, max_iter=100000, l1_ratio=ELASTICNET_L1_RATIO),
    ),
    ("none", dict(penalty=None, C=1.0, solver="newton-cholesky", tol=1e-10, max_iter=100000)),
]


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols), read("yte.f64")


def fit(Xtr, ytr, kwargs):
    pipe = make_pipeline(StandardScaler(), LogisticRegression(**kwargs))
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=sklearn.exceptions.ConvergenceWarning)
        pipe.fit(Xtr, ytr)
    scaler, model = pipe[0], pipe[1]
    w = model.coef_[0]
    coef_raw = w / scaler.scale_
    intercept_raw = float(model.intercept_[0] - np.sum(coef_raw * scaler.mean_))
    return pipe, {
        "standardised_coefficients": [float(v) for v in w],
        "coefficients": [float(v) for v in coef_raw],
        "intercept": intercept_raw,
        "n_iter": int(model.n_iter_[0]),
    }


def metrics_case(y, p):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=CALIBRATION_BINS, strategy="uniform")
    # calibration_curve drops empty bins; the counts come from the same binning it uses (searchsorted, left).
    bins = np.linspace(0.0, 1.0, CALIBRATION_BINS + 1)
    binids = np.searchsorted(bins[1:-1], p)
    counts = np.bincount(binids, minlength=CALIBRATION_BINS)
    return {
        "y": [int(v) for v in y],
        "p": [float(v) for v in p],
        "accuracy": float(accuracy_score(y, (p > 0.5).astype(int))),
        "balanced_accuracy": float(balanced_accuracy_score(y, (p > 0.5).astype(int))),
        "roc_auc": float(roc_auc_score(y, p)),
        "log_loss": float(log_loss(y, p)),
        "brier": float(brier_score_loss(y, p)),
        "calibration_counts": [int(c) for c in counts],
        "calibration_observed": [float(v) for v in prob_true],
        "calibration_mean_predicted": [float(v) for v in prob_pred],
    }


def main():
    directory, logistic_out, metrics_out = sys.argv[1:4]
    meta, Xtr, ytr, Xte, yte = load(directory)
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/direction-matrix.ts",
        "rows": meta["rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-logistic-fixture.ts",
    }
    cases = {}
    reference_pipe = None
    for name, kwargs in CONFIGS:
        pipe, out = fit(Xtr, ytr, kwargs)
        out["params"] = {k: v for k, v in kwargs.items() if k in ("penalty", "C", "solver", "tol", "l1_ratio")}
        out["test_probabilities"] = [float(v) for v in pipe.predict_proba(Xte[:PREDICTIONS_KEPT])[:, 1]]
        if kwargs["solver"] == "newton-cholesky":
            lbfgs, _ = fit(Xtr, ytr, {**kwargs, "solver": "lbfgs"})
            out["lbfgs_test_probabilities"] = [float(v) for v in lbfgs.predict_proba(Xte[:PREDICTIONS_KEPT])[:, 1]]
        cases[name] = out
        if name == "l2_C1":
            reference_pipe = pipe
    with open(logistic_out, "w") as f:
        json.dump({"source": source, "predictions_kept": PREDICTIONS_KEPT, "cases": cases}, f, indent=1)
        f.write("\n")

    p = reference_pipe.predict_proba(Xte)[:, 1]
    metrics = {
        "source": {**source, "model": "l2_C1 of logistic.fixture.json, probabilities of the 500 test rows"},
        "real": metrics_case(yte, p),
        # Two decimals create ties and probabilities exactly on the bin edges.
        "rounded": metrics_case(yte, np.round(p, 2)),
    }
    with open(metrics_out, "w") as f:
        json.dump(metrics, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
