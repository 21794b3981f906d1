/**
 * Linear least squares by Householder QR (Golub & Van Loan §5.3): the minimiser of ‖Xb − y‖₂ for a full-rank X,
 * as np.linalg.lstsq / pinv give it, without forming XᵀX (whose condition number is the square of X's).
 * Small and dense: the regressions here have a handful of columns (ARMA starting values, SETAR regimes).
 */

/** Columns whose R diagonal is below this fraction of the largest are rank-deficient. */
const RANK_TOLERANCE = 1e-12;

/**
 * Solves min ‖Xb − y‖ for X of `rows` × `cols`, row-major. Returns null when X has fewer rows than columns or
 * is rank-deficient (a column that is, to rounding, a combination of the others).
 */
export function leastSquares(
	X: Float64Array,
	y: Float64Array,
	rows: number,
	cols: number
): Float64Array | null {
	if (rows < cols || cols === 0) return null;
	const A = Float64Array.from(X);
	const b = Float64Array.from(y);
	const diag = new Float64Array(cols);
	let largest = 0;
	for (let k = 0; k < cols; k++) {
		let norm = 0;
		for (let i = k; i < rows; i++) norm += A[i * cols + k] ** 2;
		norm = Math.sqrt(norm);
		if (norm === 0) return null;
		const alpha = A[k * cols + k] > 0 ? -norm : norm;
		// v = x − αe₁ stored in place of column k; R's diagonal entry is α.
		A[k * cols + k] -= alpha;
		let vv = 0;
		for (let i = k; i < rows; i++) vv += A[i * cols + k] ** 2;
		if (vv > 0) {
			for (let j = k + 1; j < cols; j++) {
				let s = 0;
				for (let i = k; i < rows; i++) s += A[i * cols + k] * A[i * cols + j];
				const f = (2 * s) / vv;
				for (let i = k; i < rows; i++) A[i * cols + j] -= f * A[i * cols + k];
			}
			let s = 0;
			for (let i = k; i < rows; i++) s += A[i * cols + k] * b[i];
			const f = (2 * s) / vv;
			for (let i = k; i < rows; i++) b[i] -= f * A[i * cols + k];
		}
		diag[k] = alpha;
		largest = Math.max(largest, Math.abs(alpha));
	}
	for (let k = 0; k < cols; k++) if (Math.abs(diag[k]) <= RANK_TOLERANCE * largest) return null;
	const beta = new Float64Array(cols);
	for (let k = cols - 1; k >= 0; k--) {
		let s = b[k];
		for (let j = k + 1; j < cols; j++) s -= A[k * cols + j] * beta[j];
		beta[k] = s / diag[k];
	}
	return beta;
}
