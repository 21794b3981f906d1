/**
 * Ledoit–Wolf shrinkage covariance (Ledoit & Wolf 2004, "A well-conditioned estimator for large-dimensional
 * covariance matrices", J. Multivariate Analysis 88:365–411), exactly as scikit-learn 1.2.1
 * `sklearn.covariance.LedoitWolf` (assume_centered=False): the empirical covariance (divisor n) shrunk toward
 * μ·I, μ its mean variance, by the estimated optimal intensity, capped at 1.
 */

export interface LedoitWolf {
	/** p×p row-major. */
	readonly covariance: Float64Array;
	readonly shrinkage: number;
}

/** X: n rows × p columns, row-major (observations × assets). */
export function ledoitWolf(X: Float64Array, n: number, p: number): LedoitWolf {
	if (n < 2) throw new RangeError(`Ledoit–Wolf needs at least 2 observations, got ${n}`);
	if (X.length !== n * p) throw new RangeError(`X must hold ${n}×${p} values, got ${X.length}`);
	for (let i = 0; i < X.length; i++)
		if (!Number.isFinite(X[i])) throw new RangeError(`X[${Math.floor(i / p)}][${i % p}] is ${X[i]}`);
	// One asset: nothing to shrink toward (scikit-learn returns shrinkage 0 for a single feature).
	const single = p === 1;
	const Xc = X.slice();
	for (let j = 0; j < p; j++) {
		let m = 0;
		for (let i = 0; i < n; i++) m += X[i * p + j];
		m /= n;
		for (let i = 0; i < n; i++) Xc[i * p + j] -= m;
	}
	const emp = new Float64Array(p * p); // XᵀX / n
	const x2x2 = new Float64Array(p * p); // (X²)ᵀ(X²)
	for (let i = 0; i < n; i++)
		for (let a = 0; a < p; a++) {
			const xa = Xc[i * p + a];
			for (let b = 0; b < p; b++) {
				const xb = Xc[i * p + b];
				emp[a * p + b] += xa * xb;
				x2x2[a * p + b] += xa * xa * xb * xb;
			}
		}
	let trace = 0;
	for (let a = 0; a < p; a++) trace += emp[a * p + a] / n;
	const mu = trace / p;
	let delta = 0; // Σ (XᵀX)² / n²
	let beta = 0;
	for (let k = 0; k < p * p; k++) {
		delta += emp[k] * emp[k];
		beta += x2x2[k];
	}
	delta /= n * n;
	beta = (beta / n - delta) / (p * n);
	delta = (delta - 2 * mu * trace + p * mu * mu) / p;
	beta = Math.min(beta, delta);
	const shrinkage = single || beta === 0 ? 0 : beta / delta;
	const covariance = emp.map((v, k) => (1 - shrinkage) * (v / n) + (k % (p + 1) === 0 ? shrinkage * mu : 0));
	return { covariance, shrinkage };
}
