/**
 * The walk-forward pairs-trading backtest: one causal pass over two aligned price series A and B.
 *
 * Timing (bar t = the close of row t; simple returns r_t = close_t / close_{t−1} − 1; log prices p_t):
 * - refits at bars L − 1, L − 1 + k, … (L = lookback, the first bar with L prices behind it, itself included):
 *   on the window p_{t−L+1} … p_t only, the Engle–Granger regression pA = α + β pB + e gives the hedge ratio β,
 *   its test's p-value says whether the pair may be traded, and the residuals' sample standard deviation σ
 *   (their mean is 0) scales the spread;
 * - at every bar t from the first refit to the second-last, the latest refit gives z_t = (pA_t − α − β pB_t) / σ
 *   and the position held over bar t + 1: a long spread (+1: long A, short β of B) exits once z_t ≥ −exit, a
 *   short spread (−1) once z_t ≤ exit; then, if flat, z_t ≤ −entry opens a long spread and z_t ≥ entry a short
 *   one. While the latest refit's p-value is above the threshold the position is flat;
 * - position s becomes weights of the portfolio's value: w_A = s / (1 + |β|), w_B = −s β / (1 + |β|) (gross
 *   exposure 1; the rest is cash at 0 %), reset at every close; over bar t + 1 the value grows by
 *   (1 − cost_t)(1 + w_A r_A + w_B r_B), and the weights drift with prices until the next close;
 * - turnover at bar t = Σ|target − drifted weight|, cost_t = turnover × costBps / 10 000, charged in bar t + 1.
 */
import { engleGranger } from '../stats/coint';

const BPS_PER_UNIT = 10_000;
/** Below 30 prices the residuals' ADF regression (up to Schwert's 9 lags) has too few rows to trust. */
export const MIN_LOOKBACK = 30;

export interface PairsOptions {
	/** L: prices in each refit's window. */
	readonly lookback: number;
	/** k: bars between refits. */
	readonly refitEvery: number;
	readonly entry: number;
	readonly exit: number;
	/** Largest Engle–Granger p-value that allows trading. */
	readonly threshold: number;
	readonly costBps: number;
}

export interface PairsRefit {
	readonly bar: number;
	readonly alpha: number;
	readonly beta: number;
	/** Sample standard deviation of the window's residuals. */
	readonly sd: number;
	readonly stat: number;
	readonly pvalue: number;
	readonly usedLag: number;
	readonly tradable: boolean;
}

export interface PairsTrade {
	/** +1 long spread (long A, short B), −1 short spread. */
	readonly side: 1 | -1;
	readonly openBar: number;
	/** null while still open at the last bar. */
	readonly closeBar: number | null;
	readonly openZ: number;
	/** Compounded portfolio return over bars openBar + 1 … closeBar (or the last bar), opening cost included. */
	readonly return: number;
}

export interface PairsBacktest {
	/** Bar of the first refit and first decision (= lookback − 1). */
	readonly start: number;
	readonly refits: readonly PairsRefit[];
	/** z at bars start … N − 1; NaN where the latest refit is not tradable. */
	readonly z: Float64Array;
	/** Position decided at the close of bars start … N − 2 (held over the next bar); the last bar's is 0. */
	readonly position: Int8Array;
	readonly turnover: Float64Array;
	readonly costs: Float64Array;
	/** Net returns of bars start + 1 … N − 1. */
	readonly returns: Float64Array;
	/** Equity at bars start … N − 1, 1 at the first decision. */
	readonly equity: Float64Array;
	readonly trades: readonly PairsTrade[];
}

function checkOptions(o: PairsOptions): void {
	if (!Number.isInteger(o.lookback) || o.lookback < MIN_LOOKBACK)
		throw new RangeError(`lookback must be an integer ≥ ${MIN_LOOKBACK}, got ${o.lookback}`);
	if (!Number.isInteger(o.refitEvery) || o.refitEvery < 1)
		throw new RangeError(`refitEvery must be an integer ≥ 1, got ${o.refitEvery}`);
	if (!(o.exit >= 0 && o.exit < o.entry))
		throw new RangeError(`need 0 ≤ exit < entry, got ${o.exit} and ${o.entry}`);
	if (!(o.threshold > 0 && o.threshold <= 1))
		throw new RangeError(`threshold must be in (0, 1], got ${o.threshold}`);
	if (!Number.isFinite(o.costBps) || o.costBps < 0)
		throw new RangeError(`costBps must be a finite number ≥ 0, got ${o.costBps}`);
}

function sampleSd(x: Float64Array): number {
	let m = 0;
	for (const v of x) m += v;
	m /= x.length;
	let s = 0;
	for (const v of x) s += (v - m) ** 2;
	return Math.sqrt(s / (x.length - 1));
}

/** The next position from the last one and today's z (exits first, then entries from flat). */
export function nextPosition(last: number, z: number, entry: number, exit: number): -1 | 0 | 1 {
	let s = last;
	if (s === 1 && z >= -exit) s = 0;
	if (s === -1 && z <= exit) s = 0;
	if (s === 0) {
		if (z <= -entry) s = 1;
		else if (z >= entry) s = -1;
	}
	return s as -1 | 0 | 1;
}

/**
 * Runs the backtest on two aligned positive close series (length N ≥ lookback + 1). `onRefit` sees each refit's
 * index and bar (for progress and cancellation).
 */
export function pairsBacktest(
	closeA: Float64Array,
	closeB: Float64Array,
	options: PairsOptions,
	onRefit?: (index: number, bar: number) => void
): PairsBacktest {
	checkOptions(options);
	const N = closeA.length;
	if (closeB.length !== N) throw new RangeError(`A has ${N} closes, B has ${closeB.length}`);
	const L = options.lookback;
	if (N < L + 1) throw new RangeError(`a pairs backtest with lookback ${L} needs ${L + 1} bars, got ${N}`);
	const pA = new Float64Array(N);
	const pB = new Float64Array(N);
	for (let t = 0; t < N; t++) {
		if (!(closeA[t] > 0) || !(closeB[t] > 0) || !Number.isFinite(closeA[t] + closeB[t]))
			throw new RangeError(`closes must be positive and finite; bar ${t} has ${closeA[t]} and ${closeB[t]}`);
		pA[t] = Math.log(closeA[t]);
		pB[t] = Math.log(closeB[t]);
	}
	const start = L - 1;
	const span = N - start;
	const z = new Float64Array(span).fill(Number.NaN);
	const position = new Int8Array(span);
	const turnover = new Float64Array(span);
	const costs = new Float64Array(span);
	const returns = new Float64Array(span - 1);
	const equity = new Float64Array(span);
	const refits: PairsRefit[] = [];
	const trades: PairsTrade[] = [];
	let model: PairsRefit | null = null;
	let wA = 0;
	let wB = 0;
	let s = 0;
	let value = 1;
	let open: { side: 1 | -1; bar: number; z: number; value: number } | null = null;
	const closeTrade = (bar: number) => {
		if (!open) return;
		trades.push({
			side: open.side,
			openBar: open.bar,
			closeBar: bar,
			openZ: open.z,
			return: value / open.value - 1
		});
		open = null;
	};
	for (let t = start; t < N; t++) {
		const i = t - start;
		if (t > start) {
			const rA = closeA[t] / closeA[t - 1] - 1;
			const rB = closeB[t] / closeB[t - 1] - 1;
			const gross = wA * rA + wB * rB;
			const R = (1 - costs[i - 1]) * (1 + gross) - 1;
			returns[i - 1] = R;
			value *= 1 + R;
			wA = (wA * (1 + rA)) / (1 + gross);
			wB = (wB * (1 + rB)) / (1 + gross);
		}
		equity[i] = value;
		if (t === N - 1) break; // no trade on the last bar: nothing is held after it
		if ((t - start) % options.refitEvery === 0) {
			onRefit?.(refits.length, t);
			const wa = pA.subarray(t - L + 1, t + 1);
			const wb = pB.subarray(t - L + 1, t + 1);
			const eg = engleGranger(wa, wb);
			model = {
				bar: t,
				alpha: eg.alpha,
				beta: eg.beta,
				sd: sampleSd(eg.resid),
				stat: eg.stat,
				pvalue: eg.pvalue,
				usedLag: eg.usedLag,
				tradable: eg.pvalue <= options.threshold && !eg.collinear
			};
			refits.push(model);
		}
		const m = model as PairsRefit;
		if (m.tradable && m.sd > 0) {
			z[i] = (pA[t] - m.alpha - m.beta * pB[t]) / m.sd;
			s = nextPosition(s, z[i], options.entry, options.exit);
		} else s = 0;
		const last = open as { side: 1 | -1 } | null;
		if (last && last.side !== s) closeTrade(t);
		if (s !== 0 && !open) open = { side: s as 1 | -1, bar: t, z: z[i], value };
		position[i] = s;
		const scale = 1 + Math.abs(m.beta);
		const targetA = s / scale;
		const targetB = (-s * m.beta) / scale;
		turnover[i] = Math.abs(targetA - wA) + Math.abs(targetB - wB);
		costs[i] = (turnover[i] * options.costBps) / BPS_PER_UNIT;
		wA = targetA;
		wB = targetB;
	}
	if (open) {
		const o = open as { side: 1 | -1; bar: number; z: number; value: number };
		trades.push({ side: o.side, openBar: o.bar, closeBar: null, openZ: o.z, return: value / o.value - 1 });
	}
	return { start, refits, z, position, turnover, costs, returns, equity, trades };
}
