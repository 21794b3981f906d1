"""Reference fixtures for the series models of src/lib/models/volatility and src/lib/models/smoothing.

Usage (through bench/make-vol-fixtures.ts, which writes DIR/close.f64, the real S&P 500 closes):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-vol-fixtures.py ENTRY DIR OUT

Every entry is fitted on the same window of the series: values [START, START + LENGTH) of the log close (or of the
daily log return, r[t] = log c[t] − log c[t − 1]), and forecasts from every origin of the next EXTRA values.

garch: no `arch` package exists here, so this is a plain SciPy implementation of arch_model(y, mean='Constant',
vol='GARCH', p, q, dist='normal'): returns ×100, arch's EWMA backcast, SLSQP with Σα + Σβ ≤ 1.
"""

import json
import os
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.signal import lfilter, lfiltic

START = 1000
LENGTH = 1260
EXTRA = 100
HORIZON = 5


def load(directory):
    return np.fromfile(os.path.join(directory, "close.f64"), dtype="<f8")


def log_returns(close):
    r = np.full(close.shape, np.nan)
    r[1:] = np.diff(np.log(close))
    return r


# ---------------------------------------------------------------------------------------------------- garch


def garch_variances(e, omega, alpha, beta, backcast):
    n = len(e)
    s2 = np.empty(n + 1)
    p, q = len(alpha), len(beta)
    e2 = e * e
    for t in range(n + 1):
        v = omega
        for i in range(p):
            k = t - 1 - i
            v += alpha[i] * (backcast if k < 0 else e2[k])
        for j in range(q):
            k = t - 1 - j
            v += beta[j] * (backcast if k < 0 else s2[k])
        s2[t] = v
    return s2


def garch_loglike(theta, y, p, q, backcast):
    mu, omega = theta[0], theta[1]
    alpha, beta = theta[2 : 2 + p], theta[2 + p : 2 + p + q]
    e = y - mu
    s2 = garch_variances(e, omega, alpha, beta, backcast)[:-1]
    if np.any(s2 <= 0):
        return -np.inf
    return -0.5 * np.sum(np.log(2 * np.pi) + np.log(s2) + e * e / s2)


def garch_fit(y, p, q):
    mean = y.mean()
    var = y.var()
    e0 = y - mean
    tau = min(75, len(y))
    w = 0.94 ** np.arange(tau)
    w /= w.sum()
    backcast = float(np.sum(e0[:tau] ** 2 * w))
    # arch's starting grid, best likelihood.
    best, best_ll = None, -np.inf
    for a in (0.05, 0.1, 0.2):
        for pers in (0.7, 0.9, 0.98):
            if a >= pers:
                continue
            theta = np.r_[mean, var * (1 - pers), np.full(p, a / p), np.full(q, (pers - a) / q)]
            ll = garch_loglike(theta, y, p, q, backcast)
            if ll > best_ll:
                best, best_ll = theta, ll
    n = len(y)
    bounds = [(-10 * abs(mean) - 1, 10 * abs(mean) + 1), (1e-8, 10 * var)] + [(0.0, 1.0)] * (p + q)
    cons = [{"type": "ineq", "fun": lambda th: 1 - np.sum(th[2:])}]
    res = minimize(
        lambda th: -garch_loglike(th, y, p, q, backcast) / n,
        best,
        method="SLSQP",
        bounds=bounds,
        constraints=cons,
        options={"ftol": 1e-14, "maxiter": 2000},
    )
    return res, backcast


def garch_forecast(theta, p, q, backcast, r, start_at, horizon):
    y = r * 100
    mu, omega = theta[0], theta[1]
    alpha, beta = theta[2 : 2 + p], theta[2 + p :]
    e = y - mu
    s2 = garch_variances(e, omega, alpha, beta, backcast)
    out = []
    lags = max(p, q)
    for t in range(start_at, len(y)):
        e2h = [backcast if t - i < 0 else e[t - i] ** 2 for i in range(lags)][::-1]
        vh = [backcast if t - i < 0 else s2[t - i] for i in range(lags)][::-1]
        for k in range(horizon):
            v = omega + sum(alpha[i] * e2h[-1 - i] for i in range(p)) + sum(beta[j] * vh[-1 - j] for j in range(q))
            e2h.append(v)
            vh.append(v)
            out.append(v / 1e4)
    return out


def make_garch(close):
    r = log_returns(close)
    y = r[START : START + LENGTH] * 100
    configs = []
    for p, q in ((1, 1), (2, 1), (1, 2)):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            res, backcast = garch_fit(y, p, q)
            times.append(time.perf_counter() - t0)
        theta = res.x
        configs.append(
            {
                "p": p,
                "q": q,
                "mu": float(theta[0]),
                "omega": float(theta[1]),
                "alpha": [float(v) for v in theta[2 : 2 + p]],
                "beta": [float(v) for v in theta[2 + p :]],
                "backcast": backcast,
                "log_likelihood": float(garch_loglike(theta, y, p, q, backcast)),
                "optimizer": {"success": bool(res.success), "message": str(res.message), "nit": int(res.nit)},
                "fit_seconds": float(np.median(times)),
                "forecasts": garch_forecast(theta, p, q, backcast, r[START : START + LENGTH + EXTRA], LENGTH, HORIZON),
            }
        )
    return {"input": "log_return", "configs": configs}


# ---------------------------------------------------------------------------------------- exponential_smoothing

SEASON = 5
ES_CONFIGS = [(t, s, False) for t in ("add", "mul", None) for s in ("add", "mul", None)] + [
    ("add", "add", True),
    ("add", None, True),
]


def es_model(y, trend, seasonal, damped, **kwargs):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    return ExponentialSmoothing(
        y,
        trend=trend,
        seasonal=seasonal,
        seasonal_periods=SEASON if seasonal else None,
        damped_trend=damped,
        **kwargs,
    )


def es_fit(y, trend, seasonal, damped):
    return es_model(y, trend, seasonal, damped, initialization_method="estimated").fit()


def make_exponential_smoothing(close):
    import warnings

    warnings.simplefilter("ignore")
    logc = np.log(close)
    y = logc[START : START + LENGTH]
    ext = logc[START : START + LENGTH + EXTRA]
    configs = []
    for trend, seasonal, damped in ES_CONFIGS:
        res = es_fit(y, trend, seasonal, damped)
        p = res.params
        known = dict(
            initialization_method="known",
            initial_level=p["initial_level"],
            initial_trend=p["initial_trend"] if trend else None,
            initial_seasonal=p["initial_seasons"] if seasonal else None,
        )
        fixed = dict(
            smoothing_level=p["smoothing_level"],
            smoothing_trend=p["smoothing_trend"] if trend else None,
            smoothing_seasonal=p["smoothing_seasonal"] if seasonal else None,
            damping_trend=p["damping_trend"] if damped else None,
            optimized=False,
        )
        forecasts = []
        for t in range(LENGTH, LENGTH + EXTRA):
            r = es_model(ext[: t + 1], trend, seasonal, damped, **known).fit(**fixed)
            forecasts += [float(v) for v in r.forecast(HORIZON)]
        configs.append(
            {
                "trend": trend or "none",
                "seasonal": seasonal or "none",
                "damped": damped,
                "alpha": float(p["smoothing_level"]),
                "beta": float(p["smoothing_trend"]) if trend else 0.0,
                "gamma": float(p["smoothing_seasonal"]) if seasonal else 0.0,
                "phi": float(p["damping_trend"]) if damped else 1.0,
                "level": float(p["initial_level"]),
                "slope": float(p["initial_trend"]) if trend else 0.0,
                "seasonals": [float(v) for v in p["initial_seasons"]] if seasonal else [],
                "sse": float(res.sse),
                "optimizer": {"success": bool(res.mle_retvals.success), "message": str(res.mle_retvals.message)},
                "forecasts": forecasts,
            }
        )
    return {"input": "log_close", "season_period": SEASON, "configs": configs}


MAKERS = {"garch": make_garch, "exponential_smoothing": make_exponential_smoothing}


def garch_loglike_fast(theta, y, p, q, backcast):
    """The same likelihood as garch_loglike, vectorised with an IIR filter (scipy.signal.lfilter), for timing:
    a compiled recursion, as `arch` has (numba or Cython), not a Python loop."""
    mu, omega = theta[0], theta[1]
    alpha, beta = theta[2 : 2 + p], theta[2 + p : 2 + p + q]
    e = y - mu
    e2 = np.r_[np.full(p, backcast), e * e]
    u = np.full(len(y), omega)
    for i in range(p):
        u += alpha[i] * e2[p - 1 - i : p - 1 - i + len(y)]
    a = np.r_[1.0, -beta]
    s2 = lfilter([1.0], a, u, zi=lfiltic([1.0], a, np.full(q, backcast)))[0]
    if np.any(s2 <= 0):
        return -np.inf
    return -0.5 * np.sum(np.log(2 * np.pi) + np.log(s2) + e * e / s2)


def time_fit(entry, path, params):
    """Seconds of one reference fit on the series in PATH (float64), for bench/series-models.ts."""
    series = np.fromfile(path, dtype="<f8")
    t0 = time.perf_counter()
    if entry == "garch":
        global garch_loglike
        slow, garch_loglike = garch_loglike, garch_loglike_fast
        try:
            garch_fit(series * 100, params["p"], params["q"])
        finally:
            garch_loglike = slow
    elif entry == "exponential_smoothing":
        import warnings

        warnings.simplefilter("ignore")
        trend = None if params["trend"] == "none" else params["trend"]
        seasonal = None if params["seasonal"] == "none" else params["seasonal"]
        es_fit(series, trend, seasonal, False)
    else:
        raise SystemExit(f"no timing for {entry}")
    return time.perf_counter() - t0


def main():
    if sys.argv[1] == "time":
        entry, path, params = sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
        print(json.dumps({"fit_seconds": time_fit(entry, path, params)}))
        return
    entry, directory, out = sys.argv[1:4]
    close = load(directory)
    fixture = {
        "generator": "bench/make-vol-fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "window": {"start": START, "length": LENGTH, "extra": EXTRA, "horizon": HORIZON},
        "first_close": float(close[START]),
        **MAKERS[entry](close),
    }
    with open(out, "w") as f:
        json.dump(fixture, f)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
