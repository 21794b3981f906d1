import { describe, expect, it } from 'vitest';
import { featureSpecSchema } from '../domain/feature-spec';
import { benchmarkDataset, tbillSeries } from '../testing/feature-inputs';
import { choiceLookup, inputChoices, inputRowIssues, inputsOfRows, newInputRow } from './feature-inputs-form';

const traded = { ...benchmarkDataset('sp500'), symbol: '^GSPC' };
const spy = benchmarkDataset('SPY@v1');
const vix = { ...benchmarkDataset('VIX@v1'), symbol: '^VIX', name: 'VIX' };
const tbill = tbillSeries();

describe('the New trial form’s other inputs', () => {
	const choices = inputChoices([traded, spy, vix], [tbill], 'sp500');

	it('offers every stored dataset but the traded one, and every value series, with a likely role', () => {
		expect(choices.map((c) => [c.key, c.role])).toEqual([
			['dataset:SPY@v1', 'benchmark'],
			['dataset:VIX@v1', 'macro'],
			['series:fred:TB3MS', 'macro']
		]);
		expect(choiceLookup(choices)({ kind: 'series', id: 'fred:TB3MS' })?.value).toBe(tbill.value);
		expect(choiceLookup(choices)({ kind: 'dataset', id: 'fred:TB3MS' })).toBeUndefined();
	});

	it('starts a row with its role’s default lag and stops at four rows', () => {
		expect(newInputRow([], choices[0])).toEqual({
			key: 'dataset:SPY@v1',
			role: 'benchmark',
			lagUnit: 'observations',
			lag: 0
		});
		expect(newInputRow([], choices[2])).toMatchObject({ role: 'macro', lagUnit: 'observations', lag: 1 });
		const four = Array.from({ length: 4 }, () => newInputRow([], choices[2])!);
		expect(newInputRow(four, choices[0])).toBeNull();
		expect(newInputRow([], undefined)).toBeNull();
	});

	it('makes the spec’s features.inputs from the rows, and none from no rows', () => {
		expect(inputsOfRows([])).toBeUndefined();
		const inputs = inputsOfRows([
			newInputRow([], choices[0])!,
			{ key: 'series:fred:TB3MS', role: 'macro', lagUnit: 'days', lag: 30 }
		]);
		const parsed = featureSpecSchema.parse({ set: 'daily_v1', inputs });
		expect(parsed.inputs).toEqual([
			{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark', lag: { observations: 0 } },
			{ kind: 'series', id: 'fred:TB3MS', role: 'macro', lag: { days: 30 } }
		]);
	});

	it('names a row whose lag is not a whole number in range', () => {
		const ok = newInputRow([], choices[2])!;
		expect(inputRowIssues([ok])).toEqual([]);
		const issues = inputRowIssues([ok, { ...ok, lag: 25 }, { ...ok, lagUnit: 'days', lag: 1.5 }]);
		expect(issues.map((i) => i.path)).toEqual(['features.inputs.1.lag', 'features.inputs.2.lag']);
		expect(issues[1].message).toContain('days from 0 to 400');
	});
});
