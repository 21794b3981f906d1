/**
 * Data drift: have a series' returns changed character since its baseline? The rule comes from the issue and
 * the original's drift_protection.py (reference §2.5): mean shift > 2, variance ratio outside 0.5–2, skew
 * change > 1. Two deliberate differences from the original:
 *
 * - The mean shift is measured in standard errors of the difference of the two means (Welch:
 *   √(sd_base²/n_base + sd_now²/n_now)), not in the baseline's standard deviation of single returns. The
 *   original's |mean − base_mean| / base_std compares an average with the spread of one day: for S&P 500
 *   daily returns (sd ≈ 1.2 %) it would need the market to move 2.4 % every day on average before it fired.
 *   Both numbers are reported; only the standard-error one decides.
 * - The original compared the ratio of standard deviations with 0.5–2; the issue says variance ratio, which
 *   is what we use: (sd_now / sd_base)², i.e. a standard-deviation ratio outside about 0.71–1.41.
 *
 * Statistics that cannot be computed are NaN (never Infinity), which the stored record schema allows.
 */
import { z } from 'zod';

/** NaN where a statistic is not defined (too few returns, no variation). */
const statistic = z.union([z.number(), z.nan()]);

export const returnStatsSchema = z.object({
	/** Returns used (finite values only). */
	n: z.number().int().min(0),
	mean: statistic,
	/** Population standard deviation (divides by n). */
	std: statistic,
	/** Fisher–Pearson coefficient g1 = m3 / m2^1.5 (biased; scipy.stats.skew's default). NaN if n < 3 or sd 0. */
	skew: statistic,
	/** Time (epoch ms) of the first and last return used; NaN when n is 0. */
	firstT: statistic,
	lastT: statistic
});
export type ReturnStats = z.infer<typeof returnStatsSchema>;

export type SeriesKind = 'price' | 'level';

/**
 * r[i] = values[i+1] / values[i] − 1, so r lines up with `t.subarray(1)` (length n − 1). A pair where either
 * value is not a finite positive number gives NaN, which {@link returnStats} skips: a zero or negative price
 * is a data error, and a gap (NaN) must not produce a return spanning it. Unlike series.ts's simpleReturns
 * (length n, NaN at row 0, aligned with the bars for features), this one is aligned with its end times.
 */
export function simpleReturns(values: Float64Array): Float64Array {
	const out = new Float64Array(Math.max(0, values.length - 1));
	for (let i = 0; i < out.length; i++) {
		const a = values[i];
		const b = values[i + 1];
		out[i] = a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? b / a - 1 : Number.NaN;
	}
	return out;
}

/**
 * d[i] = values[i+1] − values[i], aligned like {@link simpleReturns}; NaN where either value is not finite.
 * For level series that can be zero or negative (interest rates, spreads), whose ratios mean nothing.
 */
export function differences(values: Float64Array): Float64Array {
	const out = new Float64Array(Math.max(0, values.length - 1));
	for (let i = 0; i < out.length; i++) {
		const d = values[i + 1] - values[i];
		out[i] = Number.isFinite(d) ? d : Number.NaN;
	}
	return out;
}

export function returnsFor(kind: SeriesKind, values: Float64Array): Float64Array {
	return kind === 'price' ? simpleReturns(values) : differences(values);
}

/** Statistics of the finite values of `r`; `t[i]` is the time of `r[i]`. */
export function returnStats(t: Float64Array, r: Float64Array): ReturnStats {
	if (t.length !== r.length)
		throw new RangeError(`t has ${t.length} values but r has ${r.length}; they must pair up`);
	let n = 0;
	let sum = 0;
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	let firstT = Number.NaN;
	let lastT = Number.NaN;
	for (let i = 0; i < r.length; i++) {
		const v = r[i];
		if (!Number.isFinite(v)) continue;
		if (n === 0) firstT = t[i];
		lastT = t[i];
		n++;
		sum += v;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	if (n === 0) return { n, mean: Number.NaN, std: Number.NaN, skew: Number.NaN, firstT, lastT };
	// Identical values: say so exactly instead of letting rounding in the mean invent a tiny spread and skew.
	if (min === max) return { n, mean: min, std: 0, skew: Number.NaN, firstT, lastT };
	const mean = sum / n;
	let m2 = 0;
	let m3 = 0;
	for (let i = 0; i < r.length; i++) {
		const v = r[i];
		if (!Number.isFinite(v)) continue;
		const d = v - mean;
		m2 += d * d;
		m3 += d * d * d;
	}
	m2 /= n;
	m3 /= n;
	const skew = n < 3 ? Number.NaN : m3 / m2 ** 1.5;
	return { n, mean, std: Math.sqrt(m2), skew, firstT, lastT };
}

export const DRIFT_THRESHOLDS = {
	/** Standard errors of the mean difference; 2 is the number (≈ 5 % two-sided under no change). */
	meanShiftSd: 2,
	/** Variance ratio bounds from the issue: halving or doubling of variance. */
	varianceRatioMin: 0.5,
	varianceRatioMax: 2,
	/** Absolute change of g1, from the issue. Skew is noisy (its standard error ≈ √(6/n) ≈ 0.55 at n = 20). */
	skewChange: 1,
	/** About a trading month of daily returns: with fewer, standard deviation and skew say little. */
	minNewReturns: 20
} as const;

export interface DriftReport {
	readonly drifted: boolean;
	/** Why it drifted, or why nothing could be concluded; empty when the data did not drift. */
	readonly reasons: string[];
	/** |mean − base mean| in standard errors of the difference; this decides. */
	readonly meanShiftSd: number;
	/** |mean − base mean| / baseline sd: the original's measure, reported for comparison only. */
	readonly meanShiftBaseSd: number;
	/** (sd / base sd)². */
	readonly varianceRatio: number;
	/** |skew − base skew|; NaN when either skew is undefined. */
	readonly skewChange: number;
	readonly baseline: ReturnStats;
	readonly current: ReturnStats;
}

/** Compares `current` (usually the new returns only) with `baseline`. */
export function checkDrift(baseline: ReturnStats, current: ReturnStats): DriftReport {
	const th = DRIFT_THRESHOLDS;
	const measurable = baseline.std > 0 && current.std >= 0;
	const delta = Math.abs(current.mean - baseline.mean);
	const se = Math.sqrt(baseline.std ** 2 / baseline.n + current.std ** 2 / current.n);
	const meanShiftSd = measurable ? delta / se : Number.NaN;
	const meanShiftBaseSd = measurable ? delta / baseline.std : Number.NaN;
	const varianceRatio = measurable ? (current.std / baseline.std) ** 2 : Number.NaN;
	const skewChange = Math.abs(current.skew - baseline.skew);
	const report = { meanShiftSd, meanShiftBaseSd, varianceRatio, skewChange, baseline, current };

	const notConcluded = (reason: string): DriftReport => ({ drifted: false, reasons: [reason], ...report });
	if (current.n < th.minNewReturns) {
		return notConcluded(
			`Not enough new data to check for drift: ${current.n} new returns, at least ${th.minNewReturns} needed.`
		);
	}
	if (baseline.n < th.minNewReturns) {
		return notConcluded(
			`The baseline has only ${baseline.n} returns, at least ${th.minNewReturns} are needed to check for drift.`
		);
	}
	if (!measurable) {
		return notConcluded('The baseline returns do not vary, so drift cannot be measured against them.');
	}

	const reasons: string[] = [];
	if (meanShiftSd > th.meanShiftSd) {
		reasons.push(
			`Mean return moved ${fmt(meanShiftSd)} standard errors (limit ${th.meanShiftSd}): ` +
				`${fmt(baseline.mean)} in the baseline, ${fmt(current.mean)} now.`
		);
	}
	if (varianceRatio < th.varianceRatioMin || varianceRatio > th.varianceRatioMax) {
		reasons.push(
			`Variance of returns is ${fmt(varianceRatio)} times the baseline's (allowed ${th.varianceRatioMin}–` +
				`${th.varianceRatioMax}): standard deviation ${fmt(baseline.std)} in the baseline, ${fmt(current.std)} now.`
		);
	}
	if (skewChange > th.skewChange) {
		reasons.push(
			`Skewness changed by ${fmt(skewChange)} (limit ${th.skewChange}): ` +
				`${fmt(baseline.skew)} in the baseline, ${fmt(current.skew)} now.`
		);
	}
	return { drifted: reasons.length > 0, reasons, ...report };
}

/** Three significant digits, without trailing zeros: 0.000312, -1.5, 2.35e-7. */
function fmt(x: number): string {
	return String(Number(x.toPrecision(3)));
}
