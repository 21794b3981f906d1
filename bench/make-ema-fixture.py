"""pandas reference fixture for src/lib/models/indicators/ema.ts.

Usage: /usr/bin/python3 bench/make-ema-fixture.py && npx prettier --write src/lib/models/indicators/ema.fixture.json
(from the repository root; needs python3-pandas)
Reads the real S&P 500 closes straight from node_modules/vega-datasets/data/sp500-2000.csv (the file the app
bundles), and writes src/lib/models/indicators/ema.fixture.json: for the first ROWS closes, pandas'
ewm(span, adjust=False, min_periods=span).mean() for a few spans and the sign of EMA(12) − EMA(26).
"""

import json

import numpy as np
import pandas as pd

CSV = "node_modules/vega-datasets/data/sp500-2000.csv"
OUT = "src/lib/models/indicators/ema.fixture.json"
ROWS = 300
SPANS = [1, 5, 12, 26, 50]
FAST, SLOW = 12, 26


def ema(close, span):
    return close.ewm(span=span, adjust=False, min_periods=span).mean()


def main():
    close = pd.read_csv(CSV)["close"].iloc[:ROWS].astype("float64")
    nan_to_none = lambda s: [None if np.isnan(v) else float(v) for v in s]
    crossover = np.sign(ema(close, FAST) - ema(close, SLOW))
    out = {
        "source": {
            "data": CSV + ", column close, first %d rows" % ROWS,
            "pandas_version": pd.__version__,
            "definition": "Series.ewm(span=span, adjust=False, min_periods=span).mean()",
            "made_by": "/usr/bin/python3 bench/make-ema-fixture.py",
        },
        "close": [float(v) for v in close],
        "ema": {str(span): nan_to_none(ema(close, span)) for span in SPANS},
        "crossover": {"fast": FAST, "slow": SLOW, "positions": nan_to_none(crossover)},
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
