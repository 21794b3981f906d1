"""statsmodels / NumPy reference fixture for src/lib/models/timeseries/.

Usage (through bench/make-timeseries-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-timeseries-fixture.py DIR OUT
DIR holds logclose.f64 and logreturn.f64 (little-endian float64: the training window then the bars after it) and meta.json
(src/lib/testing/timeseries-window.ts FIXTURE_WINDOW).

ARIMA entries: statsmodels.tsa.arima.model.ARIMA(endog, order, seasonal_order) with its default trend (a constant,
entered as a regression mean, when there is no differencing; none otherwise) and default fit (state space, exact
Gaussian likelihood by the Kalman filter, L-BFGS). SARIMA entries: statsmodels SARIMAX(endog, order, seasonal_order)
with its defaults (no trend). For each: parameters, log-likelihood, the log-likelihood at a fixed probe point, and
h-step forecasts from each origin by `tight.apply(endog[:t + 1]).forecast(h)` (the converged parameters fixed,
filtered). `tight` is the converged fit (see arima_case).

SETAR: no reference library exists, so this script holds a plain NumPy least-squares implementation of the
estimator of src/lib/models/timeseries/setar.ts: SETAR(2; 1, 1) on daily log returns, regime 0 where
r[t - delay] <= threshold, each regime's (intercept, AR(1)) by np.linalg.lstsq, skeleton forecasts.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
import statsmodels
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.statespace.sarimax import SARIMAX

ARIMA_CONFIGS = [
    ("arima_111", "arima", (1, 1, 1), (0, 0, 0, 0)),
    ("arima_210", "arima", (2, 1, 0), (0, 0, 0, 0)),
    ("arima_011", "arima", (0, 1, 1), (0, 0, 0, 0)),
    ("arima_101c", "arima", (1, 0, 1), (0, 0, 0, 0)),
    ("sarima_111_1115", "sarima", (1, 1, 1), (1, 1, 1, 5)),
    ("sarima_111_11112", "sarima", (1, 1, 1), (1, 1, 1, 12)),
]
SETAR_CONFIGS = [
    ("thr0_d1", 0.0, 1),
    ("thr0_d2", 0.0, 2),
    ("thrm01_d1", -0.01, 1),
    ("thr005_d3", 0.005, 3),
    ("thr1_d1", 1.0, 1),
]


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    y = np.fromfile(os.path.join(directory, "logclose.f64"), dtype="<f8")
    r = np.fromfile(os.path.join(directory, "logreturn.f64"), dtype="<f8")
    return meta, y, r


def make_model(kind, endog, order, seasonal_order, concentrate_scale=False):
    if kind == "arima":
        return ARIMA(endog, order=order, seasonal_order=seasonal_order, concentrate_scale=concentrate_scale)
    return SARIMAX(endog, order=order, seasonal_order=seasonal_order, concentrate_scale=concentrate_scale)


def fit(mod, kind, **options):
    """statsmodels' default fit (options empty) or one with the given optimiser options, quietly."""
    options = {"disp": 0, **options}
    if kind == "arima":
        return mod.fit(method_kwargs=options)
    return mod.fit(**options)


def arima_case(kind, order, seasonal_order, y, meta):
    train = y[: meta["train"]]
    mod = make_model(kind, train, order, seasonal_order)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        res = fit(mod, kind)
        seconds = time.perf_counter() - start
    params = np.asarray(res.params)
    # A probe point near the optimum: every coefficient moved by 0.05 towards zero, the variance scaled by 1.1.
    probe = params.copy()
    names = list(mod.param_names)
    for i, name in enumerate(names):
        if name == "sigma2":
            probe[i] = params[i] * 1.1
        elif name != "const":
            probe[i] = params[i] * 0.9
    # statsmodels' default search stops early on these near-white-noise returns: L-BFGS-B over (params, sigma2),
    # whose scales differ by 1e3, meets its relative-reduction test after a couple of iterations with the gradient of
    # −llf/nobs still near 1e-2 (its own loglike is higher at the converged point). The matched-settings reference
    # is the same model with the scale concentrated out (as ours) and BFGS run to gtol 1e-9: the maximum itself.
    tight_mod = make_model(kind, train, order, seasonal_order, concentrate_scale=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tight = fit(tight_mod, kind, method="bfgs", maxiter=2000, gtol=1e-9)
    tight_params = np.r_[np.asarray(tight.params), tight.scale]
    forecasts = {}
    for t in meta["origins"]:
        r = tight.apply(y[: t + 1])
        forecasts[str(t)] = [float(v) for v in r.forecast(meta["horizon"])]
    return {
        "kind": kind,
        "order": list(order),
        "seasonal_order": list(seasonal_order),
        "param_names": names,
        "params": [float(v) for v in params],
        "start_params": [float(v) for v in mod.start_params],
        "llf": float(res.llf),
        "nobs_effective": int(res.nobs_effective),
        "probe_params": [float(v) for v in probe],
        "probe_llf": float(mod.loglike(probe)),
        "converged": bool(res.mle_retvals.get("converged", False)),
        "iterations": int(res.mle_retvals.get("iterations", -1)),
        "fit_seconds": seconds,
        "tight_params": [float(v) for v in tight_params],
        "tight_llf": float(tight.llf),
        "tight_iterations": int(tight.mle_retvals.get("iterations", -1)),
        "forecasts": forecasts,
    }


def setar_fit(r, threshold, delay):
    p = 1
    start = max(p, delay)
    t = np.arange(start, len(r))
    X = np.c_[np.ones(len(t)), r[t - 1]]
    lower = r[t - delay] <= threshold
    pooled = np.linalg.lstsq(X, r[t], rcond=None)[0]
    coef = []
    for mask in (lower, ~lower):
        if mask.sum() >= p + 1 + 1:
            coef.append(np.linalg.lstsq(X[mask], r[t][mask], rcond=None)[0])
        else:
            coef.append(pooled)
    return coef, [int(lower.sum()), int((~lower).sum())], pooled


def setar_forecast(r, coef, threshold, delay, origin, h):
    path = list(r[: origin + 1])
    out = []
    for _ in range(h):
        regime = 0 if path[-delay] <= threshold else 1
        c = coef[regime]
        v = c[0] + c[1] * path[-1]
        path.append(v)
        out.append(float(v))
    return out


def main():
    directory, out_path = sys.argv[1], sys.argv[2]
    meta, y, r = load(directory)
    out = {
        "statsmodels_version": statsmodels.__version__,
        "numpy_version": np.__version__,
        "window": meta,
        "arima": {},
        "setar": {},
    }
    for name, kind, order, seasonal in ARIMA_CONFIGS:
        out["arima"][name] = arima_case(kind, order, seasonal, y, meta)
        print(name, out["arima"][name]["params"], out["arima"][name]["llf"], file=sys.stderr)
    train = r[: meta["train"]]
    for name, threshold, delay in SETAR_CONFIGS:
        coef, counts, pooled = setar_fit(train, threshold, delay)
        out["setar"][name] = {
            "threshold": threshold,
            "delay": delay,
            "coefficients": [[float(v) for v in c] for c in coef],
            "counts": counts,
            "pooled": [float(v) for v in pooled],
            "forecasts": {
                str(t): setar_forecast(r, coef, threshold, delay, t, meta["horizon"]) for t in meta["origins"]
            },
        }
    with open(out_path, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
