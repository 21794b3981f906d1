/**
 * fractal_model: a rolling fractal dimension of the price path, traded as persistence or anti-persistence.
 *
 * - Dimension: Sevcik's estimate (C. Sevcik, "A procedure to estimate the fractal dimension of waveforms",
 *   Complexity International 5, 1998) of the last FRACTAL_WINDOW closes: the N points are mapped onto the unit
 *   square (x = i / (N − 1), y = (close − min) / (max − min)), L is the length of that polyline and
 *   D = 1 + ln L / ln(2 (N − 1)). A straight path scores near 1, a path that fills the square near 2.
 * - Calibration (what `iterations` counts): on short windows the estimate is biased, so a Gaussian random walk
 *   does not score the 1.5 of theory. `iterations` seeded random walks of N points are scored and the dimension is
 *   shifted by 1.5 − their mean, so that a random walk scores 1.5 on average. (D is invariant to the walk's scale
 *   and drift-free shape, so the calibration needs no market data.)
 * - Position: with the reference `dimension` D* and the window's direction T = sign(close[t] − close[t − N + 1]):
 *   D < D* (a smoother, persistent path: trending) → T, follow it; D > D* (a rougher, anti-persistent path) → −T,
 *   fade it; D = D*, or a flat window (no dimension), → 0. NaN for the first N − 1 rows.
 * (The original class computed a crude box count on 50 returns; +1 above 1.5 and −1 below 1.0.)
 */
import type { Rng } from '../../domain/random';
import { checkFiniteColumn, checkWindow } from './rolling';

/** The original class's rolling window. */
export const FRACTAL_WINDOW = 50;
/** The dimension of a Brownian path's graph, which the calibration aims a random walk at. */
export const RANDOM_WALK_DIMENSION = 1.5;

/** Sevcik's dimension of y[from … to − 1]; NaN for a flat window (no extent to normalise). */
export function sevcikDimension(y: Float64Array, from: number, to: number): number {
	const n = to - from;
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = from; i < to; i++) {
		if (y[i] < lo) lo = y[i];
		if (y[i] > hi) hi = y[i];
	}
	if (!(hi > lo)) return Number.NaN;
	const dx2 = 1 / (n - 1) ** 2;
	let length = 0;
	for (let i = from + 1; i < to; i++) length += Math.sqrt(dx2 + ((y[i] - y[i - 1]) / (hi - lo)) ** 2);
	return 1 + Math.log(length) / Math.log(2 * (n - 1));
}

/** 1.5 minus the mean Sevcik dimension of `iterations` Gaussian random walks of `window` points. */
export function calibrationOffset(window: number, iterations: number, rng: Rng): number {
	checkWindow('window', window, 3);
	checkWindow('iterations', iterations);
	const walk = new Float64Array(window);
	let sum = 0;
	for (let k = 0; k < iterations; k++) {
		for (let i = 1; i < window; i++) walk[i] = walk[i - 1] + rng.normal();
		// A Gaussian walk of ≥ 3 points is flat with probability 0, so every score is finite.
		sum += sevcikDimension(walk, 0, window);
	}
	return RANDOM_WALK_DIMENSION - sum / iterations;
}

export function fractalPositions(
	close: Float64Array,
	dimension: number,
	offset: number,
	window = FRACTAL_WINDOW
): Float64Array {
	checkWindow('window', window, 3);
	if (!(dimension >= 1 && dimension <= 2))
		throw new RangeError(`dimension must lie in [1, 2], got ${dimension}`);
	checkFiniteColumn('close', close);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) {
		if (t < window - 1) {
			out[t] = Number.NaN;
			continue;
		}
		const d = sevcikDimension(close, t - window + 1, t + 1) + offset;
		const trend = Math.sign(close[t] - close[t - window + 1]);
		// + 0 turns the −0 of fading a window with no direction into 0.
		out[t] = Number.isNaN(d) || d === dimension ? 0 : (d < dimension ? trend : -trend) + 0;
	}
	return out;
}
