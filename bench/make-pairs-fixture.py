"""statsmodels and NumPy references for src/lib/models/portfolio/pairs.ts and rotation.ts.

Usage: npx tsx bench/make-pairs-fixture.ts (writes the closes, runs this with /usr/bin/python3, formats).
argv: dir (<case>.<asset>.f64 closes, little-endian float64; meta.json with the cases), output path.

Pairs: statsmodels.tsa.stattools.coint(log A window, log B window, trend='c', autolag='aic') gives tau and the
p-value at each refit; OLS(log A, [log B, 1]) the hedge ratio and residuals (their ddof-1 standard deviation is
sigma); the loop below re-implements the rules stated in pairs.ts (exits first, then entries; weights
s/(1+|b|), -s b/(1+|b|); costs on the turnover against the drifted weights, charged in the next bar).
Rotation: trailing returns prod(1+r)-1 over the window, the hysteresis swaps of rotation.ts, equal weights,
the drift-and-cost accounting of backtest.ts.
"""

import json
import os
import sys
import warnings

import numpy as np
import statsmodels
from statsmodels.regression.linear_model import OLS
from statsmodels.tsa.stattools import adfuller, coint

warnings.simplefilter("ignore")


def load(d, name, j, rows):
    x = np.fromfile(os.path.join(d, f"{name}.{j}.f64"), dtype="<f8")
    assert len(x) == rows
    return x


def eg(pa, pb):
    stat, p, crit = coint(pa, pb, trend="c", autolag="aic")
    fit = OLS(pa, np.column_stack([pb, np.ones(len(pb))])).fit()
    lag = adfuller(fit.resid, regression="n", autolag="AIC")[2]
    return {"stat": float(stat), "pvalue": float(p), "critical": [float(c) for c in crit],
            "beta": float(fit.params[0]), "alpha": float(fit.params[1]), "sd": float(np.std(fit.resid, ddof=1)),
            "usedLag": int(lag)}


def pairs(a, b, o):
    N = len(a)
    L, k = o["lookback"], o["refitEvery"]
    pa, pb = np.log(a), np.log(b)
    start = L - 1
    refits, pos, z_out, equity, rets = [], [], [], [], []
    wa = wb = 0.0
    s = 0
    value = 1.0
    cost_prev = 0.0
    model = None
    trades = []
    open_ = None
    for t in range(start, N):
        if t > start:
            ra, rb = a[t] / a[t - 1] - 1, b[t] / b[t - 1] - 1
            g = wa * ra + wb * rb
            R = (1 - cost_prev) * (1 + g) - 1
            rets.append(R)
            value *= 1 + R
            wa, wb = wa * (1 + ra) / (1 + g), wb * (1 + rb) / (1 + g)
        equity.append(value)
        if t == N - 1:
            z_out.append(float("nan") if not (model and model["tradable"]) else
                         (pa[t] - model["alpha"] - model["beta"] * pb[t]) / model["sd"])
            pos.append(0)
            break
        if (t - start) % k == 0:
            r = eg(pa[t - L + 1:t + 1], pb[t - L + 1:t + 1])
            r["bar"] = t
            r["tradable"] = bool(r["pvalue"] <= o["threshold"])
            model = r
            refits.append(r)
        if model["tradable"]:
            z = (pa[t] - model["alpha"] - model["beta"] * pb[t]) / model["sd"]
            if s == 1 and z >= -o["exit"]:
                s = 0
            if s == -1 and z <= o["exit"]:
                s = 0
            if s == 0:
                s = 1 if z <= -o["entry"] else (-1 if z >= o["entry"] else 0)
        else:
            z = float("nan")
            s = 0
        if open_ is not None and open_[0] != s:
            trades.append({"side": open_[0], "openBar": open_[1], "closeBar": t, "return": value / open_[2] - 1})
            open_ = None
        if s != 0 and open_ is None:
            open_ = (s, t, value)
        z_out.append(z)
        pos.append(s)
        scale = 1 + abs(model["beta"])
        ta, tb = s / scale, -s * model["beta"] / scale
        turnover = abs(ta - wa) + abs(tb - wb)
        cost_prev = turnover * o["costBps"] / 10000
        wa, wb = ta, tb
    if open_ is not None:
        trades.append({"side": open_[0], "openBar": open_[1], "closeBar": None, "return": value / open_[2] - 1})
    return {"refits": refits, "position": pos, "z": [None if np.isnan(v) else float(v) for v in z_out],
            "equity": equity, "trades": trades}


def rotation(closes, c):
    n = len(closes)
    r = [np.concatenate([[np.nan], x[1:] / x[:-1] - 1]) for x in closes]
    N = len(closes[0])
    L, k, h, th, bps = c["lookback"], c["rebalanceEvery"], c["holdings"], c["threshold"], c["costBps"]
    bars = list(range(L, N - 1, k))
    w = np.zeros(n)
    value = 1.0
    equity, held_log, swaps_log, turnover_log = [], [], [], []
    held = None
    cost_prev = 0.0
    for t in range(L, N):
        if t > L:
            gross = sum(w[i] * (1 + r[i][t]) for i in range(n))
            w = np.array([w[i] * (1 + r[i][t]) / gross for i in range(n)])
            R = (1 - cost_prev) * gross - 1
            value *= 1 + R
            cost_prev = 0.0
        equity.append(value)
        if t in bars:
            trail = np.array([np.prod(1 + r[i][t - L + 1:t + 1]) - 1 for i in range(n)])
            order = sorted(range(n), key=lambda i: (-trail[i], i))
            swaps = 0
            if held is None:
                held = set(order[:h])
            else:
                while True:
                    ch = [i for i in order if i not in held][0]
                    wk = [i for i in order if i in held][-1]
                    if not (trail[ch] - trail[wk] > th):
                        break
                    held.remove(wk)
                    held.add(ch)
                    swaps += 1
            target = np.array([1 / h if i in held else 0.0 for i in range(n)])
            turnover = float(np.abs(target - w).sum())
            cost_prev = turnover * bps / 10000
            w = target
            held_log.append(sorted(held))
            swaps_log.append(swaps)
            turnover_log.append(turnover)
    return {"held": held_log, "swaps": swaps_log, "turnover": turnover_log, "equity": equity}


def main():
    d, out = sys.argv[1], sys.argv[2]
    meta = json.load(open(os.path.join(d, "meta.json")))
    result = {"generator": f"statsmodels {statsmodels.__version__}, numpy {np.__version__}", "pairs": [],
              "coint": [], "rotations": []}
    for c in meta["pairs"]:
        a, b = load(d, c["name"], 0, c["rows"]), load(d, c["name"], 1, c["rows"])
        run = pairs(a, b, c["options"])
        result["pairs"].append({"name": c["name"], **run})
        for lo, hi in [(0, c["rows"]), (0, 30), (c["rows"] - 50, c["rows"]), (10, 260)]:
            hi = min(hi, c["rows"])
            r = eg(np.log(a[lo:hi]), np.log(b[lo:hi]))
            result["coint"].append({"name": c["name"], "from": lo, "to": hi, **r})
    for c in meta["rotations"]:
        closes = [load(d, c["name"], j, c["rows"]) for j in range(c["assets"])]
        result["rotations"].append({"name": c["name"], **rotation(closes, c)})
    json.dump(result, open(out, "w"), indent=1)


main()
