/**
 * Test fixture: seeded synthetic price pairs for the pairs-trading backtest, one cointegrated by construction and
 * one of two independent random walks. Labelled synthetic; used only by tests and the fixture script, never
 * stored as market data.
 */
import { createRng } from '../domain/random';

export interface PricePair {
	readonly a: Float64Array;
	readonly b: Float64Array;
}

/**
 * log B is a random walk (σ 1 % a bar); log A = 0.3 + 1.2 log B + u with u an AR(1) of coefficient φ and
 * innovation σ 0.5 %, so A and B are cointegrated with hedge ratio 1.2 and a spread that reverts.
 */
export function cointegratedPair(rows: number, seed: number, phi = 0.9): PricePair {
	const rng = createRng(seed);
	const a = new Float64Array(rows);
	const b = new Float64Array(rows);
	let logB = Math.log(50);
	let u = 0;
	for (let t = 0; t < rows; t++) {
		logB += 0.01 * rng.normal();
		u = phi * u + 0.005 * rng.normal();
		b[t] = Math.exp(logB);
		a[t] = Math.exp(0.3 + 1.2 * logB + u);
	}
	return { a, b };
}

/** Two independent random walks in log price (σ 1 % a bar each): not cointegrated. */
export function independentPair(rows: number, seed: number): PricePair {
	const rng = createRng(seed);
	const a = new Float64Array(rows);
	const b = new Float64Array(rows);
	let la = Math.log(40);
	let lb = Math.log(60);
	for (let t = 0; t < rows; t++) {
		la += 0.01 * rng.normal();
		lb += 0.01 * rng.normal();
		a[t] = Math.exp(la);
		b[t] = Math.exp(lb);
	}
	return { a, b };
}
