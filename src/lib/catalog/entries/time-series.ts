/** time_series (entries 1–8): classical forecasting, volatility and decomposition models on a single series. */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, int, intList, oneOf } from './helpers';

export const TIME_SERIES_ENTRIES = [
	{
		index: 1,
		id: 'arima',
		name: 'ARIMA',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['close', 'macro_series'],
		original: 'statsmodels → statsmodels.tsa.arima.model.ARIMA',
		description:
			'Autoregressive integrated moving-average model fitted to one series by maximum likelihood; it forecasts the next values from the series’ own lags and past forecast errors.',
		params: {
			order: intList(
				[1, 1, 1],
				{ minLength: 3, maxLength: 3, min: 0, max: 5 },
				'(p, d, q): autoregressive lags, differencing order and moving-average lags'
			),
			seasonal_order: intList(
				[0, 0, 0, 0],
				{ minLength: 4, maxLength: 4, min: 0, max: 52 },
				'(P, D, Q, s): seasonal lags, seasonal differencing, seasonal MA lags and season length; all zeros means no seasonal part'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 2,
		id: 'sarima',
		name: 'Seasonal ARIMA (SARIMAX)',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['close', 'macro_series'],
		original: 'statsmodels → statsmodels.tsa.statespace.sarimax.SARIMAX',
		description:
			'ARIMA with an additional seasonal autoregressive and moving-average part, fitted as a state-space model; suited to series with a fixed season length such as monthly macro data.',
		params: {
			order: intList(
				[1, 1, 1],
				{ minLength: 3, maxLength: 3, min: 0, max: 5 },
				'(p, d, q): autoregressive lags, differencing order and moving-average lags'
			),
			seasonal_order: intList(
				[1, 1, 1, 12],
				{ minLength: 4, maxLength: 4, min: 0, max: 52 },
				'(P, D, Q, s): seasonal lags, seasonal differencing, seasonal MA lags and season length in periods'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 3,
		id: 'prophet',
		name: 'Prophet-style trend and seasonality',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['close', 'macro_series'],
		original: 'prophet → prophet.Prophet',
		description:
			'Regression of a piecewise trend plus Fourier seasonal terms, in the manner of Facebook’s Prophet; meant for series with strong calendar seasonality, which daily prices rarely have.',
		params: {
			growth: oneOf(
				'linear',
				['linear', 'logistic', 'flat'],
				'Shape of the trend; logistic growth saturates at a capacity'
			),
			seasonality_mode: oneOf(
				'additive',
				['additive', 'multiplicative'],
				'Whether seasonal effects are added to the trend or scale with it'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 4,
		id: 'exponential_smoothing',
		name: 'Holt–Winters exponential smoothing',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['close', 'macro_series'],
		original: 'statsmodels → statsmodels.tsa.holtwinters.ExponentialSmoothing',
		description:
			'Forecasts with exponentially weighted estimates of level, trend and seasonal components whose smoothing weights are fitted to the series; on daily bars the season is a five-day trading week.',
		params: {
			trend: oneOf('add', ['add', 'mul', 'none'], 'Trend component: additive, multiplicative or none'),
			seasonal: oneOf('add', ['add', 'mul', 'none'], 'Seasonal component: additive, multiplicative or none')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 5,
		id: 'rolling_mean_reversion',
		name: 'Rolling mean reversion (z-score)',
		category: 'time_series',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → time_series.RollingMeanReversion',
		description:
			'Measures how many rolling standard deviations (ddof 1, today included) the close sits from its rolling mean and bets on a return to the mean: short once the z-score rises above the threshold, long once it falls below minus the threshold, each held until the z-score is back at 0.',
		params: {
			window: int(20, 5, 100, 'Bars in the rolling mean and standard deviation'),
			threshold: float(2.0, 0.5, 5.0, 'Z-score beyond which a position is taken')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 6,
		id: 'garch',
		name: 'GARCH volatility model',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'volatility_forecast',
		inputs: ['returns'],
		original: 'arch → arch.univariate.GARCH',
		description:
			'Generalised autoregressive conditional heteroskedasticity: models today’s return variance from past squared returns and past variances, fitted by maximum likelihood, to forecast volatility.',
		params: {
			p: int(1, 1, 5, 'Lagged squared-return (ARCH) terms'),
			q: int(1, 1, 5, 'Lagged variance (GARCH) terms')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 7,
		id: 'kalman_filter',
		name: 'Kalman filter',
		category: 'time_series',
		family: 'STAT',
		kind: 'learner',
		task: 'forecast',
		inputs: ['close', 'macro_series'],
		original: 'pykalman → pykalman.KalmanFilter',
		description:
			'Linear-Gaussian state-space model whose noise parameters are fitted by maximum likelihood; it tracks a hidden state (such as level and slope) through noisy observations and gives one-step-ahead predictions.',
		params: {
			n_dim_state: int(2, 1, 10, 'Dimension of the hidden state vector')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 8,
		id: 'seasonal_decomposition',
		name: 'Seasonal decomposition',
		category: 'time_series',
		family: 'STAT',
		kind: 'procedure',
		task: 'transform',
		inputs: ['close', 'macro_series'],
		original: 'statsmodels → statsmodels.tsa.seasonal.seasonal_decompose',
		description:
			'Splits a series into trend, seasonal and residual parts: classical centred moving averages (additive or multiplicative, as statsmodels seasonal_decompose) or STL, LOESS smoothing with optional robustness weights (Cleveland et al. 1990). It describes the whole sample and uses future values, so it is an analysis, never a trading signal.',
		params: {
			model: oneOf(
				'additive',
				['additive', 'multiplicative', 'stl'],
				'Classical parts that add up to the series or multiply, or STL (additive, by LOESS)'
			),
			period: int(12, 2, 365, 'Season length in observations (e.g. 5 trading days, 21, 252)'),
			scale: oneOf(
				'log',
				['log', 'level'],
				'Decompose the natural log of the values (additive in logs) or the values themselves; a multiplicative decomposition always uses the values'
			),
			seasonal: int(7, 3, 99, 'STL only: seasonal smoother window, an odd number of periods'),
			robust: bool(false, 'STL only: downweight outliers with bisquare robustness weights (15 outer passes)')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];
