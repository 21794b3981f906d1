"""scikit-learn reference fixtures for src/lib/models/ensembles/ (stacking.ts, voting.ts, gini-tree.ts).

Usage (through bench/make-ensembles-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-ensembles-fixture.py DIR STACKING_OUT VOTING_OUT
DIR/regression and DIR/classification each hold Xtr.f64, ytr.f64, Xte.f64, yte.f64 (little-endian float64) and
meta.json {cols, train_rows, test_rows, feature_names}: the bench matrix's rows before its StandardScaler, X rounded
to float32 (so the trees' float32 cast is lossless). y is the 5-day forward log return (regression) or the up label.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import StackingRegressor, VotingClassifier
from sklearn.linear_model import LogisticRegression, Ridge, RidgeCV
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

FINAL_ALPHAS = (0.1, 1.0, 10.0)
STACKING_CVS = (5, 3)
# Multipliers of the out-of-fold columns for the final estimator's own check (at scale 1 every case picks α = 10).
FINAL_CHECK_SCALES = (1.0, 30.0, 300.0)
# Rows of per-base predictions kept (the whole test set is kept for the default ensembles only).
ROWS_KEPT = 200
# The tree's features are visited in a random order, so exact ties between features depend on random_state.
TIE_SEEDS = range(20)
SAME_PREDICTION = 1e-12
VOTING_CONFIGS = [
    ("soft_equal", "soft", None),
    ("soft_weighted", "soft", [2.0, 1.0, 1.0]),
    ("hard_equal", "hard", None),
    ("hard_weighted", "hard", [1.0, 2.0, 0.5]),
]
TREE_DEPTHS = [("depth3", 3), ("depth5", 5), ("unlimited", None)]


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    cols = meta["cols"]
    Xtr, Xte = read("Xtr.f64").reshape(-1, cols), read("Xte.f64").reshape(-1, cols)
    assert np.array_equal(Xtr.astype(np.float32).astype(np.float64), Xtr), "X must arrive rounded to float32"
    return meta, Xtr, read("ytr.f64"), Xte, read("yte.f64")


def floats(values):
    return [float(v) for v in values]


def r2(y, p):
    return float(1 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2))


def source(meta, Xtr, ytr, made_for):
    return {
        "data": "node_modules/vega-datasets/data/sp500-2000.csv via src/lib/models/ensembles/fixture-rows.ts "
        "(bench matrix rows before StandardScaler, X rounded to float32)",
        "target": made_for,
        "train_rows": meta["train_rows"],
        "test_rows": meta["test_rows"],
        "feature_names": meta["feature_names"],
        "xtr_sum": float(Xtr.sum()),
        "ytr_sum": float(ytr.sum()),
        "sklearn_version": sklearn.__version__,
        "made_by": "npx tsx bench/make-ensembles-fixture.ts",
    }


def stacking(directory):
    meta, Xtr, ytr, Xte, yte = load(directory)
    estimators = [
        ("ridge", make_pipeline(StandardScaler(), Ridge(alpha=1.0))),
        ("knn", make_pipeline(StandardScaler(), KNeighborsRegressor())),
        ("tree", DecisionTreeRegressor(max_depth=5, random_state=0)),
    ]
    cases = {}
    for cv in STACKING_CVS:
        model = StackingRegressor(
            estimators, final_estimator=RidgeCV(alphas=FINAL_ALPHAS), cv=KFold(cv), passthrough=False
        ).fit(Xtr, ytr)
        oof = np.column_stack([cross_val_predict(e, Xtr, ytr, cv=KFold(cv)) for _, e in estimators])
        loo = RidgeCV(alphas=FINAL_ALPHAS, store_cv_values=True).fit(oof, ytr)
        assert np.allclose(loo.coef_, model.final_estimator_.coef_, rtol=1e-12, atol=0)
        pte = model.predict(Xte)
        # scikit-learn's own spread when only the tree's random_state (its feature order on ties) changes.
        seeded = [
            StackingRegressor(
                [*estimators[:2], ("tree", DecisionTreeRegressor(max_depth=5, random_state=s))],
                final_estimator=RidgeCV(alphas=FINAL_ALPHAS),
                cv=KFold(cv),
            ).fit(Xtr, ytr)
            for s in TIE_SEEDS
        ]
        seed_weights = np.array([m.final_estimator_.coef_ for m in seeded])
        seed_test = np.array([m.predict(Xte) for m in seeded])
        cases[f"cv{cv}"] = {
            "cv": cv,
            "alpha": float(model.final_estimator_.alpha_),
            "weights": floats(model.final_estimator_.coef_),
            "intercept": float(model.final_estimator_.intercept_),
            "loo_mse": floats(loo.cv_values_.mean(axis=0)),
            "train_r2": r2(ytr, model.predict(Xtr)),
            "test_r2": r2(yte, pte),
            "oof_column_sums": floats(oof.sum(axis=0)),
            "oof_head": [floats(row) for row in oof[:ROWS_KEPT]],
            "test_predictions": floats(pte if cv == 5 else pte[:ROWS_KEPT]),
            "tree_seed_weight_min": floats(seed_weights.min(axis=0)),
            "tree_seed_weight_max": floats(seed_weights.max(axis=0)),
            "tree_seed_alphas": sorted(set(float(m.final_estimator_.alpha_) for m in seeded)),
            "tree_seed_test_r2": [min(r2(yte, p) for p in seed_test), max(r2(yte, p) for p in seed_test)],
            "tree_seed_test_rms_spread": float(np.sqrt(np.mean((seed_test - seed_test[0]) ** 2, axis=1)).max()),
            "base_test_r2": {name: r2(yte, e.predict(Xte)) for name, e in model.named_estimators_.items()},
        }
        if cv == 5:
            # The final estimator alone, on the two base columns that do not depend on tie order (ridge, k-NN),
            # at their own scale and scaled up so that the LOO error separates the candidate penalties.
            final_checks = {}
            for scale in FINAL_CHECK_SCALES:
                ridge_cv = RidgeCV(alphas=FINAL_ALPHAS, store_cv_values=True).fit(oof[:, :2] * scale, ytr)
                final_checks[f"scale{scale:g}"] = {
                    "scale": scale,
                    "alpha": float(ridge_cv.alpha_),
                    "weights": floats(ridge_cv.coef_),
                    "intercept": float(ridge_cv.intercept_),
                    "loo_mse": floats(ridge_cv.cv_values_.mean(axis=0)),
                }
    return {
        "source": source(meta, Xtr, ytr, "5-day forward log return"),
        "rows_kept": ROWS_KEPT,
        "cases": cases,
        "final_estimator_on_ridge_knn_columns": final_checks,
    }


def base_classifiers():
    return [
        (
            "logistic",
            make_pipeline(
                StandardScaler(), LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-10, max_iter=100000)
            ),
        ),
        ("knn", make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))),
        ("tree", DecisionTreeClassifier(max_depth=5, random_state=0)),
    ]


def tree_case(depth, Xtr, ytr, Xte):
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(Xtr, ytr)
    out = {
        "max_depth": depth,
        "leaves": int(model.get_n_leaves()),
        "depth": int(model.get_depth()),
        "train_accuracy": float(model.score(Xtr, ytr)),
    }
    fits = [DecisionTreeClassifier(max_depth=depth, random_state=s).fit(Xtr, ytr) for s in TIE_SEEDS]
    for part, X in (("train", Xtr), ("test", Xte)):
        preds = np.array([f.predict_proba(X)[:, 1] for f in fits])
        varying = np.nonzero(preds.max(axis=0) - preds.min(axis=0) > SAME_PREDICTION)[0]
        out[part + "_varying"] = {str(int(i)): sorted(set(float(v) for v in preds[:, i])) for i in varying}
    if depth is not None:
        p = np.concatenate([model.predict_proba(Xtr)[:, 1], model.predict_proba(Xte)[:, 1]])
        values = np.unique(p)
        out["values"] = floats(values)
        out["train_leaf"] = [int(v) for v in np.searchsorted(values, p[: len(Xtr)])]
        out["test_leaf"] = [int(v) for v in np.searchsorted(values, p[len(Xtr) :])]
        out["importances"] = floats(model.feature_importances_)
    else:
        out["test_probabilities_head"] = floats(model.predict_proba(Xte[:ROWS_KEPT])[:, 1])
    return out


def voting(directory):
    meta, Xtr, ytr, Xte, yte = load(directory)
    ytr_i, yte_i = ytr.astype(int), yte.astype(int)
    fitted = [(name, e.fit(Xtr, ytr_i)) for name, e in base_classifiers()]
    base = {}
    for name, e in fitted:
        base[name] = {
            "test_probabilities_head": floats(e.predict_proba(Xte[:ROWS_KEPT])[:, 1]),
            "test_accuracy": float(e.score(Xte, yte_i)),
            "train_accuracy": float(e.score(Xtr, ytr_i)),
        }
    cases = {}
    for name, voting_kind, weights in VOTING_CONFIGS:
        model = VotingClassifier(base_classifiers(), voting=voting_kind, weights=weights).fit(Xtr, ytr_i)
        if voting_kind == "soft":
            pte, ptr = model.predict_proba(Xte)[:, 1], model.predict_proba(Xtr)[:, 1]
        else:
            # Hard voting has no predict_proba: our output is the weighted share of up votes, checked here to give
            # sklearn's labels (weighted majority, a tie going to class 0 like argmax).
            w = np.ones(3) if weights is None else np.asarray(weights)
            share = lambda X: sum(wi * e.predict(X) for wi, e in zip(w, model.estimators_)) / w.sum()
            pte, ptr = share(Xte), share(Xtr)
            assert np.array_equal((pte > 0.5).astype(int), model.predict(Xte))
            assert np.array_equal((ptr > 0.5).astype(int), model.predict(Xtr))
        cases[name] = {
            "voting": voting_kind,
            "weights": [] if weights is None else weights,
            "test_accuracy": float(model.score(Xte, yte_i)),
            "train_accuracy": float(model.score(Xtr, ytr_i)),
            "test_probabilities": floats(pte if name == "soft_equal" else pte[:ROWS_KEPT]),
            "test_probability_sum": float(pte.sum()),
        }
    trees = {name: tree_case(depth, Xtr, ytr_i, Xte) for name, depth in TREE_DEPTHS}
    return {
        "source": source(meta, Xtr, ytr, "1 when the 5-day forward log return is > 0"),
        "rows_kept": ROWS_KEPT,
        "base": base,
        "cases": cases,
        "gini_tree": trees,
    }


def main():
    directory, stacking_out, voting_out = sys.argv[1:4]
    for out, make in ((stacking_out, lambda: stacking(os.path.join(directory, "regression"))),
                      (voting_out, lambda: voting(os.path.join(directory, "classification")))):
        with open(out, "w") as f:
            json.dump(make(), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
