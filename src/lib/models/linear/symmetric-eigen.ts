/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Used on p × p Gram matrices (p is the
 * feature count, 13 here), where Jacobi is short, dependency-free and accurate to a few ulps of the largest
 * eigenvalue: plenty when, as in Bayesian ridge, every eigenvalue is shifted by a penalty before it is inverted.
 */

/** Sweeps after which a symmetric p × p matrix with p ≤ ~100 has always converged in practice (typically 6–10). */
const MAX_SWEEPS = 100;

/** |a_pq| ≤ this × √(a_pp·a_qq) counts as zero (a small fraction of float64's ε). */
const NEGLIGIBLE_RELATIVE = 1e-18;

export interface SymmetricEigen {
	/** Eigenvalues, in no particular order (non-negative for a Gram matrix, up to rounding). */
	readonly values: Float64Array;
	/** Eigenvectors as the columns of a row-major p × p matrix: vectors[i * p + k] is component i of vector k. */
	readonly vectors: Float64Array;
}

/** Eigenvalues and eigenvectors of the symmetric p × p matrix given by its lower triangle (row-major). */
export function symmetricEigen(lower: Float64Array, p: number): SymmetricEigen {
	const a = new Float64Array(p * p);
	for (let i = 0; i < p; i++) {
		for (let j = 0; j <= i; j++) a[i * p + j] = a[j * p + i] = lower[i * p + j];
	}
	const v = new Float64Array(p * p);
	for (let i = 0; i < p; i++) v[i * p + i] = 1;
	for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
		let rotated = false;
		for (let q = 1; q < p; q++) {
			for (let r = 0; r < q; r++) {
				const apq = a[r * p + q];
				const app = a[r * p + r];
				const aqq = a[q * p + q];
				// An off-diagonal entry below rounding of its two diagonal entries is noise: rotating it away would
				// change nothing above the last bit, and chasing it could keep the sweeps going for ever.
				if (Math.abs(apq) <= NEGLIGIBLE_RELATIVE * Math.sqrt(Math.abs(app * aqq))) {
					a[r * p + q] = a[q * p + r] = 0;
					continue;
				}
				rotated = true;
				// Rotation zeroing a[r][q] (Golub & Van Loan, Algorithm 8.4.1, the stable choice of t).
				const theta = (aqq - app) / (2 * apq);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < p; k++) {
					const akr = a[k * p + r];
					const akq = a[k * p + q];
					a[k * p + r] = c * akr - s * akq;
					a[k * p + q] = s * akr + c * akq;
				}
				for (let k = 0; k < p; k++) {
					const ark = a[r * p + k];
					const aqk = a[q * p + k];
					a[r * p + k] = c * ark - s * aqk;
					a[q * p + k] = s * ark + c * aqk;
				}
				for (let k = 0; k < p; k++) {
					const vkr = v[k * p + r];
					const vkq = v[k * p + q];
					v[k * p + r] = c * vkr - s * vkq;
					v[k * p + q] = s * vkr + c * vkq;
				}
			}
		}
		if (!rotated) break;
	}
	const values = new Float64Array(p);
	for (let i = 0; i < p; i++) values[i] = a[i * p + i];
	return { values, vectors: v };
}
