"""Reference fit times for bench/timeseries.ts: statsmodels 0.13.5 ARIMA / SARIMAX default fits and the NumPy
least-squares SETAR of make-timeseries-fixture.py, single-threaded.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/statsmodels_timeseries.py DIR
DIR holds cases.json ([{name, kind, order, seasonal_order, threshold, delay, repeat, file}]) and each case's series
as little-endian float64. Prints one JSON object {name: {"seconds": seconds per fit, "llf": log-likelihood or null}};
a case with `repeat` > 1 (SETAR's sub-millisecond fits) is timed over that many fits.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.statespace.sarimax import SARIMAX


def setar(r, threshold, delay):
    start = max(1, delay)
    t = np.arange(start, len(r))
    X = np.c_[np.ones(len(t)), r[t - 1]]
    lower = r[t - delay] <= threshold
    return [np.linalg.lstsq(X[m], r[t][m], rcond=None)[0] for m in (lower, ~lower)]


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "cases.json")) as f:
        cases = json.load(f)
    out = {}
    for case in cases:
        y = np.fromfile(os.path.join(directory, case["file"]), dtype="<f8")
        llf = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            if case["kind"] == "arima":
                llf = ARIMA(y, order=case["order"], seasonal_order=case["seasonal_order"]).fit().llf
            elif case["kind"] == "sarima":
                llf = SARIMAX(y, order=case["order"], seasonal_order=case["seasonal_order"]).fit(disp=0).llf
            else:
                for _ in range(case.get("repeat", 1)):
                    setar(y, case["threshold"], case["delay"])
            seconds = (time.perf_counter() - start) / case.get("repeat", 1)
        out[case["name"]] = {"seconds": seconds, "llf": None if llf is None else float(llf)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
