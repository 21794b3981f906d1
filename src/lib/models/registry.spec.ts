import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModelFiles } from '../../../scripts/vite-model-ids';
import { analysisInputOf } from '../catalog/analysis-kinds';
import { CATALOG, getEntry, isRunnable, runKindOf } from '../catalog/catalog';
import { modelIdOfPath } from '../catalog/model-files';
import { loadModel, REGISTERED_IDS, UnknownModelError } from './registry';

const FILE_IDS = listModelFiles(join(process.cwd(), 'src/lib/models')).map((f) => modelIdOfPath(f)!);

describe('the model seam', () => {
	it('derives the registry from the model files: one `<kebab-id>.model.ts` per implemented entry', () => {
		expect([...REGISTERED_IDS].sort()).toEqual([...FILE_IDS].sort());
	});

	it('marks an entry runnable exactly when it has a module, and the reverse (procedures run as studies or inside trials)', () => {
		const runnable = CATALOG.filter(
			(e) => isRunnable(e) && runKindOf(e) !== 'study' && runKindOf(e) !== 'tuning'
		).map((e) => e.id);
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
			'accumulation_distribution_line',
			'adf_kpss_tests',
			'arima',
			'bagging',
			'bayesian_change_point_detection',
			'bayesian_ridge_forecast',
			'bid_ask_spread_analysis',
			'binomial_tree_model',
			'black_scholes',
			'black_scholes_greeks_model',
			'bollinger_breakout_model',
			'boosted_trees_ensemble',
			'breakout_detection_model',
			'candlestick_pattern_model',
			'catboost',
			'causal_inference_discovery',
			'cci_ensemble',
			'chart_pattern_recognition',
			'commodity_channel_index',
			'concept_drift_detection',
			'cox_ingersoll_ross_model',
			'decision_tree',
			'dynamic_risk_parity_model',
			'elastic_net',
			'elliott_wave_model',
			'ema_crossover_model',
			'ema_model',
			'empirical_mode_decomposition',
			'ensemble_voting',
			'ewma_risk_metrics',
			'expected_shortfall_model',
			'exponential_smoothing',
			'feedforward_mlp',
			'fractal_model',
			'garch',
			'gradient_boosting',
			'granger_causality_test',
			'heston_model',
			'hidden_markov_model',
			'high_tight_flag_model',
			'hurst_exponent_fractal',
			'information_ratio',
			'k_nearest_neighbors',
			'kalman_filter',
			'kelly_criterion_bayesian',
			'kmeans_clustering',
			'lasso',
			'lempel_ziv_complexity',
			'lightgbm',
			'linear_regression',
			'liquidity_assessment',
			'logistic_regression',
			'macd_model',
			'market_impact_models',
			'market_stress_indicators',
			'markov_switching',
			'markowitz_mean_variance_optimizer',
			'maximum_drawdown_model',
			'maximum_sharpe_ratio_optimizer',
			'momentum_breakout_model',
			'monte_carlo_simulation',
			'network_topology_analysis',
			'obv_model',
			'omega_ratio',
			'online_learning_updates',
			'pairs_trading_model',
			'parabolic_sar_model',
			'prophet',
			'random_forest',
			'regime_switching_momentum',
			'regime_switching_volatility',
			'ridge',
			'roc_model',
			'rolling_mean_reversion',
			'rolling_zscore_regime_scorer',
			'rsi_model',
			'sarima',
			'seasonal_decomposition',
			'sector_rotation_analysis',
			'shannon_entropy_mutual_info',
			'stacking_ensemble',
			'sterling_ratio',
			'stochastic_model',
			'support_resistance_model',
			'svr',
			'threshold_autoregressive',
			'transfer_entropy',
			'trend_reversal_model',
			'var',
			'vasicek_model',
			'volume_confirmed_breakout_model',
			'volume_price_analysis_model',
			'volume_price_trend_model',
			'volume_spike_model',
			'volume_weighted_price',
			'voting_classifier',
			'vpa_model',
			'wavelet_transform_model',
			'williams_r_model',
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
			// The seam's kinds: a learner may implement a formula (EWMA volatility), an analysis a formula, a
			// test, a procedure, an optimiser, or a rule over several datasets run as a portfolio backtest
			// (pairs, rotation); otherwise the catalog's kind is the implementation's.
			const kinds: Record<string, string[]> = {
				learner: ['learner', 'formula', 'signal'],
				signal: ['signal'],
				analysis: ['formula', 'test', 'procedure', 'optimiser', 'signal']
			};
			expect(kinds[implementation.kind]).toContain(entry.kind);
			if (implementation.kind === 'analysis' && entry.kind === 'signal') expect(entry.task).toBe('portfolio');
			expect(implementation.task).toBe(entry.task);
			if (implementation.kind === 'analysis') expect(implementation.input).toBe(analysisInputOf(entry));
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
