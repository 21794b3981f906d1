/**
 * Small statistics the risk measures share: moments, the sample quantile NumPy uses by default, and the standard
 * normal's density, distribution and quantile. Written here because no well-kept library for them is a product
 * dependency; each is checked against SciPy/NumPy values in stats.spec.ts.
 */

export function mean(x: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < x.length; i++) s += x[i];
	return s / x.length;
}

/** Sample standard deviation (divisor n − 1, NumPy's std(ddof=1)). */
export function sampleStd(x: ArrayLike<number>): number {
	const m = mean(x);
	let s = 0;
	for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
	return Math.sqrt(s / (x.length - 1));
}

/** Skewness and excess kurtosis from population moments (SciPy's skew and kurtosis with bias=True). */
export function shapeMoments(x: ArrayLike<number>): { skew: number; excessKurtosis: number } {
	const m = mean(x);
	let m2 = 0;
	let m3 = 0;
	let m4 = 0;
	for (let i = 0; i < x.length; i++) {
		const d = x[i] - m;
		m2 += d * d;
		m3 += d * d * d;
		m4 += d * d * d * d;
	}
	m2 /= x.length;
	m3 /= x.length;
	m4 /= x.length;
	return { skew: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** The sorted copy of x (ascending). */
export function sorted(x: ArrayLike<number>): Float64Array {
	return Float64Array.from(x).sort();
}

/** Quantile p of sorted values by linear interpolation between order statistics (NumPy's default 'linear'). */
export function quantileSorted(s: Float64Array, p: number): number {
	const h = (s.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, s.length - 1);
	return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
	return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * Standard normal quantile Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate to
 * about 1e-16 — the algorithm R's qnorm uses.
 */
// AS 241's coefficients are printed here digit for digit as published, beyond double precision.
/* eslint-disable no-loss-of-precision */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) {
		if (p === 0) return Number.NEGATIVE_INFINITY;
		if (p === 1) return Number.POSITIVE_INFINITY;
		return Number.NaN;
	}
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (
			(q *
				(((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
					45921.953931549871457) *
					r +
					13731.693765509461125) *
					r +
					1971.5909503065514427) *
					r +
					133.14166789178437745) *
					r +
					3.387132872796366608)) /
			(((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
				21213.794301586595867) *
				r +
				5394.1960214247511077) *
				r +
				687.1870074920579083) *
				r +
				42.313330701600911252) *
				r +
				1)
		);
	}
	let r = q < 0 ? p : 1 - p;
	r = Math.sqrt(-Math.log(r));
	let x: number;
	if (r <= 5) {
		r -= 1.6;
		x =
			(((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				1.27045825245236838258) *
				r +
				3.64784832476320460504) *
				r +
				5.7694972214606914055) *
				r +
				4.6303378461565452959) *
				r +
				1.42343711074968357734) /
			(((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				0.14810397642748007459) *
				r +
				0.68976733498510000455) *
				r +
				1.6763848301838038494) *
				r +
				2.05319162663775882187) *
				r +
				1);
	} else {
		r -= 5;
		x =
			(((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				0.026532189526576123093) *
				r +
				0.29656057182850489123) *
				r +
				1.7848265399172913358) *
				r +
				5.4637849111641143699) *
				r +
				6.6579046435011037772) /
			(((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				7.868691311456132591e-4) *
				r +
				0.0148753612908506148525) *
				r +
				0.13692988092273580531) *
				r +
				0.59983220655588793769) *
				r +
				1);
	}
	return q < 0 ? -x : x;
}
/* eslint-enable no-loss-of-precision */

/**
 * Standard normal distribution Φ(x), Hart's double-precision algorithm as given by West ("Better approximations
 * to cumulative normal functions", Wilmott 2005, fig. 2): absolute error below 1e-14.
 */
export function normalCdf(x: number): number {
	const a = Math.abs(x);
	let c: number;
	if (a > 37) c = 0;
	else {
		const e = Math.exp((-a * a) / 2);
		if (a < 7.07106781186547) {
			let b = 3.52624965998911e-2 * a + 0.700383064443688;
			b = b * a + 6.37396220353165;
			b = b * a + 33.912866078383;
			b = b * a + 112.079291497871;
			b = b * a + 221.213596169931;
			b = b * a + 220.206867912376;
			c = e * b;
			b = 8.83883476483184e-2 * a + 1.75566716318264;
			b = b * a + 16.064177579207;
			b = b * a + 86.7807322029461;
			b = b * a + 296.564248779674;
			b = b * a + 637.333633378831;
			b = b * a + 793.826512519948;
			b = b * a + 440.413735824752;
			c /= b;
		} else {
			let b = a + 0.65;
			b = a + 4 / b;
			b = a + 3 / b;
			b = a + 2 / b;
			b = a + 1 / b;
			c = e / b / 2.506628274631;
		}
	}
	return x > 0 ? 1 - c : c;
}
