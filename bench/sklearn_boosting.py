"""References for bench/boosting.ts: scikit-learn's GradientBoostingRegressor (the `gradient_boosting` entry) and
the NumPy oblivious-tree booster of bench/oblivious_ref.py (the `catboost` entry's plain mode).

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_boosting.py DIR WHICH
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64, written by bench/matrix.ts) and meta.json with
{"cols": n_features}; WHICH is "gbr", "gbr-seeds" or "oblivious [iterations]". Prints one JSON object: one fit's
seconds, train/test R² ("gbr-seeds": train/test R² for random_state 0-9, untimed).
"""

import json
import os
import sys
import time

import numpy as np


# "gbr-seeds": sklearn breaks exact ties between columns by a random feature order, so test R² depends on
# random_state; these seeds show how much.
SEEDS = range(10)


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        cols = json.load(f)["cols"]
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    return read("Xtr.f64").reshape(-1, cols), read("ytr.f64"), read("Xte.f64").reshape(-1, cols), read("yte.f64")


def r2(y, p):
    return float(1 - ((y - p) ** 2).sum() / ((y - y.mean()) ** 2).sum())


def main():
    Xtr, ytr, Xte, yte = load(sys.argv[1])
    which = sys.argv[2]
    if which == "gbr-seeds":
        from sklearn.ensemble import GradientBoostingRegressor

        fits = [GradientBoostingRegressor(random_state=s).fit(Xtr, ytr) for s in SEEDS]
        out = {"train_r2": [r2(ytr, f.predict(Xtr)) for f in fits], "test_r2": [r2(yte, f.predict(Xte)) for f in fits]}
    elif which == "gbr":
        import sklearn
        from sklearn.ensemble import GradientBoostingRegressor

        model = GradientBoostingRegressor(n_estimators=100, learning_rate=0.1, random_state=0)
        t0 = time.perf_counter()
        model.fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        out = {"version": sklearn.__version__, "fit_seconds": seconds}
        out["train_r2"], out["test_r2"] = r2(ytr, model.predict(Xtr)), r2(yte, model.predict(Xte))
    else:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from oblivious_ref import ObliviousBooster

        iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
        t0 = time.perf_counter()
        model = ObliviousBooster(iterations=iterations, depth=6, learning_rate=0.03).fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        out = {"version": "numpy " + np.__version__, "fit_seconds": seconds, "iterations": iterations}
        out["train_r2"], out["test_r2"] = r2(ytr, model.predict(Xtr)), r2(yte, model.predict(Xte))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
