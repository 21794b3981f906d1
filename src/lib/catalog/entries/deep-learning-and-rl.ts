/**
 * deep_learning (entries 20–27) and reinforcement_learning (28–32). The feed-forward network runs; the RL
 * agents would trade a simulated account built from price bars (long, flat or short each bar).
 */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, float, int, intList, oneOf } from './helpers';

const units = int(50, 10, 500, 'Units in the recurrent layer');
const dropout = float(0.2, 0.0, 0.8, 'Fraction of inputs dropped during training');
const tabularLearningRate = float(0.1, 0.001, 1.0, 'Step size of the Q-value update', { log: true });
const gamma = float(0.99, 0.9, 0.999, 'Discount factor on future rewards');
const dqnLearningRate = float(0.0001, 0.000001, 0.01, 'Optimiser learning rate', { log: true });

export const DEEP_LEARNING_AND_RL_ENTRIES = [
	{
		index: 20,
		id: 'lstm',
		name: 'LSTM network',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.LSTM',
		description:
			'Long short-term memory recurrent network reading a window of past feature rows and predicting the target from its final state.',
		params: {
			units,
			dropout,
			recurrent_dropout: float(
				0.2,
				0.0,
				0.8,
				'Fraction of recurrent-state connections dropped during training'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 21,
		id: 'gru',
		name: 'GRU network',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.GRU',
		description:
			'Gated recurrent unit network: a lighter recurrent cell than the LSTM, reading a window of past feature rows.',
		params: { units, dropout },
		status: NOT_IMPLEMENTED
	},
	{
		index: 22,
		id: 'bilstm',
		name: 'Bidirectional LSTM',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.Bidirectional',
		description:
			'Two LSTMs reading the input window forwards and backwards. The window must end at the prediction time, or the backward pass would see the future.',
		params: { units, dropout },
		status: NOT_IMPLEMENTED
	},
	{
		index: 23,
		id: 'cnn_lstm',
		name: 'CNN-LSTM network',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.models.Sequential',
		description:
			'A one-dimensional convolution extracts local patterns from the input window, and an LSTM layer reads the resulting sequence.',
		params: {
			filters: int(64, 16, 256, 'Convolution filters'),
			kernel_size: int(3, 2, 10, 'Convolution width in time steps'),
			lstm_units: int(50, 10, 200, 'Units in the LSTM layer')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 24,
		id: 'autoencoder',
		name: 'Autoencoder (anomaly score)',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'anomaly',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.models.Model',
		description:
			'A network trained to reconstruct its input through a narrow encoding; a large reconstruction error marks an unusual row.',
		params: {
			encoding_dim: int(32, 8, 256, 'Size of the bottleneck encoding'),
			hidden_layers: intList(
				[128, 64],
				{ minLength: 1, maxLength: 4, min: 8, max: 1024 },
				'Units in each encoder layer (mirrored in the decoder)'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 25,
		id: 'transformer',
		name: 'Transformer encoder',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.Transformer',
		description:
			'Stacked self-attention encoder over a window of feature rows. Keras has no Transformer layer, so the original named an intent; d_model must be divisible by num_heads.',
		params: {
			d_model: int(128, 64, 512, 'Width of the model’s embeddings'),
			num_heads: int(8, 4, 16, 'Attention heads per layer'),
			num_layers: int(6, 2, 12, 'Encoder layers')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 26,
		id: 'temporal_fusion_transformer',
		name: 'Temporal Fusion Transformer',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'forecast',
		inputs: ['features'],
		original: 'pytorch_forecasting → pytorch_forecasting.TemporalFusionTransformer',
		description:
			'Attention-based multi-horizon forecaster combining LSTM encoding, variable-selection networks and interpretable attention, trained to predict quantiles.',
		params: {
			hidden_size: int(64, 32, 256, 'Width of the hidden layers'),
			lstm_layers: int(2, 1, 4, 'LSTM encoder layers'),
			attention_heads: int(4, 2, 8, 'Attention heads')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 27,
		id: 'feedforward_mlp',
		name: 'Feed-forward neural network (MLP)',
		category: 'deep_learning',
		family: 'DL',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.Dense',
		description:
			'Fully connected network with the given hidden layer sizes and dropout, trained with TensorFlow.js on mean squared error.',
		params: {
			hidden_layers: intList(
				[128, 64, 32],
				{ minLength: 1, maxLength: 6, min: 1, max: 1024 },
				'Units in each hidden layer'
			),
			activation: oneOf(
				'relu',
				['relu', 'tanh', 'sigmoid', 'elu', 'selu'],
				'Activation function of the hidden layers'
			),
			dropout_rate: float(0.3, 0.0, 0.8, 'Fraction of units dropped after each hidden layer during training'),
			epochs: int(30, 1, 500, 'Passes over the training data'),
			learning_rate: float(0.001, 0.00001, 0.1, 'Optimiser learning rate', { log: true }),
			batch_size: int(64, 8, 2048, 'Rows per gradient step')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 28,
		id: 'q_learning',
		name: 'Q-learning trading agent',
		category: 'reinforcement_learning',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'stable_baselines3 → stable_baselines3.QLearning',
		description:
			'Tabular Q-learning over a discretised market state, learning the value of being long, flat or short. stable_baselines3 has no such class; the original named an intent.',
		params: { learning_rate: tabularLearningRate, gamma },
		status: NOT_IMPLEMENTED
	},
	{
		index: 29,
		id: 'double_q_learning',
		name: 'Double Q-learning trading agent',
		category: 'reinforcement_learning',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'stable_baselines3 → stable_baselines3.DoubleQLearning',
		description:
			'Tabular Q-learning with two value tables, one choosing the action and the other valuing it, which reduces the overestimation of plain Q-learning. stable_baselines3 has no such class.',
		params: { learning_rate: tabularLearningRate, gamma },
		status: NOT_IMPLEMENTED
	},
	{
		index: 30,
		id: 'dueling_dqn',
		name: 'Dueling deep Q-network',
		category: 'reinforcement_learning',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'stable_baselines3 → stable_baselines3.DQN',
		description:
			'Deep Q-network whose head splits into a state value and per-action advantages, trained from a replay buffer of past transitions.',
		params: {
			learning_rate: dqnLearningRate,
			buffer_size: int(50000, 10000, 1000000, 'Transitions kept in the replay buffer', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 31,
		id: 'dqn',
		name: 'Deep Q-network',
		category: 'reinforcement_learning',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'stable_baselines3 → stable_baselines3.DQN',
		description:
			'A neural network approximating action values, trained from replayed transitions against a slowly updated target network.',
		params: {
			learning_rate: dqnLearningRate,
			batch_size: int(32, 16, 256, 'Transitions per gradient step')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 32,
		id: 'regime_aware_dqn',
		name: 'Regime-aware deep Q-network',
		category: 'reinforcement_learning',
		family: 'RL',
		kind: 'learner',
		task: 'policy',
		inputs: ['ohlcv'],
		original: 'custom → rl.RegimeAwareDQN',
		description:
			'A deep Q-network whose state also includes a market-regime label estimated over a trailing run of bars.',
		params: {
			learning_rate: dqnLearningRate,
			regime_detection_window: int(50, 10, 200, 'Bars used to estimate the current regime')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];
