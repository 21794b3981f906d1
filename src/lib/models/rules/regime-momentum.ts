/**
 * regime_switching_momentum: the sign of the momentum, sized by a causal regime scale.
 *
 * position[t] = sign(close[t] − close[t − L]) · s[t], where L = momentum_lookback and s[t] ∈ [0, 1] follows the
 * regime's target scale g[t] at the adaptation speed α: s = g at the first bar g exists, then
 * s[t] = s[t − 1] + α · (g[t] − s[t − 1]) (a regime change reaches the position gradually; α = 1 would jump).
 * Each method sets g[t] from data up to t:
 * - volatility_clustering: g = min(1, σ_long / σ_fast), σ²_fast the RiskMetrics EWMA (λ = 0.94) of squared daily
 *   log returns, σ²_long their mean over the previous VOL_LONG_WINDOW days. Full size while volatility is at or
 *   below its norm, cut in proportion when it clusters high.
 * - rolling_zscore: the momentum's z-score z = ln(close[t] / close[t − L]) / (σ_L · √L), σ_L the sample standard
 *   deviation (ddof 1) of the last L daily log returns: how many noise units the move spans. g = 1 in a trending
 *   regime (|z| ≥ TREND_Z), 0 in a ranging one (the move is within noise: stand aside).
 * - hidden_markov: a two-regime Gaussian Markov-switching model of daily log returns (one mean, a variance per
 *   regime; regimes/hamilton.ts, Baum–Welch) fitted on the fold's training window only, then run forward through
 *   every bar with its parameters fixed: g = the filtered probability (returns ≤ t) of the calm, lower-variance
 *   regime. Positions inside the training window therefore use parameters fitted on it; test positions use bars
 *   up to t and the training window, which ends before them.
 */
import { fitSwitching, filterProbabilities } from '../regimes/hamilton';
import type { SignalContext } from '../seam';
import { checkFiniteColumn, checkWindow, rollingStd } from './rolling';

export const REGIME_METHODS = ['volatility_clustering', 'rolling_zscore', 'hidden_markov'] as const;
export type RegimeMethod = (typeof REGIME_METHODS)[number];

/** RiskMetrics' daily decay (J.P. Morgan 1996): the short-run variance. */
export const EWMA_LAMBDA = 0.94;
/** About five months of days: the norm the short-run variance is compared with. */
export const VOL_LONG_WINDOW = 100;
/** A move of one noise unit or more over the lookback counts as a trend. */
export const TREND_Z = 1;

function logReturns(close: Float64Array): Float64Array {
	const r = new Float64Array(close.length);
	r[0] = Number.NaN;
	for (let t = 1; t < close.length; t++) r[t] = Math.log(close[t] / close[t - 1]);
	return r;
}

function volatilityScale(r: Float64Array): Float64Array {
	const g = new Float64Array(r.length).fill(Number.NaN);
	let fast = Number.NaN;
	for (let t = 1; t < r.length; t++) {
		const sq = r[t] * r[t];
		fast = Number.isNaN(fast) ? sq : EWMA_LAMBDA * fast + (1 - EWMA_LAMBDA) * sq;
		if (t <= VOL_LONG_WINDOW) continue;
		let long = 0;
		for (let i = t - VOL_LONG_WINDOW; i < t; i++) long += r[i] * r[i];
		long /= VOL_LONG_WINDOW;
		// No movement at all (flat prices) is the calmest regime: full size.
		g[t] = fast > long ? Math.sqrt(long / fast) : 1;
	}
	return g;
}

function zScoreScale(close: Float64Array, r: Float64Array, lookback: number): Float64Array {
	const sd = rollingStd(r.subarray(1), lookback, 'trailing');
	const g = new Float64Array(close.length).fill(Number.NaN);
	for (let t = lookback; t < close.length; t++) {
		const s = sd[t - 1];
		if (Number.isNaN(s)) continue;
		const move = Math.log(close[t] / close[t - lookback]);
		// Zero noise: any move is a trend, no move is none.
		const z = s > 0 ? move / (s * Math.sqrt(lookback)) : move === 0 ? 0 : Infinity;
		g[t] = Math.abs(z) >= TREND_Z ? 1 : 0;
	}
	return g;
}

function hmmScale(r: Float64Array, ctx: SignalContext): Float64Array {
	const from = Math.max(1, ctx.trainStart);
	const fit = fitSwitching(
		r.slice(from, ctx.trainEnd),
		{ k: 2, switchingMean: false, switchingVariance: true },
		{ rng: ctx.rng, onProgress: ctx.onProgress, isCancelled: ctx.isCancelled }
	);
	const calm = fit.variance[0] <= fit.variance[1] ? 0 : 1;
	const filtered = filterProbabilities(r.subarray(1), fit);
	const g = new Float64Array(r.length).fill(Number.NaN);
	for (let t = 1; t < r.length; t++) g[t] = filtered[(t - 1) * 2 + calm];
	return g;
}

export function regimeMomentumPositions(
	close: Float64Array,
	lookback: number,
	method: RegimeMethod,
	adaptationSpeed: number,
	ctx: SignalContext
): Float64Array {
	checkWindow('momentum_lookback', lookback, 2);
	if (!(adaptationSpeed > 0 && adaptationSpeed <= 1))
		throw new RangeError(`adaptation_speed must lie in (0, 1], got ${adaptationSpeed}`);
	checkFiniteColumn('close', close);
	const r = logReturns(close);
	const g =
		method === 'volatility_clustering'
			? volatilityScale(r)
			: method === 'rolling_zscore'
				? zScoreScale(close, r, lookback)
				: hmmScale(r, ctx);
	const out = new Float64Array(close.length);
	let s = Number.NaN;
	for (let t = 0; t < close.length; t++) {
		if (!Number.isNaN(g[t])) s = Number.isNaN(s) ? g[t] : s + adaptationSpeed * (g[t] - s);
		// + 0: a short at zero size is 0, not −0.
		out[t] = t < lookback || Number.isNaN(s) ? Number.NaN : Math.sign(close[t] - close[t - lookback]) * s + 0;
	}
	return out;
}
