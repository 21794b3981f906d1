"""
Reference values for src/lib/research/overfitting (normal quantile, PSR / DSR, CSCV PBO):
    /usr/bin/python3 bench/make-overfitting-fixture.py src/lib/research/overfitting/overfitting.fixture.json
    npx prettier --write src/lib/research/overfitting/overfitting.fixture.json
scipy 1.10 (scipy.stats.norm.ppf / cdf, skew, kurtosis, rankdata) and NumPy. The inputs are deterministic formulas
(case_returns, case_trial_sharpes, case_matrix below, repeated in src/lib/research/overfitting/fixture-cases.ts), so no data file is passed between the two languages.
The PBO reference is CSCV re-written here from Bailey, Borwein, López de Prado & Zhu (2017), §2: contiguous blocks,
every C(S, S/2) in-sample choice in itertools order, best in-sample Sharpe (first on ties), its out-of-sample rank
(average ranks on ties) over N + 1, logit, PBO = share of logits <= 0.
"""
import itertools
import json
import sys

import numpy as np
import scipy
from scipy.stats import kurtosis, norm, rankdata, skew

EULER_GAMMA = 0.5772156649015329


def case_returns(n):
    t = np.arange(n, dtype=float)
    r = 0.0012 + 0.01 * np.sin(0.7 * t + 0.3) * np.cos(0.013 * t)
    r[(np.arange(n) % 37) == 0] -= 0.02
    return r


def case_trial_sharpes(n):
    i = np.arange(n, dtype=float)
    return 0.05 * np.sin(1.3 * i + 0.2)


def case_matrix(rows, cols):
    t = np.arange(rows, dtype=float)[:, None]
    j = np.arange(cols, dtype=float)[None, :]
    # A smooth but scrambled pattern with a different drift per column.
    return 0.01 * np.sin(t * (0.37 + 0.11 * j) + j * j) + 0.002 * np.cos(t * 1.91 + 3.0 * j) + 0.0005 * (j - cols / 2) / cols


def psr(sr, skw, kurt, periods, benchmark):
    return norm.cdf((sr - benchmark) * np.sqrt(periods - 1) / np.sqrt(1 - skw * sr + (kurt - 1) / 4 * sr * sr))


def expected_max(trials, variance):
    if trials == 1:
        return 0.0
    z = (1 - EULER_GAMMA) * norm.ppf(1 - 1 / trials) + EULER_GAMMA * norm.ppf(1 - 1 / (trials * np.e))
    return float(np.sqrt(variance) * z)


def sharpe_cols(m):
    return m.mean(axis=0) / m.std(axis=0, ddof=1)


def cscv(m, s):
    t, n = m.shape
    bounds = np.linspace(0, t, s + 1).astype(int) if t % s == 0 else None
    assert bounds is not None
    blocks = [np.arange(bounds[k], bounds[k + 1]) for k in range(s)]
    lambdas, is_perf, oos_perf, best = [], [], [], []
    for combo in itertools.combinations(range(s), s // 2):
        ins = np.concatenate([blocks[k] for k in combo])
        oos = np.concatenate([blocks[k] for k in range(s) if k not in combo])
        r_is, r_oos = sharpe_cols(m[ins]), sharpe_cols(m[oos])
        n_star = int(np.argmax(r_is))
        omega = rankdata(r_oos)[n_star] / (n + 1)
        lambdas.append(float(np.log(omega / (1 - omega))))
        is_perf.append(float(r_is[n_star]))
        oos_perf.append(float(r_oos[n_star]))
        best.append(n_star)
    lambdas = np.array(lambdas)
    slope, intercept = np.polyfit(is_perf, oos_perf, 1)
    return {
        "slope": float(slope),
        "intercept": float(intercept),
        "pbo": float(np.mean(lambdas <= 0)),
        "probabilityOfLoss": float(np.mean(np.array(oos_perf) < 0)),
        "lambdas": lambdas.tolist(),
        "inSample": is_perf,
        "outOfSample": oos_perf,
        "selected": best,
    }


def main(out):
    probabilities = [1e-300, 1e-100, 1e-20, 1e-12, 1.4e-11, 1e-10, 1e-6, 1e-3, 0.01, 0.025, 0.0749, 0.075, 0.1,
                     0.3, 0.5, 0.7, 0.925, 0.9251, 0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10, 1 - 1 / 100,
                     1 - 1 / (100 * np.e), 1 - 1 / 7, 1 - 1 / (7 * np.e)]
    ppf = [[p, float(norm.ppf(p))] for p in probabilities]

    # The 2014 paper's numerical example: annualised SR 2.5, 5 years of daily returns (T = 1250, 250 a year),
    # N = 100 trials, annualised V[SR] = 1/2, skewness -3, kurtosis 10.
    sr, var = 2.5 / np.sqrt(250), 0.5 / 250
    e_max = expected_max(100, var)
    paper = {
        "sharpe": sr, "sharpeVariance": var, "periods": 1250, "trials": 100, "skew": -3.0, "kurtosis": 10.0,
        "expectedMaxSharpe": e_max, "psr0": float(psr(sr, -3, 10, 1250, 0)), "dsr": float(psr(sr, -3, 10, 1250, e_max)),
    }

    r = case_returns(500)
    trial_sr = case_trial_sharpes(40)
    r_sr = float(r.mean() / r.std(ddof=1))
    r_skew = float(skew(r))
    r_kurt = float(kurtosis(r, fisher=False))
    r_var = float(np.var(trial_sr, ddof=1))
    r_emax = expected_max(40, r_var)
    returns_case = {
        "periods": 500, "trials": 40, "sharpe": r_sr, "skew": r_skew, "kurtosis": r_kurt, "sharpeVariance": r_var,
        "expectedMaxSharpe": r_emax, "psr0": float(psr(r_sr, r_skew, r_kurt, 500, 0)),
        "dsr": float(psr(r_sr, r_skew, r_kurt, 500, r_emax)),
    }

    pbo_case = {"rows": 240, "cols": 8, "blocks": 6, **cscv(case_matrix(240, 8), 6)}

    fixture = {
        "source": f"bench/make-overfitting-fixture.py, scipy {scipy.__version__}, numpy {np.__version__}",
        "ppf": ppf, "paperExample": paper, "returnsCase": returns_case, "pboCase": pbo_case,
    }
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
