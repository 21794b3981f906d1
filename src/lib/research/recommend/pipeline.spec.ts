import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import {
	DEFAULT_RECOMMENDATION_SETTINGS,
	REGIME_WEIGHTS,
	blendHorizons,
	calibrator,
	chooseCalibration,
	recommend,
	sigmoid
} from './index';

describe('from out-of-sample scores to a recommendation', () => {
	it('a calibrated score becomes a recommendation carrying its calibration evidence', () => {
		// Seeded synthetic OOS rows: score s, outcome with P(up) = σ(2s), one row a day.
		const rng = createRng(21);
		const n = 3000;
		const s = new Float64Array(n);
		const y = new Float64Array(n);
		const t = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			s[i] = rng.normal();
			y[i] = rng.next() < sigmoid(2 * s[i]) ? 1 : 0;
			t[i] = i * 86_400_000;
		}
		const choice = chooseCalibration(s, y, t, { purge: 10 });
		const cal = calibrator(choice.fit);
		const score = 0.4;
		const o = recommend(
			{
				symbol: 'SPY',
				horizon: 'short',
				modelId: 'gradient_boosting',
				dataDate: '2024-05-31',
				entry: 527.37,
				probability: cal.probability(score),
				probabilityStdError: cal.standardError(score),
				calibration: choice.evidence
			},
			DEFAULT_RECOMMENDATION_SETTINGS
		);
		if (!o.accepted) throw new Error(o.rejection.detail);
		// True P(up | 0.4) = σ(0.8) ≈ 0.69; the calibrated value lands within 0.06 of it.
		expect(Math.abs(o.recommendation.probability - sigmoid(0.8))).toBeLessThan(0.06);
		expect(o.recommendation.calibration.method).toBe(choice.evidence.method);
		expect(o.recommendation.calibration.holdoutRows).toBe(900);
		expect(o.recommendation.calibration.fitRows).toBe(2090); // 2100 before the cut, 10 days purged
		expect(o.recommendation.confidence).toBeGreaterThan(0.99);
		// The regime blend weights the two horizons' probabilities.
		expect(blendHorizons(REGIME_WEIGHTS.choppy, o.recommendation.probability, 0.5)).toBeCloseTo(
			0.7 * o.recommendation.probability + 0.15,
			12
		);
	});
});
