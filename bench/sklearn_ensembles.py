"""scikit-learn reference timings for bench/ensembles.ts.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_ensembles.py DIR MODEL TILES REPEATS
DIR holds Xtr.f64, ytr.f64 (little-endian float64, the bench matrix of bench/matrix.ts) and meta.json {cols}.
MODEL is stacking, voting_soft or voting_hard; the training rows are tiled TILES times. One untimed warm-up fit on
the untiled rows, then REPEATS timed fits. Prints {fit_seconds: [...], score}: train R² (stacking) or accuracy.
"""

import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import StackingRegressor, VotingClassifier
from sklearn.linear_model import LogisticRegression, Ridge, RidgeCV
from sklearn.model_selection import KFold
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def make(model):
    if model == "stacking":
        return StackingRegressor(
            [
                ("ridge", make_pipeline(StandardScaler(), Ridge(alpha=1.0))),
                ("knn", make_pipeline(StandardScaler(), KNeighborsRegressor())),
                ("tree", DecisionTreeRegressor(max_depth=5, random_state=0)),
            ],
            final_estimator=RidgeCV(alphas=(0.1, 1.0, 10.0)),
            cv=KFold(5),
        )
    # Our logistic entry's defaults (C 1, l2); lbfgs is scikit-learn's default solver.
    return VotingClassifier(
        [
            ("logistic", make_pipeline(StandardScaler(), LogisticRegression(C=1.0))),
            ("knn", make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))),
            ("tree", DecisionTreeClassifier(max_depth=5, random_state=0)),
        ],
        voting="soft" if model == "voting_soft" else "hard",
    )


def main():
    directory, model, tiles, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    X = np.fromfile(os.path.join(directory, "Xtr.f64"), dtype="<f8").reshape(-1, cols)
    y = np.fromfile(os.path.join(directory, "ytr.f64"), dtype="<f8")
    if model != "stacking":
        y = (y > 0).astype(int)
    make(model).fit(X, y)
    Xt, yt = np.tile(X, (tiles, 1)), np.tile(y, tiles)
    times = []
    for _ in range(repeats):
        m = make(model)
        t0 = time.perf_counter()
        m.fit(Xt, yt)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"fit_seconds": times, "score": float(m.score(X, y))}))


if __name__ == "__main__":
    main()
