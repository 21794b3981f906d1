/**
 * The market regime of original-system §6.7, which weights the 7–12-day and 50–70-day horizons:
 * - trend = SMA₅₀/SMA₂₀₀ − 1 of the daily closes at t;
 * - vol = the standard deviation (ddof 1, as pandas' rolling std) of the last 60 simple daily returns, ×√252;
 * - volPercentile = the share of EARLIER vol values (from the first defined one up to t − 1) strictly below the
 *   vol at t. The original ranked vol against its whole history, future included (look-ahead); here only the
 *   past counts, and at least `minVolHistory` earlier values are needed (our choice: 60, so the percentile is not
 *   a share of a handful of days);
 * - trending if trend > 0.02 and volPercentile < 0.5; else choppy if volPercentile > 0.7; else neutral.
 * - blend weights (short / long): trending 0.3 / 0.7, choppy 0.7 / 0.3, neutral 0.5 / 0.5.
 * Without 200 closes or enough vol history the state is 'insufficient' and the weights are the neutral 0.5 / 0.5,
 * so the caller can still blend but must show that the regime was not determined.
 *
 * Causal: the value at t is computed from closes[0..t] only (`regimeAt` slices before computing anything).
 */
import { RecommendError } from './errors';

export interface RegimeSettings {
	readonly fast: number;
	readonly slow: number;
	readonly volWindow: number;
	readonly trendThreshold: number;
	readonly trendingMaxPercentile: number;
	readonly choppyMinPercentile: number;
	readonly minVolHistory: number;
}

export const DEFAULT_REGIME_SETTINGS: RegimeSettings = {
	fast: 50,
	slow: 200,
	volWindow: 60,
	trendThreshold: 0.02,
	trendingMaxPercentile: 0.5,
	choppyMinPercentile: 0.7,
	minVolHistory: 60
};

/** Trading days a year, to state the vol annualised (the percentile does not depend on it). */
const TRADING_DAYS_PER_YEAR = 252;

export type RegimeState = 'trending' | 'choppy' | 'neutral' | 'insufficient';

export interface HorizonWeights {
	/** Weight of the 7–12-day horizon. */
	readonly short: number;
	/** Weight of the 50–70-day horizon. */
	readonly long: number;
}

export const REGIME_WEIGHTS: Readonly<Record<RegimeState, HorizonWeights>> = {
	trending: { short: 0.3, long: 0.7 },
	choppy: { short: 0.7, long: 0.3 },
	neutral: { short: 0.5, long: 0.5 },
	insufficient: { short: 0.5, long: 0.5 }
};

export interface Regime {
	/** Bar index the regime is for. */
	readonly index: number;
	readonly state: RegimeState;
	/** SMA_fast / SMA_slow − 1; NaN before `slow` closes. */
	readonly trend: number;
	/** Annualised realised vol over the window; NaN before `volWindow` returns. */
	readonly vol: number;
	/** Share of earlier vol values strictly below the current one, in [0, 1]; NaN without enough history. */
	readonly volPercentile: number;
	readonly weights: HorizonWeights;
}

function checkSettings(s: RegimeSettings): void {
	for (const k of ['fast', 'slow', 'volWindow'] as const)
		if (!Number.isInteger(s[k]) || s[k] < 2)
			throw new RecommendError('invalid', k, `must be an integer ≥ 2, got ${s[k]}`);
	if (s.fast >= s.slow)
		throw new RecommendError('invalid', 'fast', `must be shorter than slow (${s.slow}), got ${s.fast}`);
	if (!Number.isInteger(s.minVolHistory) || s.minVolHistory < 1)
		throw new RecommendError('invalid', 'minVolHistory', `must be an integer ≥ 1, got ${s.minVolHistory}`);
	for (const k of ['trendingMaxPercentile', 'choppyMinPercentile'] as const)
		if (!(s[k] >= 0 && s[k] <= 1)) throw new RecommendError('invalid', k, `must be in [0, 1], got ${s[k]}`);
	if (!Number.isFinite(s.trendThreshold))
		throw new RecommendError('invalid', 'trendThreshold', `must be finite, got ${s.trendThreshold}`);
}

function checkCloses(closes: ArrayLike<number>): void {
	for (let i = 0; i < closes.length; i++)
		if (!(closes[i] > 0))
			throw new RecommendError('invalid', 'closes', `row ${i} must be a positive price, got ${closes[i]}`);
}

/** Annualised rolling vol of simple returns; NaN where fewer than `window` returns exist. */
export function rollingVol(closes: ArrayLike<number>, window: number): Float64Array {
	const vol = new Float64Array(closes.length).fill(Number.NaN);
	for (let t = window; t < closes.length; t++) {
		let mean = 0;
		for (let i = t - window + 1; i <= t; i++) mean += closes[i] / closes[i - 1] - 1;
		mean /= window;
		let ss = 0;
		for (let i = t - window + 1; i <= t; i++) ss += (closes[i] / closes[i - 1] - 1 - mean) ** 2;
		vol[t] = Math.sqrt((ss / (window - 1)) * TRADING_DAYS_PER_YEAR);
	}
	return vol;
}

/** For each t, the share of defined values before t strictly below values[t]; NaN with < minHistory of them. */
export function causalPercentiles(values: ArrayLike<number>, minHistory: number): Float64Array {
	const out = new Float64Array(values.length).fill(Number.NaN);
	for (let t = 0; t < values.length; t++) {
		if (Number.isNaN(values[t])) continue;
		let seen = 0;
		let below = 0;
		for (let j = 0; j < t; j++) {
			if (Number.isNaN(values[j])) continue;
			seen++;
			if (values[j] < values[t]) below++;
		}
		if (seen >= minHistory) out[t] = below / seen;
	}
	return out;
}

function mean(closes: ArrayLike<number>, t: number, n: number): number {
	let s = 0;
	for (let i = t - n + 1; i <= t; i++) s += closes[i];
	return s / n;
}

function classify(trend: number, pct: number, s: RegimeSettings): RegimeState {
	if (Number.isNaN(trend) || Number.isNaN(pct)) return 'insufficient';
	if (trend > s.trendThreshold && pct < s.trendingMaxPercentile) return 'trending';
	if (pct > s.choppyMinPercentile) return 'choppy';
	return 'neutral';
}

/** The regime of every bar; entry t depends on closes[0..t] only. */
export function regimeSeries(
	closes: ArrayLike<number>,
	settings: RegimeSettings = DEFAULT_REGIME_SETTINGS
): Regime[] {
	checkSettings(settings);
	checkCloses(closes);
	const vol = rollingVol(closes, settings.volWindow);
	const pct = causalPercentiles(vol, settings.minVolHistory);
	const out: Regime[] = [];
	for (let t = 0; t < closes.length; t++) {
		const trend =
			t + 1 >= settings.slow
				? mean(closes, t, settings.fast) / mean(closes, t, settings.slow) - 1
				: Number.NaN;
		const state = classify(trend, pct[t], settings);
		out.push({ index: t, state, trend, vol: vol[t], volPercentile: pct[t], weights: REGIME_WEIGHTS[state] });
	}
	return out;
}

/** The regime at bar t, from closes[0..t] only. */
export function regimeAt(
	closes: ArrayLike<number>,
	t: number,
	settings: RegimeSettings = DEFAULT_REGIME_SETTINGS
): Regime {
	if (!Number.isInteger(t) || t < 0 || t >= closes.length)
		throw new RecommendError('invalid', 't', `must be a bar index in [0, ${closes.length - 1}], got ${t}`);
	const past = Float64Array.from({ length: t + 1 }, (_, i) => closes[i]);
	const all = regimeSeries(past, settings);
	return all[t];
}

/** weights.short · short + weights.long · long, e.g. of the two horizons' probabilities or expected returns. */
export function blendHorizons(weights: HorizonWeights, short: number, long: number): number {
	return weights.short * short + weights.long * long;
}
