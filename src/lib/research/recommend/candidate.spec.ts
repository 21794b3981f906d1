import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sigmoid } from './platt';
import { candidateFrom, type CandidateInput } from './candidate';

/** Out-of-sample rows whose forward return is positive with probability σ(3·score): a known answer. */
function outOfSample(n: number, seed: number) {
	const rng = createRng(seed);
	const t = new Float64Array(n);
	const predicted = new Float64Array(n);
	const realised = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		t[i] = Date.UTC(2010, 0, 1) + i * 86_400_000;
		predicted[i] = rng.normal() * 0.5;
		const up = rng.next() < sigmoid(3 * predicted[i]);
		realised[i] = (up ? 1 : -1) * (0.001 + Math.abs(rng.normal()) * 0.01);
	}
	return { t, predicted, realised };
}

const base = (over: Partial<CandidateInput> = {}): CandidateInput => ({
	symbol: 'SPY',
	horizon: 'short',
	horizonDays: 10,
	modelId: 'gradient_boosting',
	task: 'regression',
	dataDate: '2020-03-31',
	entry: 257.75,
	score: 0.4,
	outOfSample: outOfSample(2000, 5),
	...over
});

describe('a scan candidate from a score and its out-of-sample evidence', () => {
	it('calibrates the score to the known probability and carries the evidence', () => {
		const r = candidateFrom(base());
		if (!r.ok) throw new Error(r.reason);
		// True P(up | 0.4) = σ(1.2) ≈ 0.769; with 2,000 rows the calibrated value is within 0.07.
		expect(Math.abs(r.candidate.probability - sigmoid(1.2))).toBeLessThan(0.07);
		expect(r.candidate.probabilityStdError).toBeGreaterThan(0);
		expect(r.candidate.calibration.holdoutRows).toBe(600);
		expect(r.candidate.calibration.fitRows).toBe(1390); // 1,400 before the cut, 10 days purged
		expect(r.candidate.calibration.holdoutBrier).toBeLessThan(r.candidate.calibration.baselineBrier);
		// A regression's expected return: the score plus the mean out-of-sample residual.
		expect(r.candidate.expectedReturn?.prediction).toBe(0.4);
		expect(r.candidate.expectedReturn!.lower).toBeLessThan(r.candidate.expectedReturn!.upper);
	});

	it('gives a classifier no expected return, and skips rows without an outcome', () => {
		const oos = outOfSample(2000, 6);
		const p = Float64Array.from(oos.predicted, (s) => sigmoid(3 * s));
		const realised = Float64Array.from(oos.realised, (r) => (r > 0 ? 1 : 0));
		realised[1999] = Number.NaN;
		const r = candidateFrom(
			base({ task: 'classification', score: sigmoid(1.2), outOfSample: { t: oos.t, predicted: p, realised } })
		);
		if (!r.ok) throw new Error(r.reason);
		expect(r.candidate.expectedReturn).toBeNull();
		expect(r.candidate.calibration.holdoutRows + r.candidate.calibration.fitRows).toBe(1999 - 10);
		expect(Math.abs(r.candidate.probability - sigmoid(1.2))).toBeLessThan(0.07);
	});

	it('calibrates a signal’s position to P(up | that position), never taking it as a probability', () => {
		const rng = createRng(8);
		const n = 1500;
		const t = Float64Array.from({ length: n }, (_, i) => Date.UTC(2010, 0, 1) + i * 86_400_000);
		// long_flat positions 0 or 1: up 65 % of the days the signal is long, 45 % when flat.
		const predicted = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
		const realised = Float64Array.from(predicted, (p) =>
			rng.next() < (p === 1 ? 0.65 : 0.45) ? 0.01 : -0.01
		);
		const r = candidateFrom(base({ task: 'signal', score: 1, outOfSample: { t, predicted, realised } }));
		if (!r.ok) throw new Error(r.reason);
		expect(r.candidate.calibration.method).not.toBe('none');
		expect(Math.abs(r.candidate.probability - 0.65)).toBeLessThan(0.05);
		expect(r.candidate.expectedReturn).toBeNull();
	});

	it('says why there is no candidate: a task without a score, a non-finite score, too little evidence', () => {
		expect(candidateFrom(base({ task: 'volatility_forecast' }))).toEqual({
			ok: false,
			reason: "a volatility_forecast model gives no score of the forward return's side"
		});
		expect(candidateFrom(base({ score: Number.NaN }))).toEqual({
			ok: false,
			reason: 'the model scored the last bar NaN'
		});
		const r = candidateFrom(base({ outOfSample: outOfSample(12, 7) }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toMatch(/^no calibration: /);
	});
});
