/**
 * Transfer entropy (Schreiber 2000, Phys. Rev. Lett. 85, 461, eq. 4) between two discrete series, plug-in
 * (frequency) estimate in bits:
 *   TE_{Y→X} = Σ p(x_{t+1}, x_t^(k), y_t^(k)) · log2[ p(x_{t+1} | x_t^(k), y_t^(k)) / p(x_{t+1} | x_t^(k)) ],
 * with k = `history` past values of each series. It is the conditional mutual information I(X_{t+1}; Y^(k) | X^(k)):
 * what Y's past tells about X's next value beyond X's own past. The plug-in estimate is biased upward in small
 * samples, so significance comes from surrogates in which Y's symbols are shuffled (seeded).
 */
import type { Rng } from '../../domain/random';

/**
 * Equal-frequency symbols 0 .. bins − 1: a value gets the number of quantile cut points it lies above, the cut
 * points being the sorted values at ranks ⌈j·n/bins⌉ − 1 (j = 1 .. bins − 1). Ties fall into the lower bin; with
 * bins = 2 this is a split at the (lower) median.
 */
export function quantileSymbols(values: Float64Array, bins: number): Int32Array {
	const sorted = Float64Array.from(values).sort();
	const n = sorted.length;
	const cuts: number[] = [];
	for (let j = 1; j < bins; j++) cuts.push(sorted[Math.ceil((j * n) / bins) - 1]);
	return Int32Array.from(values, (v) => {
		let s = 0;
		for (const c of cuts) if (v > c) s++;
		return s;
	});
}

function bump(map: Map<number, number>, key: number): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * TE from `source` to `target` in bits, both series of symbols 0 .. alphabet − 1 of equal length, conditioning on
 * `history` past values of each. Uses the transitions t = history − 1 .. n − 2.
 */
export function transferEntropy(
	target: ArrayLike<number>,
	source: ArrayLike<number>,
	history: number,
	alphabet: number
): number {
	const n = target.length;
	const span = alphabet ** history;
	const joint = new Map<number, number>();
	const pastPair = new Map<number, number>();
	const nextPast = new Map<number, number>();
	const past = new Map<number, number>();
	let transitions = 0;
	for (let t = history - 1; t < n - 1; t++) {
		let xp = 0;
		let yp = 0;
		for (let j = 0; j < history; j++) {
			xp = xp * alphabet + target[t - j];
			yp = yp * alphabet + source[t - j];
		}
		const xn = target[t + 1];
		const pair = xp * span + yp;
		bump(joint, xn * span * span + pair);
		bump(pastPair, pair);
		bump(nextPast, xn * span + xp);
		bump(past, xp);
		transitions++;
	}
	let te = 0;
	for (const [key, c] of joint) {
		const xn = Math.floor(key / (span * span));
		const pair = key - xn * span * span;
		const xp = Math.floor(pair / span);
		const ratio = (c * past.get(xp)!) / (pastPair.get(pair)! * nextPast.get(xn * span + xp)!);
		te += c * Math.log2(ratio);
	}
	// Rounding can leave −1e−17 where the exact value is 0.
	return Math.max(0, te / transitions);
}

export interface SurrogateTest {
	readonly te: number;
	readonly surrogateMean: number;
	readonly surrogateSd: number;
	/** (1 + #{surrogate TE ≥ TE}) / (1 + surrogates): never 0, as a permutation test's p-value should be. */
	readonly pValue: number;
}

/** TE from source to target and its shuffle-surrogate distribution (source symbols permuted, seeded). */
export function transferEntropyTest(
	target: ArrayLike<number>,
	source: ArrayLike<number>,
	history: number,
	alphabet: number,
	surrogates: number,
	rng: Rng,
	onStep?: () => void
): SurrogateTest {
	const te = transferEntropy(target, source, history, alphabet);
	const shuffled = Int32Array.from(source);
	let sum = 0;
	let sum2 = 0;
	let above = 0;
	for (let s = 0; s < surrogates; s++) {
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = rng.int(i + 1);
			const tmp = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = tmp;
		}
		const v = transferEntropy(target, shuffled, history, alphabet);
		sum += v;
		sum2 += v * v;
		if (v >= te) above++;
		onStep?.();
	}
	const mean = sum / surrogates;
	const sd =
		surrogates > 1 ? Math.sqrt(Math.max(0, (sum2 - surrogates * mean * mean) / (surrogates - 1))) : NaN;
	return { te, surrogateMean: mean, surrogateSd: sd, pValue: (1 + above) / (1 + surrogates) };
}
