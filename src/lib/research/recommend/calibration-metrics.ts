/**
 * Scores of stated probabilities against 0/1 outcomes, as scikit-learn 1.2.1 defines them:
 * - Brier score: mean (p − y)² (`brier_score_loss`);
 * - log loss: −mean[y ln p + (1 − y) ln(1 − p)] with p clipped to [ε, 1 − ε], ε = 2⁻⁵² (`log_loss`, eps='auto');
 * - reliability diagram: `calibration_curve(y, p, n_bins, strategy)` — edges 0…1 evenly ('uniform') or the
 *   probabilities' percentiles (NumPy linear interpolation, 'quantile'); a row goes to the bin counting the inner
 *   edges strictly below it (`np.searchsorted(bins[1:-1], p)`), empty bins are dropped; we also return the counts;
 * - expected calibration error: Σ_b (n_b / N)·|fraction positive_b − mean predicted_b| over those bins (Naeini,
 *   Cooper & Hauskrecht 2015, "Obtaining well calibrated probabilities using Bayesian binning", eq. for ECE;
 *   Guo et al. 2017 eq. 3). scikit-learn has no ECE; it is computed from the same bins.
 */
import { RecommendError } from './errors';

/** float64 machine epsilon: what scikit-learn 1.2's log_loss clips with (eps='auto'). */
const LOG_LOSS_EPS = 2.220446049250313e-16;

function checkProbabilities(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): void {
	if (probabilities.length !== outcomes.length)
		throw new RecommendError(
			'invalid',
			'outcomes',
			`needs one outcome per probability: ${outcomes.length} for ${probabilities.length}`
		);
	if (probabilities.length === 0)
		throw new RecommendError('too_few', 'probabilities', 'needs at least 1 row');
	for (let i = 0; i < probabilities.length; i++) {
		const p = probabilities[i];
		if (!(p >= 0 && p <= 1))
			throw new RecommendError('invalid', 'probabilities', `row ${i} must be in [0, 1], got ${p}`);
		if (outcomes[i] !== 0 && outcomes[i] !== 1)
			throw new RecommendError('invalid', 'outcomes', `row ${i} must be 0 or 1, got ${outcomes[i]}`);
	}
}

export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
	checkProbabilities(probabilities, outcomes);
	let s = 0;
	for (let i = 0; i < probabilities.length; i++) s += (probabilities[i] - outcomes[i]) ** 2;
	return s / probabilities.length;
}

export function logLoss(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
	checkProbabilities(probabilities, outcomes);
	let s = 0;
	for (let i = 0; i < probabilities.length; i++) {
		const p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
		s -= outcomes[i] === 1 ? Math.log(p) : Math.log(1 - p);
	}
	return s / probabilities.length;
}

export type BinStrategy = 'uniform' | 'quantile';

export interface ReliabilityBins {
	readonly strategy: BinStrategy;
	/** The n_bins + 1 edges the rows were binned with. */
	readonly edges: readonly number[];
	/** Per non-empty bin, in edge order: mean stated probability, share of outcomes = 1, rows. */
	readonly meanPredicted: readonly number[];
	readonly fractionPositive: readonly number[];
	readonly counts: readonly number[];
}

/** NumPy's percentile, method 'linear', including its two-sided lerp (numpy/lib/function_base.py `_lerp`). */
function percentile(sorted: Float64Array, q: number): number {
	const pos = q * (sorted.length - 1);
	const lo = Math.floor(pos);
	const hi = Math.min(lo + 1, sorted.length - 1);
	const t = pos - lo;
	const a = sorted[lo];
	const b = sorted[hi];
	const diff = b - a;
	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

export function reliabilityBins(
	probabilities: ArrayLike<number>,
	outcomes: ArrayLike<number>,
	bins = 10,
	strategy: BinStrategy = 'uniform'
): ReliabilityBins {
	checkProbabilities(probabilities, outcomes);
	if (!Number.isInteger(bins) || bins < 1)
		throw new RecommendError('invalid', 'bins', `must be an integer ≥ 1, got ${bins}`);
	const edges: number[] = [];
	if (strategy === 'uniform') {
		for (let k = 0; k <= bins; k++) edges.push(k / bins);
	} else {
		const sorted = Float64Array.from(probabilities).sort();
		for (let k = 0; k <= bins; k++) edges.push(percentile(sorted, k / bins));
	}
	const sum = new Float64Array(bins);
	const pos = new Float64Array(bins);
	const count = new Float64Array(bins);
	for (let i = 0; i < probabilities.length; i++) {
		const p = probabilities[i];
		let b = 0;
		while (b < bins - 1 && edges[b + 1] < p) b++;
		sum[b] += p;
		pos[b] += outcomes[i];
		count[b] += 1;
	}
	const meanPredicted: number[] = [];
	const fractionPositive: number[] = [];
	const counts: number[] = [];
	for (let b = 0; b < bins; b++) {
		if (count[b] === 0) continue;
		meanPredicted.push(sum[b] / count[b]);
		fractionPositive.push(pos[b] / count[b]);
		counts.push(count[b]);
	}
	return { strategy, edges, meanPredicted, fractionPositive, counts };
}

export function expectedCalibrationError(
	probabilities: ArrayLike<number>,
	outcomes: ArrayLike<number>,
	bins = 10,
	strategy: BinStrategy = 'uniform'
): number {
	const r = reliabilityBins(probabilities, outcomes, bins, strategy);
	let e = 0;
	for (let b = 0; b < r.counts.length; b++)
		e += (r.counts[b] / probabilities.length) * Math.abs(r.fractionPositive[b] - r.meanPredicted[b]);
	return e;
}
