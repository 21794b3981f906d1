/**
 * A stored trial → what its share link carries (share-schema.ts), and the check that a reproduction matches it.
 * Pure: the caller reads the records. The curve is the trial page's equity curve (stitched out-of-sample net
 * strategy returns compounded), down-sampled; the metrics are every scalar of the trial's summary blocks.
 */
import type { DatasetRecord, FoldResultRecord, TrialRecord, TrialSummary } from '../db/records';
import type { PinnedInput } from '../db/analysis-records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { equityCurve } from '../domain/metrics';
import {
	MAX_FULL_ROWS,
	compactTimes,
	curveOf,
	curveTimes,
	downsampleIndices,
	finiteOrNull,
	type SharedCurve,
	type SharedData,
	type SharedInput,
	type SharedMetrics,
	type SharedTrial,
	type SharedTrialCore
} from '../security/share-schema';

/** Curve points in a link: measured to keep p95 of the e2e trials' links under 2,000 characters (bench/share.ts). */
export const SHARE_CURVE_POINTS = 100;

/**
 * The headline numbers a link carries, by summary block: what the trial page's tables lead with. Each costs about
 * 25 characters of link, so the list is short; a task's own block is shared whole (a handful of scalars).
 */
const HEADLINE: Readonly<Record<string, readonly string[] | 'all'>> = {
	strategy: ['totalReturn', 'annualReturn', 'volatility', 'sharpe', 'sortino', 'maxDrawdown', 'turnover'],
	buyHold: ['totalReturn', 'sharpe', 'maxDrawdown'],
	direction: ['hitRate', 'ic'],
	regression: ['rmse', 'mae', 'r2'],
	classification: 'all',
	signal: 'all',
	forecast: 'all',
	volatility: 'all',
	regime: 'all'
};

/** The headline scalars of the summary as `block.name` (arrays such as calibration rows left out). */
export function sharedMetricsOf(summary: TrialSummary | null): SharedMetrics {
	const out: Record<string, number | null> = {};
	if (!summary) return out;
	out.rows = summary.rows;
	for (const [name, keys] of Object.entries(HEADLINE)) {
		const block = summary[name as keyof TrialSummary] as Record<string, unknown> | null;
		if (!block) continue;
		for (const [k, v] of Object.entries(block))
			if (typeof v === 'number' && (keys === 'all' ? k !== 'n' : keys.includes(k)))
				out[`${name}.${k}`] = finiteOrNull(v);
	}
	return out;
}

function dataOf(trial: TrialRecord, dataset: DatasetRecord | undefined): SharedData {
	const pinned = trial.data;
	if (!pinned) throw new RangeError(`trial ${trial.id} has no pinned data: it cannot be shared`);
	const request = dataset?.request;
	return {
		name: pinned.name.slice(0, 200),
		symbol: (dataset?.symbol ?? pinned.seriesKey).slice(0, 32),
		source: pinned.provenance.source.slice(0, 40),
		origin: pinned.provenance.origin.slice(0, 300),
		contentSha256: pinned.contentSha256,
		rows: pinned.rows,
		firstT: pinned.firstT,
		lastT: pinned.lastT,
		...(request ? { request: { ...request } } : {})
	};
}

/** A pinned cross-asset or macro input (a trial's or an analysis') as a link carries it. */
export function sharedInputOf(pin: PinnedInput): SharedInput {
	return {
		kind: pin.kind,
		name: pin.name.slice(0, 200),
		symbol: pin.id.slice(0, 32),
		source: pin.provenance.source.slice(0, 40),
		origin: pin.provenance.origin.slice(0, 300),
		contentSha256: pin.contentSha256,
		rows: pin.rows,
		firstT: pin.firstT,
		lastT: pin.lastT
	};
}

/** The equity curve of the stitched out-of-sample strategy returns, at most `points` points. */
export function sharedCurveOf(
	trial: TrialRecord,
	results: readonly FoldResultRecord[],
	points: number = SHARE_CURVE_POINTS
): SharedCurve {
	const s = stitchFolds(results);
	const equity = equityCurve(strategyOf(s, trial.task, trial.spec.strategy).net);
	return curveOf(s.t, equity, downsampleIndices(s.t.length, points));
}

/** The part of a shared trial a study's best trial also carries. */
export function sharedTrialCoreOf(
	trial: TrialRecord,
	results: readonly FoldResultRecord[],
	dataset: DatasetRecord | undefined,
	points: number = SHARE_CURVE_POINTS
): SharedTrialCore {
	if (trial.status !== 'completed' || !trial.summary)
		throw new RangeError(`trial ${trial.id} is ${trial.status}: only a completed trial can be shared`);
	return {
		name: (trial.spec.name || trial.spec.model.id).slice(0, 120),
		spec: trial.spec,
		data: dataOf(trial, dataset),
		inputs: (trial.inputs ?? []).map(sharedInputOf),
		metrics: sharedMetricsOf(trial.summary),
		curve: sharedCurveOf(trial, results, points)
	};
}

export interface ShareTrialOptions {
	/** Every out-of-sample prediction too (a longer link, and the page says so). */
	readonly full?: boolean;
	readonly appVersion: string;
	readonly points?: number;
}

export function sharedTrialOf(
	trial: TrialRecord,
	results: readonly FoldResultRecord[],
	dataset: DatasetRecord | undefined,
	options: ShareTrialOptions
): SharedTrial {
	const core = sharedTrialCoreOf(trial, results, dataset, options.points);
	const shared: SharedTrial = { kind: 'trial', ...core, appVersion: options.appVersion.slice(0, 40) };
	if (!options.full) return shared;
	const s = stitchFolds(results);
	if (s.t.length > MAX_FULL_ROWS)
		throw new RangeError(
			`the trial has ${s.t.length} out-of-sample rows; a full link carries at most ${MAX_FULL_ROWS}`
		);
	return {
		...shared,
		predictions: {
			...compactTimes(Array.from(s.t)),
			predicted: Array.from(s.predicted, finiteOrNull),
			realised: Array.from(s.realised, finiteOrNull)
		}
	};
}

export interface Difference {
	readonly name: string;
	readonly shared: number | null;
	readonly again: number | null;
}

export interface Comparison {
	/** Every shared number equals the reproduction's to the last digit (same IEEE-754 double). */
	readonly identical: boolean;
	readonly compared: number;
	readonly differences: readonly Difference[];
}

/** JSON carries -0 as 0, and NaN as null: equal here means equal after that. */
const same = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null);

/** Every shared number against the re-run's, by name, exactly (differences sorted by name). */
export function compareNumbers(shared: SharedMetrics, again: SharedMetrics): Comparison {
	const differences: Difference[] = [];
	const names = [...new Set([...Object.keys(shared), ...Object.keys(again)])].sort();
	for (const name of names)
		if (!same(shared[name], again[name]))
			differences.push({ name, shared: shared[name] ?? null, again: again[name] ?? null });
	return { identical: differences.length === 0, compared: names.length, differences };
}

/** Compares a shared trial with the same trial re-run here: every metric and every curve point, exactly. */
export function compareReproduction(
	shared: Pick<SharedTrialCore, 'metrics' | 'curve'>,
	again: Pick<SharedTrialCore, 'metrics' | 'curve'>
): Comparison {
	const differences: Difference[] = [];
	let compared = 0;
	const names = new Set([...Object.keys(shared.metrics), ...Object.keys(again.metrics)]);
	for (const name of [...names].sort()) {
		compared++;
		const a = shared.metrics[name];
		const b = again.metrics[name];
		if (!same(a, b)) differences.push({ name, shared: a ?? null, again: b ?? null });
	}
	const ta = curveTimes(shared.curve);
	const tb = curveTimes(again.curve);
	const n = Math.max(ta.length, tb.length);
	for (let i = 0; i < n; i++) {
		compared++;
		const a = shared.curve.value[i];
		const b = again.curve.value[i];
		if (!same(a, b) || ta[i] !== tb[i])
			differences.push({ name: `curve[${i}]`, shared: a ?? null, again: b ?? null });
	}
	return { identical: differences.length === 0, compared, differences };
}
