import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { REGIME_FIXTURE, sp500Returns } from '../../testing/regime-returns';
import {
	changePoints,
	fitPelt,
	PELT_MODELS,
	rbfGamma,
	runPelt,
	type PeltModel,
	type PeltParams
} from './pelt';
import fixture from './regimes.fixture.json';

const window = sp500Returns(REGIME_FIXTURE.returnsStart, REGIME_FIXTURE.peltCount);
const params = (model: PeltModel, penalty = 1, min_size = 2): PeltParams => ({ model, penalty, min_size });

/** Three flat regimes of returns with small deterministic noise: +1 %, −1 %, +0.5 % a day. */
function steps(): Float64Array {
	const rng = createRng(11);
	return Float64Array.from(
		{ length: 300 },
		(_, t) => (t < 100 ? 0.01 : t < 200 ? -0.01 : 0.005) + 0.001 * rng.normal()
	);
}

describe('online PELT', () => {
	it('computes the hand-checkable costs: one segment of 1, 2, 3 has l2 cost 2, l1 cost 2, linear cost 0', () => {
		const r = Float64Array.from([1, 2, 3]);
		for (const [model, cost] of [
			['l2', 2],
			['l1', 2],
			['linear', 0]
		] as const) {
			// A penalty far above any gain keeps one segment; F(3) = its cost (in standardised units) + penalty.
			const fit = { ...fitPelt(r, params(model, 100, 1)), mean: 0, scale: 1 };
			const run = runPelt(fit, r);
			expect(changePoints(run)).toEqual([3]);
			expect(run.F[3] - 100).toBeCloseTo(cost, 10);
		}
	});

	it('takes ruptures’ rbf bandwidth: 1 / median pairwise squared distance', () => {
		// Pairs of 0, 1, 3: squared distances 1, 9, 4 → median 4.
		expect(rbfGamma(Float64Array.from([0, 1, 3]))).toBe(0.25);
		expect(rbfGamma(Float64Array.from([2, 2, 2]))).toBe(1);
		const mean = window.reduce((a, b) => a + b, 0) / window.length;
		const sd = Math.sqrt(window.reduce((a, r) => a + (r - mean) ** 2, 0) / window.length);
		expect(rbfGamma(window.map((r) => (r - mean) / sd))).toBeCloseTo(fixture.pelt.gamma, 10);
	});

	it.each(fixture.pelt.cases.filter((c) => c.model === 'l2' || c.model === 'normal'))(
		'finds the exact optimal partition of every prefix, as the brute-force programme ($model, penalty $penalty, min_size $min_size)',
		(ref) => {
			const run = runPelt(fitPelt(window, params(ref.model as PeltModel, ref.penalty, ref.min_size)), window);
			expect(changePoints(run)).toEqual(ref.bkps);
			expect([...run.lastStart]).toEqual(ref.last_start);
			expect(run.F[window.length]).toBeCloseTo(ref.cost, 8);
		}
	);

	it.each(fixture.pelt.cases.filter((c) => c.model !== 'l2' && c.model !== 'normal'))(
		'reaches the brute-force optimal cost ($model, penalty $penalty, min_size $min_size)',
		(ref) => {
			const run = runPelt(fitPelt(window, params(ref.model as PeltModel, ref.penalty, ref.min_size)), window);
			expect(run.F[window.length]).toBeCloseTo(ref.cost, 8);
			// l1 costs tie exactly between some partitions (medians), so a prefix may end a different optimal
			// partition; everything else agrees.
			const same = ref.last_start.filter((s, m) => s === run.lastStart[m]).length;
			expect(same / ref.last_start.length).toBeGreaterThan(ref.model === 'l1' ? 0.97 : 0.999);
		}
	);

	it.each(PELT_MODELS)(
		'finds the two obvious changes of a step series and trades the sign of the segment (%s)',
		(model) => {
			const r = steps();
			const fit = fitPelt(r, params(model, 30, 5));
			const run = runPelt(fit, r);
			expect(changePoints(run)).toEqual([100, 200, 300]);
			// Once the detector has seen enough of a new regime, the state is the sign of its mean.
			for (const [from, to, state] of [
				[20, 100, 1],
				[120, 200, 0],
				[230, 300, 1]
			])
				for (let t = from; t < to; t++) expect(run.states[t], `${model} t=${t}`).toBe(state);
		}
	);

	it('is causal: the state at t is unchanged when later returns change', () => {
		for (const model of PELT_MODELS) {
			const fit = fitPelt(window, params(model));
			const changed = Float64Array.from(window);
			for (let t = 150; t < changed.length; t++) changed[t] = -2 * changed[t] + 0.003;
			const a = runPelt(fit, window).states;
			const b = runPelt(fit, changed).states;
			expect([...b.subarray(0, 150)], model).toEqual([...a.subarray(0, 150)]);
		}
	});

	it('refuses bad params and input with a RangeError naming the field', () => {
		expect(() => fitPelt(window, { ...params('l2'), model: 'ar' as PeltModel })).toThrow(
			/model must be one of/
		);
		expect(() => fitPelt(window, params('l2', 1, 0))).toThrow(/min_size/);
		expect(() => fitPelt(window, params('l2', 0))).toThrow(/penalty/);
		expect(() => fitPelt(Float64Array.from([0.01, Number.NaN, 0.02]), params('l2'))).toThrow(
			/returns\[1\] is not finite/
		);
		expect(() => fitPelt(new Float64Array(10).fill(0.01), params('l2'))).toThrow(/returns are constant/);
		expect(() => fitPelt(Float64Array.from([0.01]), params('l2'))).toThrow(/returns has 1 values/);
	});

	it('stops when cancelled', () => {
		expect(() => fitPelt(window, params('rbf'), { rng: createRng(0), isCancelled: () => true })).toThrow(
			/cancelled/
		);
	});
});
