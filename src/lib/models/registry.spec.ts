import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModelFiles } from '../../../scripts/vite-model-ids';
import { CATALOG, getEntry, isRunnable } from '../catalog/catalog';
import { modelIdOfPath } from '../catalog/model-files';
import { loadModel, REGISTERED_IDS, UnknownModelError } from './registry';

const FILE_IDS = listModelFiles(join(process.cwd(), 'src/lib/models')).map((f) => modelIdOfPath(f)!);

describe('the model seam', () => {
	it('derives the registry from the model files: one `<kebab-id>.model.ts` per implemented entry', () => {
		expect([...REGISTERED_IDS].sort()).toEqual([...FILE_IDS].sort());
	});

	it('marks an entry runnable exactly when it has a module, and the reverse', () => {
		const runnable = CATALOG.filter(isRunnable).map((e) => e.id);
		expect(runnable.sort()).toEqual([...FILE_IDS].sort());
	});

	it('has no module for an id outside the catalog or for an entry declared unavailable', () => {
		for (const id of FILE_IDS) {
			const entry = getEntry(id);
			expect(entry, `${id}.model.ts names no catalog entry`).toBeDefined();
			expect(typeof entry!.status, `${id} is declared unavailable but has a module`).toBe('string');
		}
	});

	it('runs exactly these entries today, one model file each', () => {
		expect(FILE_IDS.sort()).toEqual([
			'arima',
			'bagging',
			'bayesian_change_point_detection',
			'bayesian_ridge_forecast',
			'bid_ask_spread_analysis',
			'boosted_trees_ensemble',
			'catboost',
			'decision_tree',
			'elastic_net',
			'ema_crossover_model',
			'ewma_risk_metrics',
			'expected_shortfall_model',
			'exponential_smoothing',
			'feedforward_mlp',
			'garch',
			'gradient_boosting',
			'hidden_markov_model',
			'information_ratio',
			'k_nearest_neighbors',
			'kalman_filter',
			'kmeans_clustering',
			'lasso',
			'lightgbm',
			'linear_regression',
			'liquidity_assessment',
			'logistic_regression',
			'market_impact_models',
			'market_stress_indicators',
			'markov_switching',
			'maximum_drawdown_model',
			'omega_ratio',
			'online_learning_updates',
			'prophet',
			'random_forest',
			'regime_switching_volatility',
			'ridge',
			'sarima',
			'stacking_ensemble',
			'sterling_ratio',
			'svr',
			'threshold_autoregressive',
			'var',
			'voting_classifier',
			'xgboost'
		]);
	});

	it.each(FILE_IDS)(
		'loads %s, whose module implements that id with the catalog’s kind and task',
		async (id) => {
			const { implementation, runtime } = await loadModel(id);
			const entry = getEntry(id)!;
			expect(implementation.id).toBe(id);
			// An analysis implements a formula, test or procedure entry (seam.ts KINDS_OF).
			if (implementation.kind === 'analysis') expect(['formula', 'test', 'procedure']).toContain(entry.kind);
			// A formula can forecast volatility through the learner seam (RiskMetrics EWMA; seam.ts KINDS_OF.learner).
			else if (implementation.kind === 'learner') expect(['learner', 'formula']).toContain(entry.kind);
			else expect(implementation.kind).toBe(entry.kind);
			expect(implementation.task).toBe(entry.task);
			expect(runtime.backend).toMatch(/^(js-float64|tfjs-wasm)$/);
			const cost = implementation.deadlineMs(1_000, {});
			expect(cost).toBeGreaterThanOrEqual(60_000);
			expect(cost).toBeLessThanOrEqual(30 * 60_000);
		}
	);

	it('refuses an id without a module with a coded error', async () => {
		await expect(loadModel('meta_learner_strategy_selector')).rejects.toBeInstanceOf(UnknownModelError);
		await expect(loadModel('meta_learner_strategy_selector')).rejects.toMatchObject({
			code: 'model_not_implemented'
		});
	});
});
