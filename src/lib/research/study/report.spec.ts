import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { commonDates, studyReport, type TrialReturns } from './report';

/** Seeded daily returns: noise of 1 % a day plus a drift per day. */
function trial(number: number, seed: number, drift: number, days = 1_000, from = 0): TrialReturns {
	const rng = createRng(seed);
	return {
		number,
		t: Float64Array.from({ length: days }, (_, i) => (from + i) * 86_400_000),
		net: Float64Array.from({ length: days }, () => drift + 0.01 * rng.normal())
	};
}

describe('the study report', () => {
	it('finds a real edge distinguishable from luck and not overfit', () => {
		const series = [trial(0, 1, 0.003), ...Array.from({ length: 19 }, (_, i) => trial(i + 1, i + 2, 0))];
		const r = studyReport(series, 0, 20);
		expect(r.dsr.ok && r.dsr.distinguishable).toBe(true);
		expect(r.dsr.ok && r.dsr.trials).toBe(20);
		expect(r.pbo.ok && r.pbo.pbo).toBeLessThan(0.05);
	});

	it('labels the best of pure noise as luck, and its PBO is near one half', () => {
		const series = Array.from({ length: 20 }, (_, i) => trial(i, i + 100, 0));
		let best = series[0];
		const sharpe = (s: TrialReturns) => s.net.reduce((a, v) => a + v, 0);
		for (const s of series) if (sharpe(s) > sharpe(best)) best = s;
		const r = studyReport(series, best.number, 20);
		expect(r.dsr.ok).toBe(true);
		if (r.dsr.ok) {
			expect(r.dsr.distinguishable).toBe(false);
			expect(r.dsr.dsr).toBeLessThan(0.95);
		}
		expect(r.pbo.ok && r.pbo.blocks).toBe(16);
		// One noise study's PBO swings widely (0.17 here); over ten seeded studies it averages near 0.5.
		let sum = 0;
		for (let k = 0; k < 10; k++) {
			const p = studyReport(
				Array.from({ length: 20 }, (_, i) => trial(i, 1_000 * k + i, 0)),
				0,
				20
			).pbo;
			sum += p.ok ? p.pbo : Number.NaN;
		}
		expect(sum / 10).toBeGreaterThan(0.35);
		expect(sum / 10).toBeLessThan(0.65);
	});

	it('counts every sampled trial as an attempt, failed and pruned ones too', () => {
		const series = [trial(0, 1, 0.001), trial(1, 2, 0)];
		const few = studyReport(series, 0, 2);
		const many = studyReport(series, 0, 50);
		expect(few.dsr.ok && many.dsr.ok).toBe(true);
		if (few.dsr.ok && many.dsr.ok) {
			expect(many.dsr.trials).toBe(50);
			expect(many.dsr.expectedMaxSharpe).toBeGreaterThan(few.dsr.expectedMaxSharpe);
			expect(many.dsr.dsr).toBeLessThan(few.dsr.dsr);
		}
	});

	it('says why a number is not available instead of estimating it', () => {
		expect(studyReport([], null, 3)).toEqual({
			bestNumber: null,
			dsr: { ok: false, reason: 'no trial completed with out-of-sample returns' },
			pbo: { ok: false, reason: 'PBO compares trials: it needs at least 2 complete trials, the study has 0' }
		});
		const disjoint = studyReport([trial(0, 1, 0, 10), trial(1, 2, 0, 10, 100)], 0, 2);
		expect(disjoint.pbo).toEqual({
			ok: false,
			reason: 'the trials share 0 out-of-sample dates, too few to split into blocks'
		});
	});

	it('aligns trials on the dates all of them have', () => {
		const a = { number: 0, t: Float64Array.from([1, 2, 3, 4]), net: Float64Array.from([0.1, 0.2, 0.3, 0.4]) };
		const b = { number: 1, t: Float64Array.from([2, 3, 4, 5]), net: Float64Array.from([1, 2, 3, 4]) };
		const { t, data } = commonDates([a, b]);
		expect(Array.from(t)).toEqual([2, 3, 4]);
		expect(Array.from(data)).toEqual([0.2, 1, 0.3, 2, 0.4, 3]);
	});
});
