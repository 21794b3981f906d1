/**
 * The Deflated Sharpe Ratio: how likely the best of N trials has a true Sharpe ratio above zero, once the
 * selection among N trials, the length of the track record and its non-normal returns are accounted for.
 *
 * - Probabilistic Sharpe Ratio (Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier", J. of Risk 2012):
 *   PSR(SR*) = Φ( (SR̂ − SR*) √(T − 1) / √(1 − γ₃ SR̂ + (γ₄ − 1)/4 · SR̂²) ), with SR̂ per period (not annualised),
 *   γ₃ the skewness and γ₄ the (non-excess) kurtosis of the returns.
 * - Expected maximum Sharpe of N independent trials with true Sharpe zero (the False Strategy theorem):
 *   E[max SR] ≈ √V[SR] ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), γ the Euler–Mascheroni constant.
 * - DSR = PSR(E[max SR]) (Bailey & López de Prado, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
 *   Backtest Overfitting and Non-Normality", J. Portfolio Management 40(5), 2014).
 *
 * Estimators, from returns: SR̂ = mean / sample standard deviation (n − 1, as domain/metrics.ts), skewness and
 * kurtosis as population moment ratios (m₃/m₂^{3/2}, m₄/m₂², scipy.stats.skew and kurtosis(fisher=False) with
 * their default bias=True), V[SR] the sample variance (n − 1) of the trials' per-period Sharpe ratios.
 */
import { normalCdf } from '../../models/stats/distributions';
import { OverfittingError } from './errors';
import { normalQuantile } from './normal-quantile';

/** A best trial whose DSR is below this is "not distinguishable from luck" (the 95 % level of the 2014 paper). */
export const LUCK_THRESHOLD = 0.95;
/** The Euler–Mascheroni constant γ. */
export const EULER_GAMMA = 0.5772156649015329;
/** Skewness, kurtosis and a Sharpe ratio need at least this many returns. */
export const MIN_RETURNS = 3;

export function isDistinguishableFromLuck(dsr: number): boolean {
	// NaN (no DSR) is never distinguishable.
	return dsr >= LUCK_THRESHOLD;
}

export interface ReturnMoments {
	/** Per-period Sharpe ratio: mean / sample standard deviation. */
	readonly sharpe: number;
	readonly skew: number;
	/** Non-excess kurtosis (3 for normal returns). */
	readonly kurtosis: number;
	readonly periods: number;
}

function finiteArray(values: ArrayLike<number>, field: string): void {
	for (let i = 0; i < values.length; i++) {
		if (!Number.isFinite(values[i])) {
			throw new OverfittingError('invalid', field, `value ${i} is ${values[i]}, every value must be finite`);
		}
	}
}

/** Sharpe, skewness and kurtosis of per-period returns; refuses fewer than 3 returns and constant returns. */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
	const n = returns.length;
	if (n < MIN_RETURNS) {
		throw new OverfittingError('too_few', 'returns', `needs at least ${MIN_RETURNS} returns, got ${n}`);
	}
	finiteArray(returns, 'returns');
	let sum = 0;
	for (let i = 0; i < n; i++) sum += returns[i];
	const mean = sum / n;
	let m2 = 0;
	let m3 = 0;
	let m4 = 0;
	for (let i = 0; i < n; i++) {
		const d = returns[i] - mean;
		const d2 = d * d;
		m2 += d2;
		m3 += d2 * d;
		m4 += d2 * d2;
	}
	if (!(m2 > 0)) {
		throw new OverfittingError(
			'zero_variance',
			'returns',
			'the returns are constant, so they have no Sharpe ratio'
		);
	}
	const sampleStd = Math.sqrt(m2 / (n - 1));
	m2 /= n;
	m3 /= n;
	m4 /= n;
	return { sharpe: mean / sampleStd, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2), periods: n };
}

function checkMoments(m: ReturnMoments): void {
	if (!Number.isFinite(m.sharpe))
		throw new OverfittingError('invalid', 'sharpe', `must be finite, got ${m.sharpe}`);
	if (!Number.isFinite(m.skew))
		throw new OverfittingError('invalid', 'skew', `must be finite, got ${m.skew}`);
	if (!(m.kurtosis > 0) || !Number.isFinite(m.kurtosis)) {
		throw new OverfittingError(
			'invalid',
			'kurtosis',
			`must be positive and finite (non-excess), got ${m.kurtosis}`
		);
	}
	if (!Number.isInteger(m.periods) || m.periods < MIN_RETURNS) {
		throw new OverfittingError(
			'too_few',
			'periods',
			`must be an integer >= ${MIN_RETURNS}, got ${m.periods}`
		);
	}
}

/** PSR(SR*): the probability that the true per-period Sharpe exceeds `benchmark`, given the observed moments. */
export function probabilisticSharpe(m: ReturnMoments, benchmark = 0): number {
	checkMoments(m);
	if (!Number.isFinite(benchmark))
		throw new OverfittingError('invalid', 'benchmark', `must be finite, got ${benchmark}`);
	const sr = m.sharpe;
	const spread = 1 - m.skew * sr + ((m.kurtosis - 1) / 4) * sr * sr;
	// Never negative for moments of real data (kurtosis >= 1 + skew² makes it a square), only for made-up ones.
	if (!(spread > 0)) {
		throw new OverfittingError(
			'invalid',
			'kurtosis',
			`1 − skew·SR + (kurtosis − 1)/4·SR² is ${spread}; these moments cannot come from one return series`
		);
	}
	return normalCdf(((sr - benchmark) * Math.sqrt(m.periods - 1)) / Math.sqrt(spread));
}

/**
 * E[max SR] of `trials` independent trials whose per-period Sharpe ratios have variance `sharpeVariance` and mean
 * zero. One trial is not a selection: 0 (the formula's Φ⁻¹(0) = −∞ has no meaning there).
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
	if (!Number.isInteger(trials) || trials < 1) {
		throw new OverfittingError('invalid', 'trials', `must be an integer >= 1, got ${trials}`);
	}
	if (!(sharpeVariance >= 0) || !Number.isFinite(sharpeVariance)) {
		throw new OverfittingError('invalid', 'sharpeVariance', `must be finite and >= 0, got ${sharpeVariance}`);
	}
	if (trials === 1) return 0;
	const z =
		(1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) +
		EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E));
	return Math.sqrt(sharpeVariance) * z;
}

/** Sample variance (n − 1) of the trials' per-period Sharpe ratios; 0 for a single trial. */
export function sharpeVarianceOf(trialSharpes: ArrayLike<number>): number {
	const n = trialSharpes.length;
	if (n < 1) throw new OverfittingError('too_few', 'trialSharpes', 'needs at least 1 trial Sharpe ratio');
	finiteArray(trialSharpes, 'trialSharpes');
	if (n === 1) return 0;
	let sum = 0;
	for (let i = 0; i < n; i++) sum += trialSharpes[i];
	const mean = sum / n;
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (trialSharpes[i] - mean) ** 2;
	return ss / (n - 1);
}

/** From the best trial's returns and every trial's per-period Sharpe (the best one included). */
export interface DsrFromReturns {
	readonly returns: ArrayLike<number>;
	/** Finite per-period Sharpe ratios, for V[SR] (and N when `trials` is not given). */
	readonly trialSharpes: ArrayLike<number>;
	/** N when some trials have no Sharpe (failed, constant returns) but were still tried: >= trialSharpes.length. */
	readonly trials?: number;
}

/** From summary statistics, all per period: e.g. the 2014 paper's worked example. */
export interface DsrFromMoments extends ReturnMoments {
	readonly trials: number;
	readonly sharpeVariance: number;
}

export interface DeflatedSharpe {
	/** PSR against E[max SR]: the probability that the selected trial's true Sharpe is above luck. */
	readonly dsr: number;
	/** PSR against zero: the same, ignoring how many trials were run. */
	readonly psr0: number;
	/** Per period. */
	readonly expectedMaxSharpe: number;
	/** Per period. */
	readonly sharpe: number;
	readonly skew: number;
	readonly kurtosis: number;
	readonly trials: number;
	/** Per period². */
	readonly sharpeVariance: number;
	readonly periods: number;
}

export function deflatedSharpe(input: DsrFromReturns | DsrFromMoments): DeflatedSharpe {
	let moments: ReturnMoments;
	let trials: number;
	let sharpeVariance: number;
	if ('returns' in input) {
		moments = returnMoments(input.returns);
		sharpeVariance = sharpeVarianceOf(input.trialSharpes);
		trials = input.trials ?? input.trialSharpes.length;
		if (!Number.isInteger(trials) || trials < input.trialSharpes.length) {
			throw new OverfittingError(
				'invalid',
				'trials',
				`must be an integer >= the ${input.trialSharpes.length} trial Sharpe ratios, got ${trials}`
			);
		}
	} else {
		moments = { sharpe: input.sharpe, skew: input.skew, kurtosis: input.kurtosis, periods: input.periods };
		trials = input.trials;
		sharpeVariance = input.sharpeVariance;
	}
	const expectedMax = expectedMaxSharpe(trials, sharpeVariance);
	return {
		dsr: probabilisticSharpe(moments, expectedMax),
		psr0: probabilisticSharpe(moments, 0),
		expectedMaxSharpe: expectedMax,
		sharpe: moments.sharpe,
		skew: moments.skew,
		kurtosis: moments.kurtosis,
		trials,
		sharpeVariance,
		periods: moments.periods
	};
}
