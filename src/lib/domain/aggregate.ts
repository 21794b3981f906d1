/**
 * Stitches the out-of-sample predictions of all folds into one time series and scores it as a whole: the
 * headline numbers of a trial. Each test row is counted once; where test windows overlap, the latest fold (the
 * one trained on the most recent data) owns the row.
 */
import { strategyReturns } from './metrics';
import {
	positionsFor,
	scoreTask,
	type StrategySettings,
	type TaskKind,
	type TaskMetrics
} from './task-metrics';

export interface FoldSeries {
	readonly fold: number;
	readonly row: Float64Array;
	readonly t: Float64Array;
	readonly predicted: Float64Array;
	readonly realised: Float64Array;
	readonly nextReturn: Float64Array;
	/** The task's second value per row (task-metrics.ts); null for tasks without one. */
	readonly aux: Float64Array | null;
}

export interface StitchedSeries {
	readonly t: Float64Array;
	readonly predicted: Float64Array;
	readonly realised: Float64Array;
	readonly nextReturn: Float64Array;
	readonly aux: Float64Array | null;
}

export interface TrialAggregate extends TaskMetrics {
	readonly rows: number;
	readonly firstT: number;
	readonly lastT: number;
}

export function stitchFolds(folds: readonly FoldSeries[]): StitchedSeries {
	const byRow = new Map<number, { fold: number; t: number; p: number; y: number; r: number; a: number }>();
	const withAux = folds.length > 0 && folds.every((f) => f.aux !== null);
	for (const f of folds) {
		for (let i = 0; i < f.row.length; i++) {
			const prev = byRow.get(f.row[i]);
			if (!prev || prev.fold < f.fold) {
				byRow.set(f.row[i], {
					fold: f.fold,
					t: f.t[i],
					p: f.predicted[i],
					y: f.realised[i],
					r: f.nextReturn[i],
					a: f.aux ? f.aux[i] : Number.NaN
				});
			}
		}
	}
	const rows = [...byRow.keys()].sort((a, b) => a - b);
	const out = {
		t: new Float64Array(rows.length),
		predicted: new Float64Array(rows.length),
		realised: new Float64Array(rows.length),
		nextReturn: new Float64Array(rows.length),
		aux: withAux ? new Float64Array(rows.length) : null
	};
	rows.forEach((row, i) => {
		const v = byRow.get(row)!;
		out.t[i] = v.t;
		out.predicted[i] = v.p;
		out.realised[i] = v.y;
		out.nextReturn[i] = v.r;
		if (out.aux) out.aux[i] = v.a;
	});
	return out;
}

export interface StrategyCurves {
	readonly net: Float64Array;
	readonly positions: Float64Array;
	readonly turnover: Float64Array;
}

export function strategyOf(
	series: StitchedSeries,
	task: TaskKind,
	strategy: StrategySettings
): StrategyCurves {
	const positions = positionsFor(task, series.predicted, strategy, series.aux);
	const s = strategyReturns(positions, series.nextReturn, strategy.costBps);
	return { net: s.net, positions, turnover: s.turnover };
}

export function aggregateFolds(
	folds: readonly FoldSeries[],
	task: TaskKind,
	strategy: StrategySettings
): TrialAggregate {
	const series = stitchFolds(folds);
	return {
		...scoreTask(task, series.realised, series.predicted, series.nextReturn, strategy, series.aux),
		rows: series.t.length,
		firstT: series.t.length ? series.t[0] : Number.NaN,
		lastT: series.t.length ? series.t[series.t.length - 1] : Number.NaN
	};
}
