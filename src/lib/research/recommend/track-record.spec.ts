import { describe, expect, it } from 'vitest';
import { RecommendError } from './errors';
import { trackRecord, type RecommendationResult } from './track-record';

type Out = RecommendationResult['outcome'];
const out = (up: boolean, forwardReturn: number, exit: NonNullable<Out>['exit'], exitReturn: number | null) =>
	({ up, forwardReturn, exit, exitReturn }) satisfies Out;

/** Six recommendations of two models; every expected value below is computed by hand from these rows. */
const ROWS: RecommendationResult[] = [
	{ modelId: 'A', horizon: 'short', probability: 0.7, outcome: out(true, 0.02, 'target', 0.03) },
	{ modelId: 'A', horizon: 'short', probability: 0.6, outcome: out(false, -0.01, 'stop', -0.015) },
	{ modelId: 'A', horizon: 'short', probability: 0.65, outcome: out(true, 0.01, 'timeout', 0.005) },
	{ modelId: 'A', horizon: 'short', probability: 0.8, outcome: null },
	{ modelId: 'A', horizon: 'long', probability: 0.55, outcome: out(true, 0.05, null, null) },
	{ modelId: 'B', horizon: 'short', probability: 0.9, outcome: out(false, -0.04, 'stop', -0.03) }
];

describe('trackRecord', () => {
	it('has one group per model and horizon that has recommendations, models ascending, short before long', () => {
		const r = trackRecord([...ROWS].reverse());
		expect(r.groups.map((g) => `${g.modelId}/${g.horizon}`)).toEqual(['A/short', 'A/long', 'B/short']);
	});

	it('computes hit rate, mean probability, mean forward return and Brier of one group by hand', () => {
		const a = trackRecord(ROWS).groups[0];
		expect(a).toMatchObject({ resolved: 3, pending: 1, hits: 2 });
		expect(a.hitRate).toBeCloseTo(2 / 3, 14);
		expect(a.meanProbability).toBeCloseTo(0.65, 14); // (0.7 + 0.6 + 0.65) / 3: the pending 0.8 is left out
		expect(a.meanForwardReturn).toBeCloseTo(0.02 / 3, 14);
		// Brier = mean (p − y)² (scikit-learn 1.2.1 brier_score_loss): (0.3² + 0.6² + 0.35²) / 3 = 0.5725 / 3.
		expect(a.brier).toBeCloseTo(0.5725 / 3, 14);
		expect(a.exits.target).toEqual({ n: 1, meanReturn: 0.03 });
		expect(a.exits.stop).toEqual({ n: 1, meanReturn: -0.015 });
		expect(a.exits.timeout).toEqual({ n: 1, meanReturn: 0.005 });
		expect(a.exits.open.n).toBe(0);
	});

	it('bins stated probabilities into the reliability diagram as calibration_curve does (uniform, 10 bins)', () => {
		// 0.6 sits on the edge 0.6 and goes to the bin below it (np.searchsorted on the inner edges, side left);
		// 0.65 and 0.7 share [0.6, 0.7].
		const a = trackRecord(ROWS).groups[0].reliability;
		expect(a?.counts).toEqual([1, 2]);
		expect(a?.fractionPositive).toEqual([0, 1]);
		expect(a?.meanPredicted[0]).toBeCloseTo(0.6, 14);
		expect(a?.meanPredicted[1]).toBeCloseTo(0.675, 14);
	});

	it('pools every model and horizon in the overall row, with exits by kind and their mean returns', () => {
		const o = trackRecord(ROWS).overall;
		expect(o).toMatchObject({ modelId: null, horizon: null, resolved: 5, pending: 1, hits: 3 });
		expect(o.hitRate).toBeCloseTo(0.6, 14);
		expect(o.meanProbability).toBeCloseTo(0.68, 14); // 3.4 / 5
		expect(o.meanForwardReturn).toBeCloseTo(0.006, 14); // 0.03 / 5
		expect(o.brier).toBeCloseTo(1.585 / 5, 14); // 0.09 + 0.36 + 0.1225 + 0.2025 + 0.81
		expect(o.exits.stop.n).toBe(2);
		expect(o.exits.stop.meanReturn).toBeCloseTo(-0.0225, 14);
		expect(o.exits.open.n).toBe(1); // A/long: up settled, its position not yet out
		expect(o.reliability?.counts).toEqual([2, 2, 1]);
		expect(o.reliability?.fractionPositive).toEqual([0.5, 1, 0]);
		expect(o.reliability?.meanPredicted.map((v) => Number(v.toFixed(12)))).toEqual([0.575, 0.675, 0.9]);
	});

	it('counts recommendations without an outcome as pending, never as misses', () => {
		const r = trackRecord([{ modelId: 'A', horizon: 'long', probability: 0.6, outcome: null }]);
		expect(r.overall).toMatchObject({ resolved: 0, pending: 1, hits: 0, reliability: null });
		expect(r.overall.hitRate).toBeNaN();
		expect(r.overall.brier).toBeNaN();
		expect(trackRecord([]).groups).toEqual([]);
	});

	it('refuses a stated probability outside [0, 1], naming the row', () => {
		expect(() => trackRecord([{ ...ROWS[0], probability: 1.2 }])).toThrow(RecommendError);
		expect(() => trackRecord([{ ...ROWS[0], probability: Number.NaN }])).toThrow(/probability: row 0/);
	});
});
