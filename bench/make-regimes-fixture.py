"""scikit-learn / statsmodels / NumPy reference fixture for src/lib/models/regimes/.

Usage (through bench/make-regimes-fixture.ts, which writes DIR):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/make-regimes-fixture.py DIR OUT
DIR holds X.f64 (the direction matrix's first rows, row-major), r.f64 (daily log returns), meta.json.

- kmeans: sklearn KMeans(n_clusters, init, max_iter=300, n_init=10, random_state=0) on StandardScaler(X), plus a
  well-separated synthetic case (drawn here with a fixed seed and stored with its labels).
- markov: statsmodels MarkovRegression(100 r, k_regimes, trend='c', switching_trend, switching_variance), the best
  of the default start and 20 random-search starts; log-likelihoods are converted back to r (plus n ln 100).
- pelt: no `ruptures` here, so a plain brute-force exact optimal partitioning (O(n^2) dynamic programme) of the
  standardised window, for each cost as ruptures defines it; `last_start[m]` is the start of the last segment of
  the optimal partition of the first m values (what the online PELT reads at t = m - 1).
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
RETURN_SCALE = 100.0


def load(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    read = lambda name: np.fromfile(os.path.join(directory, name), dtype="<f8")
    return meta, read("X.f64").reshape(-1, meta["cols"]), read("r.f64")


def kmeans_section(X):
    Z = StandardScaler().fit_transform(X)
    real = []
    for k, init in [(3, "k-means++"), (3, "random"), (5, "k-means++")]:
        km = KMeans(n_clusters=k, init=init, max_iter=300, n_init=10, random_state=0).fit(Z)
        real.append({"n_clusters": k, "init": init, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_)})
    rng = np.random.RandomState(0)
    centres = np.array([[0.0, 0.0, 0.0], [8.0, 0.0, 2.0], [0.0, 8.0, -2.0]])
    Xs = np.vstack([c + rng.normal(size=(40, 3)) for c in centres])
    Xs = Xs[rng.permutation(len(Xs))]
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(StandardScaler().fit_transform(Xs))
    return {
        "real": real,
        "synthetic": {
            "X": [round(float(v), 6) for v in Xs.ravel()],
            "cols": 3,
            "labels": km.labels_.tolist(),
            "inertia": float(km.inertia_),
        },
    }


def markov_fit(y, k, switching_trend, switching_variance):
    mod = sm.tsa.MarkovRegression(
        y, k_regimes=k, trend="c", switching_trend=switching_trend, switching_variance=switching_variance
    )
    best = None
    for kwargs in [{}, {"search_reps": 20}]:
        np.random.seed(0)
        res = mod.fit(disp=False, **kwargs)
        if best is None or res.llf > best.llf:
            best = res
    return mod, best


def markov_section(r):
    n = len(r)
    y = r * RETURN_SCALE
    out = []
    cases = [("hmm", k, True, sv) for k in (2, 3) for sv in (True, False)]
    cases += [("rsv", k, False, True) for k in (2, 3)]
    for name, k, st, sv in cases:
        mod, res = markov_fit(y, k, st, sv)
        p = res.params
        names = mod.param_names
        P = mod.regime_transition_matrix(p)[:, :, 0]  # P[i, j] = Pr(s_t = i | s_{t-1} = j)
        const = [float(p[names.index(f"const[{i}]")]) / RETURN_SCALE for i in range(k)] if st else [
            float(p[names.index("const")]) / RETURN_SCALE
        ] * k
        sig = [float(p[names.index(f"sigma2[{i}]")]) / RETURN_SCALE**2 for i in range(k)] if sv else [
            float(p[names.index("sigma2")]) / RETURN_SCALE**2
        ] * k
        out.append(
            {
                "case": name,
                "k": k,
                "switching_trend": st,
                "switching_variance": sv,
                "llf": float(res.llf + n * np.log(RETURN_SCALE)),
                "mean": const,
                "variance": sig,
                "transition": P.T.tolist(),  # transition[i][j] = Pr(s_t = j | s_{t-1} = i)
                "filtered_state": np.argmax(res.filtered_marginal_probabilities, axis=1).tolist(),
            }
        )
    return out


def segment_costs(z, model, gamma):
    n = len(z)
    C = np.full((n + 1, n + 1), np.inf)
    if model == "rbf":
        K = np.exp(-gamma * (z[:, None] - z[None, :]) ** 2)
    for s in range(n):
        for t in range(s + 1, n + 1):
            seg = z[s:t]
            m = t - s
            if model == "l2":
                C[s, t] = seg.var() * m
            elif model == "l1":
                C[s, t] = np.abs(seg - np.median(seg)).sum()
            elif model == "normal":
                C[s, t] = m * np.log(seg.var() + 1e-6)
            elif model == "rbf":
                C[s, t] = m - K[s:t, s:t].sum() / m
            elif model == "linear":
                A = np.column_stack([np.ones(m), np.arange(m, dtype=float)])
                coef, *_ = np.linalg.lstsq(A, seg, rcond=None)
                C[s, t] = float(((seg - A @ coef) ** 2).sum())
    return C


def optimal_partitioning(C, n, pen, min_size):
    F = np.full(n + 1, np.inf)
    F[0] = 0.0
    last = np.zeros(n + 1, dtype=int)
    for t in range(1, n + 1):
        best, at = np.inf, 0
        for s in range(0, t - min_size + 1):
            if s != 0 and s < min_size:
                continue
            v = F[s] + C[s, t] + pen
            if v < best:
                best, at = v, s
        F[t], last[t] = best, at
    bkps, t = [], n
    while t > 0:
        bkps.append(int(t))
        t = last[t]
    return F, last, sorted(bkps)


def pelt_section(r):
    z = (r - r.mean()) / r.std()
    n = len(z)
    diffs = (z[:, None] - z[None, :]) ** 2
    iu = np.triu_indices(n, 1)
    gamma = 1.0 / np.median(diffs[iu])
    cases = []
    for model in ["l2", "normal", "l1", "rbf", "linear"]:
        C = segment_costs(z, model, gamma)
        for pen, min_size in [(1.0, 2), (10.0, 2), (5.0, 5)]:
            F, last, bkps = optimal_partitioning(C, n, pen, min_size)
            cases.append(
                {
                    "model": model,
                    "penalty": pen,
                    "min_size": min_size,
                    "bkps": bkps,
                    "last_start": last.tolist(),
                    "cost": float(F[n]),
                }
            )
    return {"n": n, "gamma": float(gamma), "cases": cases}


def main():
    directory, out = sys.argv[1], sys.argv[2]
    meta, X, r = load(directory)
    fixture = {
        "sklearn_version": sklearn.__version__,
        "statsmodels_version": statsmodels.__version__,
        "numpy_version": np.__version__,
        "meta": meta,
        "kmeans": kmeans_section(X),
        "markov": markov_section(r),
        "pelt": pelt_section(r[: meta["peltCount"]]),
    }
    with open(out, "w") as f:
        json.dump(fixture, f)


if __name__ == "__main__":
    main()
