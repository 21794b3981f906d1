/**
 * The regime blend of original-system §6.7 per scanned symbol: the two horizons' calibrated probabilities weighted
 * by the symbol's regime on its last bar (trending 0.3/0.7, choppy 0.7/0.3, neutral and insufficient ½/½;
 * research/recommend/regime.ts). Shown beside the recommendations, which each horizon's rules rank on their own.
 * Pure.
 */
import type { ScanRecord } from '$lib/app/scanner-read';
import { blendHorizons } from '$lib/research/recommend/regime';

export interface SymbolBlend {
	readonly seriesKey: string;
	readonly symbol: string;
	readonly promotedId: string;
	readonly regime: ScanRecord['regimes'][string] | null;
	/** Calibrated P(up) per horizon; null when that horizon was not scored. */
	readonly short: number | null;
	readonly long: number | null;
	/** weights.short · short + weights.long · long; null unless both horizons and the regime are known. */
	readonly blended: number | null;
}

export function symbolBlends(scan: ScanRecord): SymbolBlend[] {
	const out = new Map<string, SymbolBlend>();
	for (const c of scan.cells) {
		const key = `${c.promotedId}\u0000${c.seriesKey}`;
		const prev = out.get(key) ?? {
			seriesKey: c.seriesKey,
			symbol: c.symbol,
			promotedId: c.promotedId,
			regime: scan.regimes[c.seriesKey] ?? null,
			short: null,
			long: null,
			blended: null
		};
		out.set(key, { ...prev, [c.horizon]: c.probability });
	}
	return [...out.values()].map((b) => ({
		...b,
		blended:
			b.regime && b.short !== null && b.long !== null
				? blendHorizons(b.regime.weights, b.short, b.long)
				: null
	}));
}
