"""scikit-learn reference fixture for src/lib/models/information/ksg.ts.

Usage (from the repository root):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-mi-fixture.py && npx prettier --write src/lib/models/information/mi.fixture.json
Reads the real S&P 500 closes from node_modules/vega-datasets/data/sp500-2000.csv (the file the app bundles), takes
log returns r, and for the target y = r_t and the features r_{t-1} .. r_{t-LAGS} (rows t >= LAGS) writes
- sklearn.feature_selection.mutual_info_regression(X, y, n_neighbors=k, random_state=0) for several k (nats;
  scikit-learn scales each column to unit variance and adds 1e-10-relative noise before the KSG estimate);
- the same KSG algorithm 1 without the noise, by brute force in NumPy (Chebyshev distances in chunks,
  scipy.special.digamma), which the TypeScript estimator must match to rounding;
- the Shannon entropy (bits) of r in BINS equal-width bins (numpy.histogram).
"""

import json

import numpy as np
import pandas as pd
import sklearn
from scipy.special import digamma
from sklearn.feature_selection import mutual_info_regression
from sklearn.preprocessing import scale

CSV = "node_modules/vega-datasets/data/sp500-2000.csv"
OUT = "src/lib/models/information/mi.fixture.json"
LAGS = 5
KS = [1, 3, 10]
BINS = 20


def ksg_brute(x, y, k):
    n = len(x)
    eps = np.empty(n)
    for s in range(0, n, 400):
        d = np.maximum(np.abs(x[s : s + 400, None] - x[None, :]), np.abs(y[s : s + 400, None] - y[None, :]))
        d[np.arange(d.shape[0]), np.arange(s, s + d.shape[0])] = np.inf
        eps[s : s + 400] = np.partition(d, k - 1, axis=1)[:, k - 1]
    nx = np.array([np.sum(np.abs(x - x[i]) < eps[i]) - 1 for i in range(n)])
    ny = np.array([np.sum(np.abs(y - y[i]) < eps[i]) - 1 for i in range(n)])
    return max(0.0, float(digamma(n) + digamma(k) - np.mean(digamma(nx + 1) + digamma(ny + 1))))


def main():
    close = pd.read_csv(CSV)["close"].to_numpy(dtype="float64")
    r = np.diff(np.log(close))
    n = len(r)
    y = r[LAGS:]
    X = np.column_stack([r[LAGS - j : n - j] for j in range(1, LAGS + 1)])
    out = {"sklearn": sklearn.__version__, "lags": LAGS, "rows": int(len(y)), "bins": BINS}
    out["mutual_info_regression"] = {
        str(k): mutual_info_regression(X, y, n_neighbors=k, random_state=0).tolist() for k in KS
    }
    xs, ys = scale(X, with_mean=False), scale(y, with_mean=False)
    out["ksg_without_noise"] = {str(k): [ksg_brute(xs[:, j], ys, k) for j in range(LAGS)] for k in KS}
    counts, _ = np.histogram(r, bins=BINS)
    p = counts[counts > 0] / n
    out["entropy_bits"] = float(-np.sum(p * np.log2(p)))
    out["bin_counts"] = counts.tolist()
    with open(OUT, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
