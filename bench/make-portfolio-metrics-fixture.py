"""NumPy / pandas references for src/lib/research/portfolio/metrics.ts and tearsheet.ts.

Usage (by hand, never from npm test):
    /usr/bin/python3 bench/make-portfolio-metrics-fixture.py
    npx prettier --write src/lib/research/portfolio/portfolio-metrics.fixture.json

The inputs (a seeded daily equity curve with its position counts, a benchmark over the same dates, closed
trades) are generated here and written into the fixture beside the expected numbers, so the tests need no
python. empyrical is not installed; its definitions (empyrical 0.5.5, empyrical/stats.py) are written out
with NumPy:
  annual_return   = (prod(1 + r)) ** (1 / (len(r) / 252)) - 1
  annual_volatility = std(r, ddof=1) * sqrt(252)
  sharpe_ratio    = mean(r) / std(r, ddof=1) * sqrt(252)                         (risk_free = 0)
  downside_risk   = sqrt(mean(clip(r - 0, -inf, 0) ** 2)) * sqrt(252)             (over ALL days)
  sortino_ratio   = mean(r) * 252 / downside_risk
  max_drawdown    = min(cum / cummax(cum) - 1), cum starting at 1 before the first return
Max-drawdown dates as pyfolio's get_max_drawdown_underwater (peak = last day at the high before the valley,
valley = idxmin, recovery = first day back at the peak). Drawdown periods, monthly table and rolling windows
as QuantStats (stats.drawdown_details, stats.monthly_returns, stats.rolling_sharpe / rolling_volatility), with
the peak counted from the starting value 1 (see tearsheet.ts); the histogram is numpy.histogram.
"""

import json
import os
import sys

import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "lib", "research", "portfolio",
                   "portfolio-metrics.fixture.json")
DAYS = 700
WINDOW = 63
BINS = 20
TOP = 5

rng = np.random.default_rng(20261205)
dates = pd.bdate_range("2021-01-04", periods=DAYS + 1)
iso = [d.strftime("%Y-%m-%d") for d in dates]

# Positions held each day: a random walk of the count, clipped to 0..20, with flat spells.
held = np.zeros(DAYS + 1, dtype=int)
for t in range(1, DAYS + 1):
    held[t] = int(np.clip(held[t - 1] + rng.integers(-2, 3), 0, 20))
r = np.where(held[1:] > 0, rng.normal(0.0004, 0.01, DAYS) * (1 + 0.5 * rng.standard_t(4, DAYS) ** 2) ** 0.5, 0.0)
equity = np.round(100_000 * np.concatenate([[1.0], np.cumprod(1 + r)]), 2)
bench = np.round(400 * np.concatenate([[1.0], np.cumprod(1 + rng.normal(0.0004, 0.012, DAYS))]), 4)


def summary(values):
    ret = values[1:] / values[:-1] - 1
    n = len(ret)
    total = np.prod(1 + ret) - 1
    std = np.std(ret, ddof=1)
    downside = np.sqrt(np.mean(np.clip(ret, -np.inf, 0) ** 2)) * np.sqrt(252)
    s = pd.Series(values, index=dates)
    under = s / s.cummax() - 1
    valley = under.idxmin()
    peak = under[:valley][under[:valley] == 0].index[-1]
    back = under[valley:][under[valley:] == 0]
    return {
        "days": n,
        "totalReturn": float(total),
        "annualReturn": float((1 + total) ** (1 / (n / 252)) - 1),
        "volatility": float(std * np.sqrt(252)),
        "sharpe": float(np.mean(ret) / std * np.sqrt(252)),
        "sortino": float(np.mean(ret) * 252 / downside),
        "maxDrawdown": float(under.min()),
        "maxDrawdownPeak": peak.strftime("%Y-%m-%d"),
        "maxDrawdownTrough": valley.strftime("%Y-%m-%d"),
        "maxDrawdownRecovery": back.index[0].strftime("%Y-%m-%d") if len(back) else None,
    }


def trade_stats(df):
    win, loss = df[df.pnl > 0], df[df.pnl < 0]
    nan = float("nan")
    return {
        "trades": int(len(df)), "wins": int(len(win)), "losses": int(len(loss)),
        "winRate": float((df.pnl > 0).mean()),
        "avgWin": float(win.tradeReturn.mean()) if len(win) else nan,
        "avgLoss": float(loss.tradeReturn.mean()) if len(loss) else nan,
        "profitFactor": float(win.pnl.sum() / -loss.pnl.sum()) if len(loss) else nan,
        "totalPnl": float(df.pnl.sum()), "avgReturn": float(df.tradeReturn.mean()),
        "best": float(df.tradeReturn.max()), "worst": float(df.tradeReturn.min()),
    }


n_trades = 60
trades = pd.DataFrame({
    "horizon": rng.choice(["short", "long"], n_trades),
    "modelId": rng.choice(["gbm", "ridge", "rf"], n_trades),
    "tradeReturn": np.round(rng.normal(0.004, 0.04, n_trades), 6),
    "invested": np.round(rng.uniform(2000, 8000, n_trades), 2),
})
trades.loc[[7, 31], "tradeReturn"] = 0.0  # break-even trades: neither wins nor losses
trades["pnl"] = trades.tradeReturn * trades.invested

# Tear sheet of the portfolio's daily returns, dated by the day each return ends.
ret = pd.Series(equity[1:] / equity[:-1] - 1, index=dates[1:])
growth = np.concatenate([[1.0], np.cumprod(1 + ret.values)])
dd = pd.Series((growth / np.maximum.accumulate(growth) - 1)[1:], index=ret.index)
no_dd = dd == 0
starts = list(dd.index[(~no_dd) & no_dd.shift(1, fill_value=True)])
ends = list(dd.index[(~no_dd) & no_dd.shift(-1, fill_value=True)])
periods = []
for s, e in zip(starts, ends):
    span = dd[s:e]
    after = dd.index.get_loc(e) + 1
    periods.append({
        "start": s.strftime("%Y-%m-%d"), "trough": span.idxmin().strftime("%Y-%m-%d"),
        "end": e.strftime("%Y-%m-%d"),
        "recovery": dd.index[after].strftime("%Y-%m-%d") if after < len(dd) else None,
        "depth": float(span.min()), "tradingDays": int(len(span)), "calendarDays": int((e - s).days + 1),
    })
periods = sorted(periods, key=lambda p: p["depth"])[:TOP]  # sorted() is stable: ties stay by start

comp = lambda x: float(np.prod(1 + x) - 1)  # noqa: E731
monthly = ret.groupby([ret.index.year, ret.index.month]).apply(comp)
yearly = ret.groupby(ret.index.year).apply(comp)
table = [{"year": int(y), "months": [float(monthly[(y, m)]) if (y, m) in monthly.index else None
                                      for m in range(1, 13)], "total": float(yearly[y])} for y in yearly.index]

roll = ret.rolling(WINDOW)
rolling_sharpe = roll.mean() / roll.std() * np.sqrt(252)
rolling_vol = roll.std() * np.sqrt(252)
counts, edges = np.histogram(ret.values, bins=BINS)

nan_to_none = lambda v: [None if np.isnan(x) else float(x) for x in v]  # noqa: E731
fixture = {
    "source": f"bench/make-portfolio-metrics-fixture.py; numpy {np.__version__}, pandas {pd.__version__}",
    "dates": iso, "equity": equity.tolist(), "held": held.tolist(), "benchmark": bench.tolist(),
    "trades": trades[["horizon", "modelId", "tradeReturn", "pnl"]].to_dict("records"),
    "portfolio": {**summary(equity), "exposure": float(np.mean(held[1:] > 0))},
    "benchmarkSummary": summary(bench),
    "tradeStats": trade_stats(trades),
    "byHorizon": {h: trade_stats(g) for h, g in trades.groupby("horizon")},
    "byModel": {m: trade_stats(g) for m, g in trades.groupby("modelId")},
    "tearsheet": {
        "window": WINDOW, "bins": BINS, "drawdownPeriods": periods, "monthly": table,
        "rollingSharpe": nan_to_none(rolling_sharpe.values), "rollingVolatility": nan_to_none(rolling_vol.values),
        "histogram": {"edges": edges.tolist(), "counts": counts.tolist()},
        "cumulativeEnd": float(growth[-1] - 1), "maxDrawdown": float(dd.min()),
    },
}
text = json.dumps(fixture, allow_nan=False)
with open(OUT, "w") as f:
    f.write(text + "\n")
print(f"wrote {OUT}: {len(text)} characters", file=sys.stderr)
