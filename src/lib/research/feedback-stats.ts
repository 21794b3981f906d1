/**
 * The statistics behind the feedback report (feedback.ts): NaN-safe summaries, the Sharpe trend and the
 * parameter sensitivity. Each is a plain function of numbers read from trial records.
 */
import type { FeedbackTrial } from './feedback-trial';
import { spearman } from '../domain/metrics';

/** The original looked for a trend among the last 20 feedback records; we take a model's last 20 trials. */
export const TREND_WINDOW_TRIALS = 20;
/** Fewer points than the original's 5 make halves of one or two trials: noise, not a trend. */
export const TREND_MIN_TRIALS = 5;
/**
 * The original called a trend at ±10 % (second half > 1.1× or < 0.9× the first) of a success share, which is
 * never negative. Sharpe can be negative or near 0, where a ratio means nothing, so we compare the difference
 * of the halves' means with 10 % of the first half's size, but never less than 0.1 Sharpe.
 */
export const TREND_RELATIVE_CHANGE = 0.1;
export const TREND_MIN_SHARPE_CHANGE = 0.1;
/** A rank correlation of fewer pairs is not worth reporting (with 2 it is always ±1). */
export const SENSITIVITY_MIN_TRIALS = 3;

/** A metric over a model's completed trials; NaN values (not computable) are left out and counted. */
export interface MetricStats {
	readonly n: number;
	readonly unavailable: number;
	/** NaN when n is 0. */
	readonly mean: number;
	readonly median: number;
}

export type TrendDirection = 'improving' | 'declining' | 'stable';

export interface SharpeTrend {
	readonly direction: TrendDirection;
	/** Trials compared (the model's latest completed trials with a Sharpe, at most TREND_WINDOW_TRIALS). */
	readonly n: number;
	readonly firstHalfMean: number;
	readonly secondHalfMean: number;
	readonly change: number;
	/** |change| had to exceed this to call a direction. */
	readonly threshold: number;
}

export interface ParamSensitivity {
	readonly param: string;
	/** Completed trials with a Sharpe and a numeric value of this param. */
	readonly n: number;
	readonly distinctValues: number;
	/** Spearman rank correlation of the param's value with Sharpe, in [-1, 1]. */
	readonly spearman: number;
	/** The value in the trial with the highest Sharpe among those n. */
	readonly bestValue: number;
	/** Something else varied too (another param, the dataset, target, validation or strategy): the correlation
	 * is not this param's effect alone. */
	readonly confounded: boolean;
}

export function mean(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	let sum = 0;
	for (const v of values) sum += v;
	return sum / values.length;
}

function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function metricStats(values: readonly number[]): MetricStats {
	const finite = values.filter(Number.isFinite);
	return {
		n: finite.length,
		unavailable: values.length - finite.length,
		mean: mean(finite),
		median: median(finite)
	};
}

/** Second half of the latest Sharpes against the first half (the original's halves, on Sharpe). */
export function sharpeTrend(chronologicalSharpes: readonly number[]): SharpeTrend | null {
	const recent = chronologicalSharpes.filter(Number.isFinite).slice(-TREND_WINDOW_TRIALS);
	if (recent.length < TREND_MIN_TRIALS) return null;
	const mid = recent.length >> 1;
	const firstHalfMean = mean(recent.slice(0, mid));
	const secondHalfMean = mean(recent.slice(mid));
	const change = secondHalfMean - firstHalfMean;
	const threshold = Math.max(TREND_RELATIVE_CHANGE * Math.abs(firstHalfMean), TREND_MIN_SHARPE_CHANGE);
	const direction: TrendDirection =
		change > threshold ? 'improving' : change < -threshold ? 'declining' : 'stable';
	return { direction, n: recent.length, firstHalfMean, secondHalfMean, change, threshold };
}

/** A completed trial with its (finite) Sharpe. */
export interface ScoredTrial {
	readonly trial: FeedbackTrial;
	readonly sharpe: number;
	/** trial.spec.model.params, when the caller has already read it (feedback-rows.ts). */
	readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * JSON with object keys sorted, for telling settings apart. Unlike canonicalJson it validates nothing and
 * tracks no path, which makes it several times cheaper over 10,000 trial specs (already parsed by zod).
 */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		let out = '{';
		for (const key of Object.keys(record).sort())
			if (record[key] !== undefined) out += `${JSON.stringify(key)}:${stableJson(record[key])},`;
		return `${out}}`;
	}
	return String(JSON.stringify(value));
}

/**
 * A stable key of a flat params record (trialSpecSchema: values are numbers, booleans, strings, null or arrays
 * of them): keys sorted, values as JSON. Much cheaper than canonicalJson, which matters over 10,000 trials.
 */
export function flatParamsKey(params: Readonly<Record<string, unknown>>, omit?: string): string {
	let key = '';
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		if (name === omit || value === undefined) continue;
		key += `${quotedName(name)}:${jsonOf(value)},`;
	}
	return key;
}

/** JSON.stringify(value), without its call for the usual flat values (a finite number's JSON is its String). */
function jsonOf(value: unknown): string {
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value === null) return 'null';
	return String(JSON.stringify(value));
}

/** JSON.stringify of a parameter name, remembered: a few names recur over thousands of trials. */
const quotedNames = new Map<string, string>();
function quotedName(name: string): string {
	let quoted = quotedNames.get(name);
	if (quoted === undefined) {
		quoted = JSON.stringify(name);
		if (quotedNames.size < 1_000) quotedNames.set(name, quoted);
	}
	return quoted;
}

/** Everything about a trial's setup except its params, its seed and its name. */
function settingsKey(trial: FeedbackTrial): string {
	const { datasetId, target, features, validation, strategy } = trial.spec;
	return stableJson({ datasetId, target, features, validation, strategy });
}

function numericParam(params: Readonly<Record<string, unknown>>, param: string): number | undefined {
	const v = params[param];
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Spearman correlation of each numeric param with Sharpe, where at least 3 trials give it 2+ values. */
export function paramSensitivity(scored: readonly ScoredTrial[]): ParamSensitivity[] {
	// Each trial's params read once (the records are scattered in memory; each pass would miss the cache again),
	// then each param's trials with a numeric value of it, in order.
	const paramsOf = new Map<ScoredTrial, Readonly<Record<string, unknown>>>();
	const byParam = new Map<string, ScoredTrial[]>();
	for (const s of scored) {
		const p = s.params ?? s.trial.spec.model.params;
		paramsOf.set(s, p);
		for (const key of Object.keys(p)) {
			let list = byParam.get(key);
			if (!list) byParam.set(key, (list = []));
			if (numericParam(p, key) !== undefined) list.push(s);
		}
	}
	const params = byParam.keys();
	const out: ParamSensitivity[] = [];
	// Settings keys are built lazily: the confounding check stops at the first trial that differs.
	const settings = new Map<ScoredTrial, string>();
	const settingsOf = (s: ScoredTrial): string => {
		let key = settings.get(s);
		if (key === undefined) settings.set(s, (key = settingsKey(s.trial)));
		return key;
	};
	const of = (s: ScoredTrial) => paramsOf.get(s) as Readonly<Record<string, unknown>>;
	const confounded = (pairs: readonly ScoredTrial[], param: string): boolean => {
		const first = pairs[0];
		const rest = flatParamsKey(of(first), param);
		return pairs.some((s) => flatParamsKey(of(s), param) !== rest || settingsOf(s) !== settingsOf(first));
	};
	for (const param of [...params].sort()) {
		const pairs = byParam.get(param) as ScoredTrial[];
		if (pairs.length < SENSITIVITY_MIN_TRIALS) continue;
		const xs = Float64Array.from(pairs, (s) => numericParam(of(s), param) as number);
		const ys = Float64Array.from(pairs, (s) => s.sharpe);
		const distinctValues = new Set(xs).size;
		const rho = spearman(xs, ys);
		// A constant param or a constant Sharpe has no correlation to report.
		if (distinctValues < 2 || !Number.isFinite(rho)) continue;
		const best = pairs.reduce((a, b) => (b.sharpe > a.sharpe ? b : a));
		out.push({
			param,
			n: pairs.length,
			distinctValues,
			spearman: rho,
			bestValue: numericParam(of(best), param) as number,
			confounded: confounded(pairs, param)
		});
	}
	return out;
}
