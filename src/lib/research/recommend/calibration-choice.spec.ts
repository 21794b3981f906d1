import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../../domain/random';
import { calibrator, chooseCalibration, fitCalibration } from './calibration';
import { RecommendError } from './errors';
import { sigmoid } from './platt';

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof RecommendError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

/** n rows, `perDate` per timestamp (a pooled universe), outcomes from P(y = 1 | s) = truth(s). */
function rows(n: number, seed: number, truth: (s: number) => number, score: () => number, perDate = 1) {
	const rng = createRng(seed);
	const s = new Float64Array(n);
	const y = new Float64Array(n);
	const t = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		s[i] = score.call(rng);
		y[i] = rng.next() < truth(s[i]) ? 1 : 0;
		t[i] = Math.floor(i / perDate) * 86_400_000;
	}
	return { s, y, t, rng };
}

describe('choosing the calibration by a held-out time split', () => {
	it('holds out the last 30 % of rows by time, whatever their order in the input', () => {
		const rng = createRng(4);
		const { s, y, t } = rows(
			100,
			1,
			(v) => sigmoid(v),
			() => rng.normal()
		);
		const order = Int32Array.from({ length: 100 }, (_, i) => i);
		shuffleInPlace(order, rng);
		const pick = (v: Float64Array) => Float64Array.from(order, (i) => v[i]);
		const shuffled = chooseCalibration(pick(s), pick(y), pick(t));
		const sorted = chooseCalibration(s, y, t);
		expect(shuffled.evidence.fitRows).toBe(70);
		expect(shuffled.evidence.holdoutRows).toBe(30);
		expect(shuffled.evidence.cutTime).toBe(70 * 86_400_000);
		expect(shuffled.brier).toEqual(sorted.brier);
	});

	it('never puts one date on both sides, and purges the dates just before the cut', () => {
		const rng = createRng(5);
		// 4 rows a date: row 70 is on date 17 (rows 68–71), so the cut moves back to row 68.
		const { s, y, t } = rows(
			100,
			2,
			(v) => sigmoid(v),
			() => rng.normal(),
			4
		);
		const plain = chooseCalibration(s, y, t);
		expect(plain.evidence.fitRows).toBe(68);
		expect(plain.evidence.holdoutRows).toBe(32);
		expect(plain.evidence.cutTime).toBe(17 * 86_400_000);
		const purged = chooseCalibration(s, y, t, { purge: 2 });
		expect(purged.evidence.fitRows).toBe(60);
		expect(purged.evidence.holdoutRows).toBe(32);
	});

	it('prefers Platt when the truth is a sigmoid of the score', () => {
		const rng = createRng(6);
		const { s, y, t } = rows(
			4000,
			3,
			(v) => sigmoid(1.2 * v - 0.2),
			() => rng.normal()
		);
		const choice = chooseCalibration(s, y, t);
		expect(choice.evidence.method).toBe('platt');
		expect(choice.brier.platt).toBeLessThan(choice.brier.isotonic);
		expect(choice.brier.none).toBeNull();
		expect(choice.reason).toContain("'none' not offered");
		// The evidence beats always stating the base rate.
		expect(choice.evidence.holdoutBrier).toBeLessThan(choice.evidence.baselineBrier);
		// The held-out reliability diagram covers the 1200 held-out rows and gives the ECE stated.
		const r = choice.holdoutReliability;
		expect(r.counts.reduce((a, b) => a + b, 0)).toBe(1200);
		const ece = r.counts.reduce(
			(e, n, k) => e + (n / 1200) * Math.abs(r.fractionPositive[k] - r.meanPredicted[k]),
			0
		);
		expect(choice.evidence.holdoutEce).toBeCloseTo(ece, 14);
	});

	it('prefers isotonic when the truth is a step no sigmoid can follow', () => {
		const rng = createRng(7);
		const step = (v: number) => (v < -0.5 ? 0.2 : v < 0.5 ? 0.8 : 0.3);
		const { s, y, t } = rows(4000, 4, step, () => 2 * rng.next() - 1);
		const choice = chooseCalibration(s, y, t);
		expect(choice.evidence.method).toBe('isotonic');
		expect(choice.brier.isotonic).toBeLessThan(choice.brier.platt);
	});

	it('keeps the scores as they are when they already are calibrated probabilities', () => {
		const rng = createRng(8);
		const { s, y, t } = rows(
			4000,
			5,
			(v) => v,
			() => 0.2 + 0.6 * rng.next()
		);
		const choice = chooseCalibration(s, y, t);
		expect(choice.brier.none).not.toBeNull();
		expect(choice.evidence.method).toBe('none');
		expect(choice.reason).toMatch(
			/^none has the lowest Brier score on the last 1200 rows by time \(isotonic /
		);
	});

	it('never offers the scores as they are when the caller says they are not probabilities', () => {
		// The same calibrated scores, but as a regression's predicted returns or a signal's positions would be.
		const rng = createRng(8);
		const { s, y, t } = rows(
			4000,
			5,
			(v) => v,
			() => 0.2 + 0.6 * rng.next()
		);
		const choice = chooseCalibration(s, y, t, { identity: false });
		expect(choice.brier.none).toBeNull();
		expect(choice.evidence.method).not.toBe('none');
		expect(choice.reason).toMatch(/'none' not offered: the scores are not probabilities\)$/);
	});

	it('lets ties go to the simpler method', () => {
		const s = new Float64Array(40).fill(0.5);
		const y = Float64Array.from({ length: 40 }, (_, i) => i % 2);
		const t = Float64Array.from({ length: 40 }, (_, i) => i);
		const choice = chooseCalibration(s, y, t);
		expect(choice.brier.none).toBe(0.25);
		expect(choice.brier.isotonic).toBe(0.25);
		expect(choice.evidence.method).toBe('none');
	});

	it('returns the chosen method refitted on every row', () => {
		const rng = createRng(9);
		const { s, y, t } = rows(
			500,
			6,
			(v) => sigmoid(2 * v),
			() => rng.normal()
		);
		const choice = chooseCalibration(s, y, t);
		expect(choice.fit).toEqual(fitCalibration(choice.evidence.method, s, y));
	});

	it('refuses too few rows, mismatched times and out-of-range options, naming the field', () => {
		const s = Float64Array.from({ length: 30 }, (_, i) => i / 30);
		const y = Float64Array.from({ length: 30 }, (_, i) => i % 2);
		const t = Float64Array.from({ length: 30 }, (_, i) => i);
		expect(codeOf(() => chooseCalibration(s.subarray(0, 19), y.subarray(0, 19), t.subarray(0, 19)))).toBe(
			'too_few:scores'
		);
		expect(codeOf(() => chooseCalibration(s, y, t.subarray(1)))).toBe('invalid:times');
		expect(codeOf(() => chooseCalibration(s, y, t, { holdoutFraction: 1 }))).toBe('invalid:holdoutFraction');
		expect(codeOf(() => chooseCalibration(s, y, t, { purge: -1 }))).toBe('invalid:purge');
		// 30 rows with 3 dates purged leave 21 − 3 = 18 fit rows — still ≥ 10; 12 purged leave 9.
		expect(codeOf(() => chooseCalibration(s, y, t, { purge: 12 }))).toBe('too_few:scores');
		expect(codeOf(() => fitCalibration('none', [1.5], [1]))).toBe('invalid:scores');
	});
});

describe('the identity calibrator', () => {
	it('states the score and a binomial standard error over the rows in its tenth of [0, 1]', () => {
		const s = [0.05, 0.62, 0.64, 0.66, 0.68];
		const c = calibrator(fitCalibration('none', s, [0, 1, 0, 1, 1]));
		expect(c.probability(0.63)).toBe(0.63);
		expect(c.standardError(0.65)).toBeCloseTo(Math.sqrt((0.65 * 0.35) / 4), 15);
		expect(c.standardError(0.95)).toBeNaN();
	});
});
