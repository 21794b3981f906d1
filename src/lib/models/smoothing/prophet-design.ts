/**
 * The design of the Prophet-style regression (prophet.ts), never materialised: its normal equations straight from
 * the structure of the columns, in O(n) per fit plus a fixed cost, where a dense n × p design costs O(n p²).
 *
 * Trend columns are hinges. The t column is the hinge at index 0 (t₀ = 0), a changepoint column the hinge
 * (t − s_j)₊, non-zero at i > h_j where s_j = h_j / (n − 1). Between two consecutive hinge indices a segment's rows
 * see the same active hinges, so every weighted sum over a hinge's rows is a suffix over segments:
 *   N_m  = Σ_{i>h_m} ω,  H1_m = Σ_{i>h_m} ω (t − s_m),  H2_m = Σ_{i>h_m} ω (t − s_m)²,
 *   with d = s_{m+1} − s_m:  H1_m = (segment m) + H1_{m+1} + d N_{m+1},
 *                            H2_m = (segment m) + H2_{m+1} + 2 d H1_{m+1} + d² N_{m+1},
 * and the Gram entry of hinges j ≤ k is H2_k + (s_k − s_j) H1_k: sums of non-negative terms, no cancellation.
 * A hinge against any other column f (a Fourier column, the target) is the same suffix recursion on Σ ω f u and
 * Σ ω f.
 *
 * Fourier columns are stored column-major and their Gram block formed four columns at a time. Their values are
 * sin and cos of 2π r i / P entry by entry, as NumPy computes them, not an exactly periodic table or a recurrence:
 * on 5 trading days the third weekly harmonic aliases the second, the ridge penalty alone fixes the split between
 * them, and that split follows the rounding of those very values (an exact table moves the two coefficients by
 * ~1e-6, and the multiplicative alternation then stops a round later).
 */

export interface Design {
	readonly n: number;
	/** Trend columns: [t, 1, hinges…] for linear and logistic growth, [1] for flat. */
	readonly pT: number;
	readonly pS: number;
	readonly flat: boolean;
	/** Hinge start indices: 0 (the t column), then the changepoints; empty for flat growth. */
	readonly hinges: Int32Array;
	/** Hinge knots in scaled time, s_m = h_m / (n − 1). */
	readonly knots: Float64Array;
	/** Fourier columns, column-major: cols[a·n + i]. */
	readonly cols: Float64Array;
}

export function makeDesign(
	n: number,
	flat: boolean,
	changepointIndices: Int32Array,
	seasonalities: readonly (readonly [number, number])[]
): Design {
	const hinges = flat ? new Int32Array(0) : Int32Array.of(0, ...changepointIndices);
	const knots = Float64Array.from(hinges, (h) => h / (n - 1));
	const pT = flat ? 1 : 1 + hinges.length;
	const pS = seasonalities.reduce((a, [, order]) => a + 2 * order, 0);
	const cols = new Float64Array(n * pS);
	let c = 0;
	for (const [period, order] of seasonalities)
		for (let r = 1; r <= order; r++, c += 2)
			for (let i = 0; i < n; i++) {
				const x = (2 * Math.PI * r * i) / period;
				cols[c * n + i] = Math.sin(x);
				cols[(c + 1) * n + i] = Math.cos(x);
			}
	return { n, pT, pS, flat, hinges, knots, cols };
}

/** Column of the trend design holding hinge m: the t column is 0, the constant 1, changepoint j is 1 + j. */
function hingeColumn(m: number): number {
	return m === 0 ? 0 : m + 1;
}

/** Scratch arrays of the normal equations, allocated once per fit. */
export interface Workspace {
	readonly M: Float64Array;
	readonly v: Float64Array;
	/** Per row: ω F_a (one column at a time) and ω u (u = t − s of the row's segment). */
	readonly weighted: Float64Array;
	readonly weighted2: Float64Array;
	readonly wu: Float64Array;
	/** Per segment m: Σ ω, Σ ω u, Σ ω u², Σ b, Σ b u. */
	readonly seg: Float64Array;
	/** Per segment m: H1_m and H2_m. */
	readonly h1: Float64Array;
	readonly h2: Float64Array;
}

export function makeWorkspace(d: Design): Workspace {
	const p = d.pT + d.pS;
	const segments = d.hinges.length;
	return {
		M: new Float64Array(p * p),
		v: new Float64Array(p),
		weighted: new Float64Array(d.n),
		weighted2: new Float64Array(d.n),
		wu: new Float64Array(d.n),
		seg: new Float64Array(segments * 5),
		h1: new Float64Array(segments),
		h2: new Float64Array(segments)
	};
}

/** Σ a[i]·b[i] over [from, to), four independent sums (the loop carries no single dependency chain). */
function dot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, from: number, to: number): number {
	let s0 = 0;
	let s1 = 0;
	let s2 = 0;
	let s3 = 0;
	let i = from;
	for (; i + 3 < to; i += 4) {
		s0 += a[aOff + i] * b[bOff + i];
		s1 += a[aOff + i + 1] * b[bOff + i + 1];
		s2 += a[aOff + i + 2] * b[bOff + i + 2];
		s3 += a[aOff + i + 3] * b[bOff + i + 3];
	}
	for (; i < to; i++) s0 += a[aOff + i] * b[bOff + i];
	return s0 + s1 + (s2 + s3);
}

/**
 * The upper triangle of Σ ω_i x_i x_iᵀ into ws.M (p × p) and Σ b_i x_i into ws.v, for the rows x_i of the trend
 * block, the Fourier block, or both (trend first); ω = 1 when weight is null. Returns p.
 */
export function normalEquations(
	d: Design,
	ws: Workspace,
	trend: boolean,
	season: boolean,
	weight: Float64Array | null,
	b: Float64Array
): number {
	const { n, pS, cols } = d;
	const pT = trend ? d.pT : 0;
	const p = pT + (season ? pS : 0);
	const { M, v, weighted, weighted2 } = ws;
	M.fill(0, 0, p * p);
	v.fill(0, 0, p);
	if (season)
		// Fourier block: two rows (ω F_a, ω F_a+1) against four columns at a time, eight sums in registers. The
		// entry (a + 1, a) lands below the diagonal, which choleskySolve overwrites from the upper triangle.
		for (let a = 0; a < pS; a += 2) {
			const pair = a + 1 < pS;
			const fa = a * n;
			if (weight)
				for (let i = 0; i < n; i++) {
					weighted[i] = weight[i] * cols[fa + i];
					if (pair) weighted2[i] = weight[i] * cols[fa + n + i];
				}
			else {
				weighted.set(cols.subarray(fa, fa + n));
				if (pair) weighted2.set(cols.subarray(fa + n, fa + 2 * n));
			}
			v[pT + a] = dot(b, 0, cols, fa, 0, n);
			if (pair) v[pT + a + 1] = dot(b, 0, cols, fa + n, 0, n);
			const out = (pT + a) * p + pT;
			const out2 = out + p;
			let c = a;
			for (; c + 3 < pS; c += 4) {
				const f0 = c * n;
				const f1 = f0 + n;
				const f2 = f1 + n;
				const f3 = f2 + n;
				let s0 = 0;
				let s1 = 0;
				let s2 = 0;
				let s3 = 0;
				let t0 = 0;
				let t1 = 0;
				let t2 = 0;
				let t3 = 0;
				if (pair)
					for (let i = 0; i < n; i++) {
						const x = weighted[i];
						const y = weighted2[i];
						const c0 = cols[f0 + i];
						const c1 = cols[f1 + i];
						const c2 = cols[f2 + i];
						const c3 = cols[f3 + i];
						s0 += x * c0;
						s1 += x * c1;
						s2 += x * c2;
						s3 += x * c3;
						t0 += y * c0;
						t1 += y * c1;
						t2 += y * c2;
						t3 += y * c3;
					}
				else
					for (let i = 0; i < n; i++) {
						const x = weighted[i];
						s0 += x * cols[f0 + i];
						s1 += x * cols[f1 + i];
						s2 += x * cols[f2 + i];
						s3 += x * cols[f3 + i];
					}
				M[out + c] = s0;
				M[out + c + 1] = s1;
				M[out + c + 2] = s2;
				M[out + c + 3] = s3;
				if (pair) {
					M[out2 + c] = t0;
					M[out2 + c + 1] = t1;
					M[out2 + c + 2] = t2;
					M[out2 + c + 3] = t3;
				}
			}
			for (; c < pS; c++) {
				M[out + c] = dot(weighted, 0, cols, c * n, 0, n);
				if (pair) M[out2 + c] = dot(weighted2, 0, cols, c * n, 0, n);
			}
		}
	if (!trend) return p;
	const constant = d.flat ? 0 : 1;
	let totalWeight = 0;
	let totalTarget = 0;
	for (let i = 0; i < n; i++) {
		totalWeight += weight ? weight[i] : 1;
		totalTarget += b[i];
	}
	M[constant * p + constant] = totalWeight;
	v[constant] = totalTarget;
	if (season)
		// Constant × Fourier.
		for (let a = 0; a < pS; a++) {
			let s = 0;
			if (weight) s = dot(weight, 0, cols, a * n, 0, n);
			else for (let i = 0; i < n; i++) s += cols[a * n + i];
			M[constant * p + pT + a] = s;
		}
	if (d.flat) return p;
	const { hinges, knots } = d;
	const segments = hinges.length;
	const { seg, wu, h1, h2 } = ws;
	const nm1 = n - 1;
	for (let m = 0; m < segments; m++) {
		const last = m + 1 < segments ? hinges[m + 1] : n - 1;
		const s = knots[m];
		let w0 = 0;
		let w1 = 0;
		let w2 = 0;
		let b0 = 0;
		let b1 = 0;
		for (let i = hinges[m] + 1; i <= last; i++) {
			const u = i / nm1 - s;
			const wi = weight ? weight[i] : 1;
			const x = wi * u;
			wu[i] = x;
			w0 += wi;
			w1 += x;
			w2 += x * u;
			b0 += b[i];
			b1 += b[i] * u;
		}
		seg[m * 5] = w0;
		seg[m * 5 + 1] = w1;
		seg[m * 5 + 2] = w2;
		seg[m * 5 + 3] = b0;
		seg[m * 5 + 4] = b1;
	}
	// Suffix recursions, last segment first.
	let N = 0;
	let H1 = 0;
	let H2 = 0;
	let B0 = 0;
	let B1 = 0;
	for (let m = segments - 1; m >= 0; m--) {
		const dk = m + 1 < segments ? knots[m + 1] - knots[m] : 0;
		H2 = seg[m * 5 + 2] + H2 + 2 * dk * H1 + dk * dk * N;
		H1 = seg[m * 5 + 1] + H1 + dk * N;
		N = seg[m * 5] + N;
		B1 = seg[m * 5 + 4] + B1 + dk * B0;
		B0 = seg[m * 5 + 3] + B0;
		h1[m] = H1;
		h2[m] = H2;
		v[hingeColumn(m)] = B1;
	}
	if (season)
		// Hinge × Fourier: per segment Σ ω F and Σ ω u F, then the same suffix recursion.
		for (let a = 0; a < pS; a++) {
			const fa = a * n;
			let F0 = 0;
			let F1 = 0;
			for (let m = segments - 1; m >= 0; m--) {
				const first = hinges[m] + 1;
				const last = m + 1 < segments ? hinges[m + 1] + 1 : n;
				const q = weight ? dot(weight, 0, cols, fa, first, last) : sumRange(cols, fa + first, fa + last);
				const dk = m + 1 < segments ? knots[m + 1] - knots[m] : 0;
				F1 = dot(wu, 0, cols, fa, first, last) + F1 + dk * F0;
				F0 = q + F0;
				M[hingeColumn(m) * p + pT + a] = F1;
			}
		}
	for (let k = 0; k < segments; k++) {
		const ck = hingeColumn(k);
		M[Math.min(1, ck) * p + Math.max(1, ck)] = h1[k];
		for (let j = 0; j <= k; j++) M[hingeColumn(j) * p + ck] = h2[k] + (knots[k] - knots[j]) * h1[k];
	}
	return p;
}

function sumRange(a: Float64Array, from: number, to: number): number {
	let s = 0;
	for (let i = from; i < to; i++) s += a[i];
	return s;
}

/**
 * Solves (M + diag(penalty)) x = v by Cholesky in place, M given by its upper triangle (p × p, row-major), into x.
 */
export function choleskySolve(
	M: Float64Array,
	v: Float64Array,
	p: number,
	penalty: Float64Array,
	x: Float64Array
): void {
	for (let i = 0; i < p; i++) {
		M[i * p + i] += penalty[i];
		for (let j = 0; j < i; j++) M[i * p + j] = M[j * p + i];
	}
	for (let j = 0; j < p; j++) {
		let dj = M[j * p + j];
		for (let k = 0; k < j; k++) dj -= M[j * p + k] ** 2;
		if (!(dj > 0)) throw new RangeError('prophet: the penalised normal equations are not positive definite');
		const l = Math.sqrt(dj);
		M[j * p + j] = l;
		for (let i = j + 1; i < p; i++) {
			let s = M[i * p + j];
			for (let k = 0; k < j; k++) s -= M[i * p + k] * M[j * p + k];
			M[i * p + j] = s / l;
		}
	}
	for (let i = 0; i < p; i++) {
		let s = v[i];
		for (let k = 0; k < i; k++) s -= M[i * p + k] * x[k];
		x[i] = s / M[i * p + i];
	}
	for (let i = p - 1; i >= 0; i--) {
		let s = x[i];
		for (let k = i + 1; k < p; k++) s -= M[k * p + i] * x[k];
		x[i] = s / M[i * p + i];
	}
}

/** Trend values g_i = Σ_j θ_j G_ij for i < n, into out. */
export function trendValues(d: Design, theta: Float64Array, out: Float64Array): void {
	const { n, hinges, knots } = d;
	if (d.flat) {
		out.fill(theta[0], 0, n);
		return;
	}
	out[0] = theta[1];
	const nm1 = n - 1;
	for (let m = 0; m < hinges.length; m++) {
		const last = m + 1 < hinges.length ? hinges[m + 1] : n - 1;
		for (let i = hinges[m] + 1; i <= last; i++) {
			const t = i / nm1;
			let g = theta[0] * t + theta[1];
			for (let j = 1; j <= m; j++) g += theta[j + 1] * (t - knots[j]);
			out[i] = g;
		}
	}
}

/** Seasonal values S_i = Σ_a β_a F_ai for i < n, into out. */
export function seasonalValues(d: Design, beta: Float64Array, out: Float64Array): void {
	const { n, pS, cols } = d;
	out.fill(0, 0, n);
	for (let a = 0; a < pS; a++) {
		const x = beta[a];
		for (let i = 0; i < n; i++) out[i] += x * cols[a * n + i];
	}
}
