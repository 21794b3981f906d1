import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import { trialCalibration } from './trial-calibration';

const DAY = 86_400_000;

/** n out-of-sample days whose forward return is positive with probability sigmoid(strength · score). */
function series(n: number, strength: number, seed: number, probabilities = false) {
	const rng = createRng(seed);
	const t = Float64Array.from({ length: n }, (_, i) => i * DAY);
	const score = Float64Array.from({ length: n }, () => rng.normal());
	const realised = score.map((s) => (rng.next() < 1 / (1 + Math.exp(-strength * s)) ? 0.01 : -0.01));
	const predicted = probabilities ? score.map((s) => 1 / (1 + Math.exp(-s))) : score;
	return { t, predicted, realised };
}

describe('a trial’s calibration evidence', () => {
	it('finds skill where the scores rank the side of the forward return, fitted before and scored after the cut', () => {
		const c = trialCalibration('regression', 5, series(2_000, 1.5, 1));
		if (!c?.ok) throw new Error(JSON.stringify(c));
		expect(c.skill).toBe(true);
		expect(c.choice.evidence.holdoutRows).toBe(600);
		// 1,400 earlier days minus the 5 purged before the cut.
		expect(c.choice.evidence.fitRows).toBe(1_395);
		expect(c.choice.evidence.cutTime).toBe(1_400 * DAY);
		expect(c.choice.brier.none).toBeNull(); // regression scores are not probabilities
		expect(c.choice.evidence.holdoutBrier).toBeLessThan(c.choice.evidence.baselineBrier - 0.02);
	});

	it("offers a classifier's own probabilities as a choice", () => {
		const c = trialCalibration('classification', 5, series(1_000, 1, 2, true));
		if (!c?.ok) throw new Error(JSON.stringify(c));
		expect(c.choice.brier.none).not.toBeNull();
	});

	it('says there is no skill when the scores carry no information (seed 3)', () => {
		const c = trialCalibration('regression', 5, series(2_000, 0, 3));
		if (!c?.ok) throw new Error(JSON.stringify(c));
		expect(c.skill).toBe(false);
		expect(c.upShare).toBeGreaterThan(0.45);
		expect(c.upShare).toBeLessThan(0.55);
	});

	it('is not shown for tasks that do not score the side of the return, and says why when days are too few', () => {
		expect(trialCalibration('signal', 5, series(100, 1, 4))).toBeNull();
		expect(trialCalibration('volatility_forecast', 5, series(100, 1, 4))).toBeNull();
		const few = trialCalibration('regression', 5, series(15, 1, 4));
		expect(few?.ok).toBe(false);
		if (few && !few.ok) expect(few.reason).toMatch(/scores/);
	});
});
