import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModelFiles } from '../../../scripts/vite-model-ids';
import { CATALOG, getEntry, isRunnable } from '../catalog/catalog';
import { modelIdOfPath } from '../catalog/model-files';
import { ANALYSIS_TASKS } from './analysis';
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
			'binomial_tree_model',
			'black_scholes',
			'black_scholes_greeks_model',
			'boosted_trees_ensemble',
			'catboost',
			'cox_ingersoll_ross_model',
			'decision_tree',
			'elastic_net',
			'ema_crossover_model',
			'exponential_smoothing',
			'feedforward_mlp',
			'garch',
			'gradient_boosting',
			'heston_model',
			'hidden_markov_model',
			'k_nearest_neighbors',
			'kalman_filter',
			'kelly_criterion_bayesian',
			'kmeans_clustering',
			'lasso',
			'lightgbm',
			'linear_regression',
			'logistic_regression',
			'markov_switching',
			'monte_carlo_simulation',
			'online_learning_updates',
			'prophet',
			'random_forest',
			'regime_switching_volatility',
			'ridge',
			'sarima',
			'stacking_ensemble',
			'svr',
			'threshold_autoregressive',
			'vasicek_model',
			'voting_classifier',
			'xgboost',
			'yield_curve_analysis'
		]);
	});

	it.each(FILE_IDS)(
		'loads %s, whose module implements that id with the catalog’s kind and task',
		async (id) => {
			const { implementation, runtime } = await loadModel(id);
			const entry = getEntry(id)!;
			expect(implementation.id).toBe(id);
			// Formulas, measures, tests and transforms all run through the one analysis seam.
			const analysis = (ANALYSIS_TASKS as readonly string[]).includes(entry.task);
			expect(implementation.kind).toBe(analysis ? 'analysis' : entry.kind);
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
