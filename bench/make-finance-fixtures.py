"""SciPy reference fixtures for src/lib/models/finance/ (option pricing, short-rate calibration, yield curves).

Usage (from the repository root): /usr/bin/python3 bench/make-finance-fixtures.py && npx prettier --write \
    src/lib/models/finance/*.fixture.json src/lib/testing/tbill.fixture.json src/lib/testing/treasury.fixture.json
Each formula is written out here independently of the TypeScript (scipy.special.ndtr, scipy.integrate.quad,
scipy.optimize) so the specs compare two implementations. Real data:
- statsmodels' bundled macrodata (quarterly US 1959Q1–2009Q3; tbilrate = 3-month Treasury bill rate, % p.a.,
  secondary market, from FRED) → src/lib/testing/tbill.fixture.json;
- FRED Treasury constant-maturity series DGS3MO … DGS30 (Board of Governors of the Federal Reserve System,
  daily, % p.a.) as mirrored in github.com/economics-databases/Interest-rate (commit 2d88d95), month-end values
  2015-01 … 2020-12 → src/lib/testing/treasury.fixture.json (TREASURY_DIR = that repository's files at commit
  2d88d95, e.g. `git archive 2d88d95 | tar -x -C /tmp/treasury` in a clone).
"""

import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.integrate as si
import scipy.optimize as so
import scipy.special as ss
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

OUT = "src/lib/models/finance"
TESTING = "src/lib/testing"
TREASURY_DIR = os.environ.get("TREASURY_DIR", "/tmp/treasury")
VERSIONS = {"scipy": scipy.__version__, "numpy": np.__version__, "statsmodels": statsmodels.__version__}


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)
        f.write("\n")


# ---------- normal distribution ----------
def normal_fixture():
    xs = [float(v) for v in np.concatenate([np.linspace(-12, 12, 97), [-38, -30, -20, 1e-10, -1e-10, 0.5, 2.5, 4.999, 5.001, 8.3]])]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.2, 0.5, 0.7, 0.95, 0.975, 0.999, 1 - 1e-10]
    return {
        "source": {"library": VERSIONS, "functions": "scipy.special.ndtr, scipy.special.ndtri", "made_by": "bench/make-finance-fixtures.py"},
        "cdf": [[x, float(ss.ndtr(x))] for x in xs],
        "quantile": [[p, float(ss.ndtri(p))] for p in ps],
    }


# ---------- Black–Scholes (Merton, continuous dividend yield) ----------
def bs(S, K, T, r, q, vol):
    d1 = (math.log(S / K) + (r - q + 0.5 * vol * vol) * T) / (vol * math.sqrt(T))
    d2 = d1 - vol * math.sqrt(T)
    N, n = st.norm.cdf, st.norm.pdf
    call = S * math.exp(-q * T) * N(d1) - K * math.exp(-r * T) * N(d2)
    put = K * math.exp(-r * T) * N(-d2) - S * math.exp(-q * T) * N(-d1)
    return {
        "call": call,
        "put": put,
        "call_delta": math.exp(-q * T) * N(d1),
        "put_delta": -math.exp(-q * T) * N(-d1),
        "gamma": math.exp(-q * T) * n(d1) / (S * vol * math.sqrt(T)),
        "vega": S * math.exp(-q * T) * n(d1) * math.sqrt(T),
        "call_theta": -S * math.exp(-q * T) * n(d1) * vol / (2 * math.sqrt(T)) - r * K * math.exp(-r * T) * N(d2) + q * S * math.exp(-q * T) * N(d1),
        "put_theta": -S * math.exp(-q * T) * n(d1) * vol / (2 * math.sqrt(T)) + r * K * math.exp(-r * T) * N(-d2) - q * S * math.exp(-q * T) * N(-d1),
        "call_rho": K * T * math.exp(-r * T) * N(d2),
        "put_rho": -K * T * math.exp(-r * T) * N(-d2),
    }


def bs_fixture():
    cases = [
        (42, 40, 0.5, 0.10, 0.0, 0.20),
        (49, 50, 0.3846, 0.05, 0.0, 0.20),
        (100, 100, 0.25, 0.05, 0.0, 0.2),
        (100, 130, 2.0, 0.03, 0.02, 0.35),
        (1500, 1000, 0.01, 0.0, 0.0, 0.8),
        (10, 12, 5.0, 0.2, 0.05, 0.05),
    ]
    out = []
    for S, K, T, r, q, vol in cases:
        out.append({"S": S, "K": K, "T": T, "r": r, "q": q, "vol": vol, **bs(S, K, T, r, q, vol)})
    return {"source": {"library": VERSIONS, "definition": "Black–Scholes–Merton with scipy.stats.norm, theta per year"}, "cases": out}


# ---------- Heston (characteristic function, Albrecher et al. 2007 'little trap' form, quad) ----------
def heston_cf(u, S, T, r, q, v0, kappa, theta, sigma, rho):
    iu = 1j * u
    d = np.sqrt((rho * sigma * iu - kappa) ** 2 + sigma ** 2 * (iu + u * u))
    g = (kappa - rho * sigma * iu - d) / (kappa - rho * sigma * iu + d)
    e = np.exp(-d * T)
    C = kappa * theta / sigma ** 2 * ((kappa - rho * sigma * iu - d) * T - 2 * np.log((1 - g * e) / (1 - g)))
    D = (kappa - rho * sigma * iu - d) / sigma ** 2 * (1 - e) / (1 - g * e)
    return np.exp(iu * (math.log(S) + (r - q) * T) + C + D * v0)


def heston_call(S, K, T, r, q, v0, kappa, theta, sigma, rho):
    a = (S, T, r, q, v0, kappa, theta, sigma, rho)
    lk = math.log(K)
    fwd = S * math.exp((r - q) * T)
    p1 = lambda u: (np.exp(-1j * u * lk) * heston_cf(u - 1j, *a) / (1j * u * fwd)).real
    p2 = lambda u: (np.exp(-1j * u * lk) * heston_cf(u, *a) / (1j * u)).real
    P1 = 0.5 + si.quad(p1, 0, np.inf, limit=2000, epsabs=1e-13, epsrel=1e-13)[0] / math.pi
    P2 = 0.5 + si.quad(p2, 0, np.inf, limit=2000, epsabs=1e-13, epsrel=1e-13)[0] / math.pi
    return S * math.exp(-q * T) * P1 - K * math.exp(-r * T) * P2


def heston_fixture():
    fo = dict(v0=0.0175, kappa=1.5768, theta=0.0398, sigma=0.5751, rho=-0.5711)
    cases = []
    for S, K, T, r, q, p in [
        (100, 100, 1.0, 0.0, 0.0, fo),
        (100, 80, 1.0, 0.0, 0.0, fo),
        (100, 120, 1.0, 0.0, 0.0, fo),
        (100, 100, 10.0, 0.0, 0.0, fo),
        (100, 110, 0.5, 0.05, 0.01, dict(v0=0.1, kappa=1.0, theta=0.1, sigma=0.1, rho=-0.5)),
        (100, 90, 2.0, 0.03, 0.0, dict(v0=0.04, kappa=2.0, theta=0.06, sigma=0.9, rho=0.3)),
    ]:
        call = heston_call(S, K, T, r, q, **p)
        put = call - S * math.exp(-q * T) + K * math.exp(-r * T)
        cases.append({"S": S, "K": K, "T": T, "r": r, "q": q, **p, "call": call, "put": put})
    return {"source": {"library": VERSIONS, "definition": "Heston (1993) P1/P2 with the Albrecher et al. (2007) characteristic function, scipy.integrate.quad on [0, inf)"}, "cases": cases}


# ---------- short-rate models on the real 3-month T-bill rate ----------
DT_QUARTER = 0.25


def tbill_fixture():
    d = sm.datasets.macrodata.load_pandas().data
    rows = [[int(y), int(q), float(v)] for y, q, v in zip(d["year"], d["quarter"], d["tbilrate"])]
    return {
        "source": {
            "data": "statsmodels %s datasets.macrodata, column tbilrate: 3-month Treasury bill rate, secondary market, "
            "quarterly average, percent per year (FRED TB3MS); US 1959Q1-2009Q3" % statsmodels.__version__,
            "made_by": "bench/make-finance-fixtures.py",
        },
        "columns": ["year", "quarter", "tbilrate_percent"],
        "rows": rows,
    }


def vasicek_reference(r, dt):
    """Exact conditional MLE of Vasicek = OLS of r[t+1] on r[t] (statsmodels OLS), mapped to kappa, theta, sigma."""
    res = sm.OLS(r[1:], sm.add_constant(r[:-1])).fit()
    a, b = res.params
    n = len(r) - 1
    s2 = float(np.sum(res.resid ** 2) / n)
    kappa = -math.log(b) / dt
    theta = a / (1 - b)
    sigma = math.sqrt(s2 * 2 * kappa / (1 - b * b))
    return {"a": float(a), "b": float(b), "resid_var_mle": s2, "kappa": kappa, "theta": theta, "sigma": sigma,
            "loglik": float(-0.5 * n * (math.log(2 * math.pi * s2) + 1))}


def cir_moments(theta_vec, r0, dt):
    kappa, theta, sigma = theta_vec
    e = math.exp(-kappa * dt)
    mean = r0 * e + theta * (1 - e)
    var = r0 * sigma ** 2 / kappa * (e - e * e) + theta * sigma ** 2 / (2 * kappa) * (1 - e) ** 2
    return mean, var


def cir_qml_nll(logp, r, dt):
    kappa, theta, sigma = np.exp(logp)
    mean, var = cir_moments((kappa, theta, sigma), r[:-1], dt)
    return 0.5 * np.sum(np.log(2 * np.pi * var) + (r[1:] - mean) ** 2 / var)


def cir_exact_nll(logp, r, dt):
    kappa, theta, sigma = np.exp(logp)
    c = 2 * kappa / (sigma ** 2 * (1 - math.exp(-kappa * dt)))
    df = 4 * kappa * theta / sigma ** 2
    nc = 2 * c * r[:-1] * math.exp(-kappa * dt)
    return -np.sum(st.ncx2.logpdf(2 * c * r[1:], df, nc) + math.log(2 * c))


def short_rate_fixture():
    d = sm.datasets.macrodata.load_pandas().data
    r = d["tbilrate"].to_numpy(dtype=float) / 100
    vas = vasicek_reference(r, DT_QUARTER)
    s0 = vas["sigma"] / math.sqrt(r.mean())
    x0 = np.log([vas["kappa"], vas["theta"], s0])
    qml = so.minimize(cir_qml_nll, x0, args=(r, DT_QUARTER), method="Nelder-Mead",
                      options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 40000, "maxfev": 80000})
    exact = so.minimize(cir_exact_nll, qml.x, args=(r, DT_QUARTER), method="Nelder-Mead",
                        options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 40000, "maxfev": 80000})
    k, t, sg = np.exp(qml.x)
    ke, te, se = np.exp(exact.x)
    return {
        "source": {"library": VERSIONS, "data": "tbilrate / 100, dt = 0.25 years",
                   "vasicek": "statsmodels OLS of r[t+1] on (1, r[t]); kappa = -ln b / dt, theta = a / (1 - b), "
                   "sigma^2 = s2 * 2 kappa / (1 - b^2), s2 = SSR / n",
                   "cir_qml": "Gaussian quasi-likelihood with the exact CIR conditional mean and variance, "
                   "scipy.optimize.minimize Nelder-Mead on log parameters",
                   "cir_exact": "exact noncentral chi-square transition density (scipy.stats.ncx2), for comparison"},
        "vasicek": vas,
        "cir_qml": {"kappa": float(k), "theta": float(t), "sigma": float(sg), "nll": float(qml.fun)},
        "cir_exact": {"kappa": float(ke), "theta": float(te), "sigma": float(se), "nll": float(exact.fun)},
    }


# ---------- Treasury constant-maturity yields and Nelson–Siegel ----------
TREASURY = ["DGS1MO", "DGS3MO", "DGS6MO", "DGS1", "DGS2", "DGS3", "DGS5", "DGS7", "DGS10", "DGS20", "DGS30"]
MATURITY = {"DGS1MO": 1 / 12, "DGS3MO": 0.25, "DGS6MO": 0.5, "DGS1": 1, "DGS2": 2, "DGS3": 3, "DGS5": 5, "DGS7": 7,
            "DGS10": 10, "DGS20": 20, "DGS30": 30}
FIRST_MONTH, LAST_MONTH = "2015-01", "2020-12"


def month_end_values(symbol):
    import pandas as pd
    df = pd.read_csv(os.path.join(TREASURY_DIR, symbol + ".csv"), na_values=".")
    df = df.dropna()
    df["DATE"] = pd.to_datetime(df["DATE"])
    df = df[(df["DATE"] >= FIRST_MONTH) & (df["DATE"] < "2021-01")]
    last = df.groupby(df["DATE"].dt.to_period("M")).tail(1)
    return {str(d.date()): float(v) for d, v in zip(last["DATE"], last[symbol])}


def treasury_fixture():
    cols = {s: month_end_values(s) for s in TREASURY}
    months = {}
    for s in TREASURY:
        for d in cols[s]:
            months.setdefault(d[:7], {})[s] = (d, cols[s][d])
    rows = []
    for m in sorted(months):
        if len(months[m]) == len(TREASURY):
            rows.append([m] + [months[m][s][1] for s in TREASURY])
    return {
        "source": {
            "data": "FRED Treasury constant-maturity yields (Board of Governors of the Federal Reserve System, H.15), "
            "daily, percent per year, as mirrored in github.com/economics-databases/Interest-rate commit 2d88d95; "
            "the last observation of each month %s to %s" % (FIRST_MONTH, LAST_MONTH),
            "made_by": "bench/make-finance-fixtures.py",
        },
        "columns": ["month"] + TREASURY,
        "rows": rows,
    }


def ns_loadings(tau, lam):
    x = tau / lam
    f1 = (1 - np.exp(-x)) / x
    return np.column_stack([np.ones_like(tau), f1, f1 - np.exp(-x)])


def ns_curve(tau, b0, b1, b2, lam):
    return ns_loadings(tau, lam) @ np.array([b0, b1, b2])


def ns_profile(tau, y):
    def sse(log_lam):
        X = ns_loadings(tau, math.exp(log_lam))
        beta, *_ = np.linalg.lstsq(X, y, rcond=None)
        return float(np.sum((y - X @ beta) ** 2))
    grid = np.log(np.geomspace(0.1, 20, 400))
    best = grid[np.argmin([sse(g) for g in grid])]
    res = so.minimize_scalar(sse, bounds=(best - 0.05, best + 0.05), method="bounded", options={"xatol": 1e-12})
    lam = math.exp(res.x)
    beta, *_ = np.linalg.lstsq(ns_loadings(tau, lam), y, rcond=None)
    return [float(b) for b in beta] + [lam], res.fun


def nelson_siegel_fixture(treasury):
    tau = np.array([MATURITY[s] for s in TREASURY])
    last = np.array(treasury["rows"][-1][1:], dtype=float)
    first = np.array(treasury["rows"][0][1:], dtype=float)
    out = {"source": {"library": VERSIONS,
                      "definition": "Nelson-Siegel y = b0 + b1 (1-e^-x)/x + b2 ((1-e^-x)/x - e^-x), x = tau/lambda; "
                      "profile least squares: lstsq for the betas, bounded minimize_scalar on log lambda after a grid "
                      "of 400 lambdas in [0.1, 20]; then scipy.optimize.curve_fit from that point"},
           "maturities": tau.tolist(), "fits": []}
    for label, y in [("last", last), ("first", first)]:
        params, sse = ns_profile(tau, y)
        popt, _ = so.curve_fit(ns_curve, tau, y, p0=params, maxfev=20000, xtol=1e-14, ftol=1e-14)
        out["fits"].append({"month": treasury["rows"][-1 if label == "last" else 0][0], "yields": y.tolist(),
                            "profile": params, "sse": sse, "curve_fit": [float(v) for v in popt]})
    import scipy.interpolate as sip
    grid = np.linspace(tau[0], tau[-1], 60)
    out["spline_grid"] = grid.tolist()
    out["smoothing_splines"] = {
        str(lam): sip.make_smoothing_spline(tau, last, lam=lam)(grid).tolist() for lam in (0.01, 0.1, 1.0)
    }
    out["natural_cubic"] = sip.CubicSpline(tau, last, bc_type="natural")(grid).tolist()
    out["source"]["splines"] = ("scipy.interpolate.make_smoothing_spline(tau, y, lam) (criterion sum (y-f)^2 + "
                                "lam * int f''^2) and CubicSpline(bc_type='natural'), last month, on spline_grid")
    known = [4.0, -2.5, 3.0, 1.8]
    out["known"] = {"params": known, "yields": ns_curve(tau, *known).tolist()}
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    what = sys.argv[1:] or ["normal", "bs", "heston", "short_rate", "treasury"]
    if "normal" in what:
        dump(f"{OUT}/normal.fixture.json", normal_fixture())
    if "bs" in what:
        dump(f"{OUT}/black-scholes.fixture.json", bs_fixture())
    if "heston" in what:
        dump(f"{OUT}/heston.fixture.json", heston_fixture())
    if "treasury" in what:
        treasury = treasury_fixture()
        dump(f"{TESTING}/treasury.fixture.json", treasury)
        dump(f"{OUT}/nelson-siegel.fixture.json", nelson_siegel_fixture(treasury))
    if "short_rate" in what:
        dump(f"{TESTING}/tbill.fixture.json", tbill_fixture())
        dump(f"{OUT}/short-rate.fixture.json", short_rate_fixture())


if __name__ == "__main__":
    main()
