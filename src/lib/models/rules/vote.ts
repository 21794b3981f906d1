/**
 * ensemble_voting: one position from the positions of chosen member signals (each run with its catalog defaults).
 *
 * At bar t every member has a position p_i in [−1, 1]; the vote exists once every member's does (NaN before).
 * Shares of the vote, over the n members:
 * - majority: long share = (members with p_i > 0) / n, short share = (members with p_i < 0) / n; a flat member
 *   counts in n but for neither side.
 * - weighted: long share = Σ w_i · max(p_i, 0), short share = Σ w_i · max(−p_i, 0), with weights from the fold's
 *   training window: w_i ∝ max(0, member i's mean daily return there, mean of p_i[t] · (close[t+1] / close[t] − 1)
 *   over training rows t with t + 1 < trainEnd), so a member that lost money in training has no say; equal weights
 *   when none made money. A member's say is its weight times its position size.
 * - unanimous: long when every member is long, short when every member is short (a share of 1).
 * The position is +1 when the long share reaches confidence_threshold, −1 when the short share does, else 0 (the
 * threshold is at least 0.5, so both sides reach it only in an exact tie at 0.5, which is 0).
 */

export const VOTING_STRATEGIES = ['weighted', 'majority', 'unanimous'] as const;
export type VotingStrategy = (typeof VOTING_STRATEGIES)[number];

/** Training-window weights (see the file comment); they sum to 1. */
export function trainingWeights(
	members: readonly Float64Array[],
	close: Float64Array,
	trainStart: number,
	trainEnd: number
): Float64Array {
	const w = members.map((p) => {
		let sum = 0;
		let rows = 0;
		for (let t = Math.max(0, trainStart); t + 1 < Math.min(trainEnd, close.length); t++) {
			if (Number.isNaN(p[t])) continue;
			sum += p[t] * (close[t + 1] / close[t] - 1);
			rows++;
		}
		return rows > 0 ? Math.max(0, sum / rows) : 0;
	});
	const total = w.reduce((s, v) => s + v, 0);
	return Float64Array.from(w, (v) => (total > 0 ? v / total : 1 / members.length));
}

export function votePositions(
	members: readonly Float64Array[],
	strategy: VotingStrategy,
	threshold: number,
	weights?: Float64Array
): Float64Array {
	if (members.length === 0) throw new RangeError('members must name at least one signal');
	if (!(threshold >= 0.5 && threshold <= 1))
		throw new RangeError(`confidence_threshold must lie in [0.5, 1], got ${threshold}`);
	if (strategy === 'weighted' && weights?.length !== members.length)
		throw new RangeError('the weighted vote needs one weight per member');
	const n = members.length;
	const out = new Float64Array(members[0].length);
	for (let t = 0; t < out.length; t++) {
		let long = 0;
		let short = 0;
		let defined = true;
		for (let i = 0; i < n && defined; i++) {
			const p = members[i][t];
			if (Number.isNaN(p)) defined = false;
			else if (strategy === 'weighted') {
				long += weights![i] * Math.max(p, 0);
				short += weights![i] * Math.max(-p, 0);
			} else {
				long += p > 0 ? 1 / n : 0;
				short += p < 0 ? 1 / n : 0;
			}
		}
		if (!defined) {
			out[t] = Number.NaN;
			continue;
		}
		// Shares are sums of 1/n: compare with a hair of slack so that 7 of 10 members reach 0.7.
		const need = (strategy === 'unanimous' ? 1 : threshold) - 1e-12;
		const up = long >= need;
		const down = short >= need;
		out[t] = up === down ? 0 : up ? 1 : -1;
	}
	return out;
}
