"""scipy 1.10 / statsmodels 0.13.5 reference fixture for src/lib/models/stats/.

Usage (through bench/make-stats-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-stats-fixture.py DIR OUT
DIR holds little-endian float64 files: sp_close / sp_volume (the bundled S&P 500 daily bars), pair_aapl /
pair_sp500 (monthly closes on their common months) and panel_msft / _amzn / _ibm / _aapl (likewise).

- distributions: scipy.special.gammaln and scipy.stats norm.cdf, chi2.sf / cdf, t.cdf, f.sf / cdf on a grid
  that reaches into the tails.
- ols: statsmodels OLS(y, X).fit() of monthly MSFT log returns on a constant, AMZN, IBM and AAPL log returns.
- adf: statsmodels.tsa.stattools.adfuller(x, regression, autolag) with the default maxlag, on the S&P 500 daily
  log close and daily log return, every regression and autolag; kpss(x, regression, nlags="auto") on the same
  series and on monthly log closes / returns of AAPL (whose statistics fall inside the KPSS table).
- granger: grangercausalitytests(np.column_stack([subject, cause]), maxlag) on monthly AAPL (subject) vs S&P 500
  log returns, and on daily S&P 500 log returns (subject) vs the daily log change of S&P 500 volume.
- causal: monthly panel log returns, outcome MSFT, treatment AMZN, the rest (IBM, AAPL) the adjustment set:
  OLS back-door coefficient; IV2SLS with IBM and AAPL as instruments; the linear front-door product with IBM and
  AAPL as mediators (two OLS fits); Logit propensity of AMZN return > 0 on a constant, IBM, AAPL.
"""

import json
import os
import sys
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.sandbox.regression.gmm import IV2SLS
from statsmodels.tsa.stattools import adfuller, grangercausalitytests, kpss


def load(directory, name):
    return np.fromfile(os.path.join(directory, name + ".f64"), dtype="<f8")


def distributions():
    out = {"gammaln": [], "norm_cdf": [], "chi2": [], "t_cdf": [], "f": []}
    for x in [0.1, 0.5, 1.0, 1.5, 3.7, 10.0, 100.0, 1250.5, 2.5e4]:
        out["gammaln"].append([x, float(special.gammaln(x))])
    for z in [-37.0, -20.0, -8.5, -5.0, -3.0, -1.96, -1.0, -0.3, 0.0, 0.2, 1.0, 2.5, 6.0]:
        out["norm_cdf"].append([z, float(stats.norm.cdf(z))])
    for df in [1, 2, 3, 5, 10, 20, 100, 1000]:
        for m in [0.01, 0.5, 1.0, 2.0, 5.0]:
            x = m * df
            out["chi2"].append([x, df, float(stats.chi2.sf(x, df)), float(stats.chi2.cdf(x, df))])
    for df in [1, 2, 5, 10, 30, 118, 2500]:
        for t in [-40.0, -5.0, -2.0, -0.5, 0.0, 0.7, 3.0, 10.0]:
            out["t_cdf"].append([t, df, float(stats.t.cdf(t, df))])
    for d1, d2 in [(1, 10), (4, 110), (4, 2500), (20, 50), (3, 7), (1, 5000)]:
        for f in [0.01, 0.5, 1.0, 2.5, 5.0, 20.0]:
            out["f"].append([f, d1, d2, float(stats.f.sf(f, d1, d2)), float(stats.f.cdf(f, d1, d2))])
    return out


def ols_case(y, X):
    r = sm.OLS(y, X).fit()
    return {
        "params": r.params.tolist(),
        "bse": r.bse.tolist(),
        "tvalues": r.tvalues.tolist(),
        "pvalues": r.pvalues.tolist(),
        "ssr": float(r.ssr),
        "llf": float(r.llf),
        "aic": float(r.aic),
        "bic": float(r.bic),
        "df_resid": float(r.df_resid),
    }


def adf_cases(series):
    out = []
    for name, x in series.items():
        for regression in ["c", "ct", "ctt", "n"]:
            for autolag in ["AIC", "BIC", "t-stat", None]:
                res = adfuller(x, regression=regression, autolag=autolag)
                stat, p, usedlag, nobs, crit = res[:5]
                out.append(
                    {
                        "series": name,
                        "regression": regression,
                        "autolag": "none" if autolag is None else autolag,
                        "stat": float(stat),
                        "pvalue": float(p),
                        "usedlag": int(usedlag),
                        "nobs": int(nobs),
                        "crit": [float(crit["1%"]), float(crit["5%"]), float(crit["10%"])],
                        "icbest": None if autolag is None else float(res[5]),
                    }
                )
    return out


def kpss_cases(series):
    out = []
    for name, x in series.items():
        for regression in ["c", "ct"]:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                stat, p, lags, crit = kpss(x, regression=regression, nlags="auto")
            out.append(
                {
                    "series": name,
                    "regression": regression,
                    "stat": float(stat),
                    "pvalue": float(p),
                    "lags": int(lags),
                    "boundary_warning": any("outside of the range" in str(w.message) for w in caught),
                }
            )
    return out


def granger_case(subject, cause, maxlag):
    x = np.column_stack([subject, cause])
    res = grangercausalitytests(x, maxlag, verbose=False)
    rows = []
    for lag in range(1, maxlag + 1):
        t = res[lag][0]
        rows.append(
            {
                "lag": lag,
                "f": float(t["ssr_ftest"][0]),
                "f_p": float(t["ssr_ftest"][1]),
                "df_denom": float(t["ssr_ftest"][2]),
                "df_num": int(t["ssr_ftest"][3]),
                "chi2": float(t["ssr_chi2test"][0]),
                "chi2_p": float(t["ssr_chi2test"][1]),
                "lr": float(t["lrtest"][0]),
                "lr_p": float(t["lrtest"][1]),
            }
        )
    return rows


def causal(directory):
    r = {k: np.diff(np.log(load(directory, "panel_" + k))) for k in ["msft", "amzn", "ibm", "aapl"]}
    y, t, z1, z2 = r["msft"], r["amzn"], r["ibm"], r["aapl"]
    const = np.ones_like(y)
    backdoor = sm.OLS(y, np.column_stack([const, t, z1, z2])).fit()
    iv = IV2SLS(y, np.column_stack([const, t]), np.column_stack([const, z1, z2])).fit()
    a1 = sm.OLS(z1, np.column_stack([const, t])).fit().params[1]
    a2 = sm.OLS(z2, np.column_stack([const, t])).fit().params[1]
    b = sm.OLS(y, np.column_stack([const, t, z1, z2])).fit().params
    first = sm.OLS(t, np.column_stack([const, z1, z2])).fit()
    d = (t > 0).astype(float)
    logit = sm.Logit(d, np.column_stack([const, z1, z2])).fit(disp=0, tol=1e-12, maxiter=100)
    e = logit.predict()
    w1 = d / e
    w0 = (1 - d) / (1 - e)
    ipw = float(np.sum(w1 * y) / np.sum(w1) - np.sum(w0 * y) / np.sum(w0))
    return {
        "n": int(len(y)),
        "backdoor": {"effect": float(backdoor.params[1]), "se": float(backdoor.bse[1]), "params": backdoor.params.tolist()},
        "iv": {"effect": float(iv.params[1]), "se": float(iv.bse[1]), "first_stage_f": float(first.fvalue)},
        "frontdoor": {"effect": float(a1 * b[2] + a2 * b[3])},
        "propensity": {"logit_params": logit.params.tolist(), "ipw_hajek": ipw},
    }


def main():
    directory, out_path = sys.argv[1], sys.argv[2]
    sp_close = load(directory, "sp_close")
    sp_volume = load(directory, "sp_volume")
    log_close = np.log(sp_close)
    log_return = np.diff(log_close)
    aapl = load(directory, "pair_aapl")
    sp_m = load(directory, "pair_sp500")
    panel = {k: np.diff(np.log(load(directory, "panel_" + k))) for k in ["msft", "amzn", "ibm", "aapl"]}
    out = {
        "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
        "distributions": distributions(),
        "ols": ols_case(
            panel["msft"], np.column_stack([np.ones_like(panel["msft"]), panel["amzn"], panel["ibm"], panel["aapl"]])
        ),
        "adf": adf_cases({"sp500_log_close": log_close, "sp500_log_return": log_return}),
        "kpss": kpss_cases(
            {
                "sp500_log_close": log_close,
                "sp500_log_return": log_return,
                "aapl_monthly_log_close": np.log(aapl),
                "aapl_monthly_log_return": np.diff(np.log(aapl)),
                "sp500_monthly_log_close": np.log(sp_m),
            }
        ),
        "granger": {
            "monthly_aapl_sp500": granger_case(np.diff(np.log(aapl)), np.diff(np.log(sp_m)), 6),
            "daily_sp500_return_volume_change": granger_case(log_return, np.diff(np.log(sp_volume)), 5),
        },
        "causal": causal(directory),
    }
    with open(out_path, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
