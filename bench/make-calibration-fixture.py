"""scikit-learn 1.2.1 references for src/lib/research/recommend/ (isotonic.ts, platt.ts, calibration-metrics.ts).

Usage (from the repository root):
  /usr/bin/python3 bench/make-calibration-fixture.py && \
    npx prettier --write src/lib/research/recommend/calibration.fixture.json
The inputs are seeded NumPy draws (test inputs for the algorithms, not market data), rounded so JSON holds them
exactly. For each case it records:
- isotonic: IsotonicRegression(out_of_bounds='clip') X_thresholds_, y_thresholds_ and predict() at query scores
  (inside, between and outside the data, on ties), and CalibratedClassifierCV(method='isotonic', cv='prefit')
  predict_proba[:, 1] for a classifier whose decision_function is the score;
- platt: sklearn.calibration._sigmoid_calibration (A, B) (P = 1/(1 + exp(A s + B)), BFGS, gtol 1e-5), the
  CalibratedClassifierCV(method='sigmoid', cv='prefit') probabilities, and the optimum of the same objective
  solved tightly (scipy.optimize.minimize, method='trust-exact', then 20 plain Newton steps; gradient < 1e-10)
  to compare the exact answer;
- metrics: brier_score_loss, log_loss, calibration_curve(strategy uniform / quantile, n_bins 5 and 10).
"""

import json

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import expit, xlogy
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV, _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss, log_loss

OUT = "src/lib/research/recommend/calibration.fixture.json"


class Scorer(ClassifierMixin, BaseEstimator):
    """A fitted 'classifier' whose decision function is the first column: the score to calibrate."""

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def decision_function(self, X):
        return X[:, 0]


def draw(seed, n, a, b, decimals):
    rng = np.random.default_rng(seed)
    s = np.round(rng.normal(0.0, 1.0, n), decimals)
    y = (rng.random(n) < expit(a * s + b)).astype(int)
    return s, y


def prefit_proba(method, s, y, q):
    est = Scorer().fit(s[:, None], y)
    cal = CalibratedClassifierCV(estimator=est, method=method, cv="prefit").fit(s[:, None], y)
    return cal.predict_proba(q[:, None])[:, 1]


def queries(s):
    lo, hi = s.min(), s.max()
    inner = np.linspace(lo, hi, 23)
    return np.concatenate([[lo - 1.0, lo, hi, hi + 2.5], inner, s[:5]])


def isotonic_case(name, seed, n, a, b, decimals):
    s, y = draw(seed, n, a, b, decimals)
    iso = IsotonicRegression(out_of_bounds="clip").fit(s, y)
    q = queries(s)
    return {"name": name, "scores": s.tolist(), "outcomes": y.tolist(), "queries": q.tolist(),
            "thresholdsX": iso.X_thresholds_.tolist(), "thresholdsY": iso.y_thresholds_.tolist(),
            "predict": iso.predict(q).tolist(), "calibratedProba": prefit_proba("isotonic", s, y, q).tolist()}


def tight_platt(s, y):
    n1 = float(np.sum(y > 0))
    n0 = len(y) - n1
    t = np.where(y > 0, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))

    def f(ab):
        p = expit(-(ab[0] * s + ab[1]))
        return -(xlogy(t, p) + xlogy(1 - t, 1 - p)).sum()

    def g(ab):
        p = expit(-(ab[0] * s + ab[1]))
        return np.array([np.dot(t - p, s), np.sum(t - p)])

    def h(ab):
        p = expit(-(ab[0] * s + ab[1]))
        w = p * (1 - p)
        return np.array([[np.dot(w, s * s), np.dot(w, s)], [np.dot(w, s), w.sum()]])

    r = minimize(f, np.array([0.0, np.log((n0 + 1) / (n1 + 1))]), jac=g, hess=h, method="trust-exact",
                 options={"gtol": 1e-12})
    # trust-exact can stop with a gradient near 1e-7; polish with plain Newton steps (the objective is convex).
    x = r.x
    for _ in range(20):
        x = x - np.linalg.solve(h(x), g(x))
    assert np.max(np.abs(g(x))) < 1e-10, g(x)
    return x


def platt_case(name, seed, n, a, b, decimals):
    s, y = draw(seed, n, a, b, decimals)
    A, B = _sigmoid_calibration(s, y)
    At, Bt = tight_platt(s, y)
    q = queries(s)
    return {"name": name, "scores": s.tolist(), "outcomes": y.tolist(), "queries": q.tolist(),
            "sklearnA": float(A), "sklearnB": float(B), "optimumA": float(At), "optimumB": float(Bt),
            "calibratedProba": prefit_proba("sigmoid", s, y, q).tolist()}


def metrics_case(name, seed, n):
    rng = np.random.default_rng(seed)
    p = np.round(rng.beta(2.0, 3.0, n), 4)
    y = (rng.random(n) < p).astype(int)
    curves = []
    for strategy in ("uniform", "quantile"):
        for bins in (5, 10):
            true, pred = calibration_curve(y, p, n_bins=bins, strategy=strategy)
            curves.append({"strategy": strategy, "bins": bins, "fractionPositive": true.tolist(),
                           "meanPredicted": pred.tolist()})
    return {"name": name, "probabilities": p.tolist(), "outcomes": y.tolist(),
            "brier": float(brier_score_loss(y, p)), "logLoss": float(log_loss(y, p)), "curves": curves}


fixture = {
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
    "isotonic": [isotonic_case("ties (scores to 1 decimal)", 1, 200, 1.5, 0.2, 1),
                 isotonic_case("distinct scores", 2, 150, 0.8, -0.3, 6),
                 isotonic_case("one class only", 3, 40, 0.0, 9.0, 3)],
    "platt": [platt_case("moderate slope", 4, 300, 1.2, 0.3, 6),
              platt_case("weak slope, ties", 5, 250, 0.3, -0.2, 1),
              platt_case("steep slope", 6, 200, 4.0, 1.0, 6)],
    "metrics": [metrics_case("beta(2, 3) probabilities", 7, 300)],
}
with open(OUT, "w") as fh:
    json.dump(fixture, fh)
print("wrote", OUT)
