import { beforeAll, describe, expect, it } from 'vitest';
import { pinInput } from '../data/feature-input-pins';
import { analysisRecordSchema, type AnalysisRecord } from '../db/analysis-records';
import { createRng } from '../domain/random';
import { implementation as adfKpss } from '../models/stats/adf-kpss-tests.model';
import { decodeShare, encodeShare } from '../security/share-link';
import { MAX_METRICS, sharedSchema } from '../security/share-schema';
import { decodeMutations } from '../testing/share-mutations';
import { sp500Dataset } from '../testing/sp500';
import { sharedAnalysisOf } from './share-analysis';

const ds = sp500Dataset('sp500', { bundled: true });
const params = { regression: 'ct' };
let analysis: AnalysisRecord;

/** A completed run of the real adf_kpss_tests entry on the S&P 500 file, stored as the runner stores it. */
beforeAll(async () => {
	const result = await adfKpss.evaluate({ datasets: [{ name: ds.name, bars: ds.bars }] }, params, {
		rng: createRng(42)
	});
	analysis = analysisRecordSchema.parse({
		id: 'a-adf',
		spec: {
			name: 'Is the S&P 500 stationary?',
			model: { id: 'adf_kpss_tests', params },
			inputs: [{ kind: 'dataset', id: ds.id }],
			seed: 42
		},
		task: 'test',
		input: 'series',
		status: 'completed',
		inputs: [pinInput({ kind: 'dataset', record: ds })],
		alignedRows: ds.bars.t.length,
		firstT: ds.bars.t[0],
		lastT: ds.bars.t[ds.bars.t.length - 1],
		result,
		error: null,
		leaseUntil: 0,
		attempts: 1,
		runMs: 310,
		appVersion: 'test',
		createdAt: 1,
		finishedAt: 2
	});
});

describe('sharing an analysis', () => {
	it('carries the entry, its params, the exact data, every named number with its label and the verdict, through a link exactly', async () => {
		const shared = sharedAnalysisOf(analysis, 'test');
		const result = analysis.result!;
		expect(shared).toMatchObject({
			kind: 'analysis',
			name: 'Is the S&P 500 stationary?',
			analysis: 'adf_kpss_tests',
			task: 'test',
			params,
			seed: 42,
			rows: ds.bars.t.length,
			from: null,
			summary: result.verdict,
			omitted: { numbers: 0, tables: result.tables.length, charts: result.charts.length }
		});
		expect(shared.summary).toMatch(/at 5 %/);
		expect(shared.inputs).toEqual([
			expect.objectContaining({
				kind: 'dataset',
				symbol: 'sp500',
				source: 'yahoo',
				contentSha256: ds.contentSha256,
				rows: ds.bars.t.length
			})
		]);
		expect(Object.keys(shared.results)).toEqual(result.numbers.map((n) => n.key));
		const stat = result.numbers.find((n) => n.key === 'adf_statistic')!;
		expect(shared.results.adf_statistic).toBe(stat.value);
		expect(shared.labels.adf_statistic).toEqual({ label: stat.label, unit: stat.unit ?? '' });
		const link = await encodeShare(shared);
		console.info(`analysis link: ${link.length} characters`);
		expect(await decodeShare(link)).toEqual({ ok: true, value: shared, encrypted: false });
		expect(link.length).toBeLessThan(2_500);
	});

	it('carries at most 60 numbers, NaN as null, and says how many were left out', () => {
		const numbers = Array.from({ length: MAX_METRICS + 10 }, (_, i) => ({
			key: `n_${i}`,
			label: `Number ${i}`,
			value: i === 0 ? Number.NaN : i / 7
		}));
		const shared = sharedAnalysisOf(
			{ ...analysis, result: { numbers, tables: [], charts: [], notes: [] } },
			'test'
		);
		expect(Object.keys(shared.results)).toHaveLength(MAX_METRICS);
		expect(shared.results.n_0).toBeNull();
		expect(shared.omitted).toEqual({ numbers: 10, tables: 0, charts: 0 });
		expect(shared.summary).toBe('');
	});

	it('refuses a running or failed analysis', () => {
		expect(() => sharedAnalysisOf({ ...analysis, status: 'running', result: null }, 'test')).toThrow(
			/a-adf is running: only a completed analysis can be shared/
		);
		expect(() => sharedAnalysisOf({ ...analysis, status: 'failed' }, 'test')).toThrow(/is failed/);
	});

	it('survives 300 seeded mutations of its link: each refused with a message or a valid analysis', async () => {
		const link = await encodeShare(sharedAnalysisOf(analysis, 'test'));
		const results = await decodeMutations(link, 300, 20261207);
		for (const r of results) {
			if (r.ok) expect(sharedSchema.parse(r.value).kind).toBe('analysis');
			else expect(r.message.length).toBeGreaterThan(10);
		}
		expect(results.filter((r) => !r.ok).length).toBeGreaterThan(150);
	}, 60_000);
});
