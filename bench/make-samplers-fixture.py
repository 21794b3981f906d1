"""scipy references for src/lib/research/study/samplers/ (parzen.ts, quasi-random.ts).

Usage: /usr/bin/python3 bench/make-samplers-fixture.py && npx prettier --write \
    src/lib/research/study/samplers/samplers.fixture.json
(from the repository root; scipy 1.10)

parzen: the TPE Parzen estimator of two observations on [0, 1] (Optuna 3.x univariate rules, written out here
by hand: σ by the neighbour gaps with the prior's centre 0.5 and the ends 0 and 1, the outer ones by their inner
gap, clipped to [1 / min(100, n + 2), 1]; prior N(0.5, 1) of weight 1; weights 1, 1, 1 normalised), its
density at a few points as the weighted sum of scipy.stats.truncnorm pdfs, and the discrete case (the mass of
cells of width 1/4, truncnorm cdf differences over the mixture).
halton: scipy.stats.qmc.Halton(d=3, scramble=False).random(16) (indices 0…15; bases 2, 3, 5) and
qmc.discrepancy(points, method="L2-star") of those points.
"""

import json

import numpy as np
import scipy
from scipy.stats import qmc, truncnorm

OUT = "src/lib/research/study/samplers/samplers.fixture.json"


def parzen():
    obs = np.array([0.2, 0.6])
    with_prior = np.append(obs, 0.5)
    order = np.argsort(with_prior, kind="stable")
    ends = np.concatenate([[0.0], with_prior[order], [1.0]])
    gaps = np.maximum(ends[1:-1] - ends[:-2], ends[2:] - ends[1:-1])
    gaps[0] = ends[2] - ends[1]
    gaps[-1] = ends[-2] - ends[-3]
    sig = np.empty(3)
    sig[order] = gaps
    sig = np.clip(sig[:2], 1 / min(100, len(obs) + 2), 1.0)
    mus = with_prior
    sigmas = np.append(sig, 1.0)
    w = np.ones(3) / 3

    def comp(k):
        return truncnorm((0 - mus[k]) / sigmas[k], (1 - mus[k]) / sigmas[k], loc=mus[k], scale=sigmas[k])

    xs = [0.0, 0.1, 0.2, 0.35, 0.6, 0.8, 1.0]
    pdf = [float(sum(w[k] * comp(k).pdf(x) for k in range(3))) for x in xs]
    cells = [[i / 4, (i + 1) / 4] for i in range(4)]
    mass = [float(sum(w[k] * (comp(k).cdf(b) - comp(k).cdf(a)) for k in range(3))) for a, b in cells]
    return {"observations": obs.tolist(), "sigmas": sig.tolist(), "xs": xs, "pdf": pdf, "cells": cells,
            "cellMass": mass}


def halton():
    pts = qmc.Halton(d=3, scramble=False).random(16)
    return {"points": pts.tolist(), "l2Star": float(qmc.discrepancy(pts, method="L2-star"))}


if __name__ == "__main__":
    out = {"scipy": scipy.__version__, "parzen": parzen(), "halton": halton()}
    with open(OUT, "w") as f:
        json.dump(out, f)
