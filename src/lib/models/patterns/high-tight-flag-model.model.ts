/** Catalog entry `high_tight_flag_model`: long on a breakout from a high tight flag (patterns/high-tight-flag.ts). */
import { defineSignal } from '../seam';
import { highTightFlagPositions } from './high-tight-flag';

export const implementation = defineSignal({
	id: 'high_tight_flag_model',
	// (flag + pole) look-back per bar: 0.3 ms for the 5,100 S&P bars.
	costs: { expectedFitMs: () => 2, minDeadlineMs: 60_000 },
	positions: (bars, p) =>
		highTightFlagPositions(bars, {
			flagBars: p.flag_duration,
			poleHeight: p.pole_height,
			poleBars: p.pole_bars,
			flagDepth: p.flag_depth,
			holdBars: p.hold_bars
		})
});
