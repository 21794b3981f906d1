/** ensemble_meta (entries 33–40) and regime_clustering (41–45). */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, floatList, int, oneOf, someOf } from './helpers';

const confidenceThreshold = float(0.7, 0.5, 0.95, 'Minimum agreement needed before a vote counts');

export const ENSEMBLE_AND_REGIME_ENTRIES = [
	{
		index: 33,
		id: 'stacking_ensemble',
		name: 'Stacking ensemble',
		category: 'ensemble_meta',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.StackingRegressor',
		description:
			'Trains a final model on the out-of-fold predictions of several base regressors, so it learns how far to trust each one.',
		params: {
			cv: int(5, 3, 10, 'Folds used to produce the out-of-fold predictions'),
			n_jobs: int(-1, -1, 32, 'Base models fitted in parallel; -1 means as many as are available')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 34,
		id: 'voting_classifier',
		name: 'Voting classifier',
		category: 'ensemble_meta',
		family: 'ML',
		kind: 'learner',
		task: 'classification',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.VotingClassifier',
		description:
			'Combines several classifiers by majority of predicted labels (hard) or by averaging their predicted probabilities (soft).',
		params: {
			voting: oneOf('soft', ['soft', 'hard'], 'Average probabilities (soft) or count labels (hard)'),
			weights: floatList(
				[],
				{ minLength: 0, maxLength: 10, min: 0, max: 10 },
				'Weight of each base classifier; empty means equal weights'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 35,
		id: 'bagging',
		name: 'Bagging',
		category: 'ensemble_meta',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.BaggingRegressor',
		description:
			'Averages copies of a base regressor (a decision tree by default), each fitted on a bootstrap sample of the rows.',
		params: {
			n_estimators: int(10, 5, 100, 'Number of base models'),
			max_samples: float(1.0, 0.1, 1.0, 'Fraction of rows drawn for each base model')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 36,
		id: 'boosted_trees_ensemble',
		name: 'AdaBoost regression trees',
		category: 'ensemble_meta',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.AdaBoostRegressor',
		description:
			'AdaBoost.R2: fits shallow trees in sequence, giving more weight to the rows the previous trees predicted worst, and combines them by a weighted median.',
		params: {
			n_estimators: int(50, 10, 500, 'Maximum number of trees'),
			learning_rate: float(1.0, 0.01, 2.0, 'Shrinks each tree’s weight', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 37,
		id: 'meta_learner_strategy_selector',
		name: 'Meta-learner strategy selector',
		category: 'ensemble_meta',
		family: 'META',
		kind: 'learner',
		task: 'classification',
		inputs: ['features'],
		original: 'custom → meta_learning.MetaLearnerStrategySelector',
		description:
			'Learns, from descriptive features of past datasets and how each strategy fared on them, which strategy in a pool to recommend for a new dataset.',
		params: {
			meta_features: someOf(
				['dataset_size', 'feature_count', 'target_variance'],
				[
					'dataset_size',
					'feature_count',
					'target_variance',
					'target_autocorrelation',
					'volatility',
					'trend_strength'
				],
				'Dataset descriptors the selector learns from'
			),
			strategy_pool_size: int(10, 3, 50, 'Number of candidate strategies')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 38,
		id: 'ensemble_voting',
		name: 'Weighted signal vote',
		category: 'ensemble_meta',
		family: 'META',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → ensemble.EnsembleVoting',
		description:
			'Combines the positions of the chosen rule signals (each at its catalog defaults) by a vote and takes a side only when its share of the vote reaches the confidence threshold. majority: one vote per member; weighted: each member’s say is its position size times a weight from its mean daily return on the training window (members that lost money there have none); unanimous: every member on the same side.',
		params: {
			voting_strategy: oneOf(
				'weighted',
				['weighted', 'majority', 'unanimous'],
				'How the individual signals are combined'
			),
			confidence_threshold: confidenceThreshold,
			members: someOf(
				[
					'ema_crossover_model',
					'momentum_breakout_model',
					'breakout_detection_model',
					'regime_switching_momentum',
					'rolling_mean_reversion'
				],
				[
					'ema_crossover_model',
					'rolling_mean_reversion',
					'rolling_zscore_regime_scorer',
					'momentum_breakout_model',
					'trend_reversal_model',
					'volume_spike_model',
					'volume_confirmed_breakout_model',
					'vpa_model',
					'breakout_detection_model',
					'support_resistance_model',
					'regime_switching_momentum',
					'fractal_model'
				],
				'Signals that vote, each run with its catalog defaults',
				{ minLength: 2 }
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 39,
		id: 'meta_learner',
		name: 'Meta-learner (task transfer)',
		category: 'ensemble_meta',
		family: 'META',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'custom → meta_learning.MetaLearner',
		description:
			'Starts from a model trained on similar earlier tasks (for example other symbols) and adapts it to the new one at a controlled rate.',
		params: {
			task_similarity_threshold: float(0.8, 0.5, 0.95, 'Minimum similarity for an earlier task to be reused'),
			adaptation_rate: float(0.01, 0.001, 0.1, 'Step size when adapting to the new task', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 40,
		id: 'maml',
		name: 'Model-agnostic meta-learning (MAML)',
		category: 'ensemble_meta',
		family: 'META',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'custom → meta_learning.MAML',
		description:
			'Learns initial network weights from many related tasks such that a few gradient steps on a new task give a good model.',
		params: {
			inner_lr: float(0.01, 0.001, 0.1, 'Learning rate of the per-task adaptation steps', { log: true }),
			outer_lr: float(0.001, 0.0001, 0.01, 'Learning rate of the shared initial weights', { log: true }),
			inner_steps: int(5, 1, 20, 'Adaptation steps per task')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 41,
		id: 'hidden_markov_model',
		name: 'Gaussian hidden Markov model',
		category: 'regime_clustering',
		family: 'ML',
		kind: 'learner',
		task: 'regime',
		inputs: ['returns'],
		original: 'hmmlearn → hmmlearn.hmm.GaussianHMM',
		description:
			'Assumes the market switches between hidden states, each with its own Gaussian distribution of returns, and fits the states and switching probabilities by expectation–maximisation.',
		params: {
			n_components: int(3, 2, 10, 'Number of hidden states'),
			covariance_type: oneOf(
				'full',
				['full', 'diag', 'spherical', 'tied'],
				'Form of each state’s covariance matrix'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 42,
		id: 'kmeans_clustering',
		name: 'k-means clustering',
		category: 'regime_clustering',
		family: 'ML',
		kind: 'learner',
		task: 'clustering',
		inputs: ['features'],
		original: 'sklearn → sklearn.cluster.KMeans',
		description:
			'Groups rows into k clusters by repeatedly assigning each row to the nearest centre and moving each centre to the mean of its rows.',
		params: {
			n_clusters: int(3, 2, 20, 'Number of clusters'),
			init: oneOf('k-means++', ['k-means++', 'random'], 'How the initial centres are chosen'),
			max_iter: int(300, 100, 1000, 'Maximum iterations per run')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 43,
		id: 'bayesian_change_point_detection',
		name: 'Change-point detection (PELT)',
		category: 'regime_clustering',
		family: 'STAT',
		kind: 'learner',
		task: 'regime',
		inputs: ['returns'],
		original: 'ruptures → ruptures.Pelt',
		description:
			'Finds the points where a series’ distribution changes by minimising a segment cost plus a penalty per change. Despite the name, the original pointed at PELT, a penalised search, not a Bayesian method.',
		params: {
			model: oneOf('rbf', ['rbf', 'l1', 'l2', 'normal', 'linear'], 'Cost function measuring a segment’s fit'),
			min_size: int(2, 1, 50, 'Shortest allowed segment in observations'),
			penalty: float(1.0, 0.1, 100.0, 'Cost added per change point; larger values find fewer changes', {
				log: true
			})
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 44,
		id: 'rolling_zscore_regime_scorer',
		name: 'Rolling z-score regime flag',
		category: 'regime_clustering',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → regime_detection.RollingZScoreRegimeScorer',
		description:
			'Flags an unusual regime when the close is more than the threshold number of standard deviations (ddof 1) from the mean of the window before it, and follows it: long in the high regime (z above the threshold), short in the low regime (z below minus the threshold), flat in between.',
		params: {
			window_size: int(50, 10, 200, 'Bars in the rolling window'),
			threshold: float(2.0, 1.0, 5.0, 'Z-score that marks a regime change')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 45,
		id: 'markov_switching',
		name: 'Markov-switching regression',
		category: 'regime_clustering',
		family: 'STAT',
		kind: 'learner',
		task: 'regime',
		inputs: ['returns'],
		original: 'statsmodels → statsmodels.tsa.regime_switching.MarkovRegression',
		description:
			'A regression whose mean (and optionally variance) switches between regimes that follow a Markov chain, fitted by maximum likelihood; gives the probability of each regime at each time.',
		params: {
			k_regimes: int(2, 2, 5, 'Number of regimes'),
			switching_variance: bool(true, 'Let the variance differ between regimes')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];
