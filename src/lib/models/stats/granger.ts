/**
 * Granger (1969) causality tests of whether the past of `cause` helps predict `subject` beyond subject's own past,
 * as statsmodels 0.13.5 `grangercausalitytests(np.column_stack([subject, cause]), maxlag)` computes them. For each
 * lag L, on the rows t = L … n − 1 (so each L has its own sample):
 *   restricted:   y_t = c + Σ_{j≤L} a_j y_{t−j} + e_t
 *   unrestricted: y_t = c + Σ_{j≤L} a_j y_{t−j} + Σ_{j≤L} b_j x_{t−j} + u_t
 * ssr F = ((SSR_r − SSR_u) / L) / (SSR_u / (n_L − 2L − 1)) on (L, n_L − 2L − 1) degrees of freedom;
 * ssr χ² = n_L (SSR_r − SSR_u) / SSR_u on L; likelihood ratio −2 (ℓ_r − ℓ_u) on L. H₀: every b_j = 0.
 */
import { chiSquaredSf, fSf } from './distributions';
import { ols } from './ols';

export interface GrangerLag {
	readonly lag: number;
	readonly nobs: number;
	readonly f: number;
	readonly fP: number;
	readonly dfDenom: number;
	readonly dfNum: number;
	readonly chi2: number;
	readonly chi2P: number;
	readonly lr: number;
	readonly lrP: number;
}

/** Why the test cannot be computed on these series (a constant series, a perfect fit, too few rows). */
export class GrangerInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'GrangerInputError';
	}
}

function isConstant(x: Float64Array): boolean {
	for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
	return true;
}

export function grangerTests(subject: Float64Array, cause: Float64Array, maxLag: number): GrangerLag[] {
	const n = subject.length;
	if (cause.length !== n) throw new RangeError(`granger: series of ${n} and ${cause.length} values`);
	if (!Number.isInteger(maxLag) || maxLag < 1)
		throw new RangeError(`granger: maxLag must be ≥ 1, got ${maxLag}`);
	// statsmodels' rule: more than 3 · maxlag + 1 rows.
	if (n <= 3 * maxLag + 1)
		throw new GrangerInputError(
			`${n} paired values are too few for ${maxLag} lags; the largest lag they allow is ${Math.floor((n - 1) / 3) - 1}.`
		);
	const out: GrangerLag[] = [];
	for (let L = 1; L <= maxLag; L++) {
		const rows = n - L;
		const y = subject.slice(L);
		const lagged = (x: Float64Array, j: number): Float64Array => x.slice(L - j, L - j + rows);
		const own = Array.from({ length: L }, (_, j) => lagged(subject, j + 1));
		const other = Array.from({ length: L }, (_, j) => lagged(cause, j + 1));
		if (other.some(isConstant) || own.some(isConstant))
			throw new GrangerInputError('A lagged series is constant, so the test statistic cannot be computed.');
		const one = new Float64Array(rows).fill(1);
		const restricted = ols(y, [...own, one]);
		const unrestricted = ols(y, [...own, ...other, one]);
		let tss = 0;
		let mean = 0;
		for (let i = 0; i < rows; i++) mean += y[i];
		mean /= rows;
		for (let i = 0; i < rows; i++) tss += (y[i] - mean) ** 2;
		if (tss === 0 || unrestricted.ssr / tss < Number.EPSILON)
			throw new GrangerInputError(
				'The unrestricted regression fits the data perfectly; no test is possible.'
			);
		const gain = restricted.ssr - unrestricted.ssr;
		const dfDenom = unrestricted.dfResid;
		const f = (gain / unrestricted.ssr / L) * dfDenom;
		const chi2 = (rows * gain) / unrestricted.ssr;
		const lr = -2 * (restricted.llf - unrestricted.llf);
		out.push({
			lag: L,
			nobs: rows,
			f,
			fP: fSf(f, L, dfDenom),
			dfDenom,
			dfNum: L,
			chi2,
			chi2P: chiSquaredSf(chi2, L),
			lr,
			lrP: chiSquaredSf(lr, L)
		});
	}
	return out;
}
