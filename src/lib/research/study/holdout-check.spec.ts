import { describe, expect, it } from 'vitest';
import type { DatasetFacts } from '../../compliance/trial-policy';
import type { InputLookup } from '../../compliance/input-policy';
import type { TrialSpec } from '../../domain/trial-spec';
import { tinySpec } from '../../testing/fixtures';
import { holdoutIssues } from './holdout-check';
import { studyPlan } from './plan';
import { studySpecSchema } from './spec';

const DAY = 86_400_000;
const ROWS = 2_000;
/** One bar a calendar day from 2000-01-01. */
const t = Float64Array.from({ length: ROWS }, (_, i) => Date.UTC(2000, 0, 1) + i * DAY);
const iso = (row: number) => new Date(t[row]).toISOString().slice(0, 10);
const dataset: DatasetFacts = {
	id: 'd',
	provenance: {
		source: 'yahoo',
		origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
		retrievedAt: '2026-11-27T10:00:00.000Z',
		sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
		rows: ROWS,
		firstT: t[0],
		lastT: t[ROWS - 1]
	},
	rows: ROWS,
	t
};

function study(from: string | null, features?: TrialSpec['features']) {
	const spec = studySpecSchema.parse({
		base: tinySpec({
			...(features ? { features } : {}),
			target: { kind: 'forward_return', horizon: 5 },
			validation: { mode: 'rolling', trainLength: 500, testLength: 100, step: 100, embargo: 5 }
		}),
		search: { alpha: 'full' },
		sampler: 'random',
		budget: { trials: 5 },
		objective: { metric: 'sharpe' },
		seed: 1,
		...(from ? { holdout: { from } } : {})
	});
	return { spec, plan: studyPlan(spec) };
}

describe('whether a holdout fits the dataset', () => {
	it('accepts a holdout that leaves the search folds and holds a full test window', () => {
		const { spec, plan } = study(iso(1_500));
		expect(holdoutIssues(spec, plan, { alpha: 1 }, dataset)).toEqual([]);
	});

	it('refuses a holdout that leaves the search no fold, on the holdout field', () => {
		const { spec, plan } = study(iso(600));
		expect(holdoutIssues(spec, plan, { alpha: 1 }, dataset)).toEqual([
			{
				path: 'holdout.from',
				message: expect.stringMatching(
					/^a holdout from 2001-08-23 leaves the search before it no fold: only 546 usable rows end/
				)
			}
		]);
	});

	it('refuses a holdout too short for one full test window of the protocol', () => {
		// 100 test rows + a 5-day target need 105 rows from the holdout's first day; 1,950 leaves 50.
		const { spec, plan } = study(iso(1_950));
		const issues = holdoutIssues(spec, plan, { alpha: 1 }, dataset);
		expect(issues).toHaveLength(1);
		expect(issues[0].message).toMatch(/leaves the holdout itself no fold: no full test window of 100 rows/);
	});

	it('has nothing to say of a study without a holdout', () => {
		const { spec, plan } = study(null);
		expect(holdoutIssues(spec, plan, { alpha: 1 }, dataset)).toEqual([]);
	});

	it('checks a base with feature inputs against the stored inputs (without them it is refused before its folds)', () => {
		const features = {
			set: 'daily_v1',
			inputs: [{ kind: 'series', id: 'fred-tb3ms', role: 'macro', lag: { observations: 1 } }]
		} as TrialSpec['features'];
		const { spec, plan } = study(iso(600), features);
		// A monthly series over the same days, from an approved source.
		const monthly = Float64Array.from({ length: 66 }, (_, i) => Date.UTC(2000, i, 1));
		const inputs: InputLookup = (ref) =>
			ref.id === 'fred-tb3ms'
				? {
						id: ref.id,
						provenance: { ...(dataset.provenance as object), source: 'fred', rows: monthly.length },
						rows: monthly.length,
						t: monthly,
						value: monthly.map((_, i) => 1 + i / 100)
					}
				: undefined;
		expect(holdoutIssues(spec, plan, { alpha: 1 }, dataset, inputs)).toEqual([
			{ path: 'holdout.from', message: expect.stringMatching(/leaves the search before it no fold/) }
		]);
		// The same holdout without the lookup was passed over: the inputs' refusal hid the fold count.
		expect(holdoutIssues(spec, plan, { alpha: 1 }, dataset)).toEqual([]);
	});
});
