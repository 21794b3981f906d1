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
}

export interface StitchedSeries {
	readonly t: Float64Array;
	readonly predicted: Float64Array;
	readonly realised: Float64Array;
	readonly nextReturn: Float64Array;
}

export interface TrialAggregate extends TaskMetrics {
	readonly rows: number;
	readonly firstT: number;
	readonly lastT: number;
}

export function stitchFolds(folds: readonly FoldSeries[]): StitchedSeries {
	const byRow = new Map<number, { fold: number; t: number; p: number; y: number; r: number }>();
	for (const f of folds) {
		for (let i = 0; i < f.row.length; i++) {
			const prev = byRow.get(f.row[i]);
			if (!prev || prev.fold < f.fold) {
				byRow.set(f.row[i], {
					fold: f.fold,
					t: f.t[i],
					p: f.predicted[i],
					y: f.realised[i],
					r: f.nextReturn[i]
				});
			}
		}
	}
	const rows = [...byRow.keys()].sort((a, b) => a - b);
	const out = {
		t: new Float64Array(rows.length),
		predicted: new Float64Array(rows.length),
		realised: new Float64Array(rows.length),
		nextReturn: new Float64Array(rows.length)
	};
	rows.forEach((row, i) => {
		const v = byRow.get(row)!;
		out.t[i] = v.t;
		out.predicted[i] = v.p;
		out.realised[i] = v.y;
		out.nextReturn[i] = v.r;
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
	const positions = positionsFor(task, series.predicted, strategy);
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
		...scoreTask(task, series.realised, series.predicted, series.nextReturn, strategy),
		rows: series.t.length,
		firstT: series.t.length ? series.t[0] : Number.NaN,
		lastT: series.t.length ? series.t[series.t.length - 1] : Number.NaN
	};
}
