import { describe, expect, it } from 'vitest';
import { inputFactsOf } from '../data/feature-input-pins';
import { sliceBars } from '../domain/series';
import { benchmarkDataset, tbillSeries, TBILL_SERIES_ID } from '../testing/feature-inputs';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import type { InputFacts } from './input-policy';
import { checkTrial, type DatasetFacts } from './trial-policy';

const bars = sp500Bars();
const dataset: DatasetFacts = {
	id: 'sp500',
	provenance: sp500Provenance(bars),
	rows: bars.t.length,
	t: bars.t,
	frequency: 'daily'
};
const bench = inputFactsOf({ kind: 'dataset', record: benchmarkDataset('SPY@v1') });
const tbill = inputFactsOf({ kind: 'series', record: tbillSeries() });

function spec(inputs?: unknown[]) {
	return {
		name: 'x',
		datasetId: 'sp500',
		target: { kind: 'forward_return', horizon: 5 },
		features: { set: 'daily_v1', ...(inputs ? { inputs } : {}) },
		model: { id: 'ridge', params: { alpha: 2 } },
		validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
		strategy: { mode: 'long_short', costBps: 5 },
		seed: 42
	};
}

const lookup =
	(...facts: InputFacts[]) =>
	(ref: { id: string }) =>
		facts.find((f) => f.id === ref.id);

const BOTH = [
	{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' },
	{ kind: 'series', id: TBILL_SERIES_ID, role: 'macro' }
];

describe('the gateway’s check of a trial’s feature inputs', () => {
	it('admits stored inputs from approved sources that overlap the dataset, keeping them in the spec', () => {
		const d = checkTrial(spec(BOTH), dataset, lookup(bench, tbill));
		if (!d.allowed) throw new Error(d.reason);
		expect(d.spec.features.inputs?.map((i) => i.id)).toEqual(['SPY@v1', TBILL_SERIES_ID]);
		// A spec without inputs needs no lookup.
		expect(checkTrial(spec(), dataset).allowed).toBe(true);
	});

	it('refuses an input that is not stored, naming its field', () => {
		const d = checkTrial(spec(BOTH), dataset, lookup(bench));
		expect(d).toMatchObject({ allowed: false, code: 'unknown_dataset' });
		if (d.allowed) return;
		expect(d.issues.map((i) => i.path)).toEqual(['features.inputs.1.id']);
		expect(checkTrial(spec(BOTH), dataset).allowed).toBe(false);
	});

	it('refuses an input from an unapproved source, and one whose stored content changed', () => {
		const scraped = { ...tbill, provenance: { ...(tbill.provenance as object), source: 'scraped' } };
		expect(checkTrial(spec(BOTH), dataset, lookup(bench, scraped))).toMatchObject({
			allowed: false,
			code: 'unapproved_source'
		});
		const edited = { ...bench, content: { recorded: bench.content!.recorded, actual: 'f'.repeat(64) } };
		expect(checkTrial(spec(BOTH), dataset, lookup(edited, tbill))).toMatchObject({
			allowed: false,
			code: 'content_mismatch'
		});
	});

	it('refuses an input known on no bar of the dataset, by its publication lag', () => {
		// Dated after the last bar (2020): nothing is known on any bar.
		const late = { ...tbill, t: tbill.t.map((t) => t + 80 * 365 * 86_400_000) };
		const d = checkTrial(spec([BOTH[1]]), dataset, lookup(late));
		expect(d).toMatchObject({ allowed: false, code: 'no_overlap' });
		if (!d.allowed) expect(d.issues[0].path).toBe('features.inputs.0.id');
		// Two quarters that overlap 40 bars of early 2000 by date, but with one observation of lag 2000Q1's value is
		// known only from 2000-04-01, after the last bar — and 2000Q2's never.
		const head = sliceBars(bars, 0, 40);
		expect(head.t[39]).toBeLessThan(Date.UTC(2000, 3, 1));
		const short = { ...dataset, rows: 40, provenance: sp500Provenance(head), t: head.t };
		const twoQuarters: InputFacts = {
			id: TBILL_SERIES_ID,
			provenance: { ...(tbill.provenance as object), rows: 2 },
			rows: 2,
			t: Float64Array.from([Date.UTC(2000, 0, 1), Date.UTC(2000, 3, 1)]),
			value: Float64Array.from([5.5, 5.7])
		};
		expect(checkTrial(spec([BOTH[1]]), short, lookup(twoQuarters))).toMatchObject({ code: 'no_overlap' });
		// With a lag of 0 observations the same quarter is known from its own date: no longer refused for overlap.
		const lag0 = [{ ...BOTH[1], lag: { observations: 0 } }];
		const d0 = checkTrial(spec(lag0), short, lookup(twoQuarters));
		expect(d0.code).not.toBe('no_overlap');
	});
});
