"""pandas reference for src/lib/research/recommend/regime.ts on the real S&P 500 closes.

Usage (from the repository root):
  /usr/bin/python3 bench/make-regime-fixture.py && npx prettier --write src/lib/research/recommend/regime.fixture.json
Reads node_modules/vega-datasets/data/sp500-2000.csv (the file the app bundles) and computes, with pandas
(an independent implementation of original-system §6.7 as regime.ts states it):
  trend = close.rolling(50).mean() / close.rolling(200).mean() - 1
  vol = close.pct_change().rolling(60).std() * sqrt(252)          (pandas rolling std, ddof 1)
  pct[t] = share of vol[0..t-1] (defined values) strictly below vol[t], when at least 60 such values exist
  state: trending if trend > 0.02 and pct < 0.5; choppy if pct > 0.7; neutral; insufficient if either is NaN.
Writes every 20th bar and the state counts over all bars.
"""

import json

import numpy as np
import pandas as pd

CSV = "node_modules/vega-datasets/data/sp500-2000.csv"
OUT = "src/lib/research/recommend/regime.fixture.json"
STEP = 20

close = pd.read_csv(CSV)["close"].astype(float)
trend = close.rolling(50).mean() / close.rolling(200).mean() - 1
vol = close.pct_change().rolling(60).std() * np.sqrt(252)
v = vol.to_numpy()
pct = np.full(len(v), np.nan)
for t in range(len(v)):
    if np.isnan(v[t]):
        continue
    earlier = v[:t][~np.isnan(v[:t])]
    if len(earlier) >= 60:
        pct[t] = np.mean(earlier < v[t])


def state(tr, p):
    if np.isnan(tr) or np.isnan(p):
        return "insufficient"
    if tr > 0.02 and p < 0.5:
        return "trending"
    if p > 0.7:
        return "choppy"
    return "neutral"


states = [state(tr, p) for tr, p in zip(trend.to_numpy(), pct)]
nan = lambda x: None if np.isnan(x) else float(x)
rows = [{"index": t, "trend": nan(trend.iloc[t]), "vol": nan(v[t]), "volPercentile": nan(pct[t]),
         "state": states[t]} for t in range(0, len(v), STEP)]
fixture = {"versions": {"pandas": pd.__version__, "numpy": np.__version__}, "bars": len(v),
           "counts": {s: states.count(s) for s in ["trending", "choppy", "neutral", "insufficient"]},
           "rows": rows}
with open(OUT, "w") as fh:
    json.dump(fixture, fh)
print("wrote", OUT, fixture["counts"])
