/**
 * The deterministic inputs of overfitting.fixture.json, the same formulas as bench/make-overfitting-fixture.py
 * (case_returns, case_trial_sharpes, case_matrix). For tests only.
 */
import type { Matrix } from '../../domain/matrix';

export function caseReturns(n: number): Float64Array {
	const r = new Float64Array(n);
	for (let t = 0; t < n; t++) {
		r[t] = 0.0012 + 0.01 * Math.sin(0.7 * t + 0.3) * Math.cos(0.013 * t);
		if (t % 37 === 0) r[t] -= 0.02;
	}
	return r;
}

export function caseTrialSharpes(n: number): Float64Array {
	const s = new Float64Array(n);
	for (let i = 0; i < n; i++) s[i] = 0.05 * Math.sin(1.3 * i + 0.2);
	return s;
}

export function caseMatrix(rows: number, cols: number): Matrix {
	const data = new Float64Array(rows * cols);
	for (let t = 0; t < rows; t++) {
		for (let j = 0; j < cols; j++) {
			data[t * cols + j] =
				0.01 * Math.sin(t * (0.37 + 0.11 * j) + j * j) +
				0.002 * Math.cos(t * 1.91 + 3.0 * j) +
				(0.0005 * (j - cols / 2)) / cols;
		}
	}
	return { data, rows, cols };
}
