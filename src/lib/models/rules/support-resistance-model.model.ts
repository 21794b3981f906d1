/** Catalog entry `support_resistance_model`: breaks of, and rests on, clustered swing levels (rules/support-resistance.ts). */
import { defineSignal } from '../seam';
import { supportResistancePositions } from './support-resistance';

export const implementation = defineSignal({
	id: 'support_resistance_model',
	// Per bar, a sort of the window's swing points: a few milliseconds on 5,000 bars at window 200.
	costs: { expectedFitMs: () => 5, minDeadlineMs: 60_000 },
	positions: (bars, p) => supportResistancePositions(bars, p.window, p.tolerance)
});
