"""scikit-learn timing reference for bench/forest.ts.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_forest.py DIR JOBS
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64, written by bench/matrix.ts) and meta.json
{"cols": n}. JOBS is a JSON list of {"name", "model", "params", "tile"}: model is random_forest, bagging or
adaboost, tile repeats the training rows that many times. Each job is fitted once (single thread, n_jobs=1,
random_state=0) and timed; prints one JSON object {sklearn_version, jobs: {name: {fit_seconds, train_r2,
test_r2}}}. bench/forest.ts calls this once per round, interleaved with our fits.
"""

import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import AdaBoostRegressor, BaggingRegressor, RandomForestRegressor
from sklearn.metrics import r2_score
from sklearn.tree import DecisionTreeRegressor


def make(model, params):
    if model == "random_forest":
        return RandomForestRegressor(random_state=0, n_jobs=1, **params)
    if model == "bagging":
        # JSON turns 1.0 into 1, and an int max_samples is a row count: make the fraction a float again.
        params = {**params, "max_samples": float(params["max_samples"])}
        return BaggingRegressor(DecisionTreeRegressor(), random_state=0, n_jobs=1, **params)
    if model == "adaboost":
        return AdaBoostRegressor(random_state=0, loss="linear", **params)
    raise ValueError(model)


def main():
    directory, jobs = sys.argv[1], json.loads(sys.argv[2])
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    Xtr, ytr = read("Xtr.f64").reshape(-1, cols), read("ytr.f64")
    Xte, yte = read("Xte.f64").reshape(-1, cols), read("yte.f64")
    out = {"sklearn_version": sklearn.__version__, "jobs": {}}
    for job in jobs:
        X, y = np.tile(Xtr, (job["tile"], 1)), np.tile(ytr, job["tile"])
        model = make(job["model"], job["params"])
        t0 = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - t0
        out["jobs"][job["name"]] = {
            "fit_seconds": seconds,
            "train_r2": float(r2_score(y, model.predict(X))),
            "test_r2": float(r2_score(yte, model.predict(Xte))),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
