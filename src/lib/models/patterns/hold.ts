/**
 * Turning pattern events into held positions, shared by the pattern signals. An event at bar t is the net count of
 * bullish minus bearish patterns that became known at t; `any[t]` says whether any did.
 */

/**
 * Positions: at a bar with events the position becomes the sign of their net count (a tie between bullish and
 * bearish closes the position) and is held for `holdBars` bars, that bar included; a later event replaces it.
 * 0 between events; NaN before `firstBar`. Causal: the value at t reads events at bars ≤ t only.
 */
export function holdPositions(
	net: Int32Array,
	any: Uint8Array,
	holdBars: number,
	firstBar: number
): Float64Array {
	if (!Number.isInteger(holdBars) || holdBars < 1)
		throw new RangeError(`holdBars must be a whole number ≥ 1, got ${holdBars}`);
	const n = net.length;
	const out = new Float64Array(n);
	let pos = 0;
	let left = 0;
	for (let t = 0; t < n; t++) {
		if (any[t]) {
			pos = Math.sign(net[t]);
			left = pos === 0 ? 0 : holdBars;
		}
		out[t] = t < firstBar ? Number.NaN : left > 0 ? pos : 0;
		if (left > 0) left--;
	}
	return out;
}
