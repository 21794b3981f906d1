/**
 * The signals ensemble_voting can call, each with its catalog defaults (parsed from the catalog's own schema, so a
 * default changed there changes the vote's member too). Pure functions called directly: no registry, no fold.
 */
import { paramsSchemaFor, type ModelId, type ParamsOf } from '../../catalog/catalog';
import type { Bars } from '../../domain/series';
import { emaCrossoverPositions } from '../indicators/ema';
import type { SignalContext } from '../seam';
import {
	channelBreakoutPositions,
	momentumBreakoutPositions,
	volumeConfirmedBreakoutPositions
} from './breakouts';
import { calibrationOffset, FRACTAL_WINDOW, fractalPositions } from './fractal';
import { meanReversionPositions, zScoreRegimePositions } from './mean-reversion';
import { regimeMomentumPositions } from './regime-momentum';
import { supportResistancePositions } from './support-resistance';
import { trendReversalPositions } from './trend-reversal';
import { volumeSpikePositions, vpaPositions } from './volume';

export type VoteMember = ParamsOf<'ensemble_voting'>['members'][number];

const defaults = <Id extends ModelId>(id: Id): ParamsOf<Id> => paramsSchemaFor(id).parse({});

type MemberFn = (bars: Bars, ctx: SignalContext) => Float64Array;

export const MEMBER_POSITIONS: Record<VoteMember, MemberFn> = {
	ema_crossover_model: (b) => {
		const p = defaults('ema_crossover_model');
		return emaCrossoverPositions(b.close, p.fast_period, p.slow_period);
	},
	rolling_mean_reversion: (b) => {
		const p = defaults('rolling_mean_reversion');
		return meanReversionPositions(b.close, p.window, p.threshold);
	},
	rolling_zscore_regime_scorer: (b) => {
		const p = defaults('rolling_zscore_regime_scorer');
		return zScoreRegimePositions(b.close, p.window_size, p.threshold);
	},
	momentum_breakout_model: (b) => {
		const p = defaults('momentum_breakout_model');
		return momentumBreakoutPositions(b.close, p.lookback, p.threshold);
	},
	breakout_detection_model: (b) => {
		const p = defaults('breakout_detection_model');
		return channelBreakoutPositions(b.close, b.high, b.low, p.lookback, p.threshold);
	},
	volume_confirmed_breakout_model: (b) => {
		const p = defaults('volume_confirmed_breakout_model');
		return volumeConfirmedBreakoutPositions(b, p.lookback, p.price_threshold, p.volume_threshold);
	},
	trend_reversal_model: (b) => {
		const p = defaults('trend_reversal_model');
		return trendReversalPositions(b.close, p.sensitivity, p.confirmation_period);
	},
	volume_spike_model: (b) => {
		const p = defaults('volume_spike_model');
		return volumeSpikePositions(b.close, b.volume, p.window, p.threshold);
	},
	vpa_model: (b) => vpaPositions(b, defaults('vpa_model').effort_threshold),
	support_resistance_model: (b) => {
		const p = defaults('support_resistance_model');
		return supportResistancePositions(b, p.window, p.tolerance);
	},
	regime_switching_momentum: (b, ctx) => {
		const p = defaults('regime_switching_momentum');
		return regimeMomentumPositions(
			b.close,
			p.momentum_lookback,
			p.regime_detection_method,
			p.adaptation_speed,
			ctx
		);
	},
	fractal_model: (b, ctx) => {
		const p = defaults('fractal_model');
		const offset = calibrationOffset(FRACTAL_WINDOW, p.iterations, ctx.rng.fork('fractal:calibration'));
		return fractalPositions(b.close, p.dimension, offset);
	}
};
