"""pandas reference fixture for src/lib/models/indicators/volume-price.ts (indicators no JS library has).

Usage: /usr/bin/python3 bench/make-volume-price-fixture.py && npx prettier --write src/lib/models/indicators/volume-price.fixture.json
(from the repository root; needs python3-pandas)
Reads the real S&P 500 bars straight from node_modules/vega-datasets/data/sp500-2000.csv (the file the app
bundles) and writes, for the first ROWS bars and window W:
- corr: close.pct_change().rolling(W).corr(volume), Pearson's correlation of the bar's return with its volume;
- vwap / upper / lower: the rolling volume-weighted mean of the typical price (H + L + C)/3 and the bands
  VWAP ± K · sqrt(sum(V · (TP − VWAP)²) / sum(V)), computed window by window with numpy (two passes).
"""

import json

import numpy as np
import pandas as pd

CSV = "node_modules/vega-datasets/data/sp500-2000.csv"
OUT = "src/lib/models/indicators/volume-price.fixture.json"
ROWS = 300
W = 20
K = 2.0


def main():
    bars = pd.read_csv(CSV).iloc[:ROWS]
    close = bars["close"].astype("float64")
    volume = bars["volume"].astype("float64")
    corr = close.pct_change().rolling(W).corr(volume)
    tp = ((bars["high"] + bars["low"] + bars["close"]) / 3).to_numpy("float64")
    v = volume.to_numpy()
    vwap, upper, lower = [], [], []
    for t in range(ROWS):
        if t < W - 1:
            vwap.append(None), upper.append(None), lower.append(None)
            continue
        x, w = tp[t - W + 1 : t + 1], v[t - W + 1 : t + 1]
        m = float(np.sum(w * x) / np.sum(w))
        s = float(np.sqrt(np.sum(w * (x - m) ** 2) / np.sum(w)))
        vwap.append(m), upper.append(m + K * s), lower.append(m - K * s)
    nan_to_none = lambda s: [None if np.isnan(x) else float(x) for x in s]
    out = {
        "source": {
            "data": CSV + ", first %d rows" % ROWS,
            "pandas_version": pd.__version__,
            "numpy_version": np.__version__,
            "definition": "corr: close.pct_change().rolling(window).corr(volume); vwap: volume-weighted mean of "
            "(high + low + close)/3 over the window, bands ± band_width volume-weighted standard deviations",
            "made_by": "/usr/bin/python3 bench/make-volume-price-fixture.py",
        },
        "window": W,
        "band_width": K,
        "corr": nan_to_none(corr),
        "vwap": vwap,
        "upper": upper,
        "lower": lower,
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
