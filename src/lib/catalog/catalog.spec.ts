import { describe, expect, it } from 'vitest';
import {
	CATALOG,
	entriesByCategory,
	getEntry,
	isRunnable,
	paramsSchemaFor,
	requireEntry,
	runKindOf,
	statusLabel,
	unavailableReason,
	validateParams
} from './catalog';
import { defaultParams, type ParamSpec } from './params';
import { STUDY_PROCEDURE_IDS } from './study-procedures';
import { CATEGORIES, type Category, type Family } from './types';

/** Counts from reference/original-system.md §1.3. */
const CATEGORY_COUNTS: Record<Category, number> = {
	time_series: 8,
	traditional_ml: 11,
	deep_learning: 8,
	reinforcement_learning: 5,
	ensemble_meta: 8,
	regime_clustering: 5,
	forecasting_optimization: 7,
	nlp_sentiment: 3,
	momentum: 15,
	volume_analysis: 6,
	pattern_recognition: 5,
	cutting_edge_ai: 10,
	financial_engineering: 4,
	information_theory: 5,
	risk_analytics: 4,
	market_microstructure: 4,
	system_intelligence: 5,
	optimization: 3,
	macro_analysis: 3,
	advanced: 18
};

/** The kind-column legend of §1.3. */
const FAMILY_COUNTS: Record<Family, number> = {
	ML: 21,
	DL: 14,
	RL: 6,
	STAT: 12,
	IND: 15,
	RULE: 17,
	FORMULA: 28,
	OPT: 3,
	SIM: 1,
	TEST: 3,
	TRANSFORM: 2,
	META: 7,
	NLP: 3,
	INFRA: 5
};

/** Catalog order; each has a `<kebab-id>.model.ts` module (models/registry.spec.ts checks the files), except the
 * procedures that run as studies (catalog/study-procedures.ts). */
const RUNNABLE_IDS = [
	'arima',
	'sarima',
	'prophet',
	'exponential_smoothing',
	'rolling_mean_reversion',
	'garch',
	'kalman_filter',
	'seasonal_decomposition',
	'random_forest',
	'xgboost',
	'lightgbm',
	'catboost',
	'logistic_regression',
	'k_nearest_neighbors',
	'svr',
	'linear_regression',
	'ridge',
	'lasso',
	'elastic_net',
	'feedforward_mlp',
	'stacking_ensemble',
	'voting_classifier',
	'bagging',
	'boosted_trees_ensemble',
	'ensemble_voting',
	'hidden_markov_model',
	'kmeans_clustering',
	'bayesian_change_point_detection',
	'rolling_zscore_regime_scorer',
	'markov_switching',
	'bayesian_ridge_forecast',
	'markowitz_mean_variance_optimizer',
	'dynamic_risk_parity_model',
	'maximum_sharpe_ratio_optimizer',
	'black_scholes',
	'monte_carlo_simulation',
	'var',
	'rsi_model',
	'macd_model',
	'bollinger_breakout_model',
	'volume_price_trend_model',
	'williams_r_model',
	'stochastic_model',
	'commodity_channel_index',
	'accumulation_distribution_line',
	'cci_ensemble',
	'ema_model',
	'roc_model',
	'parabolic_sar_model',
	'ema_crossover_model',
	'momentum_breakout_model',
	'trend_reversal_model',
	'obv_model',
	'volume_spike_model',
	'volume_price_analysis_model',
	'volume_confirmed_breakout_model',
	'vpa_model',
	'volume_weighted_price',
	'breakout_detection_model',
	'support_resistance_model',
	'candlestick_pattern_model',
	'high_tight_flag_model',
	'chart_pattern_recognition',
	'fractal_model',
	'wavelet_transform_model',
	'empirical_mode_decomposition',
	'hurst_exponent_fractal',
	'threshold_autoregressive',
	'kelly_criterion_bayesian',
	'ewma_risk_metrics',
	'regime_switching_volatility',
	'transfer_entropy',
	'shannon_entropy_mutual_info',
	'granger_causality_test',
	'network_topology_analysis',
	'lempel_ziv_complexity',
	'omega_ratio',
	'sterling_ratio',
	'information_ratio',
	'market_stress_indicators',
	'market_impact_models',
	'bid_ask_spread_analysis',
	'liquidity_assessment',
	'automated_feature_engineering',
	'hyperparameter_evolution',
	'causal_inference_discovery',
	'online_learning_updates',
	'concept_drift_detection',
	'walk_forward_optimization',
	'bayesian_parameter_optimization',
	'yield_curve_analysis',
	'sector_rotation_analysis',
	'adf_kpss_tests',
	'gradient_boosting',
	'decision_tree',
	'pairs_trading_model',
	'regime_switching_momentum',
	'heston_model',
	'black_scholes_greeks_model',
	'elliott_wave_model',
	'expected_shortfall_model',
	'binomial_tree_model',
	'vasicek_model',
	'cox_ingersoll_ross_model',
	'maximum_drawdown_model'
];

const UNAVAILABLE_IDS = [
	'finbert_sentiment_classifier',
	'bert_classification_head',
	'sentence_transformer_embedding',
	'alternative_data_model',
	'vision_transformer_chart',
	'order_book_imbalance_model',
	'order_flow_analysis',
	'volatility_surface_model',
	'federated_learning'
];

function countBy<T extends string>(keys: readonly T[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const key of keys) out[key] = (out[key] ?? 0) + 1;
	return out;
}

function specOf(id: string, name: string): ParamSpec {
	const spec = requireEntry(id).params[name];
	if (!spec) throw new Error(`${id} has no parameter ${name}`);
	return spec;
}

function failurePaths(id: string, params: unknown): string[] {
	const result = validateParams(id, params);
	if (result.ok) throw new Error(`expected ${JSON.stringify(params)} to be refused for ${id}`);
	return result.issues.map((issue) => issue.path);
}

describe('the catalog', () => {
	it('holds exactly the 137 entries of the original system', () => {
		expect(CATALOG).toHaveLength(137);
	});

	it('has unique snake_case ids', () => {
		const ids = CATALOG.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
	});

	it('keeps the original file order as indexes 1 to 137', () => {
		expect(CATALOG.map((entry) => entry.index)).toEqual(Array.from({ length: 137 }, (_, i) => i + 1));
	});

	it('has as many entries in each category as the original table', () => {
		expect(countBy(CATALOG.map((entry) => entry.category))).toEqual(CATEGORY_COUNTS);
	});

	it('has as many entries of each family as the original legend', () => {
		expect(countBy(CATALOG.map((entry) => entry.family))).toEqual(FAMILY_COUNTS);
	});

	it('keeps each category in one contiguous run, in the declared category order', () => {
		const runs = CATALOG.map((entry) => entry.category).filter((c, i, all) => i === 0 || all[i - 1] !== c);
		expect(runs).toEqual([...CATEGORIES]);
	});

	it('gives every entry a name, a description, the original class and at least one input', () => {
		for (const entry of CATALOG) {
			expect(entry.name.trim(), entry.id).not.toBe('');
			expect(entry.description.trim().length, entry.id).toBeGreaterThan(20);
			expect(entry.original, entry.id).toContain('→');
			expect(entry.inputs.length, entry.id).toBeGreaterThan(0);
		}
	});
});

describe('parameter declarations', () => {
	it('parse each entry’s defaults through its own schema to exactly defaultParams', () => {
		for (const entry of CATALOG) {
			const defaults = defaultParams(entry.params);
			expect(paramsSchemaFor(entry.id).parse({}), entry.id).toEqual(defaults);
			expect(paramsSchemaFor(entry.id).parse(defaults), entry.id).toEqual(defaults);
			expect(validateParams(entry.id, undefined), entry.id).toEqual({ ok: true, value: defaults });
		}
	});

	it('put every default inside its declared range, length and choices', () => {
		for (const entry of CATALOG) {
			for (const [name, spec] of Object.entries(entry.params)) {
				const where = `${entry.id}.${name}`;
				expect(spec.description.trim(), where).not.toBe('');
				switch (spec.type) {
					case 'int':
					case 'float':
						expect(spec.min, where).toBeLessThan(spec.max);
						if (spec.log) expect(spec.min, where).toBeGreaterThan(0);
						if (spec.default === null) {
							expect(spec.type === 'int' && spec.nullable, where).toBe(true);
						} else {
							expect(spec.default, where).toBeGreaterThanOrEqual(spec.min);
							expect(spec.default, where).toBeLessThanOrEqual(spec.max);
							if (spec.type === 'int') expect(Number.isInteger(spec.default), where).toBe(true);
						}
						break;
					case 'int_list':
					case 'float_list':
						expect(spec.default.length, where).toBeGreaterThanOrEqual(spec.minLength);
						expect(spec.default.length, where).toBeLessThanOrEqual(spec.maxLength);
						for (const v of spec.default) {
							expect(v, where).toBeGreaterThanOrEqual(spec.min);
							expect(v, where).toBeLessThanOrEqual(spec.max);
						}
						break;
					case 'enum':
						expect(spec.choices, where).toContain(spec.default);
						expect(new Set(spec.choices).size, where).toBe(spec.choices.length);
						break;
					case 'enum_list':
						expect(spec.default.length, where).toBeGreaterThanOrEqual(spec.minLength);
						expect(spec.default.length, where).toBeLessThanOrEqual(spec.maxLength);
						for (const v of spec.default) expect(spec.choices, where).toContain(v);
						break;
					case 'bool':
						break;
				}
			}
		}
	});

	it('match the original table for a sample of entries', () => {
		expect(specOf('catboost', 'iterations')).toMatchObject({
			type: 'int',
			default: 1000,
			min: 100,
			max: 5000
		});
		expect(specOf('garch', 'p')).toMatchObject({ type: 'int', default: 1, min: 1, max: 5 });
		expect(specOf('heston_model', 'rho')).toMatchObject({ type: 'float', default: -0.5, min: -1, max: 1 });
		expect(specOf('random_forest', 'max_depth')).toMatchObject({
			type: 'int',
			default: null,
			nullable: true,
			min: 1,
			max: 50
		});
		expect(specOf('arima', 'order')).toMatchObject({
			type: 'int_list',
			default: [1, 1, 1],
			minLength: 3,
			maxLength: 3
		});
		expect(specOf('sarima', 'seasonal_order')).toMatchObject({ default: [1, 1, 1, 12], minLength: 4 });
		expect(specOf('finbert_sentiment_classifier', 'model_name')).toMatchObject({
			type: 'enum',
			default: 'ProsusAI/finbert',
			choices: ['ProsusAI/finbert']
		});
		expect(specOf('lightgbm', 'num_leaves')).toMatchObject({ default: 31, min: 10, max: 300 });
		expect(specOf('dueling_dqn', 'buffer_size')).toMatchObject({ default: 50000, min: 10000, max: 1000000 });
		expect(specOf('black_scholes_greeks_model', 'time_to_expiry')).toMatchObject({
			default: 0.25,
			min: 0.001,
			max: 5
		});
		expect(specOf('candlestick_pattern_model', 'pattern_types').default).toEqual([
			'doji',
			'hammer',
			'engulfing'
		]);
	});
});

describe('statuses', () => {
	it('mark exactly the implemented entries as runnable', () => {
		expect(CATALOG.filter(isRunnable).map((entry) => entry.id)).toEqual(RUNNABLE_IDS);
	});

	it('mark exactly the entries whose data no approved source supplies as unavailable, each with a reason', () => {
		const unavailable = CATALOG.filter((entry) => unavailableReason(entry) !== undefined);
		expect(unavailable.map((entry) => entry.id).sort()).toEqual([...UNAVAILABLE_IDS].sort());
		for (const entry of unavailable)
			expect(unavailableReason(entry)?.trim().length, entry.id).toBeGreaterThan(20);
	});

	it('mark every other entry as not implemented', () => {
		const rest = CATALOG.filter((e) => !RUNNABLE_IDS.includes(e.id) && !UNAVAILABLE_IDS.includes(e.id));
		expect(rest).toHaveLength(137 - RUNNABLE_IDS.length - 9);
		for (const entry of rest) expect(entry.status, entry.id).toBe('not_implemented');
	});

	it('run the procedures of study-procedures.ts as studies, analyses as analyses and the rest as trials', () => {
		const byKind = (kind: string) =>
			CATALOG.filter((e) => isRunnable(e) && runKindOf(e) === kind).map((e) => e.id);
		expect(byKind('study')).toEqual([
			'automated_feature_engineering',
			'hyperparameter_evolution',
			'bayesian_parameter_optimization'
		]);
		expect(byKind('study').sort()).toEqual([...STUDY_PROCEDURE_IDS].sort());
		for (const id of STUDY_PROCEDURE_IDS)
			expect(requireEntry(id), id).toMatchObject({
				kind: 'procedure',
				task: 'procedure',
				status: 'runnable'
			});
		expect(byKind('analysis')).toContain('black_scholes');
		expect(byKind('trial')).toContain('ridge');
		expect(byKind('trial')).not.toContain('hyperparameter_evolution');
		// Walk-forward optimisation runs inside another model's trial (nested tuning, procedures.ts).
		expect(byKind('tuning')).toEqual(['walk_forward_optimization']);
		// Federated learning has no meaning here: unavailable, with the reason.
		expect(unavailableReason(requireEntry('federated_learning'))).toMatch(/one user in one browser/);
	});

	it('label each status for the user', () => {
		expect(statusLabel('runnable')).toBe('runnable');
		expect(statusLabel('not_implemented')).toBe('not yet implemented');
		expect(statusLabel({ unavailable: 'needs text' })).toBe('unavailable');
	});

	it('declare exactly the parameters the runnable learners read', () => {
		expect(Object.keys(requireEntry('ridge').params)).toEqual(['alpha', 'fit_intercept']);
		expect(specOf('ridge', 'alpha')).toMatchObject({ default: 1, min: 0.0001, max: 1000, log: true });
		expect(Object.keys(requireEntry('linear_regression').params)).toEqual(['fit_intercept', 'normalize']);
		expect(Object.keys(requireEntry('lasso').params)).toEqual(['alpha', 'max_iter']);
		expect(Object.keys(requireEntry('elastic_net').params)).toEqual(['alpha', 'l1_ratio']);
		expect(Object.keys(requireEntry('xgboost').params)).toEqual([
			'n_estimators',
			'max_depth',
			'learning_rate',
			'min_samples_leaf',
			'subsample',
			'reg_lambda',
			'max_bins'
		]);
		expect(defaultParams(requireEntry('xgboost').params)).toEqual({
			n_estimators: 100,
			max_depth: 6,
			learning_rate: 0.3,
			min_samples_leaf: 1,
			subsample: 1,
			reg_lambda: 1,
			max_bins: 255
		});
		expect(defaultParams(requireEntry('feedforward_mlp').params)).toEqual({
			hidden_layers: [128, 64, 32],
			activation: 'relu',
			dropout_rate: 0.3,
			epochs: 30,
			learning_rate: 0.001,
			batch_size: 64
		});
		expect(specOf('feedforward_mlp', 'hidden_layers')).toMatchObject({
			minLength: 1,
			maxLength: 6,
			min: 1,
			max: 1024
		});
	});
});

describe('validateParams', () => {
	it('fills in defaults for omitted fields and keeps given ones', () => {
		const result = validateParams('xgboost', { max_depth: 3 });
		expect(result).toEqual({
			ok: true,
			value: { ...defaultParams(requireEntry('xgboost').params), max_depth: 3 }
		});
	});

	it('refuses an out-of-range value and names the field', () => {
		expect(failurePaths('xgboost', { max_depth: 99 })).toEqual(['max_depth']);
		expect(failurePaths('ridge', { alpha: -1 })).toEqual(['alpha']);
	});

	it('refuses a value of the wrong type and names the field', () => {
		expect(failurePaths('xgboost', { max_depth: '6' })).toEqual(['max_depth']);
		expect(failurePaths('xgboost', { n_estimators: 10.5 })).toEqual(['n_estimators']);
		expect(failurePaths('ridge', { fit_intercept: 'yes' })).toEqual(['fit_intercept']);
		expect(failurePaths('feedforward_mlp', { activation: 'swish' })).toEqual(['activation']);
	});

	it('refuses a bad list element and names the field and position', () => {
		expect(failurePaths('feedforward_mlp', { hidden_layers: [64, 0] })).toEqual(['hidden_layers.1']);
		expect(failurePaths('feedforward_mlp', { hidden_layers: [] })).toEqual(['hidden_layers']);
	});

	it('refuses an unknown key and names it', () => {
		const result = validateParams('ridge', { alpha: 2, foo: 1 });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.issues.map((issue) => issue.path)).toEqual(['foo']);
			expect(result.issues[0].message).toContain('foo');
		}
	});

	it('accepts null for a parameter that allows no limit', () => {
		const result = validateParams('random_forest', { max_depth: null });
		expect(result.ok && result.value.max_depth).toBeNull();
	});

	it('refuses a params value that is not an object', () => {
		expect(validateParams('ridge', null).ok).toBe(false);
		expect(validateParams('ridge', [1]).ok).toBe(false);
	});

	it('reports an unknown model id as an issue instead of throwing', () => {
		expect(validateParams('no_such_model', {})).toEqual({
			ok: false,
			issues: [{ path: '', message: "Unknown catalog model id 'no_such_model'" }]
		});
	});
});

describe('lookups', () => {
	it('find an entry by id and return undefined for an unknown one', () => {
		expect(getEntry('garch')?.index).toBe(6);
		expect(getEntry('nope')).toBeUndefined();
	});

	it('throw a clear error from requireEntry for an unknown id', () => {
		expect(() => requireEntry('nope')).toThrow(/Unknown catalog model id 'nope'/);
	});

	it('group entries by category in declared order', () => {
		const groups = entriesByCategory();
		expect([...groups.keys()]).toEqual([...CATEGORIES]);
		for (const [category, entries] of groups) {
			expect(entries).toHaveLength(CATEGORY_COUNTS[category]);
			for (const entry of entries) expect(entry.category).toBe(category);
		}
	});

	it('build each params schema once', () => {
		expect(paramsSchemaFor('ridge')).toBe(paramsSchemaFor('ridge'));
	});
});
