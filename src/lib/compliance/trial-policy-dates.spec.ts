import { describe, expect, it } from 'vitest';
import { checkTrial, type DatasetFacts } from './trial-policy';

const DAY = 86_400_000;
const ROWS = 2_000;
/** One bar a calendar day from 2000-01-01 (the gateway does not care about weekends). */
const t = Float64Array.from({ length: ROWS }, (_, i) => Date.UTC(2000, 0, 1) + i * DAY);
const iso = (row: number) => new Date(t[row]).toISOString().slice(0, 10);
const provenance = {
	source: 'yahoo',
	origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
	retrievedAt: '2026-11-27T10:00:00.000Z',
	sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
	rows: ROWS,
	firstT: t[0],
	lastT: t[ROWS - 1]
};
const dataset: DatasetFacts = { id: 'sp500', provenance, rows: ROWS, t };

function spec(validation: Record<string, unknown> = {}) {
	return {
		name: 'x',
		datasetId: 'sp500',
		target: { kind: 'forward_return', horizon: 5 },
		features: { set: 'daily_v1' },
		model: { id: 'ridge', params: {} },
		validation: { mode: 'rolling', trainLength: 500, testLength: 100, step: 100, embargo: 5, ...validation },
		strategy: { mode: 'long_short', costBps: 5 },
		seed: 42
	};
}

describe('checkTrial with date bounds', () => {
	it('cuts the folds before testUntil, targets included', () => {
		const d = checkTrial(spec({ testUntil: iso(1_500) }), dataset);
		expect(d.allowed).toBe(true);
		if (!d.allowed) return;
		for (const f of d.splits) expect(f.testEnd - 1 + 5).toBeLessThan(1_500);
		// usable rows 49 .. 1495; first test at 49 + 500 + 5 = 554; (1495 − 554) / 100 → 9 full windows
		expect(d.folds).toBe(9);
	});

	it('starts the test windows at testFrom', () => {
		const d = checkTrial(spec({ testFrom: iso(1_500) }), dataset);
		expect(d.allowed && d.splits.map((f) => f.testStart)).toEqual([1_500, 1_600, 1_700, 1_800]);
	});

	it('refuses a testUntil that leaves no fold, naming it', () => {
		const d = checkTrial(spec({ testUntil: iso(600) }), dataset);
		expect(d.allowed).toBe(false);
		if (d.allowed) return;
		expect(d.code).toBe('no_fold');
		expect(d.issues).toEqual([
			{
				path: 'validation.testUntil',
				message: expect.stringMatching(/only 546 usable rows end .* before validation\.testUntil 2001-08-23/)
			}
		]);
	});

	it('refuses a testFrom with no full test window after it, naming it', () => {
		const d = checkTrial(spec({ testFrom: iso(1_950) }), dataset);
		expect(d.allowed).toBe(false);
		if (d.allowed) return;
		expect(d.code).toBe('no_fold');
		expect(d.issues[0].path).toBe('validation.testFrom');
		expect(d.issues[0].message).toMatch(/no full test window of 100 rows fits .* 45 usable rows are left/);
	});

	it('refuses bounds it cannot place when the caller gave no bar dates', () => {
		const { t: _t, ...noDates } = dataset;
		const d = checkTrial(spec({ testUntil: iso(1_500) }), noDates);
		expect(d.allowed || d.issues[0].path).toBe('validation.testUntil');
	});
});
