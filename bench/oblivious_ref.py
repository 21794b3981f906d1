"""A small NumPy reference for the `catboost` entry's plain mode (src/lib/models/trees/oblivious-gbm.ts).

There is no CatBoost library here (Debian packages none and the npm registry has no working build), so this is the
same algorithm written plainly: gradient boosting of oblivious trees for squared error, initial prediction the mean,
every level's (feature, border) maximising sum over leaves of S_L^2/(n_L + l2) + S_R^2/(n_R + l2), leaf value
learning_rate * S/(n + l2). Borders follow binning.ts (scikit-learn's _BinMapper rule: midpoints between distinct
values, or 'midpoint' percentiles when there are more distinct values than bins), written independently here.
Sums run in the same order as the TypeScript (bincount and cumsum are sequential), so the two agree to the bit.
"""

import numpy as np

# Codes are one byte in binning.ts; histograms are laid out 256 wide per feature.
CODE_SPACE = 256


def borders(column, max_bins):
    distinct = np.unique(column)
    if len(distinct) <= max_bins:
        mids = (distinct[:-1] + distinct[1:]) * 0.5
    else:
        percentiles = np.linspace(0, 100, num=max_bins + 1)[1:-1]
        mids = np.percentile(column, percentiles, method="midpoint")
    return np.unique(mids)


def sequential_mean(y):
    total = 0.0
    for v in y:
        total += float(v)
    return total / len(y)


class ObliviousBooster:
    def __init__(self, iterations, depth, learning_rate, l2_leaf_reg=3.0, border_count=254):
        self.iterations = iterations
        self.depth = depth
        self.learning_rate = learning_rate
        self.l2 = float(l2_leaf_reg)
        self.border_count = border_count

    def fit(self, X, y):
        n, p = X.shape
        lam, rate = self.l2, self.learning_rate
        self.thresholds = [borders(X[:, f], self.border_count + 1) for f in range(p)]
        codes = np.stack([np.searchsorted(t, X[:, f], side="left") for f, t in enumerate(self.thresholds)], axis=1)
        n_bins = np.array([len(t) + 1 for t in self.thresholds])
        candidate = np.arange(CODE_SPACE)[None, :] < (n_bins[:, None] - 1)
        offsets = np.arange(p) * CODE_SPACE
        self.baseline = sequential_mean(y)
        pred = np.full(n, self.baseline)
        self.trees = []
        for _ in range(self.iterations):
            g = y - pred
            leaf = np.zeros(n, dtype=np.int64)
            features, cuts = [], []
            for d in range(self.depth):
                leaves = 2**d
                cells = leaves * p * CODE_SPACE
                index = (leaf[:, None] * (p * CODE_SPACE) + offsets[None, :] + codes).ravel()
                s = np.bincount(index, weights=np.repeat(g, p), minlength=cells).reshape(leaves, p, CODE_SPACE)
                m = np.bincount(index, minlength=cells).astype(np.float64).reshape(leaves, p, CODE_SPACE)
                s = np.cumsum(s, axis=2)
                m = np.cumsum(m, axis=2)
                sr = s[:, :, -1:] - s
                mr = m[:, :, -1:] - m
                term = (s * s) / (m + lam) + (sr * sr) / (mr + lam)
                score = np.zeros((p, CODE_SPACE))
                for l in range(leaves):
                    score += term[l]
                score[~candidate] = -np.inf
                best = int(np.argmax(score))
                if score.flat[best] == -np.inf:
                    break
                f, b = divmod(best, CODE_SPACE)
                features.append(f)
                cuts.append(b)
                leaf = 2 * leaf + (codes[:, f] > b)
            width = 2 ** len(features)
            total = np.bincount(leaf, weights=g, minlength=width)
            count = np.bincount(leaf, minlength=width).astype(np.float64)
            values = rate * (total / (count + lam))
            pred = pred + values[leaf]
            thresholds = [self.thresholds[f][b] for f, b in zip(features, cuts)]
            self.trees.append((features, thresholds, values))
        self.train_predictions = pred
        return self

    def predict(self, X):
        out = np.full(X.shape[0], self.baseline)
        for features, thresholds, values in self.trees:
            leaf = np.zeros(X.shape[0], dtype=np.int64)
            for f, t in zip(features, thresholds):
                leaf = 2 * leaf + (X[:, f] > t)
            out = out + values[leaf]
        return out
