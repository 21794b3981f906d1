import { describe, expect, it } from 'vitest';
import { sp500Provenance } from '../testing/sp500';
import { checkAnalysis, type InputFacts } from './analysis-policy';

const provenance = sp500Provenance();
const facts: Record<string, InputFacts> = {
	'dataset:sp': { id: 'sp', provenance, rows: provenance.rows, content: { recorded: 'h', actual: 'h' } },
	'dataset:changed': {
		id: 'changed',
		provenance,
		rows: provenance.rows,
		content: { recorded: 'h', actual: 'x' }
	},
	'series:dgs10': {
		id: 'dgs10',
		provenance: { ...provenance, source: 'fred' },
		rows: provenance.rows,
		content: { recorded: 'h', actual: 'h' }
	}
};
const check = (input: unknown) => checkAnalysis(input, (ref) => facts[`${ref.kind}:${ref.id}`]);
const issues = (d: ReturnType<typeof check>) =>
	d.allowed ? [] : d.issues.map((i) => `${i.path}: ${i.message}`);

describe('checkAnalysis', () => {
	it('admits an analysis on stored data, filling in defaults', () => {
		const d = check({ model: { id: 'maximum_drawdown_model' }, inputs: [{ kind: 'dataset', id: 'sp' }] });
		expect(issues(d)).toEqual([]);
		if (!d.allowed) return;
		expect(d.input).toBe('series');
		expect(d.spec.seed).toBe(42);
		expect(Object.keys(d.spec.model.params).sort()).toEqual(['lookback_window', 'recovery_threshold']);
	});

	it('admits a pair of a bar dataset and a value series', () => {
		const d = check({
			model: { id: 'granger_causality_test', params: { max_lag: 3 } },
			inputs: [
				{ kind: 'dataset', id: 'sp' },
				{ kind: 'series', id: 'dgs10' }
			]
		});
		expect(issues(d)).toEqual([]);
	});

	it('refuses a walk-forward model, an unimplemented one and an unknown one, naming model.id', () => {
		expect(issues(check({ model: { id: 'ridge' }, inputs: [{ kind: 'dataset', id: 'sp' }] }))).toEqual([
			'model.id: ridge is a regression model: it runs as a walk-forward trial, not an analysis'
		]);
		expect(issues(check({ model: { id: 'volatility_surface_model' }, inputs: [] }))[0]).toMatch(
			/is unavailable: .*option chains/
		);
		expect(issues(check({ model: { id: 'crystal_ball' }, inputs: [] }))[0]).toMatch(/not in the catalog/);
	});

	it('refuses the wrong number of datasets, saying how many the entry reads', () => {
		expect(
			issues(check({ model: { id: 'granger_causality_test' }, inputs: [{ kind: 'dataset', id: 'sp' }] }))
		).toEqual(['inputs: granger_causality_test reads 2 datasets (pair); got 1']);
		expect(issues(check({ model: { id: 'maximum_drawdown_model' }, inputs: [] }))).toEqual([
			'inputs: maximum_drawdown_model reads 1 dataset (series); got 0'
		]);
	});

	it('refuses an unknown or changed dataset, a duplicate, bad dates and bad params, all at once', () => {
		const d = check({
			model: { id: 'maximum_drawdown_model', params: { lookback_window: -1 } },
			inputs: [{ kind: 'dataset', id: 'changed' }]
		});
		expect(issues(d)).toEqual([
			expect.stringMatching(/^model\.params\.lookback_window: /),
			expect.stringMatching(/^inputs\.0: the stored content of dataset "changed" no longer matches/)
		]);
		expect(
			issues(check({ model: { id: 'maximum_drawdown_model' }, inputs: [{ kind: 'dataset', id: 'nope' }] }))
		).toEqual(['inputs.0: dataset "nope" does not exist']);
		expect(
			issues(
				check({
					model: { id: 'granger_causality_test' },
					inputs: [
						{ kind: 'dataset', id: 'sp' },
						{ kind: 'dataset', id: 'sp' }
					],
					from: '2010-01-01',
					to: '2009-01-01'
				})
			)
		).toEqual(['to: to (2009-01-01) is before from (2010-01-01)', 'inputs.1: input sp is listed twice']);
	});
});
