/**
 * The standard normal quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16): "The Percentage Points of the
 * Normal Distribution", Applied Statistics 37(3), 477–484, 1988. Three rational approximations (|p − ½| ≤ 0.425,
 * then r = √(−ln min(p, 1 − p)) ≤ 5 and beyond) accurate to about 1e-16 relative; the coefficients are the
 * published ones, as CPython's `statistics.NormalDist.inv_cdf` also uses them. Checked against
 * scipy.stats.norm.ppf (normal-quantile.spec.ts). Written here because no module in the project had it.
 */

/** |p − ½| up to this uses the central approximation (p in [0.075, 0.925]). */
const CENTRAL_HALF_WIDTH = 0.425;
/** 0.425², the centre of the central approximation's variable r = 0.180625 − q². */
const CENTRAL_R = 0.180625;
/** r = √(−ln p) up to this uses the intermediate tail approximation (p down to about 1.4e-11). */
const TAIL_SPLIT = 5;

function horner(coefficients: readonly number[], x: number): number {
	// Highest degree first.
	let value = 0;
	for (const c of coefficients) value = value * x + c;
	return value;
}

// AS 241 coefficients, highest degree first: the published 20-digit values, written as the doubles they round to.
const A = [
	2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
	1971.5909503065513, 133.14166789178438, 3.3871328727963665
];
const B = [
	5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
	687.1870074920579, 42.31333070160091, 1
];
const C = [
	0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
	5.769497221460691, 4.630337846156546, 1.4234371107496835
];
const D = [
	1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
	1.6763848301838038, 2.053191626637759, 1
];
const E = [
	2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
	0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103
];
const F = [
	2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133,
	0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1
];

/** Φ⁻¹(p): −∞ at 0, +∞ at 1, NaN outside [0, 1] or for NaN. */
export function normalQuantile(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = p - 0.5;
	if (Math.abs(q) <= CENTRAL_HALF_WIDTH) {
		const r = CENTRAL_R - q * q;
		return (q * horner(A, r)) / horner(B, r);
	}
	let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
	let x: number;
	if (r <= TAIL_SPLIT) {
		r -= 1.6;
		x = horner(C, r) / horner(D, r);
	} else {
		r -= TAIL_SPLIT;
		x = horner(E, r) / horner(F, r);
	}
	return q < 0 ? -x : x;
}
