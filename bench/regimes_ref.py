"""Reference fit times for bench/regimes.ts (scikit-learn KMeans, statsmodels MarkovRegression).

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/regimes_ref.py FILE JSON
FILE holds little-endian float64 values; JSON = {"model": "kmeans", "cols", "n_clusters", "init"} or
{"model": "markov", "k", "switching_trend", "switching_variance"}. Fits once and prints
{"fit_seconds", ...} (KMeans: inertia; Markov: llf of the series as given, which the bench passes ×100).
"""

import json
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")


def main():
    values = np.fromfile(sys.argv[1], dtype="<f8")
    spec = json.loads(sys.argv[2])
    if spec["model"] == "kmeans":
        from sklearn.cluster import KMeans
        from sklearn.preprocessing import StandardScaler

        X = values.reshape(-1, spec["cols"])
        t0 = time.perf_counter()
        Z = StandardScaler().fit_transform(X)
        km = KMeans(n_clusters=spec["n_clusters"], init=spec["init"], max_iter=300, n_init=10, random_state=0).fit(Z)
        seconds = time.perf_counter() - t0
        print(json.dumps({"fit_seconds": seconds, "inertia": float(km.inertia_)}))
    else:
        import statsmodels.api as sm

        t0 = time.perf_counter()
        mod = sm.tsa.MarkovRegression(
            values,
            k_regimes=spec["k"],
            trend="c",
            switching_trend=spec["switching_trend"],
            switching_variance=spec["switching_variance"],
        )
        res = mod.fit(disp=False)
        seconds = time.perf_counter() - t0
        print(json.dumps({"fit_seconds": seconds, "llf": float(res.llf)}))


if __name__ == "__main__":
    main()
