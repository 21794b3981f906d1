/** traditional_ml (entries 9–19): tabular learners on a feature matrix. Ridge and the boosted trees run. */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, int, intOrNone, oneOf } from './helpers';

const alpha = float(1.0, 0.0001, 1000, 'Strength of the penalty on the coefficients', { log: true });
const inverseC = float(1.0, 0.001, 1000, 'Inverse regularisation strength: smaller values regularise more', {
	log: true
});

export const TRADITIONAL_ML_ENTRIES = [
	{
		index: 9,
		id: 'random_forest',
		name: 'Random forest',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.RandomForestRegressor',
		description:
			'Averages many regression trees, each grown on a bootstrap sample of rows, every feature considered at each split (scikit-learn’s default for regression).',
		params: {
			n_estimators: int(100, 10, 1000, 'Number of trees'),
			max_depth: intOrNone(1, 50, 'Maximum depth of each tree; none grows until the leaves are pure'),
			min_samples_split: int(2, 2, 20, 'Fewest rows a node needs before it may be split')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 10,
		id: 'xgboost',
		name: 'Gradient-boosted trees (XGBoost-style)',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'xgboost → xgboost.XGBRegressor',
		description:
			'Our own histogram-based gradient-boosted regression trees in the style of XGBoost (not the XGBoost library): each tree is fitted to the residual gradient on binned features, with shrinkage, row subsampling and L2 regularisation of leaf values.',
		params: {
			n_estimators: int(100, 10, 1000, 'Boosting rounds (trees)'),
			max_depth: int(6, 1, 15, 'Maximum depth of each tree'),
			learning_rate: float(0.3, 0.01, 1.0, 'Shrinkage applied to each tree’s contribution', { log: true }),
			min_samples_leaf: int(1, 1, 500, 'Fewest rows allowed in a leaf'),
			subsample: float(1.0, 0.1, 1.0, 'Fraction of rows sampled for each tree'),
			reg_lambda: float(1.0, 0, 100, 'L2 regularisation on leaf values'),
			max_bins: int(255, 8, 255, 'Histogram bins per feature')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 11,
		id: 'lightgbm',
		name: 'Gradient-boosted trees (LightGBM-style)',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'lightgbm → lightgbm.LGBMRegressor',
		description:
			'Our own gradient-boosted trees in the style of LightGBM (not the LightGBM library): grown leaf-wise (the leaf with the largest loss reduction is split next) on histogram-binned features, limited by the number of leaves rather than depth.',
		params: {
			n_estimators: int(100, 10, 1000, 'Boosting rounds (trees)'),
			num_leaves: int(31, 10, 300, 'Maximum leaves per tree'),
			learning_rate: float(0.1, 0.01, 0.5, 'Shrinkage applied to each tree’s contribution', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 12,
		id: 'catboost',
		name: 'Gradient-boosted oblivious trees (CatBoost-style)',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'catboost → catboost.CatBoostRegressor',
		description:
			'Gradient boosting with symmetric (oblivious) trees, where every node at one depth uses the same split; typically many small steps at a low learning rate.',
		params: {
			iterations: int(1000, 100, 5000, 'Boosting rounds (trees)'),
			depth: int(6, 1, 16, 'Depth of each symmetric tree'),
			learning_rate: float(0.03, 0.01, 0.3, 'Shrinkage applied to each tree’s contribution', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 13,
		id: 'logistic_regression',
		name: 'Logistic regression',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'classification',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.LogisticRegression',
		description:
			'Linear model of the log-odds of an up move, fitted by penalised maximum likelihood; outputs a probability of the positive class.',
		params: {
			C: inverseC,
			penalty: oneOf(
				'l2',
				['l2', 'l1', 'elasticnet', 'none'],
				'Type of coefficient penalty; elasticnet mixes l1 and l2 evenly (l1_ratio 0.5)'
			),
			max_iter: int(100, 50, 10000, 'Maximum solver iterations (Newton or coordinate-descent rounds)', {
				log: true
			})
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 14,
		id: 'k_nearest_neighbors',
		name: 'k-nearest neighbours',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.neighbors.KNeighborsRegressor',
		description:
			'Predicts the average target of the k training rows closest to the query row in (standardised) feature space.',
		params: {
			n_neighbors: int(5, 1, 50, 'Number of neighbours averaged'),
			weights: oneOf(
				'uniform',
				['uniform', 'distance'],
				'Equal weights, or weights inversely proportional to distance'
			),
			algorithm: oneOf(
				'auto',
				['auto', 'ball_tree', 'kd_tree', 'brute'],
				'Neighbour search structure; affects speed, not results'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 15,
		id: 'svr',
		name: 'Support vector regression',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.svm.SVR',
		description:
			'Fits a function that ignores errors inside an ε-tube and penalises larger ones linearly, using a kernel to allow non-linear fits; training cost grows roughly with the square of the row count.',
		params: {
			C: inverseC,
			kernel: oneOf('rbf', ['rbf', 'linear', 'poly', 'sigmoid'], 'Kernel function'),
			gamma: oneOf(
				'scale',
				['scale', 'auto'],
				'Kernel width rule: scale uses 1 / (features × variance), auto uses 1 / features'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 16,
		id: 'linear_regression',
		name: 'Linear regression (ordinary least squares)',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.LinearRegression',
		description:
			'Ordinary least squares with no penalty. The original’s normalize option was removed from scikit-learn in version 1.2; for plain least squares, standardising the features changes the coefficients’ scale but not the predictions.',
		params: {
			fit_intercept: bool(true, 'Fit a constant term'),
			normalize: bool(false, 'Standardise the features before fitting')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 17,
		id: 'ridge',
		name: 'Ridge regression',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.Ridge',
		description:
			'Least-squares linear regression with an L2 penalty on the standardised coefficients, solved in closed form; a fast baseline that the other models should beat.',
		params: {
			alpha: float(1.0, 0.0001, 1000, 'L2 penalty on standardised coefficients', { log: true }),
			fit_intercept: bool(true, 'Fit a constant term')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 18,
		id: 'lasso',
		name: 'Lasso regression',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.Lasso',
		description:
			'Linear regression with an L1 penalty, fitted by coordinate descent; the penalty sets some coefficients exactly to zero, so it also selects features.',
		params: {
			alpha,
			max_iter: int(1000, 100, 10000, 'Maximum coordinate-descent passes', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 19,
		id: 'elastic_net',
		name: 'Elastic net',
		category: 'traditional_ml',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.ElasticNet',
		description: 'Linear regression with a mix of L1 and L2 penalties, fitted by coordinate descent.',
		params: {
			alpha,
			l1_ratio: float(0.5, 0.0, 1.0, 'Share of the penalty that is L1 (0 = ridge, 1 = lasso)')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];
