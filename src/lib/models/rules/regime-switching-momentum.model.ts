/** Catalog entry `regime_switching_momentum`: momentum sized by a causal regime scale (rules/regime-momentum.ts). */
import { defineSignal } from '../seam';
import { regimeMomentumPositions } from './regime-momentum';

/**
 * The rule methods are one or two passes over the closes (a millisecond); hidden_markov fits a two-regime model
 * by EM on the training window first (tens to a few hundred milliseconds on 1,000–4,000 returns, as
 * regime_switching_volatility measures).
 */
export const implementation = defineSignal({
	id: 'regime_switching_momentum',
	costs: {
		expectedFitMs: (_rows, p) => (p.regime_detection_method === 'hidden_markov' ? 200 : 1),
		minDeadlineMs: 60_000
	},
	positions: (bars, p, ctx) =>
		regimeMomentumPositions(
			bars.close,
			p.momentum_lookback,
			p.regime_detection_method,
			p.adaptation_speed,
			ctx
		)
});
