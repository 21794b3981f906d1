/**
 * The common battery every runnable catalog entry passes (scikit-learn's check_estimator, STYLE.md): it is run
 * over every entry the registry finds, so a new model gets all of it for free and its own spec checks only what
 * is special to it (reference values). On one short fold of the real S&P 500 bars.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, isRunnable, paramsSchemaFor, requireEntry, runKindOf } from '../catalog/catalog';
import type { ParamSpec } from '../catalog/params';
import { contentSha256 } from '../domain/content-hash';
import { computeFeatures, type FeatureSet } from '../domain/features';
import { createRng } from '../domain/random';
import { sliceBars, type Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { sp500Bars } from '../testing/sp500';
import { ANALYSIS_TASKS } from './analysis';
import { loadModel, REGISTERED_IDS } from './registry';
import { runFold } from './run-fold';

/** Entries that run walk-forward folds; analyses have their own battery (analysis-battery.spec.ts). */
const FOLD_IDS = REGISTERED_IDS.filter(
	(id) => !(ANALYSIS_TASKS as readonly string[]).includes(requireEntry(id).task)
).sort();

/** 900 real bars (1,2000–2003): one fold of 400 training and 100 test rows after the feature warm-up. */
const bars: Bars = sliceBars(sp500Bars(), 0, 900);
const fold: Fold = { index: 0, trainStart: 60, trainEnd: 460, testStart: 465, testEnd: 565 };
let features: FeatureSet;

/** Defaults, with neural nets kept to a few epochs: the battery checks behaviour, not accuracy. */
function battleParams(id: string): TrialSpec['model']['params'] {
	const params = paramsSchemaFor(id).parse({});
	if ('epochs' in params) params.epochs = 3;
	return params as TrialSpec['model']['params'];
}

function specFor(id: string, seed = 7): TrialSpec {
	const entry = CATALOG.find((e) => e.id === id)!;
	return tinySpec({
		model: { id, params: battleParams(id) },
		target: { kind: entry.task === 'classification' ? 'direction' : 'forward_return', horizon: 5 },
		validation: { mode: 'rolling', trainLength: 400, testLength: 100, step: 100, embargo: 5 },
		seed
	});
}

/** A value just outside a numeric parameter's range, or null when it has none. */
function outOfRange(spec: ParamSpec): unknown {
	if (spec.type === 'int' || spec.type === 'float')
		return spec.max + (spec.type === 'int' ? 1 : spec.max || 1);
	if (spec.type === 'int_list' || spec.type === 'float_list') return [spec.max + 1];
	if (spec.type === 'enum') return 'not-a-choice';
	return null;
}

beforeAll(() => {
	features = computeFeatures(bars);
});

describe('every runnable catalog entry', () => {
	it('is in the registry (the battery runs over all of them)', () => {
		// Procedures that run as studies have no module: a study runs its base trial's model.
		expect([...REGISTERED_IDS].sort()).toEqual(
			// A runnable procedure runs as a study or through other models' trials: it has no module.
			CATALOG.filter((e) => isRunnable(e) && runKindOf(e) !== 'study' && runKindOf(e) !== 'tuning')
				.map((e) => e.id)
				.sort()
		);
	});

	describe.each(FOLD_IDS)('%s', (id) => {
		it('gives the same numbers for the same seed and leaves its inputs untouched', async () => {
			const loaded = await loadModel(id);
			const before = contentSha256({ ...bars });
			const a = await runFold(specFor(id), fold, bars, loaded, { features });
			const b = await runFold(specFor(id), fold, bars, loaded, { features });
			expect(contentSha256({ ...bars })).toBe(before);
			expect([...a.predicted]).toEqual([...b.predicted]);
			expect(a.metrics).toEqual(b.metrics);
		});

		it('predicts one finite value per test row, in the range of its task', async () => {
			const loaded = await loadModel(id);
			const out = await runFold(specFor(id), fold, bars, loaded, { features });
			expect(out.predicted.length).toBe(out.nTest);
			expect(out.nTest).toBeGreaterThan(50);
			for (const v of out.predicted) expect(Number.isFinite(v)).toBe(true);
			if (loaded.implementation.task === 'classification')
				for (const p of out.predicted) expect(p >= 0 && p <= 1).toBe(true);
			if (loaded.implementation.task === 'signal')
				for (const p of out.predicted) expect(p >= -1 && p <= 1).toBe(true);
			if (loaded.implementation.task === 'volatility_forecast')
				for (const v of out.predicted) expect(v).toBeGreaterThanOrEqual(0);
			if (loaded.implementation.task === 'regime' || loaded.implementation.task === 'clustering') {
				const states = Number(out.modelInfo.states);
				for (const s of out.predicted) expect(Number.isInteger(s) && s >= 0 && s < states).toBe(true);
			}
			expect(out.metrics.task).toBe(loaded.implementation.task);
			expect(Number.isFinite(out.metrics.strategy.totalReturn)).toBe(true);
		});

		it('frees what it allocates: live tensors are back to where they were after a fold', async () => {
			const loaded = await loadModel(id);
			const live = loaded.runtime.liveTensors;
			const start = live?.() ?? 0;
			await runFold(specFor(id), fold, bars, loaded, { features });
			expect(live?.() ?? 0).toBe(start);
		});

		it('reports progress in [0, 1], ending at 1', async () => {
			const loaded = await loadModel(id);
			const seen: number[] = [];
			await runFold(specFor(id), fold, bars, loaded, { features, onProgress: (f) => seen.push(f) });
			expect(seen.length).toBeGreaterThan(0);
			for (const f of seen) expect(f >= 0 && f <= 1).toBe(true);
			expect(seen.at(-1)).toBe(1);
		});

		it('stops when cancelled, with a coded error', async () => {
			const loaded = await loadModel(id);
			await expect(
				runFold(specFor(id), fold, bars, loaded, { features, isCancelled: () => true })
			).rejects.toMatchObject({ code: 'fit_cancelled' });
		});

		it('refuses every out-of-range parameter, naming the field', async () => {
			const { implementation } = await loadModel(id);
			const entry = CATALOG.find((e) => e.id === id)!;
			for (const [name, spec] of Object.entries(entry.params)) {
				const bad = outOfRange(spec);
				if (bad === null) continue;
				const params = { ...battleParams(id), [name]: bad };
				expect(paramsSchemaFor(id).safeParse(params).success, name).toBe(false);
				expect(() => implementation.parse(params), name).toThrow(new RegExp(`${id}\\.${name}`));
			}
		});

		it('is causal: changing bars after the test window changes no prediction in it', async () => {
			const loaded = await loadModel(id);
			const rng = createRng(20261204);
			const future = sliceBars(bars, 0, bars.t.length);
			// Scramble every bar after the last test row's target (test end + horizon), keeping them valid prices.
			for (let i = fold.testEnd + 5; i < future.t.length; i++) {
				const k = 0.5 + rng.next();
				for (const col of ['open', 'high', 'low', 'close'] as const) future[col][i] *= k;
				future.volume[i] *= 0.5 + rng.next();
			}
			const a = await runFold(specFor(id), fold, bars, loaded, { features });
			const b = await runFold(specFor(id), fold, future, loaded, {});
			expect([...b.predicted]).toEqual([...a.predicted]);
		});

		it('is causal inside the test window: changing bars from mid-test on changes no earlier prediction', async () => {
			const loaded = await loadModel(id);
			const rng = createRng(20261205);
			const cut = fold.testStart + 50;
			const future = sliceBars(bars, 0, bars.t.length);
			for (let i = cut; i < future.t.length; i++) {
				const k = 0.5 + rng.next();
				for (const col of ['open', 'high', 'low', 'close'] as const) future[col][i] *= k;
				future.volume[i] *= 0.5 + rng.next();
			}
			const a = await runFold(specFor(id), fold, bars, loaded, { features });
			const b = await runFold(specFor(id), fold, future, loaded, {});
			const before = (out: typeof a) => [...out.predicted].filter((_, i) => out.row[i] < cut);
			expect(before(a).length).toBeGreaterThan(40);
			expect(before(b)).toEqual(before(a));
		});
	});
});
