/**
 * The common battery every runnable analysis entry (formula, measure, test, transform) passes, as battery.spec.ts
 * is for the walk-forward kinds: run over every analysis module the registry finds, on real data — the bundled
 * S&P 500 daily bars for one series, real monthly stock prices (vega-datasets) for pairs and panels, unless
 * DATA names what the entry reads instead. Each entry's own spec checks its published or reference values.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG, paramsSchemaFor, requireEntry } from '../catalog/catalog';
import type { ParamSpec } from '../catalog/params';
import { createRng } from '../domain/random';
import { sliceBars } from '../domain/series';
import { sp500Bars } from '../testing/sp500';
import { alignedMonthly } from '../testing/stocks';
import { tbillBars } from '../testing/tbill';
import { treasuryPanel } from '../testing/treasury';
import { ANALYSIS_TASKS, analysisResultSchema, type AnalysisData, type AnalysisTask } from './analysis';
import { loadModel, REGISTERED_IDS } from './registry';
import type { ErasedAnalysis } from './seam';

const isAnalysisTask = (task: string): task is AnalysisTask =>
	(ANALYSIS_TASKS as readonly string[]).includes(task);

const ANALYSIS_IDS = REGISTERED_IDS.filter((id) => isAnalysisTask(requireEntry(id).task)).sort();

const named = (names: readonly string[], bars: ReturnType<typeof alignedMonthly>): AnalysisData => ({
	datasets: bars.map((b, i) => ({ name: names[i], bars: b }))
});

/** The data an entry is run on when its input kind's default does not fit what it reads. */
const DATA: Readonly<Record<string, () => AnalysisData>> = {
	vasicek_model: () => ({ datasets: [{ name: 'TB3MS', bars: tbillBars() }] }),
	cox_ingersoll_ross_model: () => ({ datasets: [{ name: 'TB3MS', bars: tbillBars() }] }),
	yield_curve_analysis: () => treasuryPanel()
};

function dataFor(impl: ErasedAnalysis): AnalysisData {
	const special = DATA[impl.id];
	if (special) return special();
	switch (impl.input) {
		case 'none':
			return { datasets: [] };
		case 'series':
			return { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
		case 'pair':
			return named(['AAPL', 'S&P 500'], alignedMonthly(['AAPL', 'SP500']));
		case 'panel':
			return named(['MSFT', 'AMZN', 'IBM', 'AAPL'], alignedMonthly(['MSFT', 'AMZN', 'IBM', 'AAPL']));
	}
}

/** The same data cut to three rows: too short for any estimate. */
function tooShort(data: AnalysisData): AnalysisData {
	return { datasets: data.datasets.map((d) => ({ ...d, bars: sliceBars(d.bars, 0, 3) })) };
}

function outOfRange(spec: ParamSpec): unknown {
	if (spec.type === 'int' || spec.type === 'float')
		return spec.max + (spec.type === 'int' ? 1 : spec.max || 1);
	if (spec.type === 'int_list' || spec.type === 'float_list') return [spec.max + 1];
	if (spec.type === 'enum') return 'not-a-choice';
	return null;
}

async function loadAnalysis(id: string): Promise<ErasedAnalysis> {
	const { implementation } = await loadModel(id);
	if (implementation.kind !== 'analysis') throw new Error(`${id} is not an analysis`);
	return implementation;
}

/** Every value, typed arrays and NaN included, as text: equal text means equal results. */
function fingerprint(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Float64Array
			? Array.from(v, String)
			: typeof v === 'number' && !Number.isFinite(v)
				? String(v)
				: v
	);
}

const ctx = (seed = 7) => ({ rng: createRng(seed) });

describe('every runnable analysis entry', () => {
	it('is an analysis exactly when its catalog task is one (measure, pricing, test, transform)', async () => {
		for (const id of REGISTERED_IDS) {
			const { implementation } = await loadModel(id);
			expect(implementation.kind === 'analysis', id).toBe(ANALYSIS_IDS.includes(id));
		}
	});

	describe.each(ANALYSIS_IDS.length ? ANALYSIS_IDS : ['(none yet)'])('%s', (id) => {
		it.skipIf(!ANALYSIS_IDS.includes(id))(
			'gives the same result for the same seed and leaves its data untouched',
			async () => {
				const impl = await loadAnalysis(id);
				const data = dataFor(impl);
				const before = fingerprint(data);
				const a = await impl.evaluate(data, {}, ctx());
				const b = await impl.evaluate(data, {}, ctx());
				expect(fingerprint(data)).toBe(before);
				expect(fingerprint(a)).toBe(fingerprint(b));
			}
		);

		it.skipIf(!ANALYSIS_IDS.includes(id))(
			'returns a well-formed result with at least one finite number, on real data with defaults',
			async () => {
				const impl = await loadAnalysis(id);
				const result = await impl.evaluate(dataFor(impl), {}, ctx());
				const parsed = analysisResultSchema.safeParse(result);
				expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
				expect(result.numbers.some((n) => Number.isFinite(n.value))).toBe(true);
				const keys = result.numbers.map((n) => n.key);
				expect(new Set(keys).size, 'number keys are unique').toBe(keys.length);
				// A number that is missing on this data says why.
				for (const n of result.numbers)
					if (!Number.isFinite(n.value)) expect(n.note?.length ?? 0, n.key).toBeGreaterThan(0);
			}
		);

		it.skipIf(!ANALYSIS_IDS.includes(id))(
			'refuses data too short to estimate anything, with a coded error',
			async () => {
				const impl = await loadAnalysis(id);
				if (impl.input === 'none') return;
				await expect(impl.evaluate(tooShort(dataFor(impl)), {}, ctx())).rejects.toMatchObject({
					code: 'analysis_input'
				});
			}
		);

		it.skipIf(!ANALYSIS_IDS.includes(id))(
			'refuses every out-of-range parameter, naming the field',
			async () => {
				const impl = await loadAnalysis(id);
				const entry = CATALOG.find((e) => e.id === id)!;
				for (const [name, spec] of Object.entries(entry.params)) {
					const bad = outOfRange(spec);
					if (bad === null) continue;
					const params = { ...paramsSchemaFor(id).parse({}), [name]: bad };
					expect(() => impl.parse(params), name).toThrow(new RegExp(`${id}\\.${name}`));
					await expect(impl.evaluate(dataFor(impl), params, ctx()), name).rejects.toThrow(
						new RegExp(`${id}\\.${name}`)
					);
				}
			}
		);
	});
});
