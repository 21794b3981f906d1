/** Small dense linear algebra for the portfolio optimisers (a handful of assets: row-major Float64Arrays). */
import { symmetricEigen } from '../linear/symmetric-eigen';

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

/** Eigenvalues of a symmetric n × n matrix (row-major), ascending: the Jacobi solver of linear/symmetric-eigen.ts. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
	return symmetricEigen(a, n).values.slice().sort();
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
