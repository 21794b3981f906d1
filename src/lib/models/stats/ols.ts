/**
 * Ordinary least squares with the classical (homoskedastic) standard errors, as statsmodels' OLS(y, X).fit()
 * reports them: coefficients by Householder QR (Golub & Van Loan §5.3, no XᵀX formed), residual sum of squares,
 * σ̂² = SSR / (n − k), standard errors from σ̂² (RᵀR)⁻¹, t statistics, the Gaussian log-likelihood and AIC / BIC
 * with k counted as the number of columns (statsmodels: df_model + k_constant).
 */
import { tTwoSidedP } from './distributions';

/** Columns whose R diagonal is below this fraction of the largest count as linearly dependent. */
const RANK_TOLERANCE = 1e-10;

export interface OlsFit {
	readonly nobs: number;
	readonly k: number;
	readonly params: Float64Array;
	readonly bse: Float64Array;
	readonly tvalues: Float64Array;
	/** Two-sided p-values of the t statistics on n − k degrees of freedom. */
	readonly pvalues: Float64Array;
	readonly resid: Float64Array;
	readonly ssr: number;
	readonly dfResid: number;
	/** Gaussian log-likelihood at the OLS estimate, −n/2 (log 2π + log(SSR/n) + 1). */
	readonly llf: number;
	readonly aic: number;
	readonly bic: number;
}

/** Thrown when the design has fewer rows than columns or a column is a combination of the others. */
export class SingularDesignError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SingularDesignError';
	}
}

/**
 * Householder QR of the k columns A (each of length n), in place: on return A[j][i] for i < j holds R[i][j],
 * b holds Qᵀb, and the returned array R's diagonal. Throws SingularDesignError when a column is (numerically) a
 * linear combination of the others.
 */
function householder(A: Float64Array[], b: Float64Array, n: number, k: number): Float64Array {
	const rDiag = new Float64Array(k);
	for (let j = 0; j < k; j++) {
		const col = A[j];
		let norm = 0;
		for (let i = j; i < n; i++) norm += col[i] * col[i];
		norm = Math.sqrt(norm);
		const alpha = col[j] > 0 ? -norm : norm;
		rDiag[j] = alpha;
		if (norm === 0) continue;
		col[j] -= alpha;
		let vv = 0;
		for (let i = j; i < n; i++) vv += col[i] * col[i];
		if (vv === 0) continue;
		for (let m = j + 1; m < k; m++) {
			const other = A[m];
			let s = 0;
			for (let i = j; i < n; i++) s += col[i] * other[i];
			const f = (2 * s) / vv;
			for (let i = j; i < n; i++) other[i] -= f * col[i];
		}
		let s = 0;
		for (let i = j; i < n; i++) s += col[i] * b[i];
		const f = (2 * s) / vv;
		for (let i = j; i < n; i++) b[i] -= f * col[i];
	}
	let largest = 0;
	for (let j = 0; j < k; j++) largest = Math.max(largest, Math.abs(rDiag[j]));
	for (let j = 0; j < k; j++)
		if (!(Math.abs(rDiag[j]) > RANK_TOLERANCE * largest))
			throw new SingularDesignError(`column ${j} is a linear combination of the others`);
	return rDiag;
}

/**
 * Fits y on the columns of X (`columns[j]` is column j, each of y's length). Throws SingularDesignError when
 * the design is rank-deficient or has no residual degrees of freedom.
 */
export function ols(y: Float64Array, columns: readonly Float64Array[]): OlsFit {
	const n = y.length;
	const k = columns.length;
	if (k === 0) throw new SingularDesignError('the design has no columns');
	if (n <= k)
		throw new SingularDesignError(`${n} rows for ${k} columns leave no residual degrees of freedom`);
	for (const c of columns)
		if (c.length !== n) throw new RangeError(`ols: a column has ${c.length} rows, y has ${n}`);
	// A: column-major copy, reduced in place to R (upper triangle) and the Householder vectors (below).
	const A = columns.map((c) => Float64Array.from(c));
	const b = Float64Array.from(y);
	const rDiag = householder(A, b, n, k);
	// R[i][j] (i < j) sits in A[j][i]; R[j][j] in rDiag.
	const R = (i: number, j: number): number => (i === j ? rDiag[j] : A[j][i]);
	const params = new Float64Array(k);
	for (let i = k - 1; i >= 0; i--) {
		let s = b[i];
		for (let j = i + 1; j < k; j++) s -= R(i, j) * params[j];
		params[i] = s / R(i, i);
	}
	const resid = new Float64Array(n);
	let ssr = 0;
	for (let i = 0; i < n; i++) {
		let fit = 0;
		for (let j = 0; j < k; j++) fit += columns[j][i] * params[j];
		resid[i] = y[i] - fit;
		ssr += resid[i] * resid[i];
	}
	// (RᵀR)⁻¹ = R⁻¹R⁻ᵀ: invert the upper-triangular R by back substitution.
	const Rinv = Array.from({ length: k }, () => new Float64Array(k));
	for (let c = 0; c < k; c++) {
		for (let i = c; i >= 0; i--) {
			let s = i === c ? 1 : 0;
			for (let j = i + 1; j <= c; j++) s -= R(i, j) * Rinv[j][c];
			Rinv[i][c] = s / R(i, i);
		}
	}
	const dfResid = n - k;
	const sigma2 = ssr / dfResid;
	const bse = new Float64Array(k);
	const tvalues = new Float64Array(k);
	const pvalues = new Float64Array(k);
	for (let i = 0; i < k; i++) {
		let s = 0;
		for (let c = i; c < k; c++) s += Rinv[i][c] * Rinv[i][c];
		bse[i] = Math.sqrt(sigma2 * s);
		tvalues[i] = params[i] / bse[i];
		pvalues[i] = tTwoSidedP(tvalues[i], dfResid);
	}
	const llf = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
	return {
		nobs: n,
		k,
		params,
		bse,
		tvalues,
		pvalues,
		resid,
		ssr,
		dfResid,
		llf,
		aic: -2 * llf + 2 * k,
		bic: -2 * llf + Math.log(n) * k
	};
}

export interface NestedFit {
	/** Columns in the model: the first `k` of the design. */
	readonly k: number;
	readonly ssr: number;
	/** t statistic of the model's last column (column k − 1). */
	readonly lastT: number;
	readonly aic: number;
	readonly bic: number;
}

/**
 * The OLS fits of y on the first k columns, for every k from `fromK` to the number of columns, on the same rows,
 * from one QR factorisation: the leading k × k block of R is the R of the first k columns, so with q = Qᵀy the
 * SSR of that model is ‖y‖² − Σ_{i<k} qᵢ², and its last coefficient's t statistic is q_{k−1} / σ̂ (times the
 * sign of R's diagonal). This is how an information-criterion lag search fits its candidates at the cost of one.
 */
export function nestedOls(y: Float64Array, columns: readonly Float64Array[], fromK: number): NestedFit[] {
	const n = y.length;
	const k = columns.length;
	if (n <= k)
		throw new SingularDesignError(`${n} rows for ${k} columns leave no residual degrees of freedom`);
	const A = columns.map((c) => Float64Array.from(c));
	const b = Float64Array.from(y);
	const rDiag = householder(A, b, n, k);
	// SSR of the k-column model = Σ_{i ≥ k} (Qᵀy)ᵢ²: accumulate from the bottom.
	const tail = new Float64Array(k + 1);
	let s = 0;
	for (let i = k; i < n; i++) s += b[i] * b[i];
	tail[k] = s;
	for (let i = k - 1; i >= 0; i--) tail[i] = tail[i + 1] + b[i] * b[i];
	const out: NestedFit[] = [];
	for (let m = Math.max(1, fromK); m <= k; m++) {
		const ssr = tail[m];
		const sigma = Math.sqrt(ssr / (n - m));
		const lastT = b[m - 1] / Math.sign(rDiag[m - 1]) / sigma;
		const llf = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
		out.push({ k: m, ssr, lastT, aic: -2 * llf + 2 * m, bic: -2 * llf + Math.log(n) * m });
	}
	return out;
}
