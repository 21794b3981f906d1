"""scikit-learn reference fixture for src/lib/models/neighbors/knn.ts.

Usage (through bench/make-knn-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-knn-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}; y is the
5-day forward log return. Every case is make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors, weights))
with the default algorithm ('auto'); the estimator's chosen search (_fit_method) is recorded.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PREDICTIONS_KEPT = 500
CASES = [(1, "uniform"), (5, "uniform"), (5, "distance"), (50, "distance")]


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    return meta, read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols)


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte = load(directory)
    Xte = Xte[:PREDICTIONS_KEPT]
    cases = {}
    for k, weights in CASES:
        pipe = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=k, weights=weights))
        pipe.fit(Xtr, ytr)
        dist, ind = pipe[1].kneighbors(pipe[0].transform(Xte))
        cases[f"k{k}_{weights}"] = {
            "n_neighbors": k,
            "weights": weights,
            "sklearn_fit_method": pipe[1]._fit_method,
            "predictions": [float(v) for v in pipe.predict(Xte)],
            # Nearest-neighbour indices of the first 5 test rows, for a readable failure when the search differs.
            "first_neighbours": [[int(i) for i in row] for row in ind[:5]],
        }
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/testing/direction-matrix.ts rows, "
        "target = 5-day forward log return",
        "rows": meta["rows"],
        "test_rows_kept": PREDICTIONS_KEPT,
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-knn-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
