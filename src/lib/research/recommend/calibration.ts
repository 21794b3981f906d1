/**
 * Calibrated probabilities of a positive forward return from a model's OUT-OF-SAMPLE walk-forward scores (never
 * in-sample fits): isotonic (isotonic.ts) or Platt (platt.ts), or the scores themselves when they already are
 * probabilities ('none'), chosen by evidence — the lower Brier score on a held-out time split.
 *
 * The split (`chooseCalibration`): rows sorted by time; the last `holdoutFraction` (30 %) of rows, moved back to
 * the start of a timestamp so one date is never on both sides, are held out; the rows of the `purge` timestamps
 * just before the cut are dropped (set it to the horizon in bars: their outcomes overlap the held-out period).
 * Each method is fitted on the earlier rows and scored on the held-out ones; the lowest Brier wins, ties going to
 * the simpler method (none, then Platt, then isotonic). The returned fit is then refitted on ALL rows — the
 * held-out numbers are the evidence, the refit uses every row the evidence was about.
 *
 * 'none' is offered only when every score lies in [0, 1]. Its standard error is that of a binomial proportion
 * over the rows in the score's tenth of [0, 1] (so a region with few rows is less certain).
 */
import {
	brierScore,
	expectedCalibrationError,
	reliabilityBins,
	type ReliabilityBins
} from './calibration-metrics';
import { RecommendError, checkScored } from './errors';
import {
	checkIsotonicFit,
	fitIsotonic,
	isotonicProbability,
	isotonicSupport,
	type IsotonicFit
} from './isotonic';
import { checkPlattFit, fitPlatt, plattProbability, plattStandardError, type PlattFit } from './platt';

export type CalibrationMethod = 'isotonic' | 'platt' | 'none';

/** Scores used as probabilities; `counts` are the rows per tenth of [0, 1], for the standard error. */
export interface IdentityFit {
	readonly method: 'none';
	readonly counts: readonly number[];
}

export type CalibrationFit = IsotonicFit | PlattFit | IdentityFit;

export interface Calibrator {
	readonly fit: CalibrationFit;
	/** Score → calibrated P(forward return > 0), in [0, 1]. */
	probability(score: number): number;
	/** Standard error of that probability (binomial over the supporting rows, or delta method for Platt). */
	standardError(score: number): number;
}

const IDENTITY_BINS = 10;
export const DEFAULT_HOLDOUT_FRACTION = 0.3;
/** Fewer rows than this on either side of the split give no usable evidence. */
export const MIN_ROWS_PER_SIDE = 10;

const clip01 = (p: number): number => Math.min(Math.max(p, 0), 1);
const identityBin = (p: number): number => Math.min(Math.floor(clip01(p) * IDENTITY_BINS), IDENTITY_BINS - 1);
const binomialSe = (p: number, n: number): number => Math.sqrt((p * (1 - p)) / n);

export function scoresAreProbabilities(scores: ArrayLike<number>): boolean {
	for (let i = 0; i < scores.length; i++) if (!(scores[i] >= 0 && scores[i] <= 1)) return false;
	return true;
}

export function fitCalibration(
	method: CalibrationMethod,
	scores: ArrayLike<number>,
	outcomes: ArrayLike<number>
): CalibrationFit {
	if (method === 'isotonic') return fitIsotonic(scores, outcomes);
	if (method === 'platt') return fitPlatt(scores, outcomes);
	checkScored(scores, outcomes, 1);
	if (!scoresAreProbabilities(scores))
		throw new RecommendError('invalid', 'scores', "'none' needs every score in [0, 1]");
	const counts = new Array<number>(IDENTITY_BINS).fill(0);
	for (let i = 0; i < scores.length; i++) counts[identityBin(scores[i])]++;
	return { method: 'none', counts };
}

/** A calibrator from a fitted (or stored, JSON-parsed) form. */
export function calibrator(fit: CalibrationFit): Calibrator {
	if (fit.method === 'isotonic') {
		checkIsotonicFit(fit);
		return {
			fit,
			probability: (s) => isotonicProbability(fit, s),
			standardError: (s) => binomialSe(isotonicProbability(fit, s), isotonicSupport(fit, s))
		};
	}
	if (fit.method === 'platt') {
		checkPlattFit(fit);
		return {
			fit,
			probability: (s) => plattProbability(fit, s),
			standardError: (s) => plattStandardError(fit, s)
		};
	}
	if (fit.counts.length !== IDENTITY_BINS)
		throw new RecommendError(
			'invalid',
			'fit.counts',
			`needs ${IDENTITY_BINS} counts, got ${fit.counts.length}`
		);
	return {
		fit,
		probability: clip01,
		standardError: (s) => {
			const n = fit.counts[identityBin(s)];
			return n > 0 ? binomialSe(clip01(s), n) : Number.NaN;
		}
	};
}

export interface ChooseOptions {
	/** Share of rows (latest by time) held out; default 0.3. */
	readonly holdoutFraction?: number;
	/** Distinct timestamps just before the cut whose rows are dropped from the fit part; default 0. */
	readonly purge?: number;
	/**
	 * Whether the scores claim to be probabilities (a classifier's P(up)): false never offers 'none' — a
	 * regression's predicted return or a signal's position in [0, 1] is not a probability. Default: 'none' is
	 * offered whenever every score lies in [0, 1].
	 */
	readonly identity?: boolean;
}

/** What a recommendation shows as the evidence behind its probability. */
export interface CalibrationEvidence {
	readonly method: CalibrationMethod;
	/** Brier of the chosen method on the held-out rows, and of always stating the fit rows' base rate. */
	readonly holdoutBrier: number;
	readonly baselineBrier: number;
	readonly holdoutEce: number;
	readonly fitRows: number;
	readonly holdoutRows: number;
	/** First held-out timestamp (same unit as the times given). */
	readonly cutTime: number;
}

export interface CalibrationChoice {
	readonly evidence: CalibrationEvidence;
	/** Held-out Brier per method; null for 'none' when the scores are not probabilities. */
	readonly brier: { readonly isotonic: number; readonly platt: number; readonly none: number | null };
	/** The chosen method's reliability diagram on the held-out rows (10 uniform bins). */
	readonly holdoutReliability: ReliabilityBins;
	/** One sentence saying what was chosen and why. */
	readonly reason: string;
	/** The chosen method refitted on all rows. */
	readonly fit: CalibrationFit;
}

export function chooseCalibration(
	scores: ArrayLike<number>,
	outcomes: ArrayLike<number>,
	times: ArrayLike<number>,
	options: ChooseOptions = {}
): CalibrationChoice {
	checkScored(scores, outcomes, 2 * MIN_ROWS_PER_SIDE);
	if (times.length !== scores.length)
		throw new RecommendError(
			'invalid',
			'times',
			`needs one time per score: ${times.length} for ${scores.length}`
		);
	const fraction = options.holdoutFraction ?? DEFAULT_HOLDOUT_FRACTION;
	if (!(fraction > 0 && fraction < 1))
		throw new RecommendError('invalid', 'holdoutFraction', `must be in (0, 1), got ${fraction}`);
	const purge = options.purge ?? 0;
	if (!Number.isInteger(purge) || purge < 0)
		throw new RecommendError('invalid', 'purge', `must be an integer ≥ 0, got ${purge}`);
	for (let i = 0; i < times.length; i++)
		if (!Number.isFinite(times[i])) throw new RecommendError('invalid', 'times', `row ${i} is not finite`);
	const order = Array.from({ length: scores.length }, (_, i) => i).sort(
		(i, j) => times[i] - times[j] || i - j
	);
	let cut = scores.length - Math.round(fraction * scores.length);
	const cutTime = times[order[cut]];
	while (cut > 0 && times[order[cut - 1]] === cutTime) cut--;
	// Drop the rows of the last `purge` distinct timestamps before the cut.
	let end = cut;
	for (let k = 0; k < purge && end > 0; k++) {
		const t = times[order[end - 1]];
		while (end > 0 && times[order[end - 1]] === t) end--;
	}
	const pick = (from: number, to: number, v: ArrayLike<number>) =>
		Float64Array.from(order.slice(from, to), (i) => v[i]);
	const fitS = pick(0, end, scores);
	const fitY = pick(0, end, outcomes);
	const holdS = pick(cut, scores.length, scores);
	const holdY = pick(cut, scores.length, outcomes);
	if (fitS.length < MIN_ROWS_PER_SIDE || holdS.length < MIN_ROWS_PER_SIDE)
		throw new RecommendError(
			'too_few',
			'scores',
			`the time split leaves ${fitS.length} fit and ${holdS.length} held-out rows; each needs ≥ ${MIN_ROWS_PER_SIDE}`
		);
	const evaluate = (method: CalibrationMethod): Float64Array => {
		const c = calibrator(fitCalibration(method, fitS, fitY));
		return holdS.map((s) => c.probability(s));
	};
	const predicted: Partial<Record<CalibrationMethod, Float64Array>> = {
		isotonic: evaluate('isotonic'),
		platt: evaluate('platt')
	};
	const noneOffered = options.identity !== false && scoresAreProbabilities(scores);
	if (noneOffered) predicted.none = evaluate('none');
	const brierOf = (m: CalibrationMethod): number | null => {
		const p = predicted[m];
		return p ? brierScore(p, holdY) : null;
	};
	const brier = {
		isotonic: brierOf('isotonic') as number,
		platt: brierOf('platt') as number,
		none: brierOf('none')
	};
	let method: CalibrationMethod = 'isotonic';
	for (const m of ['platt', 'none'] as const) {
		const b = brier[m];
		if (b !== null && b <= (brier[method] as number)) method = m;
	}
	const baseRate = fitY.reduce((s, y) => s + y, 0) / fitY.length;
	const evidence: CalibrationEvidence = {
		method,
		holdoutBrier: brier[method] as number,
		baselineBrier: brierScore(new Float64Array(holdY.length).fill(baseRate), holdY),
		holdoutEce: expectedCalibrationError(predicted[method] as Float64Array, holdY),
		fitRows: fitS.length,
		holdoutRows: holdS.length,
		cutTime
	};
	const listed = (['isotonic', 'platt', 'none'] as const)
		.filter((m) => brier[m] !== null)
		.map((m) => `${m} ${(brier[m] as number).toFixed(4)}`)
		.join(', ');
	const reason =
		`${method} has the lowest Brier score on the last ${holdS.length} rows by time (${listed}; ` +
		`fitted on the ${fitS.length} rows before${noneOffered ? '' : "; 'none' not offered: the scores are not probabilities"})`;
	return {
		evidence,
		brier,
		holdoutReliability: reliabilityBins(predicted[method] as Float64Array, holdY),
		reason,
		fit: fitCalibration(method, scores, outcomes)
	};
}
