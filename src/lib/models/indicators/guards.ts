/**
 * Argument checks shared by the indicator modules: each throws a RangeError naming the field, so a bad setting
 * or a gap in the data is reported where it enters instead of surfacing as NaN many bars later.
 */
import type { Bars } from '../../domain/series';

/** A window (bars) must be a whole number ≥ `min`. */
export function checkWindow(name: string, window: number, min = 1): void {
	if (!Number.isInteger(window) || window < min)
		throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${window}`);
}

/** Every value finite: a gap would poison every later value of a recursive indicator. */
export function checkFinite(name: string, values: Float64Array): void {
	for (let i = 0; i < values.length; i++) {
		if (!Number.isFinite(values[i]))
			throw new RangeError(`${name}[${i}] is ${values[i]}; the indicator needs finite values`);
	}
}

/** The columns an indicator reads are finite and of one length. */
export function checkColumns(bars: Bars, columns: readonly (keyof Bars)[]): void {
	const n = bars.close.length;
	for (const c of columns) {
		if (bars[c].length !== n) throw new RangeError(`${c} has ${bars[c].length} rows, close has ${n}`);
		checkFinite(c, bars[c]);
	}
}

/**
 * The python `ta` library's `fillna` flag, kept from the original catalog: true fills the warm-up rows (where the
 * indicator's signal does not exist yet) with 0, a flat position, instead of leaving them NaN (no position; the
 * fold runner then leaves those rows out). It changes nothing after the warm-up.
 */
export function fillWarmUp(positions: Float64Array, fillna: boolean): Float64Array {
	if (fillna) for (let i = 0; i < positions.length; i++) if (Number.isNaN(positions[i])) positions[i] = 0;
	return positions;
}
