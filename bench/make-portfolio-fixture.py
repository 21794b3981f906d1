"""SciPy SLSQP and scikit-learn references for src/lib/models/portfolio.

Usage: npx tsx bench/make-portfolio-fixture.ts (writes the closes, runs this with /usr/bin/python3, formats).
argv: dir (closes.f64: real monthly closes of MSFT, AMZN, IBM, AAPL on their common months, months x symbols,
little-endian float64; meta.json), output path.
Monthly simple returns r = close[t]/close[t-1] - 1; mu = their mean, cov = np.cov(ddof=1).
Each optimum is found by scipy.optimize.minimize(method='SLSQP') with analytic gradients, ftol 1e-16, from
equal weights, and polished by a second SLSQP run from the first answer; the script refuses to write a fixture
whose weights miss the sum or bounds by more than 1e-12.
"""

import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from sklearn.covariance import LedoitWolf


def slsqp(fun, jac, n, bounds):
    cons = [{"type": "eq", "fun": lambda w: np.sum(w) - 1, "jac": lambda w: np.ones(n)}]
    w = np.full(n, 1.0 / n)
    for _ in range(2):
        res = minimize(fun, w, jac=jac, method="SLSQP", bounds=bounds, constraints=cons,
                       options={"ftol": 1e-16, "maxiter": 2000})
        w = res.x
    w = np.clip(w, [b[0] for b in bounds], [b[1] for b in bounds])
    assert abs(np.sum(w) - 1) < 1e-12, np.sum(w)
    return w


def main():
    d, out = sys.argv[1], sys.argv[2]
    meta = json.load(open(os.path.join(d, "meta.json")))
    symbols = meta["symbols"]
    n = len(symbols)
    closes = np.fromfile(os.path.join(d, "closes.f64"), dtype="<f8").reshape(meta["rows"], n)
    r = closes[1:] / closes[:-1] - 1
    mu = r.mean(axis=0)
    cov = np.cov(r, rowvar=False, ddof=1)

    mv = []
    for delta, lo, hi in [(1.0, 0.0, 1.0), (5.0, 0.0, 1.0), (20.0, 0.05, 0.4)]:
        b = [(lo, hi)] * n
        w = slsqp(lambda w: 0.5 * delta * w @ cov @ w - mu @ w, lambda w: delta * cov @ w - mu, n, b)
        mv.append({"risk_aversion": delta, "lower": lo, "upper": hi, "weights": w.tolist()})

    ms = []
    for rf, lo, hi in [(0.02 / 12, 0.0, 1.0), (0.0, 0.1, 0.5), (0.02 / 12, 0.0, 0.3)]:
        ex = mu - rf

        def neg_sharpe(w):
            return -(ex @ w) / np.sqrt(w @ cov @ w)

        def grad(w):
            s = np.sqrt(w @ cov @ w)
            return -(ex / s - (ex @ w) * (cov @ w) / s**3)

        w = slsqp(neg_sharpe, grad, n, [(lo, hi)] * n)
        ms.append({"rf": rf, "lower": lo, "upper": hi, "weights": w.tolist()})

    # Equal risk contributions: SLSQP on the convex problem min 0.5 y'Cy - (1/n) sum ln y, y > 0, whose
    # minimiser normalised to sum 1 is the ERC portfolio (Maillard, Roncalli & Teiletche 2010, eq. 7).
    res = minimize(lambda y: 0.5 * y @ cov @ y - np.sum(np.log(y)) / n, np.full(n, 1.0),
                   jac=lambda y: cov @ y - 1.0 / (n * y), method="SLSQP", bounds=[(1e-9, None)] * n,
                   options={"ftol": 1e-16, "maxiter": 2000})
    y = minimize(lambda y: 0.5 * y @ cov @ y - np.sum(np.log(y)) / n, res.x,
                 jac=lambda y: cov @ y - 1.0 / (n * y), method="SLSQP", bounds=[(1e-9, None)] * n,
                 options={"ftol": 1e-16, "maxiter": 2000}).x
    w_erc = y / np.sum(y)
    rc = w_erc * (cov @ w_erc) / (w_erc @ cov @ w_erc)
    assert np.max(np.abs(rc - 1.0 / n)) < 1e-7, rc

    lw = LedoitWolf().fit(r)
    with open(out, "w") as f:
        json.dump(
            {
                "source": {
                    "data": "vega-datasets stocks.csv monthly closes, common months of " + ", ".join(symbols),
                    "returns": "simple monthly returns; mu = mean, cov = np.cov(ddof=1)",
                    "scipy_version": scipy.__version__,
                    "sklearn_version": sklearn.__version__,
                    "definition": "scipy.optimize.minimize(SLSQP, ftol=1e-16) of 0.5*delta*w'Cw - mu'w, "
                    "-(mu-rf)'w/sqrt(w'Cw) (sum w = 1, bounds); ERC: 0.5 y'Cy - mean(ln y), w = y/sum y; "
                    "sklearn.covariance.LedoitWolf().fit(returns)",
                    "made_by": "npx tsx bench/make-portfolio-fixture.ts",
                },
                "symbols": symbols,
                "returns": r.tolist(),
                "mu": mu.tolist(),
                "cov": cov.tolist(),
                "mean_variance": mv,
                "max_sharpe": ms,
                "risk_parity": w_erc.tolist(),
                "ledoit_wolf": {"covariance": lw.covariance_.tolist(), "shrinkage": float(lw.shrinkage_)},
            },
            f,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
