/**
 * Numerical building blocks of the finance formulas: the standard normal distribution, adaptive Gauss–Kronrod
 * integration, Brent's root finder, a numerical Hessian and a small symmetric-matrix inverse. Written here
 * because these few functions are all the entries need and no browser math library we ship has them to double
 * precision.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Beyond this |x| the tail comes from the continued fraction (relative accuracy, ~150 terms at 3); within, the series. */
const SERIES_LIMIT = 3;
/** Φ(−38.5) underflows double precision; below it the tail is exactly 0 in floating point. */
const TAIL_UNDERFLOW = 38.5;

/** Standard normal density φ(x). */
export function normPdf(x: number): number {
	return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal distribution function Φ(x), absolute error below 1e-15 everywhere and small relative error in
 * the tails. For |x| ≤ 3 Marsaglia's all-positive series Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …)
 * (G. Marsaglia, "Evaluating the normal distribution", J. Stat. Software 11(4), 2004), which has no
 * cancellation; beyond, the lower tail by Laplace's continued fraction φ(x)/(|x| + 1/(|x| + 2/(|x| + …)))
 * evaluated by the modified Lentz method.
 */
export function normCdf(x: number): number {
	if (Number.isNaN(x)) return Number.NaN;
	if (Math.abs(x) <= SERIES_LIMIT) {
		let term = x;
		let sum = x;
		const x2 = x * x;
		for (let k = 3; ; k += 2) {
			term *= x2 / k;
			const next = sum + term;
			if (next === sum) break;
			sum = next;
		}
		return 0.5 + normPdf(x) * sum;
	}
	const tail = upperTail(Math.abs(x));
	return x > 0 ? 1 - tail : tail;
}

/** 1 − Φ(z) for z > 0 by Laplace's continued fraction (fast for large z, ~150 terms at z = 3). */
function upperTail(z: number): number {
	if (z > TAIL_UNDERFLOW) return 0;
	// f = z + 1/(z + 2/(z + 3/(z + …))), modified Lentz.
	const tiny = 1e-300;
	let f = z;
	let c = z;
	let d = 0;
	for (let k = 1; k < 2000; k++) {
		d = z + k * d;
		d = d === 0 ? 1 / tiny : 1 / d;
		c = z + k / c;
		if (c === 0) c = tiny;
		const delta = c * d;
		f *= delta;
		if (Math.abs(delta - 1) < 1e-17) break;
	}
	return normPdf(z) / f;
}

/**
 * Quantile Φ⁻¹(p) of the standard normal, to the accuracy of {@link normCdf}: Abramowitz & Stegun 26.2.23 as the
 * starting point (error < 4.5e-4), then Halley steps on Φ(x) − p.
 */
export function normQuantile(p: number): number {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`p must lie in [0, 1], got ${p}`);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = Math.min(p, 1 - p);
	const t = Math.sqrt(-2 * Math.log(q));
	let x =
		t -
		(2.515517 + 0.802853 * t + 0.010328 * t * t) /
			(1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
	if (p < 0.5) x = -x;
	for (let i = 0; i < 6; i++) {
		// Work in the tail the point lies in, so tiny p keeps its relative accuracy.
		const e = x < 0 ? normCdf(x) - p : 1 - p - normCdf(-x);
		const u = e / normPdf(x);
		const step = u / (1 + (x * u) / 2);
		x -= step;
		if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
	}
	return x;
}

// Gauss–Kronrod 7–15 nodes and weights on [−1, 1] (QUADPACK qk15, Piessens et al. 1983), to double precision.
const XGK = [
	0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
	0.4058451513773972, 0.20778495500789848, 0
];
const WGK = [
	0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
	0.19035057806478542, 0.20443294007529889, 0.20948214108472782
];
/** Weights of the embedded 7-point Gauss rule, at XGK[1], XGK[3], XGK[5], XGK[7]. */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

interface Panel {
	readonly a: number;
	readonly b: number;
	readonly value: number;
	readonly error: number;
}

function kronrod(f: (x: number) => number, a: number, b: number): Panel {
	const c = (a + b) / 2;
	const h = (b - a) / 2;
	const fc = f(c);
	let k = WGK[7] * fc;
	let g = WG[3] * fc;
	for (let j = 0; j < 7; j++) {
		const dx = h * XGK[j];
		const s = f(c - dx) + f(c + dx);
		k += WGK[j] * s;
		if (j % 2 === 1) g += WG[(j - 1) / 2] * s;
	}
	return { a, b, value: k * h, error: Math.abs((k - g) * h) };
}

export interface IntegrateOptions {
	readonly absTolerance?: number;
	readonly relTolerance?: number;
	/** Panels the interval may be split into before giving up. */
	readonly maxPanels?: number;
}

export interface Integral {
	readonly value: number;
	/** Estimated absolute error (|K15 − G7| summed over panels). */
	readonly error: number;
	readonly panels: number;
}

/**
 * ∫ₐᵇ f by globally adaptive Gauss–Kronrod 7–15 (as QUADPACK's qag): the panel with the largest error estimate is
 * halved until the total error is within max(absTolerance, relTolerance·|value|) or maxPanels is reached
 * (then the estimate is returned with its error; the caller decides whether it is good enough).
 */
export function integrate(
	f: (x: number) => number,
	a: number,
	b: number,
	options: IntegrateOptions = {}
): Integral {
	if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError('integrate needs finite limits');
	const absTol = options.absTolerance ?? 1e-12;
	const relTol = options.relTolerance ?? 1e-12;
	const maxPanels = options.maxPanels ?? 2000;
	const panels: Panel[] = [kronrod(f, a, b)];
	for (;;) {
		let value = 0;
		let error = 0;
		let worst = 0;
		for (let i = 0; i < panels.length; i++) {
			value += panels[i].value;
			error += panels[i].error;
			if (panels[i].error > panels[worst].error) worst = i;
		}
		if (!Number.isFinite(value))
			throw new RangeError('integrate: the integrand is not finite on the interval');
		if (error <= Math.max(absTol, relTol * Math.abs(value)) || panels.length >= maxPanels)
			return { value, error, panels: panels.length };
		const p = panels[worst];
		const mid = (p.a + p.b) / 2;
		panels[worst] = kronrod(f, p.a, mid);
		panels.push(kronrod(f, mid, p.b));
	}
}

/**
 * A root of f in [a, b] by Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives, 1973,
 * ch. 4, procedure zero); f(a) and f(b) must differ in sign.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, tolerance = 1e-14): number {
	let fa = f(a);
	let fb = f(b);
	if (fa === 0) return a;
	if (fb === 0) return b;
	if (fa * fb > 0) throw new RangeError(`brentRoot: f(${a}) and f(${b}) have the same sign`);
	let c = a;
	let fc = fa;
	let d = b - a;
	let e = d;
	for (let iter = 0; iter < 200; iter++) {
		if (fb * fc > 0) {
			c = a;
			fc = fa;
			d = b - a;
			e = d;
		}
		if (Math.abs(fc) < Math.abs(fb)) {
			a = b;
			b = c;
			c = a;
			fa = fb;
			fb = fc;
			fc = fa;
		}
		const tol = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
		const m = (c - b) / 2;
		if (Math.abs(m) <= tol || fb === 0) return b;
		if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
			let p: number;
			let q: number;
			const s = fb / fa;
			if (a === c) {
				p = 2 * m * s;
				q = 1 - s;
			} else {
				const r = fb / fc;
				const t = fa / fc;
				p = s * (2 * m * t * (t - r) - (b - a) * (r - 1));
				q = (t - 1) * (r - 1) * (s - 1);
			}
			if (p > 0) q = -q;
			else p = -p;
			if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
				e = d;
				d = p / q;
			} else {
				d = m;
				e = d;
			}
		} else {
			d = m;
			e = d;
		}
		a = b;
		fa = fb;
		b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
		fb = f(b);
	}
	return b;
}

/** Hessian of f at x by central differences with steps hᵢ = ε^¼·max(1, |xᵢ|) (row-major n × n). */
export function numericalHessian(f: (x: Float64Array) => number, x: ArrayLike<number>): Float64Array {
	const n = x.length;
	const h = Float64Array.from(x, (v) => Math.pow(Number.EPSILON, 0.25) * Math.max(1, Math.abs(v)));
	const H = new Float64Array(n * n);
	const p = Float64Array.from(x);
	const at = (i: number, di: number, j: number, dj: number): number => {
		p.set(Array.from(x));
		p[i] += di;
		p[j] += dj;
		return f(p);
	};
	const f0 = f(Float64Array.from(x));
	for (let i = 0; i < n; i++) {
		H[i * n + i] = (at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
		for (let j = i + 1; j < n; j++) {
			const v =
				(at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) + at(i, -h[i], j, -h[j])) /
				(4 * h[i] * h[j]);
			H[i * n + j] = v;
			H[j * n + i] = v;
		}
	}
	return H;
}

/** Inverse of an n × n matrix (row-major) by Gauss–Jordan with partial pivoting; null when singular. */
export function invert(A: Float64Array, n: number): Float64Array | null {
	const a = Float64Array.from(A);
	const inv = new Float64Array(n * n);
	for (let i = 0; i < n; i++) inv[i * n + i] = 1;
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
		const pv = a[pivot * n + col];
		if (!Number.isFinite(pv) || Math.abs(pv) < 1e-300) return null;
		if (pivot !== col)
			for (let k = 0; k < n; k++) {
				[a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
				[inv[col * n + k], inv[pivot * n + k]] = [inv[pivot * n + k], inv[col * n + k]];
			}
		for (let k = 0; k < n; k++) {
			a[col * n + k] /= pv;
			inv[col * n + k] /= pv;
		}
		for (let r = 0; r < n; r++) {
			if (r === col) continue;
			const factor = a[r * n + col];
			if (factor === 0) continue;
			for (let k = 0; k < n; k++) {
				a[r * n + k] -= factor * a[col * n + k];
				inv[r * n + k] -= factor * inv[col * n + k];
			}
		}
	}
	return inv;
}

/** The p-quantile of sorted values by linear interpolation between order statistics (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
	const n = sorted.length;
	if (n === 0) return Number.NaN;
	const h = (n - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(n - 1, lo + 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
