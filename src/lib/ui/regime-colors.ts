/**
 * Colours of regime states, state 0 (the calmest in training) first: translucent, so the price line drawn over
 * them stays readable. The legend of the per-state table uses the same colour for each state.
 */
export const REGIME_COLORS = [
	'rgba(34, 197, 94, 0.18)',
	'rgba(59, 130, 246, 0.18)',
	'rgba(234, 179, 8, 0.22)',
	'rgba(239, 68, 68, 0.2)',
	'rgba(168, 85, 247, 0.2)',
	'rgba(20, 184, 166, 0.2)',
	'rgba(249, 115, 22, 0.2)',
	'rgba(100, 116, 139, 0.22)',
	'rgba(236, 72, 153, 0.2)',
	'rgba(132, 204, 22, 0.22)'
] as const;

export function regimeColor(state: number): string {
	return REGIME_COLORS[state % REGIME_COLORS.length];
}
