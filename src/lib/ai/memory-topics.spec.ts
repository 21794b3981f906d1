import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/catalog';
import { extractTopics, MODEL_ALIASES } from './memory-topics';

describe('extractTopics', () => {
	const CASES: readonly (readonly [string, string[]])[] = [
		// catalog models by id, name and alias
		['Train a random forest and XGBoost on SPY', ['model:random_forest', 'model:xgboost', 'symbol:SPY']],
		['random_forest vs random forests', ['model:random_forest']],
		['gradient boosting or gradient-boosted trees', ['model:gradient_boosting']],
		['LightGBM and CatBoost', ['model:lightgbm', 'model:catboost']],
		['Ridge regression, lasso and elastic net', ['model:ridge', 'model:lasso', 'model:elastic_net']],
		['a Bayesian ridge regression', ['model:bayesian_ridge_forecast']],
		['an MLP, i.e. a neural network', ['model:feedforward_mlp']],
		['a graph neural network', ['model:graph_neural_network']],
		['LSTMs and a GRU', ['model:lstm', 'model:gru']],
		['CNN-LSTM and bidirectional LSTM', ['model:cnn_lstm', 'model:bilstm']],
		['k-nearest neighbours and k-means', ['model:k_nearest_neighbors', 'model:kmeans_clustering']],
		['Holt-Winters, ARIMA and GARCH', ['model:exponential_smoothing', 'model:arima', 'model:garch']],
		['a hidden Markov model for regimes', ['model:hidden_markov_model', 'term:regime']],
		['the RSI and MACD signals', ['model:rsi_model', 'model:macd_model']],
		['walk-forward optimisation', ['model:walk_forward_optimization', 'term:walk_forward']],
		// finance terms
		['the Sharpe ratio and max drawdown of momentum', ['term:sharpe', 'term:drawdown', 'term:momentum']],
		['mean-reverting pairs with a stop-loss', ['term:mean_reversion', 'term:stop_loss']],
		['VaR at 95% and CVaR', ['term:var', 'term:expected_shortfall']],
		['value at risk, or value-at-risk', ['term:var']],
		['Black-Scholes option pricing', ['term:black_scholes', 'term:options']],
		['implied volatility of put options', ['term:options', 'term:volatility']],
		['hit rate and information coefficient', ['term:hit_rate', 'term:information_coefficient']],
		['an IC of 0.05', ['term:information_coefficient']],
		['annual returns after transaction costs', ['term:returns', 'term:transaction_costs']],
		['a portfolio with low turnover', ['term:portfolio', 'term:turnover']],
		// symbols
		['$aapl, ^GSPC and I:SPX', ['symbol:AAPL', 'symbol:^GSPC', 'symbol:I:SPX']],
		['UNRATE and dgs10 from FRED', ['symbol:UNRATE', 'symbol:DGS10']],
		['SPY vs QQQ', ['symbol:SPY', 'symbol:QQQ']],
		// false positives of the original and of naive ticker reading
		['for various reasons', []],
		['The function returned early', []],
		['What are my options?', []],
		['I think A is OK for US markets', []],
		['THE AI FOR ML', []],
		['stochastic gradient descent', []],
		['the ROC curve', []],
		['hmm, let me think', []],
		['ok thanks', []],
		['', []]
	];

	it.each(CASES)('reads %j as %j', (text, topics) => expect(extractTopics(text)).toEqual(topics));

	it('finds every catalog entry by its id written as words', () => {
		const missed = CATALOG.filter((e) => {
			const topics = extractTopics(e.id.replace(/_/g, ' '));
			return !topics.includes(`model:${e.id}`) && !topics.some((t) => t.startsWith('term:'));
		}).map((e) => e.id);
		// Words too common to name a model alone; their names and aliases still do ("rate of change", "VaR").
		expect(missed).toEqual(['stochastic_model', 'roc_model', 'fractal_model']);
	});

	it.each(Object.entries(MODEL_ALIASES))('reads the alias %j as the catalog model %s', (alias, id) => {
		expect(CATALOG.some((e) => e.id === id)).toBe(true);
		expect(extractTopics(alias)).toEqual([`model:${id}`]);
	});

	it('gives every topic one of the three kinds', () => {
		for (const [text] of CASES)
			for (const t of extractTopics(text)) expect(t).toMatch(/^(model|term|symbol):\S+$/);
	});
});
