/**
 * Smooth benchmark functions on the unit cube for the GP sampler's spec, as scores to maximise (their usual
 * minimisation form negated), with their known optima: Branin (2-D, Dixon & Szegő 1978; min 0.397887) and
 * Hartmann-3 (3-D, min −3.86278). Standard test functions, e.g. the Virtual Library of Simulation Experiments
 * (Surjanovic & Bingham, sfu.ca/~ssurjano).
 */

/** −Branin on x1 = 15u₀ − 5 ∈ [−5, 10], x2 = 15u₁ ∈ [0, 15]. */
export function negBranin(u: readonly number[]): number {
	const x1 = 15 * u[0] - 5;
	const x2 = 15 * u[1];
	const b = 5.1 / (4 * Math.PI ** 2);
	const c = 5 / Math.PI;
	const t = 1 / (8 * Math.PI);
	return -((x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10);
}
export const NEG_BRANIN_MAX = -0.397887;

const H3_A = [
	[3, 10, 30],
	[0.1, 10, 35],
	[3, 10, 30],
	[0.1, 10, 35]
];
const H3_P = [
	[0.3689, 0.117, 0.2673],
	[0.4699, 0.4387, 0.747],
	[0.1091, 0.8732, 0.5547],
	[0.03815, 0.5743, 0.8828]
];
const H3_ALPHA = [1, 1.2, 3, 3.2];

/** −Hartmann-3 on [0, 1]³. */
export function negHartmann3(u: readonly number[]): number {
	let s = 0;
	for (let i = 0; i < 4; i++) {
		let e = 0;
		for (let j = 0; j < 3; j++) e += H3_A[i][j] * (u[j] - H3_P[i][j]) ** 2;
		s += H3_ALPHA[i] * Math.exp(-e);
	}
	return s;
}
export const NEG_HARTMANN3_MAX = 3.86278;
