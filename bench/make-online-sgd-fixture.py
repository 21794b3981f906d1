"""scikit-learn reference fixture for src/lib/models/linear/online-sgd.ts.

Usage (through bench/make-online-sgd-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-online-sgd-fixture.py DIR OUT
DIR holds Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and meta.json {cols, rows, feature_names}; y is
the 5-day forward log return. Features are standardised with StandardScaler fitted on the training rows; each case
is SGDRegressor(loss='squared_error', penalty='l2', alpha=l2, learning_rate='constant', eta0=lr, shuffle=False,
tol=None, max_iter=epochs, random_state=0) on them. Online: the fitted model then predicts the test rows in order,
and before predicting row i it is partial_fit on each test row j with j + HORIZON <= i (row index as the bar),
one row per call, in order.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDRegressor
from sklearn.preprocessing import StandardScaler

EPOCHS = 5
HORIZON = 5
ONLINE_ROWS = 200
CASES = {
    "defaults": dict(lr=0.01, l2=0.0),
    "l2_0.1": dict(lr=0.01, l2=0.1),
    "lr_0.001_l2_0.01": dict(lr=0.001, l2=0.01),
    # η·α = 0.05 per row: the weight scale drops below 1e-9 and is folded back in every ~400 rows.
    "lr_0.05_l2_1": dict(lr=0.05, l2=1.0),
}


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    X = lambda name: read(name).reshape(-1, cols)
    return meta, X("Xtr.f64"), read("ytr.f64"), X("Xte.f64"), read("yte.f64")


def make(lr, l2, epochs):
    return SGDRegressor(
        loss="squared_error",
        penalty="l2",
        alpha=l2,
        learning_rate="constant",
        eta0=lr,
        shuffle=False,
        max_iter=epochs,
        tol=None,
        random_state=0,
    )


def main():
    directory, out = sys.argv[1:3]
    meta, Xtr, ytr, Xte, yte = load(directory)
    warnings.simplefilter("ignore", ConvergenceWarning)
    scaler = StandardScaler().fit(Xtr)
    Ztr, Zte = scaler.transform(Xtr), scaler.transform(Xte[:ONLINE_ROWS])
    yte = yte[:ONLINE_ROWS]
    cases = {}
    for name, c in CASES.items():
        est = make(c["lr"], c["l2"], EPOCHS).fit(Ztr, ytr)
        case = {
            "learning_rate": c["lr"],
            "l2_regularization": c["l2"],
            "epochs": EPOCHS,
            "n_iter": int(est.n_iter_),
            "coefficients": [float(v) for v in est.coef_],
            "intercept": float(est.intercept_[0]),
            "frozen_predictions": [float(v) for v in est.predict(Zte)],
        }
        online = []
        learned = 0
        for i in range(len(Zte)):
            while learned < i and learned + HORIZON <= i:
                est.partial_fit(Zte[learned : learned + 1], yte[learned : learned + 1])
                learned += 1
            online.append(float(est.predict(Zte[i : i + 1])[0]))
        case["online_predictions"] = online
        cases[name] = case
    per_pass = []
    for epochs in range(1, 11):
        per_pass.append([float(v) for v in make(0.01, 0.0, epochs).fit(Ztr, ytr).coef_])
    source = {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via forwardReturnMatrix "
        "(src/lib/testing/direction-matrix.ts), target = 5-day forward log return",
        "rows": meta["rows"],
        "online_rows": ONLINE_ROWS,
        "horizon": HORIZON,
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-online-sgd-fixture.ts",
    }
    with open(out, "w") as f:
        json.dump({"source": source, "cases": cases, "defaults_coefficients_by_pass": per_pass}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
