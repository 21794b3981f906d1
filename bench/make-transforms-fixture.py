"""statsmodels / PyWavelets reference fixtures for src/lib/models/transforms.

Usage: npx tsx bench/make-transforms-fixture.ts (writes the closes, runs this with /usr/bin/python3, formats).
argv: dir (holds close.f64, the real S&P 500 closes of src/lib/testing/sp500.ts, little-endian float64),
then the output paths, recognised by file name:
- seasonal-decomposition.fixture.json: statsmodels.tsa.seasonal.STL(...).fit() and seasonal_decompose on
  slices of the log closes (the multiplicative case on the closes themselves);
- wavelet.fixture.json: pywt.Wavelet(name) filters, pywt.wavedec for each mode on a slice of the log closes.
"""

import json
import os
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL, seasonal_decompose

STL_CASES = [
    # (name, first row, rows, period, robust, seasonal window)
    ("period5", 0, 400, 5, False, 7),
    ("period21_robust", 1000, 400, 21, True, 7),
    ("period252", 2000, 520, 252, False, 13),
]
CLASSICAL_CASES = [
    # (name, first row, rows, period, model, on log closes)
    ("additive21", 3000, 400, 21, "additive", True),
    ("multiplicative12", 4000, 400, 12, "multiplicative", False),
]


def floats(a):
    return [None if np.isnan(v) else float(v) for v in a]


def seasonal(close, out):
    log = np.log(close)
    stl_out = []
    for name, start, rows, period, robust, seas in STL_CASES:
        y = log[start : start + rows]
        res = STL(y, period=period, seasonal=seas, robust=robust).fit()
        stl_out.append(
            {
                "name": name,
                "start": start,
                "rows": rows,
                "period": period,
                "robust": robust,
                "seasonal_window": seas,
                "trend": floats(res.trend),
                "seasonal": floats(res.seasonal),
                "weights_sum": float(np.sum(res.weights)),
            }
        )
    classical_out = []
    for name, start, rows, period, model, on_log in CLASSICAL_CASES:
        x = (log if on_log else close)[start : start + rows]
        res = seasonal_decompose(x, model=model, period=period)
        classical_out.append(
            {
                "name": name,
                "start": start,
                "rows": rows,
                "period": period,
                "model": model,
                "log": on_log,
                "trend": floats(res.trend),
                "seasonal": floats(res.seasonal[:period]),
                "resid": floats(res.resid),
            }
        )
    with open(out, "w") as f:
        json.dump(
            {
                "source": {
                    "data": "real S&P 500 daily closes (vega-datasets sp500-2000.csv), natural log unless log is false",
                    "statsmodels_version": statsmodels.__version__,
                    "definition": "STL(y, period, seasonal, robust).fit() with other defaults; "
                    "seasonal_decompose(x, model, period) with other defaults (seasonal: first period values)",
                    "made_by": "npx tsx bench/make-transforms-fixture.ts",
                },
                "stl": stl_out,
                "classical": classical_out,
            },
            f,
        )
        f.write("\n")


def wavelet(close, out):
    import pywt

    log = np.log(close)
    names = ["haar", "db2", "db4", "db8", "sym4", "coif1"]
    modes = ["symmetric", "periodization", "zero", "constant", "reflect"]
    filters = {}
    for name in names:
        w = pywt.Wavelet(name)
        filters[name] = {k: list(map(float, getattr(w, k))) for k in ["dec_lo", "dec_hi", "rec_lo", "rec_hi"]}
    x = log[500:757]  # 257 values: an odd length exercises the extra sample of periodization and waverec
    cases = []
    for name in names:
        # Every mode for haar and db4; the others with the two modes that differ most (size of the fixture).
        for mode in modes if name in ("haar", "db4") else ["symmetric", "periodization"]:
            level = 3
            coeffs = pywt.wavedec(x, name, mode=mode, level=level)
            cases.append({"wavelet": name, "mode": mode, "level": level, "coeffs": [floats(c) for c in coeffs]})
    max_levels = {name: pywt.dwt_max_level(len(x), pywt.Wavelet(name).dec_len) for name in names}
    # One denoising reference: universal soft threshold on the last 256 values of the slice.
    window = x[-256:]
    coeffs = pywt.wavedec(window, "db4", mode="symmetric", level=4)
    sigma = np.median(np.abs(coeffs[-1])) / 0.6745
    thr = sigma * np.sqrt(2 * np.log(len(window)))
    den = [coeffs[0]] + [pywt.threshold(c, thr, mode="soft") for c in coeffs[1:]]
    rec = pywt.waverec(den, "db4", mode="symmetric")
    with open(out, "w") as f:
        json.dump(
            {
                "source": {
                    "data": "real S&P 500 daily closes (vega-datasets sp500-2000.csv), natural log, rows 500-756",
                    "pywt_version": pywt.__version__,
                    "definition": "pywt.Wavelet(name).dec_lo/dec_hi/rec_lo/rec_hi; pywt.wavedec(x, name, mode, level=3); "
                    "denoise: wavedec(db4, symmetric, level 4) of the last 256 values, sigma = median|cD1|/0.6745, "
                    "threshold sigma*sqrt(2 ln 256), pywt.threshold soft on details, waverec",
                    "made_by": "npx tsx bench/make-transforms-fixture.ts",
                },
                "x": floats(x),
                "filters": filters,
                "max_levels": max_levels,
                "cases": cases,
                "denoise": {"window": 256, "level": 4, "threshold": float(thr), "values": floats(rec)},
            },
            f,
        )
        f.write("\n")


def main():
    d = sys.argv[1]
    close = np.fromfile(os.path.join(d, "close.f64"), dtype="<f8")
    for out in sys.argv[2:]:
        base = os.path.basename(out)
        if base == "seasonal-decomposition.fixture.json":
            seasonal(close, out)
        elif base == "wavelet.fixture.json":
            wavelet(close, out)
        else:
            raise SystemExit("unknown output " + out)


if __name__ == "__main__":
    main()
