/**
 * libsvm's SMO solver (Fan, Chen & Lin 2005) specialised to ε-SVR, as scikit-learn 1.2 bundles it
 * (sklearn/svm/src/libsvm/svm.cpp: Solver, SVR_Q, solve_epsilon_svr): WSS3 working-set selection, bound clipping,
 * shrinking every min(2n, 1000) iterations with one unshrink near the end, gradient reconstruction, and ρ.
 * Transcribed step for step so that the same data take the same path as scikit-learn.
 */
import { FitCancelledError, type FitContext } from '../types';
import type { KernelRowCache } from './kernel-cache';

/** libsvm's TAU: the curvature used when a pair's quadratic coefficient is not positive. */
const TAU = 1e-12;
/** libsvm shrinks (and this solver checks cancellation and reports progress) every min(2n, 1000) iterations. */
const SHRINK_EVERY = 1000;

const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/**
 * G += Q_i dA_i + Q_j dA_j over the active set, with Q_i, Q_j reordered over it. A module-level function, not
 * inline in the solver's loop: V8 optimises that loop only by on-stack replacement, and its cached code
 * deoptimises on each new fit (new closures), which would leave this loop interpreted for a while every fit.
 */
function updateGradient(
	G: Float64Array,
	Qi: Float32Array,
	Qj: Float32Array,
	dAi: number,
	dAj: number,
	activeSize: number
): void {
	for (let k = 0; k < activeSize; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;
}

/**
 * updateGradient in the initial layout, from the cached kernel rows Ki, Kj: Q_ik dA_i = K(i, k) (s_i s_k dA_i),
 * the same product up to an exact sign flip, with s_k = +1 for k < n and −1 beyond (pi = s_i dA_i, pj = s_j dA_j).
 */
function updateGradientPlain(
	G: Float64Array,
	Ki: Float32Array,
	Kj: Float32Array,
	pi: number,
	pj: number,
	n: number,
	activeSize: number
): void {
	const head = Math.min(activeSize, n);
	for (let k = 0; k < head; k++) G[k] += Ki[k] * pi + Kj[k] * pj;
	for (let k = n; k < activeSize; k++) G[k] += Ki[k - n] * -pi + Kj[k - n] * -pj;
}

export interface SolverSettings {
	readonly C: number;
	readonly epsilon: number;
	readonly tol: number;
	readonly shrinking: boolean;
}

/**
 * libsvm's `Solver::Solve` on the ε-SVR problem (`solve_epsilon_svr` + `SVR_Q`), transcribed step for step:
 * the same working-set choice, bound clipping, shrinking schedule and ρ. Returns α⁺ − α⁻ per row and ρ.
 */
export function solveEpsilonSvr(
	n: number,
	target: Float64Array,
	settings: SolverSettings,
	cache: KernelRowCache,
	kernelAt: (i: number, j: number) => number,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'>
): { coef: Float64Array; rho: number; iterations: number } {
	const { C, epsilon, tol, shrinking } = settings;
	const l = 2 * n;
	const sign = new Int8Array(l);
	const index = new Int32Array(l);
	const QD = new Float64Array(l);
	const alpha = new Float64Array(l);
	const G = new Float64Array(l);
	const Gbar = new Float64Array(l);
	const lin = new Float64Array(l);
	const status = new Uint8Array(l);
	const activeSet = new Int32Array(l);
	for (let k = 0; k < n; k++) {
		sign[k] = 1;
		sign[k + n] = -1;
		index[k] = index[k + n] = k;
		QD[k] = QD[k + n] = kernelAt(k, k);
		lin[k] = epsilon - target[k];
		lin[k + n] = epsilon + target[k];
	}
	for (let t = 0; t < l; t++) {
		activeSet[t] = t;
		G[t] = lin[t];
		status[t] = LOWER;
	}
	let activeSize = l;
	let unshrink = false;

	// SVR_Q::get_Q: the cached kernel row of the real row, reordered and signed into one of two alternating buffers.
	const buffers = [new Float32Array(l), new Float32Array(l)];
	let nextBuffer = 0;
	// Until shrinking first swaps two variables the layout is the initial one (t < n: row t, sign +1; t ≥ n: row
	// t − n, sign −1), and the reorder needs no index or sign lookups.
	let identity = true;
	const getQ = (i: number, len: number): Float32Array => {
		const data = cache.get(index[i]);
		const buf = buffers[nextBuffer];
		nextBuffer = 1 - nextBuffer;
		const si = sign[i];
		if (identity) {
			const head = Math.min(len, n);
			for (let j = 0; j < head; j++) buf[j] = si * data[j];
			for (let j = n; j < len; j++) buf[j] = -si * data[j - n];
		} else {
			for (let j = 0; j < len; j++) buf[j] = si * sign[j] * data[index[j]];
		}
		return buf;
	};

	const updateStatus = (i: number): void => {
		status[i] = alpha[i] >= C ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
	};

	const swapIndex = (i: number, j: number): void => {
		identity = false;
		let t: number;
		t = sign[i];
		sign[i] = sign[j];
		sign[j] = t; // prettier-ignore
		t = index[i];
		index[i] = index[j];
		index[j] = t; // prettier-ignore
		t = QD[i];
		QD[i] = QD[j];
		QD[j] = t; // prettier-ignore
		t = G[i];
		G[i] = G[j];
		G[j] = t; // prettier-ignore
		t = status[i];
		status[i] = status[j];
		status[j] = t; // prettier-ignore
		t = alpha[i];
		alpha[i] = alpha[j];
		alpha[j] = t; // prettier-ignore
		t = lin[i];
		lin[i] = lin[j];
		lin[j] = t; // prettier-ignore
		t = activeSet[i];
		activeSet[i] = activeSet[j];
		activeSet[j] = t; // prettier-ignore
		t = Gbar[i];
		Gbar[i] = Gbar[j];
		Gbar[j] = t; // prettier-ignore
	};

	const reconstructGradient = (): void => {
		if (activeSize === l) return;
		let nrFree = 0;
		for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + lin[j];
		for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nrFree++;
		if (nrFree * l > 2 * activeSize * (l - activeSize)) {
			for (let i = activeSize; i < l; i++) {
				const Qi = getQ(i, activeSize);
				for (let j = 0; j < activeSize; j++) if (status[j] === FREE) G[i] += alpha[j] * Qi[j];
			}
		} else {
			for (let i = 0; i < activeSize; i++) {
				if (status[i] !== FREE) continue;
				const Qi = getQ(i, l);
				const ai = alpha[i];
				for (let j = activeSize; j < l; j++) G[j] += ai * Qi[j];
			}
		}
	};

	// Working-set selection; sets wsI, wsJ and the violation, returns true when optimal.
	let wsI = -1;
	let wsJ = -1;
	/** Row i of the last selection, reordered over the active set: the update reuses it (libsvm fetches it again). */
	let selectedQ: Float32Array | null = null;
	/**
	 * In the initial layout (`identity`), the selection reads row i straight from the cache instead (no reordered
	 * copy): Q_it = s_i s_t K(i, t), and s_t is +1 for t < n and −1 for t ≥ n, so each half is one loop without
	 * sign lookups. The values are the same floats (a sign flip is exact), so the path is the same.
	 */
	let selectedRow: Float32Array = new Float32Array(0);
	let violation = Infinity;
	const selectWorkingSetIdentity = (): boolean => {
		let Gmax = -Infinity;
		let Gmax2 = -Infinity;
		let GmaxIdx = -1;
		let GminIdx = -1;
		let objDiffMin = Infinity;
		const head = Math.min(activeSize, n);
		for (let t = 0; t < head; t++) {
			if (status[t] !== UPPER && -G[t] >= Gmax) {
				Gmax = -G[t];
				GmaxIdx = t;
			}
		}
		for (let t = n; t < activeSize; t++) {
			if (status[t] !== LOWER && G[t] >= Gmax) {
				Gmax = G[t];
				GmaxIdx = t;
			}
		}
		const i = GmaxIdx;
		// Row i is only read where gradDiff > 0, which needs a finite Gmax, so an i.
		const row = i !== -1 ? cache.get(index[i]) : selectedRow;
		selectedRow = row;
		const QDi = i !== -1 ? QD[i] : 0;
		// 2 y_i Q_ij is 2 s_j K(i, j) here, so quad = QD_i + QD_j − 2 K(i, j) in both halves.
		for (let j = 0; j < head; j++) {
			if (status[j] !== LOWER) {
				const gradDiff = Gmax + G[j];
				if (G[j] >= Gmax2) Gmax2 = G[j];
				if (gradDiff > 0) {
					const quad = QDi + QD[j] - 2.0 * row[j];
					const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
					if (objDiff <= objDiffMin) {
						GminIdx = j;
						objDiffMin = objDiff;
					}
				}
			}
		}
		for (let j = n; j < activeSize; j++) {
			if (status[j] !== UPPER) {
				const gradDiff = Gmax - G[j];
				if (-G[j] >= Gmax2) Gmax2 = -G[j];
				if (gradDiff > 0) {
					const quad = QDi + QD[j] - 2.0 * row[j - n];
					const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
					if (objDiff <= objDiffMin) {
						GminIdx = j;
						objDiffMin = objDiff;
					}
				}
			}
		}
		violation = Gmax + Gmax2;
		if (Gmax + Gmax2 < tol || GminIdx === -1) return true;
		wsI = GmaxIdx;
		wsJ = GminIdx;
		return false;
	};
	const selectWorkingSet = (): boolean => {
		if (identity) return selectWorkingSetIdentity();
		let Gmax = -Infinity;
		let Gmax2 = -Infinity;
		let GmaxIdx = -1;
		let GminIdx = -1;
		let objDiffMin = Infinity;
		for (let t = 0; t < activeSize; t++) {
			if (sign[t] === 1) {
				if (status[t] !== UPPER && -G[t] >= Gmax) {
					Gmax = -G[t];
					GmaxIdx = t;
				}
			} else if (status[t] !== LOWER && G[t] >= Gmax) {
				Gmax = G[t];
				GmaxIdx = t;
			}
		}
		const i = GmaxIdx;
		const Qi = i !== -1 ? getQ(i, activeSize) : null;
		selectedQ = Qi;
		const QDi = i !== -1 ? QD[i] : 0;
		const yi = i !== -1 ? sign[i] : 0;
		for (let j = 0; j < activeSize; j++) {
			if (sign[j] === 1) {
				if (status[j] !== LOWER) {
					const gradDiff = Gmax + G[j];
					if (G[j] >= Gmax2) Gmax2 = G[j];
					if (gradDiff > 0) {
						const quad = QDi + QD[j] - 2.0 * yi * Qi![j];
						const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
						if (objDiff <= objDiffMin) {
							GminIdx = j;
							objDiffMin = objDiff;
						}
					}
				}
			} else if (status[j] !== UPPER) {
				const gradDiff = Gmax - G[j];
				if (-G[j] >= Gmax2) Gmax2 = -G[j];
				if (gradDiff > 0) {
					const quad = QDi + QD[j] + 2.0 * yi * Qi![j];
					const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
					if (objDiff <= objDiffMin) {
						GminIdx = j;
						objDiffMin = objDiff;
					}
				}
			}
		}
		violation = Gmax + Gmax2;
		if (Gmax + Gmax2 < tol || GminIdx === -1) return true;
		wsI = GmaxIdx;
		wsJ = GminIdx;
		return false;
	};

	const beShrunk = (i: number, Gmax1: number, Gmax2: number): boolean => {
		if (status[i] === UPPER) return sign[i] === 1 ? -G[i] > Gmax1 : -G[i] > Gmax2;
		if (status[i] === LOWER) return sign[i] === 1 ? G[i] > Gmax2 : G[i] > Gmax1;
		return false;
	};

	const doShrinking = (): void => {
		let Gmax1 = -Infinity;
		let Gmax2 = -Infinity;
		for (let i = 0; i < activeSize; i++) {
			if (sign[i] === 1) {
				if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
				if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
			} else {
				if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
				if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
			}
		}
		if (!unshrink && Gmax1 + Gmax2 <= tol * 10) {
			unshrink = true;
			reconstructGradient();
			activeSize = l;
		}
		for (let i = 0; i < activeSize; i++) {
			if (!beShrunk(i, Gmax1, Gmax2)) continue;
			activeSize--;
			while (activeSize > i) {
				if (!beShrunk(activeSize, Gmax1, Gmax2)) {
					swapIndex(i, activeSize);
					break;
				}
				activeSize--;
			}
		}
	};

	let iterations = 0;
	let counter = Math.min(l, SHRINK_EVERY) + 1;
	let firstViolation = NaN;
	for (;;) {
		if (--counter === 0) {
			counter = Math.min(l, SHRINK_EVERY);
			if (shrinking) doShrinking();
			if (ctx.isCancelled?.()) throw new FitCancelledError();
			// Progress on a log scale from the first violation down to tol (the solver's own finish line).
			if (violation > 0 && Number.isFinite(firstViolation) && firstViolation > tol) {
				const done = Math.log(firstViolation / violation) / Math.log(firstViolation / tol);
				ctx.onProgress?.(Math.min(0.99, Math.max(0, done)));
			}
		}
		if (selectWorkingSet()) {
			reconstructGradient();
			activeSize = l;
			if (selectWorkingSet()) break;
			counter = 1;
		}
		if (Number.isNaN(firstViolation)) firstViolation = violation;
		iterations++;
		const i = wsI;
		const j = wsJ;
		// Nothing moved since the selection fetched row i over the same active set, so its buffer is still exact.
		// In the initial layout, the rows straight from the cache (row i stays cached: it is the most recent).
		const plain = identity;
		let Qi = plain ? selectedRow : selectedQ!;
		let Qj = plain ? cache.get(index[j]) : getQ(j, activeSize);
		const Ci = C;
		const Cj = C;
		const oldAi = alpha[i];
		const oldAj = alpha[j];
		// Q_ij: in the initial layout s_i s_j K(i, j), an exact sign flip of the cached float.
		const Qij = plain ? sign[i] * sign[j] * Qi[index[j]] : Qi[j];
		if (sign[i] !== sign[j]) {
			let quad = QD[i] + QD[j] + 2 * Qij;
			if (quad <= 0) quad = TAU;
			const delta = (-G[i] - G[j]) / quad;
			const diff = alpha[i] - alpha[j];
			alpha[i] += delta;
			alpha[j] += delta;
			if (diff > 0) {
				if (alpha[j] < 0) {
					alpha[j] = 0;
					alpha[i] = diff;
				}
			} else if (alpha[i] < 0) {
				alpha[i] = 0;
				alpha[j] = -diff;
			}
			if (diff > Ci - Cj) {
				if (alpha[i] > Ci) {
					alpha[i] = Ci;
					alpha[j] = Ci - diff;
				}
			} else if (alpha[j] > Cj) {
				alpha[j] = Cj;
				alpha[i] = Cj + diff;
			}
		} else {
			let quad = QD[i] + QD[j] - 2 * Qij;
			if (quad <= 0) quad = TAU;
			const delta = (G[i] - G[j]) / quad;
			const sum = alpha[i] + alpha[j];
			alpha[i] -= delta;
			alpha[j] += delta;
			if (sum > Ci) {
				if (alpha[i] > Ci) {
					alpha[i] = Ci;
					alpha[j] = sum - Ci;
				}
			} else if (alpha[j] < 0) {
				alpha[j] = 0;
				alpha[i] = sum;
			}
			if (sum > Cj) {
				if (alpha[j] > Cj) {
					alpha[j] = Cj;
					alpha[i] = sum - Cj;
				}
			} else if (alpha[i] < 0) {
				alpha[i] = 0;
				alpha[j] = sum;
			}
		}
		const dAi = alpha[i] - oldAi;
		const dAj = alpha[j] - oldAj;
		if (plain) updateGradientPlain(G, Qi, Qj, sign[i] * dAi, sign[j] * dAj, n, activeSize);
		else updateGradient(G, Qi, Qj, dAi, dAj, activeSize);

		const ui = status[i] === UPPER;
		const uj = status[j] === UPPER;
		updateStatus(i);
		updateStatus(j);
		if (ui !== (status[i] === UPPER)) {
			Qi = getQ(i, l);
			if (ui) for (let k = 0; k < l; k++) Gbar[k] -= Ci * Qi[k];
			else for (let k = 0; k < l; k++) Gbar[k] += Ci * Qi[k];
		}
		if (uj !== (status[j] === UPPER)) {
			Qj = getQ(j, l);
			if (uj) for (let k = 0; k < l; k++) Gbar[k] -= Cj * Qj[k];
			else for (let k = 0; k < l; k++) Gbar[k] += Cj * Qj[k];
		}
	}

	// calculate_rho
	let nrFree = 0;
	let ub = Infinity;
	let lb = -Infinity;
	let sumFree = 0;
	for (let i = 0; i < activeSize; i++) {
		const yG = sign[i] * G[i];
		if (status[i] === UPPER) {
			if (sign[i] === -1) ub = Math.min(ub, yG);
			else lb = Math.max(lb, yG);
		} else if (status[i] === LOWER) {
			if (sign[i] === 1) ub = Math.min(ub, yG);
			else lb = Math.max(lb, yG);
		} else {
			nrFree++;
			sumFree += yG;
		}
	}
	const rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;

	const alpha2 = new Float64Array(l);
	for (let t = 0; t < l; t++) alpha2[activeSet[t]] = alpha[t];
	const coef = new Float64Array(n);
	for (let k = 0; k < n; k++) coef[k] = alpha2[k] - alpha2[k + n];
	ctx.onProgress?.(1);
	return { coef, rho, iterations };
}
