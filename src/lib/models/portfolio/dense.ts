/** Small dense linear algebra for the portfolio optimisers (a handful of assets: row-major Float64Arrays). */

/** A pivot smaller than this, relative to the matrix's largest entry, means the system is singular. */
const SINGULAR_PIVOT = 1e-13;

/** Solves A x = b (A n×n, row-major) by LU with partial pivoting; null when A is singular. */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
	const m = a.slice();
	const x = b.slice();
	let scale = 0;
	for (const v of m) scale = Math.max(scale, Math.abs(v));
	if (scale === 0) return null;
	for (let k = 0; k < n; k++) {
		let p = k;
		for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]) > Math.abs(m[p * n + k])) p = i;
		if (Math.abs(m[p * n + k]) <= SINGULAR_PIVOT * scale) return null;
		if (p !== k) {
			for (let j = 0; j < n; j++) {
				const t = m[k * n + j];
				m[k * n + j] = m[p * n + j];
				m[p * n + j] = t;
			}
			const t = x[k];
			x[k] = x[p];
			x[p] = t;
		}
		for (let i = k + 1; i < n; i++) {
			const f = m[i * n + k] / m[k * n + k];
			if (f === 0) continue;
			for (let j = k; j < n; j++) m[i * n + j] -= f * m[k * n + j];
			x[i] -= f * x[k];
		}
	}
	for (let i = n - 1; i >= 0; i--) {
		let s = x[i];
		for (let j = i + 1; j < n; j++) s -= m[i * n + j] * x[j];
		x[i] = s / m[i * n + i];
	}
	return x;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (ascending). */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
	const m = a.slice();
	for (let sweep = 0; sweep < 100; sweep++) {
		let off = 0;
		for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j] ** 2;
		if (off < 1e-30) break;
		for (let p = 0; p < n; p++)
			for (let q = p + 1; q < n; q++) {
				const apq = m[p * n + q];
				if (apq === 0) continue;
				const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < n; k++) {
					const akp = m[k * n + p];
					const akq = m[k * n + q];
					m[k * n + p] = c * akp - s * akq;
					m[k * n + q] = s * akp + c * akq;
				}
				for (let k = 0; k < n; k++) {
					const apk = m[p * n + k];
					const aqk = m[q * n + k];
					m[p * n + k] = c * apk - s * aqk;
					m[q * n + k] = s * apk + c * aqk;
				}
			}
	}
	return Float64Array.from({ length: n }, (_, i) => m[i * n + i]).sort();
}

/** y = A x for A n×n. */
export function matVec(a: Float64Array, x: Float64Array, n: number): Float64Array {
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
		y[i] = s;
	}
	return y;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i] * b[i];
	return s;
}
