/**
 * Kelly position sizing with the uncertainty of the mean return taken into account. For per-bar simple returns
 * with mean μ and variance σ², the expected log growth of a constant fraction f is g(f) ≈ fμ − ½f²σ², maximised
 * at the Kelly fraction f* = μ/σ² (E. O. Thorp, "The Kelly criterion in blackjack, sports betting and the stock
 * market", 2006, §7). μ is not known: with a flat prior and σ² at its sample value, the posterior of μ is
 * N(μ̂, s²/n), and
 * - the Bayesian fraction maximises the posterior-expected growth, E[fμ − ½f²σ²] with Var μ added to σ²:
 *   f_B = μ̂/(s² + s²/n) (a shrinkage toward 0 that matters when n is small);
 * - the conservative fraction uses the one-sided lower (upper, for a short) credible bound of μ at the confidence
 *   level, μ_c = μ̂ ∓ z·s/√n, and is 0 when the bound crosses zero (the edge is not established);
 * - the position is the conservative fraction capped at ±max_position.
 */
import { AnalysisInputError } from '../analysis';
import { normQuantile } from './math';

export const MIN_RETURNS = 20;

export interface KellyResult {
	readonly mean: number;
	readonly sd: number;
	readonly count: number;
	readonly standardError: number;
	readonly naive: number;
	readonly bayesian: number;
	/** The credible bound of μ used (lower for a long edge, upper for a short one, μ̂'s side). */
	readonly edgeBound: number;
	readonly conservative: number;
	readonly position: number;
	readonly capped: boolean;
}

export function simpleReturns(close: Float64Array): Float64Array {
	if (close.length - 1 < MIN_RETURNS)
		throw new AnalysisInputError(
			`Kelly sizing needs at least ${MIN_RETURNS + 1} prices; this series has ${close.length}.`
		);
	const r = new Float64Array(close.length - 1);
	for (let i = 0; i < r.length; i++) {
		if (!(close[i] > 0)) throw new AnalysisInputError(`Prices must be positive; row ${i} is ${close[i]}.`);
		r[i] = close[i + 1] / close[i] - 1;
	}
	return r;
}

export function kelly(returns: Float64Array, confidence: number, maxPosition: number): KellyResult {
	if (!(confidence > 0.5 && confidence < 1))
		throw new RangeError(`confidence must lie in (0.5, 1), got ${confidence}`);
	if (!(maxPosition > 0)) throw new RangeError(`maxPosition must be positive, got ${maxPosition}`);
	const n = returns.length;
	if (n < MIN_RETURNS)
		throw new AnalysisInputError(`Kelly sizing needs at least ${MIN_RETURNS} returns; got ${n}.`);
	let mean = 0;
	for (const r of returns) mean += r / n;
	let ss = 0;
	for (const r of returns) ss += (r - mean) ** 2;
	const variance = ss / (n - 1);
	if (returns.every((r) => r === returns[0]) || !(variance > 0))
		throw new AnalysisInputError('The returns do not vary: the Kelly fraction is undefined.');
	const sd = Math.sqrt(variance);
	const se = sd / Math.sqrt(n);
	const z = normQuantile(confidence);
	const edgeBound = mean >= 0 ? mean - z * se : mean + z * se;
	const conservative = Math.sign(edgeBound) === Math.sign(mean) ? edgeBound / variance : 0;
	const position = Math.max(-maxPosition, Math.min(maxPosition, conservative));
	return {
		mean,
		sd,
		count: n,
		standardError: se,
		naive: mean / variance,
		bayesian: mean / (variance + se * se),
		edgeBound,
		conservative,
		position,
		capped: position !== conservative
	};
}

/** Expected log growth per bar of fraction f for mean μ and variance σ²: fμ − ½f²σ². */
export const growth = (f: number, mu: number, variance: number): number => f * mu - 0.5 * f * f * variance;
