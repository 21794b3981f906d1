/**
 * From a calibrated candidate to an accepted recommendation or a rejection with its reason, and the ranking
 * (original-system §7.3, rules as settings in rule-settings.ts). Long only: the probability is the calibrated
 * P(forward return over the horizon > 0) and the target sits above the entry.
 *
 * What the composite's terms mean here (the original never defined them: no model produced them):
 * - probability p: the calibrated probability (calibration.ts), with its calibration evidence attached;
 * - signal = max(0, 2p − 1): the edge over a coin flip on [0, 1] (0.55 → 0.1, 0.75 → 0.5). It is a function of
 *   p, so signal and probability in the composite are not independent evidence — the composite ranks by p with
 *   weight 0.3 + 2·0.3 on its excess over ½, plus the two terms below. We say so rather than invent a second
 *   number from the same model;
 * - confidence = Φ((p − ½)/se): the probability, under a normal approximation to the calibrator's sampling
 *   error se (binomial over the rows behind the value, or the delta method for Platt; calibration.ts), that
 *   the true up-probability exceeds ½. Few supporting rows → wide se → confidence near ½; se = 0 → 1 (or 0);
 *   a missing se (no rows behind the value) → rejected as 'confidence_unavailable'. It ignores that markets
 *   change after the calibration window, so it is an upper bound on how sure one should be;
 * - R/R = (target − entry)/(entry − stop), which with the defaults is exactly 2 in real numbers; a float ratio
 *   within RISK_REWARD_EPSILON below the minimum passes.
 * expiryDate: `expiryDays` weekdays after the data date (exchange holidays are not known here; the paper
 * portfolio's timeout counts actual bars).
 */
import { normalCdf } from '../../models/stats/distributions';
import type { CalibrationEvidence } from './calibration';
import { RecommendError } from './errors';
import type { ExpectedReturn } from './expected-return';
import type { Horizon, RecommendationSettings } from './rule-settings';

/** Float slack on R/R ≥ minimum: ratios of prices carry ~1e-15 rounding; 1e-9 is far below any meaningful gap. */
export const RISK_REWARD_EPSILON = 1e-9;

export interface RecommendationCandidate {
	readonly symbol: string;
	readonly horizon: Horizon;
	readonly modelId: string;
	/** Date of the last closed bar the score used, YYYY-MM-DD. */
	readonly dataDate: string;
	/** Entry price: that bar's close. */
	readonly entry: number;
	/** Calibrated P(forward return > 0), and its standard error (NaN when not available). */
	readonly probability: number;
	readonly probabilityStdError: number;
	readonly calibration: CalibrationEvidence;
	/** From expected-return.ts when the model is a regression; null otherwise. */
	readonly expectedReturn?: ExpectedReturn | null;
}

export interface Recommendation {
	readonly symbol: string;
	readonly horizon: Horizon;
	readonly horizonLabel: string;
	readonly modelId: string;
	readonly dataDate: string;
	readonly probability: number;
	readonly probabilityStdError: number;
	readonly calibration: CalibrationEvidence;
	readonly signal: number;
	readonly confidence: number;
	readonly entry: number;
	readonly target: number;
	readonly stop: number;
	readonly expiryDays: number;
	readonly expiryDate: string;
	readonly riskReward: number;
	readonly expectedReturn: ExpectedReturn | null;
	readonly composite: number;
}

export type RejectionReason =
	| 'probability_below_minimum'
	| 'risk_reward_below_minimum'
	| 'signal_below_minimum'
	| 'confidence_unavailable'
	| 'confidence_below_minimum'
	| 'expected_return_unavailable'
	| 'expected_return_below_minimum';

export interface Rejection {
	readonly symbol: string;
	readonly horizon: Horizon;
	readonly modelId: string;
	readonly reason: RejectionReason;
	/** The numbers behind the reason, e.g. "probability 0.5400 < minimum 0.5500". */
	readonly detail: string;
}

export type RecommendOutcome =
	| { readonly accepted: true; readonly recommendation: Recommendation }
	| { readonly accepted: false; readonly rejection: Rejection };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** `days` weekdays after `date` (YYYY-MM-DD), skipping Saturdays and Sundays. */
export function addWeekdays(date: string, days: number): string {
	const m = DATE.exec(date);
	const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
	if (!m || new Date(ms).toISOString().slice(0, 10) !== date)
		throw new RecommendError('invalid', 'dataDate', `must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
	let t = ms;
	for (let left = days; left > 0;) {
		t += DAY_MS;
		const wd = new Date(t).getUTCDay();
		if (wd !== 0 && wd !== 6) left--;
	}
	return new Date(t).toISOString().slice(0, 10);
}

export function signalOf(probability: number): number {
	return Math.max(0, 2 * probability - 1);
}

export function confidenceOf(probability: number, stdError: number): number {
	if (Number.isNaN(stdError)) return Number.NaN;
	if (stdError === 0) return probability > 0.5 ? 1 : probability < 0.5 ? 0 : 0.5;
	return normalCdf((probability - 0.5) / stdError);
}

const f4 = (v: number) => v.toFixed(4);

export function recommend(
	candidate: RecommendationCandidate,
	settings: RecommendationSettings
): RecommendOutcome {
	const c = candidate;
	if (!(c.entry > 0) || !Number.isFinite(c.entry))
		throw new RecommendError('invalid', 'entry', `must be a positive price, got ${c.entry}`);
	if (!(c.probability >= 0 && c.probability <= 1))
		throw new RecommendError('invalid', 'probability', `must be in [0, 1], got ${c.probability}`);
	if (!(c.probabilityStdError >= 0) && !Number.isNaN(c.probabilityStdError))
		throw new RecommendError(
			'invalid',
			'probabilityStdError',
			`must be ≥ 0 or NaN, got ${c.probabilityStdError}`
		);
	const rule = settings.horizons[c.horizon];
	const expiryDate = addWeekdays(c.dataDate, rule.expiryDays);
	const target = c.entry * (1 + rule.target);
	const stop = c.entry * (1 - rule.stop);
	const riskReward = (target - c.entry) / (c.entry - stop);
	const signal = signalOf(c.probability);
	const confidence = confidenceOf(c.probability, c.probabilityStdError);
	const expected = c.expectedReturn ?? null;
	const reject = (reason: RejectionReason, detail: string): RecommendOutcome => ({
		accepted: false,
		rejection: { symbol: c.symbol, horizon: c.horizon, modelId: c.modelId, reason, detail }
	});
	if (c.probability < settings.minProbability)
		return reject(
			'probability_below_minimum',
			`probability ${f4(c.probability)} < minimum ${f4(settings.minProbability)}`
		);
	if (riskReward < settings.minRiskReward - RISK_REWARD_EPSILON)
		return reject(
			'risk_reward_below_minimum',
			`R/R ${f4(riskReward)} < minimum ${f4(settings.minRiskReward)}`
		);
	if (signal < settings.minSignal)
		return reject('signal_below_minimum', `signal ${f4(signal)} < minimum ${f4(settings.minSignal)}`);
	if (Number.isNaN(confidence))
		return reject(
			'confidence_unavailable',
			'no standard error: no calibration rows support this probability'
		);
	if (confidence < settings.minConfidence)
		return reject(
			'confidence_below_minimum',
			`confidence ${f4(confidence)} < minimum ${f4(settings.minConfidence)}`
		);
	if (settings.minExpectedReturn !== null) {
		if (expected === null)
			return reject(
				'expected_return_unavailable',
				'a minimum expected return is set but the model gives none'
			);
		if (expected.estimate < settings.minExpectedReturn)
			return reject(
				'expected_return_below_minimum',
				`expected return ${f4(expected.estimate)} < minimum ${f4(settings.minExpectedReturn)}`
			);
	}
	const w = settings.composite;
	const composite =
		w.signal * signal +
		w.probability * c.probability +
		w.confidence * confidence +
		w.riskReward * Math.min(riskReward / settings.riskRewardCap, 1);
	return {
		accepted: true,
		recommendation: {
			symbol: c.symbol,
			horizon: c.horizon,
			horizonLabel: rule.label,
			modelId: c.modelId,
			dataDate: c.dataDate,
			probability: c.probability,
			probabilityStdError: c.probabilityStdError,
			calibration: c.calibration,
			signal,
			confidence,
			entry: c.entry,
			target,
			stop,
			expiryDays: rule.expiryDays,
			expiryDate,
			riskReward,
			expectedReturn: expected,
			composite
		}
	};
}

/** Highest composite first; ties by probability, then symbol, then short before long. */
export function rankRecommendations(list: readonly Recommendation[]): Recommendation[] {
	return [...list].sort(
		(a, b) =>
			b.composite - a.composite ||
			b.probability - a.probability ||
			(a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) ||
			(a.horizon === b.horizon ? 0 : a.horizon === 'short' ? -1 : 1)
	);
}

/** Every candidate through `recommend`: the accepted ones ranked, the rejections in input order. */
export function scan(
	candidates: readonly RecommendationCandidate[],
	settings: RecommendationSettings
): { readonly ranked: Recommendation[]; readonly rejected: Rejection[] } {
	const accepted: Recommendation[] = [];
	const rejected: Rejection[] = [];
	for (const c of candidates) {
		const o = recommend(c, settings);
		if (o.accepted) accepted.push(o.recommendation);
		else rejected.push(o.rejection);
	}
	return { ranked: rankRecommendations(accepted), rejected };
}
