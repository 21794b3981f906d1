import { describe, expect, it } from 'vitest';
import { inputColumnsOf, pinInput, type StoredInput } from '../data/feature-input-pins';
import { sliceBars } from '../domain/series';
import { benchmarkDataset, tbillSeries, TBILL_SERIES_ID } from '../testing/feature-inputs';
import { sp500Dataset } from '../testing/sp500';
import { featureInputData, pinnedJobRefusal, type PinnedJob } from './job-checks';
import type { PinnedColumns } from './protocol';

const ds = sp500Dataset('sp500', { bars: sliceBars(sp500Dataset('x').bars, 0, 600) });
const bench: StoredInput = { kind: 'dataset', record: benchmarkDataset('SPY@v1', 600) };
const tbill: StoredInput = { kind: 'series', record: tbillSeries() };

function job(inputs: PinnedColumns[] | undefined, named = [bench, tbill]): PinnedJob {
	return {
		spec: {
			model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
			features: { inputs: named.map((s) => ({ kind: s.kind, id: s.record.id })) }
		},
		datasetKey: ds.contentSha256,
		bars: ds.bars,
		dataset: { id: ds.id, provenance: ds.provenance, frequency: 'daily' },
		inputs
	};
}

const carried = (s: StoredInput) => inputColumnsOf(pinInput(s), s);

describe('the worker’s check of a job’s feature inputs', () => {
	it('lets a job run whose inputs hash to the versions the trial pinned', () => {
		expect(pinnedJobRefusal(job([carried(bench), carried(tbill)]))).toBe(null);
		// A job without inputs whose spec names none runs as before.
		expect(pinnedJobRefusal(job(undefined, []))).toBe(null);
	});

	it('refuses an input whose values were changed after it was pinned, with content_mismatch', () => {
		const tampered = carried(tbill);
		const value = tampered.columns.value!.slice();
		value[100] += 0.25;
		const refusal = pinnedJobRefusal(
			job([carried(bench), { ...tampered, columns: { ...tampered.columns, value } }])
		);
		expect(refusal).toMatchObject({ refused: true, code: 'content_mismatch' });
		expect(refusal?.reason).toContain(TBILL_SERIES_ID);
		// A benchmark's bars are hashed whole: a changed volume is refused too.
		const b = carried(bench);
		const volume = b.columns.volume!.slice();
		volume[0] += 1;
		expect(pinnedJobRefusal(job([{ ...b, columns: { ...b.columns, volume } }, carried(tbill)]))?.code).toBe(
			'content_mismatch'
		);
	});

	it('refuses an input the spec names but the job lacks, and one from an unapproved source', () => {
		expect(pinnedJobRefusal(job([carried(bench)]))).toMatchObject({
			code: 'unknown_dataset',
			reason: expect.stringContaining(TBILL_SERIES_ID)
		});
		const scraped = { ...carried(tbill), provenance: { ...tbill.record.provenance, source: 'scraped' } };
		expect(pinnedJobRefusal(job([carried(bench), scraped]))?.code).toBe('unapproved_source');
		const noValues = { ...carried(tbill), columns: { ...carried(bench).columns } };
		expect(pinnedJobRefusal(job([carried(bench), noValues]))?.code).toBe('wrong_inputs');
	});

	it('gives the features a dataset’s close and a series’ values', () => {
		const data = featureInputData([carried(bench), carried(tbill)]);
		expect(data.map((d) => [d.kind, d.id])).toEqual([
			['dataset', 'SPY@v1'],
			['series', TBILL_SERIES_ID]
		]);
		expect(data[0].value).toBe(bench.kind === 'dataset' && bench.record.bars.close);
		expect(data[1].value).toBe(tbill.kind === 'series' && tbill.record.value);
	});
});
