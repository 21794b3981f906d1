/**
 * Liquidity measures from daily bars (Goyenko, Holden & Trzcinka 2009, "Do liquidity measures measure
 * liquidity?", compare them with high-frequency benchmarks):
 * - Amihud (2002, "Illiquidity and stock returns", J. Financial Markets 5): ILLIQ = mean over days of
 *   |r_t| / (P_t · V_t), the price move per dollar traded, × 10⁶ (per million dollars, as the paper reports it).
 * - Amivest liquidity ratio (Cooper, Groth & Avera 1985): Σ P_t·V_t / Σ |r_t|, dollars traded per unit of move.
 * - Dollar volume P_t · V_t.
 * - Zero-return days (Lesmond, Ogden & Trzcinka 1999): the share of days whose close did not move.
 * r_t is the simple return of the close from day t − 1 to day t; days with no volume are left out of Amihud's and
 * Amivest's sums (the ratio is undefined there), as Amihud does.
 */

/** Amihud's scale: the ratio per million dollars traded. */
export const AMIHUD_SCALE = 1e6;

/** |r_t| / (P_t · V_t) · 10⁶ for t ≥ 1 (index t − 1), NaN on days without volume. */
export function amihudRatios(close: Float64Array, volume: Float64Array): Float64Array {
	const out = new Float64Array(Math.max(0, close.length - 1));
	for (let t = 1; t < close.length; t++) {
		const dv = close[t] * volume[t];
		out[t - 1] = dv > 0 ? (Math.abs(close[t] / close[t - 1] - 1) / dv) * AMIHUD_SCALE : Number.NaN;
	}
	return out;
}

/** Mean of the finite values of x (NaN when none). */
export function finiteMean(x: ArrayLike<number>): number {
	let s = 0;
	let n = 0;
	for (let i = 0; i < x.length; i++)
		if (Number.isFinite(x[i])) {
			s += x[i];
			n++;
		}
	return n ? s / n : Number.NaN;
}

/** Trailing mean of the finite values over `window` entries ending at each index (NaN before a full window). */
export function rollingFiniteMean(x: Float64Array, window: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	for (let i = window - 1; i < x.length; i++) out[i] = finiteMean(x.subarray(i - window + 1, i + 1));
	return out;
}

/** Amivest ratio Σ P_t V_t / Σ |r_t| over days t ≥ 1 with volume. */
export function amivestRatio(close: Float64Array, volume: Float64Array): number {
	let dv = 0;
	let moves = 0;
	for (let t = 1; t < close.length; t++) {
		if (!(volume[t] > 0)) continue;
		dv += close[t] * volume[t];
		moves += Math.abs(close[t] / close[t - 1] - 1);
	}
	return moves > 0 ? dv / moves : Number.NaN;
}

/** Share of days t ≥ 1 whose close equals the previous one. */
export function zeroReturnShare(close: Float64Array): number {
	let zeros = 0;
	for (let t = 1; t < close.length; t++) if (close[t] === close[t - 1]) zeros++;
	return zeros / (close.length - 1);
}
