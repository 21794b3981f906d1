import { describe, expect, it } from 'vitest';
import { checkTrial, type DatasetFacts } from '../compliance/trial-policy';
import { createRng } from '../domain/random';
import { sliceBars, type Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import { emaCrossoverPositions } from './indicators/ema';
import { innerFolds } from './inner-folds';
import { loadModel } from './registry';
import { nextDayReturns, runFold } from './run-fold';
import type { ErasedSignal } from './seam';
import {
	comboCount,
	describeChoice,
	MIN_TUNE_ROWS,
	rowsSharpe,
	trainingSharpe,
	tunedPositions,
	tuneCombinations
} from './signal-tuning';

const bars: Bars = sliceBars(sp500Bars(), 0, 900);
const fold: Fold = { index: 0, trainStart: 60, trainEnd: 460, testStart: 465, testEnd: 565 };
const f = (v: number[]): Float64Array => Float64Array.from(v);

function signalSpec(tune?: TrialSpec['model']['tune'], costBps = 5): TrialSpec {
	return tinySpec({
		model: {
			id: 'ema_crossover_model',
			params: { fast_period: 12, slow_period: 26 },
			...(tune ? { tune } : {})
		},
		validation: { mode: 'rolling', trainLength: 400, testLength: 100, step: 100, embargo: 5 },
		target: { kind: 'forward_return', horizon: 5 },
		strategy: { mode: 'long_short', sizing: 'sign', costBps }
	});
}

async function emaSignal(): Promise<ErasedSignal> {
	const { implementation } = await loadModel('ema_crossover_model');
	if (implementation.kind !== 'signal') throw new Error('not a signal');
	return implementation;
}

const ctx = { trainStart: fold.trainStart, trainEnd: fold.trainEnd, rng: createRng(1) };

describe('tuneCombinations', () => {
	it('expands a grid over the base params, the first name varying slowest', () => {
		const combos = tuneCombinations({ a: 1, b: 2, c: 'x' }, { a: [1, 2], b: [5, 6, 7] });
		expect(combos).toEqual([
			{ a: 1, b: 5, c: 'x' },
			{ a: 1, b: 6, c: 'x' },
			{ a: 1, b: 7, c: 'x' },
			{ a: 2, b: 5, c: 'x' },
			{ a: 2, b: 6, c: 'x' },
			{ a: 2, b: 7, c: 'x' }
		]);
		expect(comboCount({ a: [1, 2], b: [5, 6, 7] })).toBe(6);
		expect(describeChoice(combos[4], { a: [1, 2], b: [5, 6, 7] })).toBe('a=2, b=6');
	});
});

describe('trainingSharpe', () => {
	it('is the annualised mean / sample sd of the net returns over training rows (hand-computed)', () => {
		// 30 rows, training [0, 30): rows 0..28 are scored (next[28] ends at close 29, inside training).
		const n = 30;
		const next = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.01 : -0.005));
		const long = new Float64Array(n).fill(1);
		const all: Fold = { index: 0, trainStart: 0, trainEnd: n, testStart: n, testEnd: n };
		// No costs: returns 0.01, −0.005 alternating over 29 rows (15 of 0.01, 14 of −0.005).
		const r = Array.from({ length: 29 }, (_, i) => next[i]);
		const mean = r.reduce((a, b) => a + b, 0) / 29;
		const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 28);
		const strategy = { mode: 'long_short', sizing: 'sign', costBps: 0 } as const;
		expect(trainingSharpe(long, next, all, strategy)).toBeCloseTo((mean / sd) * Math.sqrt(252), 12);
		// 10 bps on the first entry only lowers the first return by 0.001.
		const costly = trainingSharpe(long, next, all, { ...strategy, costBps: 10 });
		const r2 = [r[0] - 0.001, ...r.slice(1)];
		const m2 = r2.reduce((a, b) => a + b, 0) / 29;
		const s2 = Math.sqrt(r2.reduce((a, b) => a + (b - m2) ** 2, 0) / 28);
		expect(costly).toBeCloseTo((m2 / s2) * Math.sqrt(252), 12);
		// long_flat turns a short into flat: all-short positions earn nothing and have no spread.
		expect(trainingSharpe(f(Array(n).fill(-1)), next, all, { ...strategy, mode: 'long_flat' })).toBeNaN();
	});

	it(`is undefined with fewer than ${MIN_TUNE_ROWS} scored rows`, () => {
		const next = Float64Array.from({ length: 10 }, (_, i) => i / 100);
		const short: Fold = { index: 0, trainStart: 0, trainEnd: 10, testStart: 10, testEnd: 10 };
		const strategy = { mode: 'long_short', sizing: 'sign', costBps: 0 } as const;
		expect(trainingSharpe(new Float64Array(10).fill(1), next, short, strategy)).toBeNaN();
	});

	it('never reads a return that ends after the training window', () => {
		const next = nextDayReturns(bars.close);
		const pos = emaCrossoverPositions(bars.close, 12, 26);
		const strategy = { mode: 'long_short', sizing: 'sign', costBps: 5 } as const;
		const before = trainingSharpe(pos, next, fold, strategy);
		const changed = next.slice();
		for (let r = fold.trainEnd - 1; r < changed.length; r++) changed[r] = 0.5;
		expect(trainingSharpe(pos, changed, fold, strategy)).toBe(before);
	});
});

describe('tunedPositions', () => {
	it('trades the combination with the best training Sharpe ratio and reports it', async () => {
		const impl = await emaSignal();
		const grid = { fast_period: [5, 12], slow_period: [26, 50] };
		const spec = signalSpec(grid);
		const next = nextDayReturns(bars.close);
		const out = tunedPositions(impl, bars, spec, grid, fold, next, ctx);
		const scored = tuneCombinations(spec.model.params, grid).map((c) => ({
			c,
			s: trainingSharpe(
				emaCrossoverPositions(bars.close, Number(c.fast_period), Number(c.slow_period)),
				next,
				fold,
				spec.strategy
			)
		}));
		const best = scored.reduce((a, b) => (b.s > a.s ? b : a));
		expect(out.info.chosen).toBe(describeChoice(best.c, grid));
		expect(out.info.trainSharpe).toBeCloseTo(best.s, 12);
		expect(out.info.combinations).toBe(4);
		expect([...out.positions]).toEqual([
			...emaCrossoverPositions(bars.close, Number(best.c.fast_period), Number(best.c.slow_period))
		]);
		// The real series does not make every combination equal (the choice is a choice).
		expect(new Set(scored.map((x) => x.s.toFixed(6))).size).toBeGreaterThan(1);
	});

	it('with model.tuneWindow, chooses by the net Sharpe ratio over the stitched inner test windows', async () => {
		const impl = await emaSignal();
		const grid = { fast_period: [5, 12], slow_period: [26, 50] };
		const spec = {
			...signalSpec(grid),
			model: { ...signalSpec(grid).model, tuneWindow: { windowSize: 150, stepSize: 40 } }
		};
		const next = nextDayReturns(bars.close);
		const out = tunedPositions(impl, bars, spec, grid, fold, next, ctx);
		// ⌊(400 − 150 − 5) / 40⌋ = 6 inner test windows of 40 rows, ending at trainEnd: rows [220, 460).
		const inner = innerFolds(fold, { windowSize: 150, stepSize: 40 }, 5);
		expect(inner.map((f) => [f.testStart, f.testEnd])).toEqual([
			[220, 260],
			[260, 300],
			[300, 340],
			[340, 380],
			[380, 420],
			[420, 460]
		]);
		const rows = Array.from({ length: 240 }, (_, i) => 220 + i);
		const scored = tuneCombinations(spec.model.params, grid).map((c) => ({
			c,
			s: rowsSharpe(
				emaCrossoverPositions(bars.close, Number(c.fast_period), Number(c.slow_period)),
				next,
				rows,
				spec.strategy
			)
		}));
		const best = scored.reduce((a, b) => (b.s > a.s ? b : a));
		expect(out.info.chosen).toBe(describeChoice(best.c, grid));
		expect(out.info.innerSharpe).toBeCloseTo(best.s, 12);
		expect(out.info.innerFolds).toBe(6);
		expect(out.info).not.toHaveProperty('trainSharpe');
	});

	it('skips combinations that break a rule between parameters, and refuses a grid with none valid', async () => {
		const impl = await emaSignal();
		const next = nextDayReturns(bars.close);
		const grid = { fast_period: [12, 40], slow_period: [26, 30] };
		const out = tunedPositions(impl, bars, signalSpec(grid), grid, fold, next, ctx);
		expect(out.info.combinations).toBe(2);
		expect(out.info.skippedCombinations).toBe(2);
		const none = { fast_period: [40, 50] };
		expect(() => tunedPositions(impl, bars, signalSpec(none), none, fold, next, ctx)).toThrow(
			/none of the 2 combinations of model.tune is valid for ema_crossover_model/
		);
	});
});

describe('a tuned signal fold', () => {
	it('records the choice and trades its positions in the test window, causally', async () => {
		const loaded = await loadModel('ema_crossover_model');
		const grid = { fast_period: [5, 12], slow_period: [26, 50] };
		const out = await runFold(signalSpec(grid), fold, bars, loaded);
		expect(String(out.modelInfo.chosen)).toMatch(/^fast_period=\d+, slow_period=\d+$/);
		const [fast, slow] = String(out.modelInfo.chosen).match(/\d+/g)!.map(Number);
		const direct = emaCrossoverPositions(bars.close, fast, slow);
		expect([...out.predicted]).toEqual(Array.from(out.row, (r) => direct[r]));
		// Changing every bar after the test window changes neither the choice nor a position.
		const future = sliceBars(bars, 0, bars.t.length);
		for (let i = fold.testEnd + 5; i < future.t.length; i++) future.close[i] *= 1.5;
		const again = await runFold(signalSpec(grid), fold, future, loaded);
		expect(again.modelInfo.chosen).toBe(out.modelInfo.chosen);
		expect([...again.predicted]).toEqual([...out.predicted]);
	});
});

describe('the gateway on model.tune', () => {
	const dataset: DatasetFacts = {
		id: 'sp500',
		provenance: sp500Provenance(),
		rows: sp500Bars().t.length
	};
	const input = (model: Record<string, unknown>) => ({
		...signalSpec(),
		datasetId: 'sp500',
		validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
		model
	});
	const issues = (d: ReturnType<typeof checkTrial>) => (d.allowed ? [] : d.issues.map((i) => i.message));

	it('admits a grid of a signal and keeps it in the spec', () => {
		const d = checkTrial(
			input({ id: 'ema_crossover_model', params: {}, tune: { fast_period: [5, 12] } }),
			dataset
		);
		expect(issues(d)).toEqual([]);
		if (d.allowed) expect(d.spec.model.tune).toEqual({ fast_period: [5, 12] });
	});

	it('refuses a grid on a learner without nested walk-forward, an unknown name, a bad value and too many combinations', () => {
		expect(issues(checkTrial(input({ id: 'ridge', params: {}, tune: { alpha: [1, 2] } }), dataset))).toEqual([
			expect.stringMatching(
				/model\.tune on a learner \(ridge\) chooses its parameters by nested walk-forward/
			)
		]);
		expect(
			issues(checkTrial(input({ id: 'ema_crossover_model', params: {}, tune: { window: [1, 2] } }), dataset))
		).toEqual([expect.stringMatching(/has no parameter "window" \(it has fast_period, slow_period\)/)]);
		expect(
			issues(
				checkTrial(input({ id: 'ema_crossover_model', params: {}, tune: { fast_period: [5, -3] } }), dataset)
			)
		).toEqual([expect.stringMatching(/model\.tune\.fast_period\[1\] = -3/)]);
		expect(
			issues(
				checkTrial(
					input({
						id: 'ema_crossover_model',
						params: {},
						tune: { fast_period: [2, 3, 4, 5, 6, 7], slow_period: [30, 40, 50, 60, 70] }
					}),
					dataset
				)
			)
		).toEqual([expect.stringMatching(/at most 25 combinations/)]);
		expect(
			issues(
				checkTrial(input({ id: 'ema_crossover_model', params: {}, tune: { fast_period: [5] } }), dataset)
			)
		).toEqual([expect.stringMatching(/at least two values/)]);
	});
});
