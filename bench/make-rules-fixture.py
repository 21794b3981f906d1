"""pandas reference fixture for the rolling statistics of src/lib/models/rules/ (rolling.ts and the rules on it).

Usage (through bench/make-rules-fixture.ts, which writes DIR):
  /usr/bin/python3 bench/make-rules-fixture.py DIR OUT
DIR holds close.f64, high.f64, low.f64, volume.f64: the first rows of the real S&P 500 daily bars
(node_modules/vega-datasets/data/sp500-2000.csv, as the app parses it).

'trailing' windows are pandas x.rolling(w) (today included); 'prior' windows are x.shift(1).rolling(w) (today
excluded). Standard deviations use pandas' default ddof=1. sevcik_close_50 is Sevcik's fractal dimension of each
trailing 50-close window (C. Sevcik, Complexity International 5, 1998), by rolling(50).apply.
"""

import json
import os
import sys

import numpy as np
import pandas as pd


def load(directory, name):
    return pd.Series(np.fromfile(os.path.join(directory, name + ".f64"), dtype="<f8"))


def out(series):
    return [None if np.isnan(v) else float(v) for v in series]


def sevcik(y):
    """Sevcik (1998) fractal dimension of one window, written independently of src/lib/models/rules/fractal.ts."""
    n = len(y)
    span = y.max() - y.min()
    if span == 0:
        return np.nan
    ys = (y - y.min()) / span
    length = np.sum(np.hypot(np.full(n - 1, 1.0 / (n - 1)), np.diff(ys)))
    return 1.0 + np.log(length) / np.log(2.0 * (n - 1))


def main():
    directory, target = sys.argv[1], sys.argv[2]
    close, high, low, volume = (load(directory, n) for n in ("close", "high", "low", "volume"))
    prior = lambda s: s.shift(1)
    z = lambda x, roll: (x - roll.mean()) / roll.std()
    fixture = {
        "source": {
            "data": "node_modules/vega-datasets/data/sp500-2000.csv, first %d rows" % len(close),
            "pandas_version": pd.__version__,
            "made_by": "npx tsx bench/make-rules-fixture.ts (runs bench/make-rules-fixture.py)",
        },
        "rows": len(close),
        "first_close": float(close.iloc[0]),
        "last_close": float(close.iloc[-1]),
        "close_mean_trailing_20": out(close.rolling(20).mean()),
        "close_std_trailing_20": out(close.rolling(20).std()),
        "close_z_trailing_20": out(z(close, close.rolling(20))),
        "close_z_prior_50": out(z(close, prior(close).rolling(50))),
        "close_max_prior_20": out(prior(close).rolling(20).max()),
        "close_min_prior_20": out(prior(close).rolling(20).min()),
        "high_max_prior_20": out(prior(high).rolling(20).max()),
        "low_min_prior_20": out(prior(low).rolling(20).min()),
        "volume_mean_prior_20": out(prior(volume).rolling(20).mean()),
        "range_mean_prior_20": out(prior(high - low).rolling(20).mean()),
        "sevcik_close_50": out(close.rolling(50).apply(sevcik, raw=True)),
    }
    with open(target, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


if __name__ == "__main__":
    main()
