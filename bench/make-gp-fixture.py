"""scikit-learn references for src/lib/research/study/samplers/gp-kernel.ts and gp-fit.ts.

Usage: npx tsx bench/make-gp-fixture.ts (writes the inputs, runs this with /usr/bin/python3, formats).
argv: dir (<case>.X.f64, <case>.Xt.f64, <case>.y.f64, little-endian float64; meta.json), output path.

Model: GaussianProcessRegressor(ConstantKernel(c) * Matern(length_scale=[...], nu=2.5) + WhiteKernel(s),
alpha=1e-10, normalize_y=True) of scikit-learn 1.2.1 (normalize_y standardises y with its ddof-0 sd, as
gp-kernel.ts does). "fixed": optimizer=None at the case's hyperparameters: log_marginal_likelihood and its
gradient in the log-hyperparameters, predict(Xt, return_std=True) (the std includes the WhiteKernel noise).
"optimised": the default L-BFGS-B optimiser with the same bounds as gp-fit.ts (GP_BOUNDS), started at
gp-fit.ts's fixed start (c = 1, length scales 0.5, s = 1e-2) plus n_restarts_optimizer=10, random_state=0.
"""

import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

warnings.simplefilter("ignore")
assert sklearn.__version__ == "1.2.1", sklearn.__version__


def load(d, name, rows, cols=None):
    x = np.fromfile(os.path.join(d, name), dtype="<f8")
    return x.reshape(rows, cols) if cols else x


def kernel(c, ls, s, b):
    return ConstantKernel(c, constant_value_bounds=tuple(b["amplitude"])) * Matern(
        length_scale=ls, length_scale_bounds=tuple(b["lengthScale"]), nu=2.5
    ) + WhiteKernel(s, noise_level_bounds=tuple(b["noise"]))


def main():
    d, out = sys.argv[1], sys.argv[2]
    meta = json.load(open(os.path.join(d, "meta.json")))
    b = meta["bounds"]
    cases = []
    for c in meta["cases"]:
        n, dim, t = c["n"], c["d"], c["tests"]
        X = load(d, f"{c['name']}.X.f64", n, dim)
        Xt = load(d, f"{c['name']}.Xt.f64", t, dim)
        y = load(d, f"{c['name']}.y.f64", n)
        h = c["hyper"]
        fixed = GaussianProcessRegressor(
            kernel(h["amplitude"], h["lengthScales"], h["noise"], b), alpha=1e-10, normalize_y=True, optimizer=None
        ).fit(X, y)
        lml, grad = fixed.log_marginal_likelihood(fixed.kernel_.theta, eval_gradient=True)
        mean, std = fixed.predict(Xt, return_std=True)
        opt = GaussianProcessRegressor(
            kernel(1.0, [0.5] * dim, 1e-2, b), alpha=1e-10, normalize_y=True, n_restarts_optimizer=10, random_state=0
        ).fit(X, y)
        th = np.exp(opt.kernel_.theta)
        cases.append({
            "name": c["name"],
            "X": X.ravel().tolist(),
            "Xt": Xt.ravel().tolist(),
            "y": y.tolist(),
            "n": n,
            "d": dim,
            "hyper": h,
            "fixed": {
                "lml": float(lml),
                "lmlGradient": grad.tolist(),
                "mean": mean.tolist(),
                "std": std.tolist(),
            },
            "optimised": {
                "lml": float(opt.log_marginal_likelihood_value_),
                "amplitude": float(th[0]),
                "lengthScales": th[1:-1].tolist(),
                "noise": float(th[-1]),
            },
        })
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, open(out, "w"))


main()
