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
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.mlemodel import MLEModel
from statsmodels.tsa.statespace.structural import UnobservedComponents

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


# ------------------------------------------------------------------------------------------------ kalman_filter


class IntegratedRandomWalk(MLEModel):
    """Trend of order n − 1: n states, each a random walk feeding the one below it, one disturbance each, plus
    observation noise. For n = 1, 2 it is UnobservedComponents' 'llevel' / 'lltrend'; for n ≥ 3 there is none."""

    def __init__(self, endog, n):
        super().__init__(endog, k_states=n, k_posdef=n, loglikelihood_burn=n)
        self.n = n
        T = np.eye(n) + np.eye(n, k=1)
        self["design"] = np.r_[1.0, np.zeros(n - 1)][None, :]
        self["transition"] = T
        self["selection"] = np.eye(n)
        self.ssm.initialize_approximate_diffuse(1e6)

    @property
    def param_names(self):
        return ["sigma2.irregular"] + [f"sigma2.state{j}" for j in range(self.n)]

    @property
    def start_params(self):
        d = np.diff(self.endog[:, 0])
        v = d.var()
        return np.r_[v / 2, [v / 2 / 100**j for j in range(self.n)]]

    def transform_params(self, unconstrained):
        return unconstrained**2

    def untransform_params(self, constrained):
        return constrained**0.5

    def update(self, params, **kwargs):
        params = super().update(params, **kwargs)
        self["obs_cov", 0, 0] = params[0]
        self["state_cov"] = np.diag(params[1:])


def kalman_forecasts(res_filter, n, start_at, horizon):
    from math import comb

    x = res_filter.filtered_state  # n × T
    out = []
    for t in range(start_at, x.shape[1]):
        for k in range(1, horizon + 1):
            out.append(float(sum(comb(k, j) * x[j, t] for j in range(n))))
    return out


def kalman_fit(y, n, extra_starts=()):
    """statsmodels' fit (L-BFGS from its start parameters); for the MLEModel also from each of extra_starts,
    keeping the best likelihood (L-BFGS stops at a worse point from the default start when n = 3)."""
    if n <= 2:
        mod = UnobservedComponents(y, "llevel" if n == 1 else "lltrend")
        return mod, mod.fit(disp=False)
    mod = IntegratedRandomWalk(y, n)
    fits = [mod.fit(disp=False)] + [mod.fit(start_params=s, disp=False) for s in extra_starts]
    return mod, max(fits, key=lambda r: r.llf)


def make_kalman_filter(close):
    logc = np.log(close)
    y = logc[START : START + LENGTH]
    ext = logc[START : START + LENGTH + EXTRA]
    configs = []
    previous = None
    for n in (1, 2, 3):
        # Extra start for n = 3: the n = 2 optimum with a small variance for the new state.
        starts = [np.r_[previous, previous[-1] * 1e-4]] if previous is not None else []
        mod, res = kalman_fit(y, n, starts)
        previous = np.asarray(res.params)
        ext_mod = UnobservedComponents(ext, "llevel" if n == 1 else "lltrend") if n <= 2 else IntegratedRandomWalk(ext, n)
        filt = ext_mod.filter(res.params)
        # The same model written as an MLEModel gives the same likelihood as UnobservedComponents (n = 1, 2).
        check = IntegratedRandomWalk(y, n).loglike(res.params)
        configs.append(
            {
                "n_dim_state": n,
                "reference": "UnobservedComponents" if n <= 2 else "MLEModel",
                "observation": float(res.params[0]),
                "state": [float(v) for v in res.params[1:]],
                "log_likelihood": float(res.llf),
                "mlemodel_log_likelihood": float(check),
                "optimizer": {"converged": bool(res.mle_retvals["converged"])},
                "forecasts": kalman_forecasts(filt, n, LENGTH, HORIZON),
            }
        )
    return {"input": "log_close", "configs": configs}


# ------------------------------------------------------------------------------------------------------ prophet
# No `prophet` package here: the same regularised least squares as src/lib/models/smoothing/prophet.ts in NumPy
# (see its module doc for the objective).


def prophet_design(n, growth, index):
    hist = int(np.floor(n * 0.8))
    count = min(25, hist - 1)
    cps = np.linspace(0, hist - 1, count + 1).round().astype(int)[1:] / (n - 1) if growth != "flat" else np.array([])
    t = index / (n - 1)
    if growth == "flat":
        G = np.ones((len(index), 1))
    else:
        G = np.column_stack([t, np.ones_like(t)] + [np.maximum(t - c, 0) for c in cps])
    seas = []
    if n >= 10:
        seas.append((5, 3))
    if n >= 504:
        seas.append((252, 10))
    cols = []
    for period, order in seas:
        for r in range(1, order + 1):
            x = 2 * np.pi * r * index / period
            cols += [np.sin(x), np.cos(x)]
    F = np.column_stack(cols) if cols else np.zeros((len(index), 0))
    return G, F, cps, seas


def ridge(A, b, penalty):
    return np.linalg.solve(A.T @ A + np.diag(penalty), A.T @ b)


def prophet_fit(y, growth, mode):
    n = len(y)
    cap = 1.1 * y.max()
    scale = np.abs(y).max()
    w = np.log(y / (cap - y)) if growth == "logistic" else y / scale
    s2 = np.var(np.diff(w))
    G, F, cps, seas = prophet_design(n, growth, np.arange(n, dtype=float))
    pT, pS = G.shape[1], F.shape[1]
    tp = np.full(pT, s2 / 0.05**2)
    tp[: min(2, pT)] = s2 / 5**2
    sp = np.full(pS, s2 / 10**2)
    rounds = 1
    if mode == "additive" or pS == 0:
        A = np.hstack([G, F])
        theta = ridge(A, w, np.r_[tp, sp])
        trend, seasonal = theta[:pT], theta[pT:]
        obj = np.sum((w - A @ theta) ** 2) + np.sum(np.r_[tp, sp] * theta**2)
    else:
        seasonal = np.zeros(pS)
        obj = np.inf
        for rounds in range(1, 501):
            S = F @ seasonal
            trend = ridge(G * (1 + S)[:, None], w, tp)
            g = G @ trend
            seasonal = ridge(F * g[:, None], w - g, sp)
            new = np.sum((w - g * (1 + F @ seasonal)) ** 2) + np.sum(tp * trend**2) + np.sum(sp * seasonal**2)
            done = obj - new <= 1e-13 * abs(new)
            obj = new
            if done:
                break
    return dict(trend=trend, seasonal=seasonal, cps=cps, seas=seas, cap=cap, scale=scale, obj=obj, rounds=rounds, n=n)


def prophet_values(fit, growth, mode, index):
    G, F, _, _ = prophet_design(fit["n"], growth, index)
    g = G @ fit["trend"]
    S = F @ fit["seasonal"]
    w = g + S if mode == "additive" else g * (1 + S)
    return fit["cap"] / (1 + np.exp(-w)) if growth == "logistic" else w * fit["scale"]


def make_prophet(close):
    logc = np.log(close)
    y = logc[START : START + LENGTH]
    configs = []
    for growth in ("linear", "logistic", "flat"):
        for mode in ("additive", "multiplicative"):
            fit = prophet_fit(y, growth, mode)
            future = np.arange(LENGTH + 1, LENGTH + EXTRA + HORIZON + 1, dtype=float)
            configs.append(
                {
                    "growth": growth,
                    "seasonality_mode": mode,
                    "changepoints": [float(v) for v in fit["cps"]],
                    "trend": [float(v) for v in fit["trend"]],
                    "seasonal": [float(v) for v in fit["seasonal"]],
                    "capacity": float(fit["cap"]),
                    "objective": float(fit["obj"]),
                    "rounds": int(fit["rounds"]),
                    "first_future_index": LENGTH + 1,
                    "future": [float(v) for v in prophet_values(fit, growth, mode, future)],
                }
            )
    return {"input": "log_close", "configs": configs}


MAKERS = {
    "prophet": make_prophet,
    "garch": make_garch,
    "exponential_smoothing": make_exponential_smoothing,
    "kalman_filter": make_kalman_filter,
}


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
    import warnings

    warnings.simplefilter("ignore")
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
        trend = None if params["trend"] == "none" else params["trend"]
        seasonal = None if params["seasonal"] == "none" else params["seasonal"]
        es_fit(series, trend, seasonal, False)
    elif entry == "prophet":
        prophet_fit(series, params["growth"], params["seasonality_mode"])
    elif entry == "kalman_filter":
        kalman_fit(series, params["n_dim_state"])
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
