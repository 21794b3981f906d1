/** cutting_edge_ai (entries 82–91) and financial_engineering (92–95). */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, float, int, intOrNone, oneOf, unavailable } from './helpers';

export const CUTTING_EDGE_AND_FINANCIAL_ENTRIES = [
	{
		index: 82,
		id: 'vision_transformer_chart',
		name: 'Vision transformer on chart images',
		category: 'cutting_edge_ai',
		family: 'DL',
		kind: 'learner',
		task: 'classification',
		inputs: ['images'],
		original: 'transformers → transformers.ViTForImageClassification',
		description:
			'A vision transformer that splits an image into patches and classifies it with self-attention, here meant for chart images.',
		params: {
			patch_size: int(16, 8, 32, 'Side of each square image patch in pixels'),
			num_attention_heads: int(12, 6, 24, 'Attention heads per layer')
		},
		status: unavailable(
			'Needs a set of labelled chart images to train on, and no approved data source supplies them.'
		)
	},
	{
		index: 83,
		id: 'graph_neural_network',
		name: 'Graph convolutional network',
		category: 'cutting_edge_ai',
		family: 'DL',
		kind: 'learner',
		task: 'regression',
		inputs: ['returns_matrix'],
		original: 'pytorch_geometric → torch_geometric.nn.GCNConv',
		description:
			'Graph convolutions over a network of assets (for example linked by return correlation), so each asset’s prediction draws on its neighbours’ features.',
		params: {
			hidden_channels: int(64, 32, 256, 'Width of each graph convolution'),
			num_layers: int(3, 2, 8, 'Graph convolution layers')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 84,
		id: 'adversarial_momentum_net',
		name: 'Adversarially trained momentum network',
		category: 'cutting_edge_ai',
		family: 'DL',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'custom → adversarial.AdversarialMomentumNet',
		description:
			'A generator network predicts returns from momentum features while a discriminator tries to tell its predictions from realised returns, in the manner of a GAN; such training is often unstable.',
		params: {
			generator_lr: float(0.0002, 0.0001, 0.01, 'Learning rate of the generator', { log: true }),
			discriminator_lr: float(0.0002, 0.0001, 0.01, 'Learning rate of the discriminator', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 85,
		id: 'fractal_model',
		name: 'Fractal dimension signal',
		category: 'cutting_edge_ai',
		family: 'FORMULA',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → fractal.FractalModel',
		description:
			'Estimates Sevcik’s fractal dimension of the last 50 closes, calibrated so that a random walk scores 1.5 on average; below the reference dimension the path is persistent and the signal follows the window’s direction, above it the path is rough and the signal fades it.',
		params: {
			dimension: float(1.5, 1.0, 2.0, 'Reference dimension separating trending from noisy paths'),
			iterations: int(1000, 100, 10000, 'Seeded random walks that calibrate the estimate to 1.5', {
				log: true
			})
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 86,
		id: 'wavelet_transform_model',
		name: 'Wavelet decomposition',
		category: 'cutting_edge_ai',
		family: 'TRANSFORM',
		kind: 'procedure',
		task: 'transform',
		inputs: ['close'],
		original: 'pywt → pywt.wavedec',
		description:
			'Multi-level discrete wavelet decomposition of the log closes (as pywt.wavedec), shown as a smooth approximation plus details by scale. The whole-sample decomposition uses future values, so the entry also gives a causal denoised series: each value is the last point of a universal-threshold denoising of the trailing window ending at that day.',
		params: {
			wavelet: oneOf('db4', ['haar', 'db2', 'db4', 'db8', 'sym4', 'coif1'], 'Wavelet family and order'),
			mode: oneOf(
				'symmetric',
				['symmetric', 'periodization', 'zero', 'constant', 'reflect'],
				'How the signal is extended past its ends'
			),
			level: intOrNone(1, 12, 'Decomposition levels; none = the most the data allows (pywt.dwt_max_level)'),
			window: int(256, 32, 2048, 'Trailing window of the causal denoised series, in observations')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 87,
		id: 'empirical_mode_decomposition',
		name: 'Empirical mode decomposition',
		category: 'cutting_edge_ai',
		family: 'TRANSFORM',
		kind: 'procedure',
		task: 'transform',
		inputs: ['close'],
		original: 'emd → emd.EMD',
		description:
			'Splits the log closes into intrinsic mode functions, fastest first, by repeatedly subtracting the mean of cubic-spline envelopes through the maxima and minima (Huang et al. 1998), plus a slow residue. Every part depends on the whole series, future included: it describes, it does not trade.',
		params: { max_imf: int(10, 3, 20, 'Most intrinsic mode functions to extract') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 88,
		id: 'neural_ode_financial',
		name: 'Neural ODE',
		category: 'cutting_edge_ai',
		family: 'DL',
		kind: 'learner',
		task: 'forecast',
		inputs: ['features'],
		original: 'torchdiffeq → torchdiffeq.odeint',
		description:
			'A network defines the time derivative of a hidden state, and an ODE solver integrates it forward, giving a continuous-time model of the series.',
		params: {
			method: oneOf('dopri5', ['dopri5', 'bosh3', 'rk4', 'midpoint', 'euler'], 'ODE solver'),
			rtol: float(1e-7, 1e-10, 0.0001, 'Relative tolerance of adaptive solvers', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 89,
		id: 'model_architecture_search',
		name: 'Model architecture search',
		category: 'cutting_edge_ai',
		family: 'META',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['features'],
		original: 'custom → automl.ModelArchitectureSearch',
		description:
			'Searches over model structures and settings for the best validation score within a trial budget. The original’s dict-valued search_space parameter is omitted because it cannot be described as one typed parameter; the original class did no search at all.',
		params: { max_trials: int(100, 10, 1000, 'Candidate architectures to evaluate', { log: true }) },
		status: NOT_IMPLEMENTED
	},
	{
		index: 90,
		id: 'hurst_exponent_fractal',
		name: 'Hurst exponent',
		category: 'cutting_edge_ai',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['close'],
		original: 'custom → fractal.HurstExponent',
		description:
			'Estimates long memory in a series’ returns: about 0.5 when they have no memory (a random walk’s price), above it for persistent (trending) and below for anti-persistent (mean-reverting) behaviour.',
		params: {
			method: oneOf(
				'rs',
				['rs', 'dfa', 'aggregated_variance'],
				'Rescaled range, detrended fluctuation analysis or aggregated variance'
			),
			min_window: int(10, 5, 50, 'Shortest sub-window used in the estimate')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 91,
		id: 'threshold_autoregressive',
		name: 'Threshold autoregressive model (TAR)',
		category: 'cutting_edge_ai',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['returns'],
		original: 'custom → nonlinear.ThresholdAR',
		description:
			'Two autoregressive models, one used when the lagged value is below the threshold and one when it is above, fitted by least squares.',
		params: {
			threshold: float(0.0, -1.0, 1.0, 'Value of the lagged series that switches regimes'),
			delay: int(1, 1, 10, 'Lag of the value compared with the threshold')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 92,
		id: 'kelly_criterion_bayesian',
		name: 'Bayesian Kelly position size',
		category: 'financial_engineering',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → position_sizing.KellyCriterionBayesian',
		description:
			'The Kelly fraction of capital (mean return / variance of the series) with the uncertainty of the mean taken into account: the Bayesian fraction under a flat prior, and the position from the one-sided credible bound of the edge at the confidence level, zero when the edge is not established, capped at the maximum position. Returns are taken in excess of zero (no risk-free rate is subtracted).',
		params: {
			confidence_level: float(0.95, 0.8, 0.99, 'Confidence of the conservative edge estimate'),
			max_position: float(0.25, 0.1, 0.5, 'Largest fraction of capital allowed')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 93,
		id: 'ewma_risk_metrics',
		name: 'EWMA volatility (RiskMetrics)',
		category: 'financial_engineering',
		family: 'FORMULA',
		kind: 'formula',
		task: 'volatility_forecast',
		inputs: ['returns'],
		original: 'custom → risk.EWMARiskMetrics',
		description:
			'Exponentially weighted variance of returns, σ²ₜ = λσ²ₜ₋₁ + (1 − λ)r²ₜ₋₁, as in J.P. Morgan’s RiskMetrics (zero mean; starts from the training window’s mean squared return; the forecast is flat over the horizon).',
		params: { lambda_decay: float(0.94, 0.9, 0.99, 'Decay factor λ') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 94,
		id: 'regime_switching_volatility',
		name: 'Regime-switching volatility',
		category: 'financial_engineering',
		family: 'STAT',
		kind: 'learner',
		task: 'regime',
		inputs: ['returns'],
		original: 'custom → volatility.RegimeSwitchingVolatility',
		description:
			'Models returns as drawn from a small number of volatility regimes that switch by a Markov chain, and estimates the current regime and its volatility.',
		params: { n_regimes: int(2, 2, 5, 'Number of volatility regimes') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 95,
		id: 'proximal_policy_optimization',
		name: 'Proximal policy optimisation (PPO) agent',
		category: 'financial_engineering',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'stable_baselines3 → stable_baselines3.PPO',
		description:
			'Policy-gradient agent that limits each update by clipping the change in action probabilities, trained in a simulated trading account.',
		params: {
			learning_rate: float(0.0003, 0.00001, 0.01, 'Optimiser learning rate', { log: true }),
			clip_range: float(0.2, 0.1, 0.5, 'Largest allowed change in the probability ratio per update')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];
