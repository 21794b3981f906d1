"""NumPy reference fixture for src/lib/models/information/hurst.ts.

Usage (from the repository root):
  /usr/bin/python3 bench/make-hurst-fixture.py && npx prettier --write src/lib/models/information/hurst.fixture.json
Reads the real S&P 500 closes straight from node_modules/vega-datasets/data/sp500-2000.csv (the file the app
bundles), takes log returns, and writes for min_window 10 and each method the window sizes, the statistic per size
(mean R/S over non-overlapping windows with population standard deviation; DFA-1 fluctuation with numpy.polyfit
detrending of the cumulative demeaned series; sample variance of block means) and the exponents from numpy.polyfit
of the log-log line, plus the Anis-Lloyd-Peters expected R/S (scipy.special.gammaln for the gamma ratio) and H_AL.
An independent NumPy/SciPy implementation from the papers' formulas (Weron 2002 eqs. 3-4; Peng et al. 1994), not a
port of the TypeScript loops.
"""

import json

import numpy as np
import pandas as pd
import scipy
from scipy.special import gammaln

CSV = "node_modules/vega-datasets/data/sp500-2000.csv"
OUT = "src/lib/models/information/hurst.fixture.json"
MIN_WINDOW = 10
COUNT = 20
FRACTION = {"rs": 1 / 2, "dfa": 1 / 4, "aggregated_variance": 1 / 10}


def sizes(lo, hi):
    grid = np.rint(np.exp(np.linspace(np.log(lo), np.log(hi), COUNT))).astype(int)
    return [int(v) for v in dict.fromkeys(grid)]


def rs(x, n):
    w = x[: (len(x) // n) * n].reshape(-1, n)
    dev = np.cumsum(w - w.mean(axis=1, keepdims=True), axis=1)
    r = np.maximum(dev.max(axis=1), 0) - np.minimum(dev.min(axis=1), 0)
    s = w.std(axis=1)
    return float(np.mean(r[s > 0] / s[s > 0]))


def expected_rs(n):
    i = np.arange(1, n)
    ratio = np.exp(gammaln((n - 1) / 2) - gammaln(n / 2))
    return float((n - 0.5) / n * ratio / np.sqrt(np.pi) * np.sum(np.sqrt((n - i) / i)))


def dfa(x, n):
    y = np.cumsum(x - x.mean())
    w = y[: (len(y) // n) * n].reshape(-1, n)
    t = np.arange(n)
    res = [row - np.polyval(np.polyfit(t, row, 1), t) for row in w]
    return float(np.sqrt(np.mean(np.square(res))))


def aggvar(x, m):
    means = x[: (len(x) // m) * m].reshape(-1, m).mean(axis=1)
    return float(np.var(means, ddof=1))


def main():
    close = pd.read_csv(CSV)["close"].to_numpy(dtype="float64")
    x = np.diff(np.log(close))
    out = {
        "source": "vega-datasets sp500-2000.csv, log returns of close",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "n": int(len(x)),
        "min_window": MIN_WINDOW,
    }
    for method, stat in (("rs", rs), ("dfa", dfa), ("aggregated_variance", aggvar)):
        ns = sizes(MIN_WINDOW, int(np.floor(len(x) * FRACTION[method])))
        values = np.array([stat(x, n) for n in ns])
        slope = float(np.polyfit(np.log(ns), np.log(values), 1)[0])
        entry = {"sizes": ns, "statistic": values.tolist(), "slope": slope}
        if method == "rs":
            expected = np.array([expected_rs(n) for n in ns])
            entry["expected"] = expected.tolist()
            entry["hurst_anis_lloyd"] = 0.5 + float(
                np.polyfit(np.log(ns), np.log(values) - np.log(expected), 1)[0]
            )
        out[method] = entry
    with open(OUT, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
