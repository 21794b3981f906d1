import { describe, expect, it } from 'vitest';
import { isAnalysisTask } from '$lib/catalog/analysis-kinds';
import { CATALOG, isRunnable } from '$lib/catalog/catalog';
import { analysisGroups, inputKindOf, refsFor, restoreAnalysisDraft, slotLabels } from './analysis-form';

describe('the New analysis form', () => {
	it('offers runnable analyses grouped by task, and no walk-forward model', () => {
		const groups = analysisGroups();
		expect(groups.map((g) => g.label)).toEqual([
			'Pricing',
			'Measures',
			'Statistical tests',
			'Transforms',
			'Portfolios (rebalanced walk-forward)'
		]);
		const offered = groups.flatMap((g) => g.entries.map((e) => e.id));
		expect([...offered].sort()).toEqual(
			CATALOG.filter((e) => isRunnable(e) && isAnalysisTask(e.task))
				.map((e) => e.id)
				.sort()
		);
		expect(groups[0].entries.every((e) => e.task === 'pricing')).toBe(true);
		expect(offered).toContain('black_scholes');
		expect(offered).not.toContain('ridge');
	});

	it('knows how many inputs each takes, and names the slots', () => {
		expect(inputKindOf('black_scholes')).toBe('none');
		expect(inputKindOf('adf_kpss_tests')).toBe('series');
		expect(inputKindOf('granger_causality_test')).toBe('pair');
		expect(inputKindOf('ridge')).toBeNull();
		expect(slotLabels('pair')).toHaveLength(2);
		expect(inputKindOf('pairs_trading_model')).toBe('pair');
		expect(slotLabels('pair', 'pairs_trading_model')).toEqual([
			'Leg A (regressed on B)',
			'Leg B (the hedge)'
		]);
		expect(inputKindOf('sector_rotation_analysis')).toBe('panel');
		expect(refsFor('series', ['dataset:sp', 'series:DGS10'])).toEqual([{ kind: 'dataset', id: 'sp' }]);
		expect(refsFor('pair', ['', 'series:DGS10'])).toEqual([{ kind: 'series', id: 'DGS10' }]);
	});

	it('restores a draft field by field, dropping what no longer fits', () => {
		const restored = restoreAnalysisDraft({
			modelId: 'granger_causality_test',
			params: { max_lag: 6, nonsense: 1 },
			inputs: ['dataset:sp'],
			from: '2001-01-01',
			to: 7,
			seed: 3,
			name: 'x'
		});
		expect(restored.modelId).toBe('granger_causality_test');
		expect(restored.params?.max_lag).toBe(6);
		expect(
			restoreAnalysisDraft({ modelId: 'granger_causality_test', params: { max_lag: 999 } }).params?.max_lag
		).toBe(4);
		expect(restored.params).not.toHaveProperty('nonsense');
		expect(restored).toMatchObject({ inputs: ['dataset:sp'], from: '2001-01-01', seed: 3, name: 'x' });
		expect(restored).not.toHaveProperty('to');
		expect(restoreAnalysisDraft({ modelId: 'ridge' })).not.toHaveProperty('modelId');
		expect(restoreAnalysisDraft(null)).toEqual({});
	});
});
