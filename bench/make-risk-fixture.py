"""NumPy/SciPy/pandas reference values for the risk measures of src/lib/models/risk, on the real S&P 500 bars.

Usage (through bench/make-risk-fixture.ts, which writes DIR/{open,high,low,close,volume}.f64):
  /usr/bin/python3 bench/make-risk-fixture.py DIR OUT

Written from the definitions, independently of the TypeScript:
- VaR/ES (Jorion, Value at Risk, 3rd ed., ch. 5; Hull, Risk Management and Financial Institutions, ch. 12):
  historical = np.quantile of the overlapping h-day simple returns close[h:]/close[:-h] - 1 and the mean of those
  at or below it; Gaussian with scipy.stats.norm and the sqrt(h) rule; Cornish-Fisher with scipy.stats.skew and
  kurtosis (bias=True) and the ES as scipy.integrate.quad of the quantile function over the tail; the lognormal
  (geometric Brownian motion) quantile the Monte Carlo estimator converges to.
- Roll (1984): 2*sqrt(-cov(d_t, d_{t-1})) of daily log price changes, pandas Series.cov (ddof 1).
- Corwin & Schultz (2012): two-day high-low estimator with the paper's overnight adjustment, negative two-day
  estimates set to zero before averaging.
- Amihud (2002): mean of |r_t| / (close_t * volume_t), times 1e6.
- RiskMetrics EWMA: pandas (r**2).ewm(alpha=1 - lambda, adjust=False).mean() of daily log returns.
- Crisis replay: inside each named window (first close on/after its start to the last on/before its end), the
  total return, maximum drawdown, worst daily return, annualised volatility (sqrt 252) of log returns, and the
  days losing more than the 99 % historical VaR (np.quantile) of the 500 simple returns before the window.
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import integrate, stats

CONFIDENCES = [0.95, 0.99]
HOLDING = [1, 10]
ES_LOOKBACK = 252
ROLL_WINDOW = 21
EWMA_LAMBDAS = [0.94, 0.97]
EWMA_ROWS = 400
CRISES = [
    ("dotcom_2000_2002", "2000-03-24", "2002-10-09"),
    ("sept11_2001", "2001-09-10", "2001-09-21"),
    ("gfc_2007_2009", "2007-10-09", "2009-03-09"),
    ("flash_crash_2010", "2010-04-23", "2010-07-02"),
    ("us_downgrade_2011", "2011-04-29", "2011-10-03"),
    ("china_oil_2015_2016", "2015-05-21", "2016-02-11"),
    ("volmageddon_2018", "2018-01-26", "2018-02-08"),
    ("q4_2018", "2018-09-20", "2018-12-24"),
    ("covid_2020", "2020-02-19", "2020-03-23"),
]


def load(d, name):
    return np.fromfile(os.path.join(d, name + ".f64"), dtype="<f8")


def cf_z(z, s, k):
    return z + (z * z - 1) * s / 6 + (z**3 - 3 * z) * k / 24 - (2 * z**3 - 5 * z) * s * s / 36


def tails(r, c, h):
    """Every estimator on daily simple returns r (1-D array), confidence c, holding period h."""
    close_like = np.concatenate([[1.0], np.cumprod(1 + r)])
    hr = close_like[h:] / close_like[:-h] - 1
    q = np.quantile(hr, 1 - c)
    mu, sd = r.mean(), r.std(ddof=1)
    z = stats.norm.ppf(1 - c)
    s = stats.skew(r) / np.sqrt(h)
    k = stats.kurtosis(r) / h
    cf_q = lambda p: h * mu + cf_z(stats.norm.ppf(p), s, k) * sd * np.sqrt(h)
    cf_es = -integrate.quad(cf_q, 0, 1 - c, limit=200, epsabs=1e-14, epsrel=1e-12)[0] / (1 - c)
    lr = np.log1p(r)
    lm, ls = lr.mean(), lr.std(ddof=1)
    return {
        "confidence": c,
        "holding_period": h,
        "historical": {"var": -q, "es": -hr[hr <= q].mean()},
        "parametric": {
            "var": -(h * mu + z * sd * np.sqrt(h)),
            "es": -(h * mu - sd * np.sqrt(h) * stats.norm.pdf(z) / (1 - c)),
        },
        "cornish_fisher": {"var": -cf_q(1 - c), "es": cf_es},
        "lognormal_var": -(np.exp(h * lm + ls * np.sqrt(h) * z) - 1),
        "lognormal_es": -integrate.quad(
            lambda x: np.expm1(x) * stats.norm.pdf(x, h * lm, ls * np.sqrt(h)),
            -np.inf,
            h * lm + ls * np.sqrt(h) * z,
            epsabs=1e-14,
            epsrel=1e-12,
        )[0]
        / (1 - c),
    }


def corwin_schultz(high, low, close):
    """Two-day estimates S_t for the pairs (t, t+1), written from the paper's equations (14), (18), (19), (21)."""
    h1, l1 = high[:-1], low[:-1]
    h2, l2 = high[1:].copy(), low[1:].copy()
    c1 = close[:-1]
    # Overnight adjustment (section II.C): if day t+1's low is above day t's close, the price rose overnight, so
    # day t+1's high and low are lowered by the gap; if its high is below the close, both are raised.
    up = l2 > c1
    down = h2 < c1
    gap_up = (l2 - c1)[up]
    h2[up] -= gap_up
    l2[up] -= gap_up
    gap_down = (c1 - h2)[down]
    h2[down] += gap_down
    l2[down] += gap_down
    beta = np.log(h1 / l1) ** 2 + np.log(h2 / l2) ** 2
    gamma = np.log(np.maximum(h1, h2) / np.minimum(l1, l2)) ** 2
    k = 3 - 2 * np.sqrt(2)
    alpha = (np.sqrt(2 * beta) - np.sqrt(beta)) / k - np.sqrt(gamma / k)
    s = 2 * (np.exp(alpha) - 1) / (1 + np.exp(alpha))
    # Negative two-day estimates are set to zero before averaging (section II.C).
    return np.maximum(s, 0.0)


def crisis(dates, close, start, end):
    s = pd.Series(close, index=dates)
    inside = s[(s.index >= start) & (s.index <= end)]
    first = s.index.get_loc(inside.index[0])
    simple = s.pct_change()
    logs = np.log(s).diff()
    window_simple = simple.iloc[first + 1 : first + len(inside)]
    window_log = logs.iloc[first + 1 : first + len(inside)]
    pre = simple.iloc[1 : first + 1].iloc[-500:]
    var = -np.quantile(pre.to_numpy(), 0.01) if len(pre) >= 250 else None
    running = inside.cummax()
    return {
        "first": int(first),
        "days": int(len(inside) - 1),
        "total_return": float(inside.iloc[-1] / inside.iloc[0] - 1),
        "max_drawdown": float((1 - inside / running).max()),
        "worst_day": float(window_simple.min()),
        "volatility": float(window_log.std(ddof=1) * np.sqrt(252)),
        "pre_var": None if var is None else float(var),
        "breaches": None if var is None else int((-window_simple > var).sum()),
    }


def main():
    d, out = sys.argv[1], sys.argv[2]
    t, high, low, close, volume = (load(d, n) for n in ("t", "high", "low", "close", "volume"))
    dates = pd.to_datetime(t, unit="ms")
    price = pd.Series(close)
    r = (price / price.shift(1) - 1).to_numpy()[1:]

    var_cases = [tails(r, c, h) for c in CONFIDENCES for h in HOLDING]
    es_cases = [tails(r[-ES_LOOKBACK:], c, 1) for c in CONFIDENCES]

    dlog = np.log(price).diff()
    roll_cov = dlog.cov(dlog.shift(1))
    rolling_cov = dlog.rolling(ROLL_WINDOW).cov(dlog.shift(1))
    cs = corwin_schultz(high, low, close)
    cs_rolling = pd.Series(cs).rolling(ROLL_WINDOW).mean()

    ret = price.pct_change()
    dollar_volume = price * pd.Series(volume)
    ratio = (ret.abs() / dollar_volume).iloc[1:]
    assert (volume > 0).all()
    amihud = ratio.mean() * 1e6
    amihud_rolling = (ratio.rolling(ROLL_WINDOW).mean() * 1e6).to_numpy()

    lr2 = pd.Series(np.diff(np.log(close))[:EWMA_ROWS]) ** 2
    ewma = {str(lam): lr2.ewm(alpha=1 - lam, adjust=False).mean().tolist() for lam in EWMA_LAMBDAS}

    every = 97  # a sample of rolling values keeps the fixture small
    pick = lambda a: {str(i): (None if np.isnan(a[i]) else float(a[i])) for i in range(0, len(a), every)}
    result = {
        "source": {
            "data": "vega-datasets@3.2.1 data/sp500-2000.csv (src/lib/testing/sp500.ts)",
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "made_by": "npx tsx bench/make-risk-fixture.ts",
        },
        "rows": len(close),
        "var": var_cases,
        "es_lookback": ES_LOOKBACK,
        "es": es_cases,
        "roll": {
            "window": ROLL_WINDOW,
            "autocovariance": float(roll_cov),
            "spread": float(2 * np.sqrt(-roll_cov)) if roll_cov < 0 else None,
            "rolling_autocovariance": pick(rolling_cov.to_numpy()),
        },
        "corwin_schultz": {
            "two_day_count": int(len(cs)),
            "mean": float(cs.mean()),
            "zero_share": float((cs == 0).mean()),
            "two_day": pick(cs),
            "rolling_mean": pick(cs_rolling.to_numpy()),
        },
        "amihud": {
            "illiquidity": float(amihud),
            "rolling": pick(amihud_rolling),
            "zero_return_share": float((ret.iloc[1:] == 0).mean()),
            "amivest": float(dollar_volume.iloc[1:].sum() / ret.iloc[1:].abs().sum()),
            "mean_dollar_volume": float(dollar_volume.mean()),
        },
        "ewma": {"rows": EWMA_ROWS, "variance": ewma},
        "crises": {cid: crisis(dates, close, a, b) for cid, a, b in CRISES},
    }
    with open(out, "w") as f:
        json.dump(result, f)
        f.write("\n")


if __name__ == "__main__":
    main()
