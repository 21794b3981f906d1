/**
 * Geometric Brownian motion paths from the drift and volatility of past log returns. Because GBM's log
 * increments are independent Gaussians, the paths are sampled exactly at a few checkpoints (each increment over
 * Δ bars is N(mΔ, s²Δ)) instead of bar by bar: the same distribution at every checkpoint, at a fraction of the
 * cost. m and s are the sample mean and standard deviation of the log returns per bar.
 */
import type { Rng } from '../../domain/random';
import { AnalysisInputError } from '../analysis';
import { FitCancelledError } from '../types';
import { quantileSorted } from './math';

/** Fewer log returns than this say too little about drift and volatility. */
export const MIN_RETURNS = 20;

export interface ReturnStats {
	/** Mean log return per bar. */
	readonly mean: number;
	/** Sample standard deviation (n − 1) of the log return per bar. */
	readonly sd: number;
	readonly count: number;
}

export function logReturnStats(close: Float64Array): ReturnStats {
	const n = close.length - 1;
	if (n < MIN_RETURNS)
		throw new AnalysisInputError(
			`The simulation needs at least ${MIN_RETURNS + 1} prices; this series has ${close.length}.`
		);
	let sum = 0;
	const r = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		if (!(close[i] > 0 && close[i + 1] > 0))
			throw new AnalysisInputError(
				`Prices must be positive to take log returns; row ${close[i] > 0 ? i + 1 : i} is not.`
			);
		r[i] = Math.log(close[i + 1] / close[i]);
		sum += r[i];
	}
	const mean = sum / n;
	let ss = 0;
	for (const v of r) ss += (v - mean) ** 2;
	return { mean, sd: Math.sqrt(ss / (n - 1)), count: n };
}

export interface Simulation {
	/** Bars ahead at each checkpoint (the last is the horizon). */
	readonly checkpoints: Float64Array;
	/** Percentiles of the price at each checkpoint: one array per requested probability. */
	readonly bands: Float64Array[];
	/** Final log prices, one per path (sorted ascending). */
	readonly finalLog: Float64Array;
}

/** Simulates `paths` GBM paths of `horizon` bars from price s0, recording percentile bands at ≤ maxCheckpoints. */
export function simulateGbm(
	s0: number,
	stats: ReturnStats,
	horizon: number,
	paths: number,
	probs: readonly number[],
	maxCheckpoints: number,
	rng: Rng,
	isCancelled?: () => boolean
): Simulation {
	const count = Math.min(horizon, maxCheckpoints);
	const checkpoints = Float64Array.from({ length: count }, (_, i) => Math.round((horizon * (i + 1)) / count));
	const bands = probs.map(() => new Float64Array(count));
	const logs = new Float64Array(paths).fill(Math.log(s0));
	const sorted = new Float64Array(paths);
	let previous = 0;
	for (let c = 0; c < count; c++) {
		if (isCancelled?.()) throw new FitCancelledError();
		const bars = checkpoints[c] - previous;
		previous = checkpoints[c];
		const drift = stats.mean * bars;
		const scale = stats.sd * Math.sqrt(bars);
		for (let k = 0; k < paths; k++) logs[k] += drift + scale * rng.normal();
		sorted.set(logs);
		sorted.sort();
		probs.forEach((p, j) => (bands[j][c] = Math.exp(quantileSorted(sorted, p))));
	}
	return { checkpoints, bands, finalLog: sorted };
}
