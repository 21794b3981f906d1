import { describe, expect, it } from 'vitest';
import type { CalibrationEvidence } from './calibration';
import { RecommendError } from './errors';
import { DEFAULT_RECOMMENDATION_SETTINGS, recommendationSettingsSchema } from './rule-settings';
import {
	addWeekdays,
	confidenceOf,
	rankRecommendations,
	recommend,
	scan,
	type Recommendation,
	type RecommendationCandidate
} from './rules';

const evidence: CalibrationEvidence = {
	method: 'isotonic',
	holdoutBrier: 0.241,
	baselineBrier: 0.249,
	holdoutEce: 0.021,
	fitRows: 700,
	holdoutRows: 300,
	cutTime: Date.UTC(2023, 0, 3)
};

const candidate = (over: Partial<RecommendationCandidate>): RecommendationCandidate => ({
	symbol: 'AAA',
	horizon: 'short',
	modelId: 'gradient_boosting',
	dataDate: '2024-03-01',
	entry: 100,
	probability: 0.62,
	probabilityStdError: 0.06,
	calibration: evidence,
	...over
});

const S = DEFAULT_RECOMMENDATION_SETTINGS;

function accepted(c: RecommendationCandidate, settings = S): Recommendation {
	const o = recommend(c, settings);
	if (!o.accepted) throw new Error(`rejected: ${o.rejection.detail}`);
	return o.recommendation;
}

function reasonOf(c: RecommendationCandidate, settings = S): string {
	const o = recommend(c, settings);
	return o.accepted ? 'accepted' : `${o.rejection.reason}: ${o.rejection.detail}`;
}

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof RecommendError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

describe('recommendation settings', () => {
	it('default to the original’s rules (§7.3)', () => {
		expect(S.horizons.short).toEqual({ label: '7–12 days', target: 0.03, stop: 0.015, expiryDays: 12 });
		expect(S.horizons.long).toEqual({ label: '50–70 days', target: 0.08, stop: 0.04, expiryDays: 70 });
		expect(S.minProbability).toBe(0.55);
		expect(S.minRiskReward).toBe(2);
		expect(S.composite).toEqual({ signal: 0.3, probability: 0.3, confidence: 0.2, riskReward: 0.2 });
		expect(S.riskRewardCap).toBe(5);
		expect([S.minSignal, S.minConfidence, S.minExpectedReturn]).toEqual([0, 0, null]);
	});

	it('fill what a partial setting leaves out, and name the field of a bad value', () => {
		const s = recommendationSettingsSchema.parse({ horizons: { short: { target: 0.04 } } });
		expect(s.horizons.short).toMatchObject({ target: 0.04, stop: 0.015, expiryDays: 12 });
		expect(s.horizons.long.target).toBe(0.08);
		const bad = recommendationSettingsSchema.safeParse({ horizons: { short: { target: -0.1 } } });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toBe('horizons.short.target must be above 0');
		const low = recommendationSettingsSchema.safeParse({ minProbability: 0.4 });
		expect(low.error?.issues[0].message).toMatch(/^minProbability must be at least 0.5/);
	});
});

describe('recommend', () => {
	it('builds a 7–12-day recommendation whose every number is computed by hand', () => {
		const r = accepted(candidate({}));
		expect(r.target).toBeCloseTo(103, 12);
		expect(r.stop).toBeCloseTo(98.5, 12);
		expect(r.riskReward).toBeCloseTo(2, 12);
		expect(r.signal).toBeCloseTo(0.24, 15); // 2·0.62 − 1
		expect(r.confidence).toBeCloseTo(0.9772498680518208, 12); // Φ((0.62 − 0.5)/0.06) = Φ(2), scipy norm.cdf
		// 0.3·0.24 + 0.3·0.62 + 0.2·Φ(2) + 0.2·min(2/5, 1)
		expect(r.composite).toBeCloseTo(0.072 + 0.186 + 0.2 * 0.9772498680518208 + 0.08, 12);
		expect(r.expiryDate).toBe('2024-03-19'); // Friday 1 March + 12 weekdays
		expect(r).toMatchObject({ symbol: 'AAA', modelId: 'gradient_boosting', dataDate: '2024-03-01' });
		expect(r.calibration).toBe(evidence);
		expect(r.expectedReturn).toBeNull();
	});

	it('builds a 50–70-day recommendation with target +8 %, stop −4 % and 70 weekdays to expiry', () => {
		const r = accepted(candidate({ horizon: 'long', entry: 50, probability: 0.7, probabilityStdError: 0.2 }));
		expect(r.target).toBeCloseTo(54, 12);
		expect(r.stop).toBeCloseTo(48, 12);
		expect(r.confidence).toBeCloseTo(0.8413447460685429, 12); // Φ(1)
		expect(r.composite).toBeCloseTo(0.12 + 0.21 + 0.2 * 0.8413447460685429 + 0.08, 12);
		expect(r.expiryDate).toBe('2024-06-07'); // 14 weeks after Friday 1 March
		expect(r.horizonLabel).toBe('50–70 days');
	});

	it('lets R/R pass at exactly 2 despite float rounding, and rejects a real shortfall', () => {
		// 1.02·1.03 − 1.02 over 1.02 − 1.02·0.985 is 1.9999999999999856 in doubles.
		const r = accepted(candidate({ entry: 1.02 }));
		expect(r.riskReward).toBeLessThan(2);
		const short = recommendationSettingsSchema.parse({ horizons: { short: { target: 0.0298 } } });
		expect(reasonOf(candidate({}), short)).toBe('risk_reward_below_minimum: R/R 1.9867 < minimum 2.0000');
	});

	it('rejects a probability under the minimum, with the numbers in the detail', () => {
		expect(reasonOf(candidate({ probability: 0.54 }))).toBe(
			'probability_below_minimum: probability 0.5400 < minimum 0.5500'
		);
		expect(reasonOf(candidate({ probability: 0.55 }))).toBe('accepted');
	});

	it('rejects on signal, confidence and expected return only when those filters are set', () => {
		const strict = recommendationSettingsSchema.parse({ minSignal: 0.3, minConfidence: 0.99 });
		expect(reasonOf(candidate({}), strict)).toBe('signal_below_minimum: signal 0.2400 < minimum 0.3000');
		const conf = recommendationSettingsSchema.parse({ minConfidence: 0.99 });
		expect(reasonOf(candidate({}), conf)).toBe(
			'confidence_below_minimum: confidence 0.9772 < minimum 0.9900'
		);
		expect(reasonOf(candidate({ probabilityStdError: Number.NaN }))).toMatch(/^confidence_unavailable/);
		const er = recommendationSettingsSchema.parse({ minExpectedReturn: 0.01 });
		expect(reasonOf(candidate({}), er)).toMatch(/^expected_return_unavailable/);
		const band = { prediction: 0.01, lower: -0.02, upper: 0.04, lowerLevel: 0.1, upperLevel: 0.9 };
		const low = { ...band, estimate: 0.005, nominalCoverage: 0.8 };
		expect(reasonOf(candidate({ expectedReturn: low }), er)).toBe(
			'expected_return_below_minimum: expected return 0.0050 < minimum 0.0100'
		);
		const high = { ...low, estimate: 0.02 };
		expect(accepted(candidate({ expectedReturn: high }), er).expectedReturn).toBe(high);
	});

	it('defines confidence as Φ((p − ½)/se), with 1 or 0 when the standard error is zero', () => {
		expect(confidenceOf(0.6, 0.2)).toBeCloseTo(0.6914624612740131, 12); // Φ(0.5)
		expect(confidenceOf(0.6, 0)).toBe(1);
		expect(confidenceOf(0.4, 0)).toBe(0);
		expect(confidenceOf(0.6, Number.NaN)).toBeNaN();
	});

	it('refuses a bad entry, probability or data date, naming the field', () => {
		expect(codeOf(() => recommend(candidate({ entry: 0 }), S))).toBe('invalid:entry');
		expect(codeOf(() => recommend(candidate({ probability: 1.2 }), S))).toBe('invalid:probability');
		expect(codeOf(() => recommend(candidate({ dataDate: '2024-02-30' }), S))).toBe('invalid:dataDate');
		expect(codeOf(() => addWeekdays('1 March 2024', 1))).toBe('invalid:dataDate');
	});
});

describe('ranking', () => {
	it('orders by composite: 0.578 (p 0.7, long) before 0.533 (p 0.62) before 0.458 (p 0.6)', () => {
		const a = candidate({ symbol: 'AAA' });
		const b = candidate({ symbol: 'BBB', horizon: 'long', probability: 0.7, probabilityStdError: 0.2 });
		const c = candidate({ symbol: 'CCC', probability: 0.6, probabilityStdError: 0.2 });
		const d = candidate({ symbol: 'DDD', probability: 0.5 });
		const { ranked, rejected } = scan([c, a, d, b], S);
		expect(ranked.map((r) => r.symbol)).toEqual(['BBB', 'AAA', 'CCC']);
		// CCC: 0.3·0.2 + 0.3·0.6 + 0.2·Φ(0.5) + 0.2·0.4
		expect(ranked[2].composite).toBeCloseTo(0.06 + 0.18 + 0.2 * 0.6914624612740131 + 0.08, 12);
		expect(rejected.map((r) => `${r.symbol} ${r.reason}`)).toEqual(['DDD probability_below_minimum']);
	});

	it('breaks composite ties by probability, then symbol, then the short horizon first', () => {
		const base = accepted(candidate({}));
		const same = [
			{ ...base, symbol: 'ZZZ' },
			{ ...base, symbol: 'AAA', horizon: 'long' as const },
			{ ...base, symbol: 'AAA' },
			{ ...base, symbol: 'MMM', probability: 0.9 }
		];
		expect(rankRecommendations(same).map((r) => `${r.symbol}/${r.horizon}`)).toEqual([
			'MMM/short',
			'AAA/short',
			'AAA/long',
			'ZZZ/short'
		]);
	});
});
