/**
 * Metrics of a probabilistic binary classifier: labels y ∈ {0, 1} (1 = the forward return was positive) and
 * predicted probabilities p = P(y = 1). Pure functions, Float64Array in, plain numbers out, with the conventions of
 * metrics.ts: mismatched lengths and values outside the domain throw a RangeError naming the array and the row;
 * a metric that is undefined for its input (no rows, only one class where both are needed) is NaN — "not
 * available" — never a stand-in number. Definitions follow scikit-learn 1.2 (cross-checked in the spec against
 * a committed fixture); the one departure is named on balancedAccuracy.
 */

/** A probability above this predicts class 1, as scikit-learn's predict does (decision function > 0). */
export const DECISION_THRESHOLD = 0.5;
/** Log loss clips p to [ε, 1 − ε] so that a confident miss costs a large finite amount, not Infinity. */
export const LOG_LOSS_EPSILON = 1e-15;
export const DEFAULT_CALIBRATION_BINS = 10;

export interface CalibrationRow {
	/** Bin bounds: [lo, hi] for the first bin, (lo, hi] for the others (a probability on an edge joins the lower bin). */
	readonly lo: number;
	readonly hi: number;
	/** Rows whose probability falls in the bin. */
	readonly n: number;
	/** Mean predicted probability of those rows; NaN when n = 0. */
	readonly meanPredicted: number;
	/** Share of those rows with y = 1; NaN when n = 0. */
	readonly observedRate: number;
}

export interface ClassificationMetrics {
	readonly accuracy: number;
	readonly balancedAccuracy: number;
	readonly rocAuc: number;
	readonly logLoss: number;
	readonly brier: number;
	/** Rows scored. */
	readonly n: number;
	/** Share of rows with y = 1; NaN when n = 0. */
	readonly positiveRate: number;
	readonly calibration: readonly CalibrationRow[];
}

function checkInputs(y: Float64Array, p: Float64Array): void {
	if (y.length !== p.length) {
		throw new RangeError(`y has ${y.length} labels but p has ${p.length} probabilities; they must pair up`);
	}
	for (let i = 0; i < y.length; i++) {
		if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y[${i}] is ${y[i]}; labels must be 0 or 1`);
		if (!(p[i] >= 0 && p[i] <= 1))
			throw new RangeError(`p[${i}] is ${p[i]}; probabilities must be in [0, 1]`);
	}
}

function countPositives(y: Float64Array): number {
	let s = 0;
	for (let i = 0; i < y.length; i++) s += y[i];
	return s;
}

/** Share of rows where (p > 0.5) equals y. NaN for no rows. */
export function accuracy(y: Float64Array, p: Float64Array): number {
	checkInputs(y, p);
	if (y.length === 0) return Number.NaN;
	let hits = 0;
	for (let i = 0; i < y.length; i++) if ((p[i] > DECISION_THRESHOLD ? 1 : 0) === y[i]) hits++;
	return hits / y.length;
}

/**
 * Mean of the recall of class 1 (true positive rate) and of class 0 (true negative rate) at p > 0.5.
 * NaN when a class is absent: scikit-learn then averages the recall of the present class alone (with a warning),
 * which is no longer balanced across two classes, so we report it as not available instead.
 */
export function balancedAccuracy(y: Float64Array, p: Float64Array): number {
	checkInputs(y, p);
	let tp = 0;
	let tn = 0;
	const positives = countPositives(y);
	const negatives = y.length - positives;
	if (positives === 0 || negatives === 0) return Number.NaN;
	for (let i = 0; i < y.length; i++) {
		const predicted = p[i] > DECISION_THRESHOLD ? 1 : 0;
		if (predicted === 1 && y[i] === 1) tp++;
		else if (predicted === 0 && y[i] === 0) tn++;
	}
	return (tp / positives + tn / negatives) / 2;
}

/**
 * Area under the ROC curve from ranks (Mann–Whitney): the probability that a random positive row gets a higher p
 * than a random negative one, ties counting one half (tied p share their average rank). Equals scikit-learn's
 * trapezoidal roc_auc_score. NaN when either class is absent.
 */
export function rocAuc(y: Float64Array, p: Float64Array): number {
	checkInputs(y, p);
	const n = y.length;
	const positives = countPositives(y);
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) return Number.NaN;
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
	let positiveRankSum = 0;
	for (let start = 0; start < n;) {
		let end = start + 1;
		while (end < n && p[order[end]] === p[order[start]]) end++;
		// Rows start..end−1 are tied; ranks are 1-based, so their average rank is (start + 1 + end) / 2.
		const averageRank = (start + 1 + end) / 2;
		for (let k = start; k < end; k++) if (y[order[k]] === 1) positiveRankSum += averageRank;
		start = end;
	}
	return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Mean negative log-likelihood, −mean(y·log p + (1 − y)·log(1 − p)), natural log, p clipped to [1e-15, 1 − 1e-15]
 * (scikit-learn 1.2's default clip is float64 machine epsilon instead; the two differ only for p within 1e-15 of
 * 0 or 1). NaN for no rows.
 */
export function logLoss(y: Float64Array, p: Float64Array): number {
	checkInputs(y, p);
	if (y.length === 0) return Number.NaN;
	let s = 0;
	for (let i = 0; i < y.length; i++) {
		const q = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p[i]));
		s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
	}
	return s / y.length;
}

/** Mean squared difference between p and y. NaN for no rows. */
export function brierScore(y: Float64Array, p: Float64Array): number {
	checkInputs(y, p);
	if (y.length === 0) return Number.NaN;
	let s = 0;
	for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
	return s / y.length;
}

/**
 * Reliability table over `bins` equal-width bins of [0, 1], binned exactly like scikit-learn's
 * calibration_curve(strategy='uniform'): edge k is k·(1/bins) (numpy.linspace's arithmetic) and a probability on
 * an inner edge belongs to the lower bin. Every bin is listed; an empty one has n = 0 and NaN means (sklearn drops
 * empty bins instead).
 */
export function calibrationTable(
	y: Float64Array,
	p: Float64Array,
	bins: number = DEFAULT_CALIBRATION_BINS
): CalibrationRow[] {
	checkInputs(y, p);
	if (!Number.isInteger(bins) || bins < 1)
		throw new RangeError(`bins must be a whole number ≥ 1, got ${bins}`);
	const step = 1 / bins;
	const edge = (k: number): number => (k === bins ? 1 : k * step);
	const count = new Float64Array(bins);
	const sumP = new Float64Array(bins);
	const sumY = new Float64Array(bins);
	for (let i = 0; i < p.length; i++) {
		let b = Math.min(bins - 1, Math.floor(p[i] * bins));
		while (b > 0 && p[i] <= edge(b)) b--;
		while (b < bins - 1 && p[i] > edge(b + 1)) b++;
		count[b]++;
		sumP[b] += p[i];
		sumY[b] += y[i];
	}
	return Array.from({ length: bins }, (_, b) => ({
		lo: edge(b),
		hi: edge(b + 1),
		n: count[b],
		meanPredicted: count[b] > 0 ? sumP[b] / count[b] : Number.NaN,
		observedRate: count[b] > 0 ? sumY[b] / count[b] : Number.NaN
	}));
}

/** Every metric above for one set of predictions (e.g. one fold's test rows). */
export function classificationMetrics(
	y: Float64Array,
	p: Float64Array,
	bins: number = DEFAULT_CALIBRATION_BINS
): ClassificationMetrics {
	checkInputs(y, p);
	return {
		accuracy: accuracy(y, p),
		balancedAccuracy: balancedAccuracy(y, p),
		rocAuc: rocAuc(y, p),
		logLoss: logLoss(y, p),
		brier: brierScore(y, p),
		n: y.length,
		positiveRate: y.length > 0 ? countPositives(y) / y.length : Number.NaN,
		calibration: calibrationTable(y, p, bins)
	};
}
