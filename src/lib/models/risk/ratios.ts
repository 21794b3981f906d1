/**
 * Performance ratios of a return series (Bacon, Practical Portfolio Performance Measurement and Attribution,
 * 2nd ed., 2008, ch. 4):
 * - Omega (Keating & Shadwick 2002): Ω(L) = Σ max(r − L, 0) / Σ max(L − r, 0), gains above the threshold per unit
 *   of losses below it (the sample form of ∫_L^∞ (1 − F) / ∫_{−∞}^L F).
 * - Sterling: annualised (compound) return over the average of the yearly maximum drawdowns; the original form
 *   (Deane Sterling Jones) adds 10 % to the denominator.
 * - Information ratio (Grinold & Kahn, Active Portfolio Management, ch. 5): mean active return over its standard
 *   deviation (the tracking error), annualised by √(periods per year).
 */
import { growth, maxDrawdown } from './drawdown';
import { mean, sampleStd } from './stats';

/** Omega ratio at threshold L; Infinity-free: NaN when no return lies below L. */
export function omegaRatio(returns: ArrayLike<number>, threshold: number): number {
	let up = 0;
	let down = 0;
	for (let i = 0; i < returns.length; i++) {
		const d = returns[i] - threshold;
		if (d > 0) up += d;
		else down -= d;
	}
	return down > 0 ? up / down : Number.NaN;
}

/** Compound annual growth rate of simple returns with `periods` returns per year. */
export function annualisedReturn(returns: ArrayLike<number>, periods: number): number {
	const g = growth(returns);
	return g[g.length - 1] ** (periods / returns.length) - 1;
}

export interface YearDrawdown {
	/** Index of the first and one past the last return of the year. */
	readonly start: number;
	readonly end: number;
	readonly depth: number;
}

/**
 * The maximum drawdown within each full block of `periods` returns, counted back from the last return (the most
 * recent years are whole; an incomplete oldest block is left out). Each block's value starts at 1 before its first
 * return.
 */
export function yearlyDrawdowns(returns: ArrayLike<number>, periods: number): YearDrawdown[] {
	const out: YearDrawdown[] = [];
	for (let end = returns.length; end - periods >= 0; end -= periods) {
		const block = Array.prototype.slice.call(returns, end - periods, end) as number[];
		out.unshift({ start: end - periods, end, depth: maxDrawdown(growth(block)).depth });
	}
	return out;
}

export interface Sterling {
	readonly annualReturn: number;
	readonly averageDrawdown: number;
	readonly ratio: number;
	/** With 10 % added to the average drawdown (the original definition). */
	readonly ratioPlus10: number;
	readonly years: readonly YearDrawdown[];
}

/** The Sterling ratio over the full years of the sample (NaN when there is no full year or no drawdown). */
export function sterlingRatio(returns: ArrayLike<number>, periods: number): Sterling {
	const years = yearlyDrawdowns(returns, periods);
	const first = years.length ? years[0].start : returns.length;
	const used = Array.prototype.slice.call(returns, first) as number[];
	const annualReturn = used.length ? annualisedReturn(used, periods) : Number.NaN;
	const averageDrawdown = years.length ? mean(years.map((y) => y.depth)) : Number.NaN;
	return {
		annualReturn,
		averageDrawdown,
		ratio: averageDrawdown > 0 ? annualReturn / averageDrawdown : Number.NaN,
		ratioPlus10: annualReturn / (averageDrawdown + 0.1),
		years
	};
}

export type ActiveReturn = 'arithmetic' | 'geometric';

/** Active returns: r − b (arithmetic) or (1 + r) / (1 + b) − 1 (geometric; Bacon §2.4). */
export function activeReturns(
	subject: ArrayLike<number>,
	benchmark: ArrayLike<number>,
	kind: ActiveReturn
): Float64Array {
	return Float64Array.from({ length: subject.length }, (_, i) =>
		kind === 'arithmetic' ? subject[i] - benchmark[i] : (1 + subject[i]) / (1 + benchmark[i]) - 1
	);
}

export interface Information {
	readonly meanActive: number;
	readonly trackingError: number;
	/** Per period. */
	readonly ratio: number;
	readonly annualisedRatio: number;
}

export function informationRatio(active: ArrayLike<number>, periods: number): Information {
	const meanActive = mean(active);
	const trackingError = sampleStd(active);
	const ratio = trackingError > 0 ? meanActive / trackingError : Number.NaN;
	return { meanActive, trackingError, ratio, annualisedRatio: ratio * Math.sqrt(periods) };
}
