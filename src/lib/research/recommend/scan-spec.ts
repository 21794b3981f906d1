/**
 * What the scanner runs for a promoted trial (issue 12): the same spec on another symbol and horizon, and the
 * fold that scores the last closed bar. Pure.
 *
 * - Horizons: the model is re-run with its target over SCAN_HORIZON_DAYS trading days — 10 for the 7–12-day
 *   horizon and 60 for the 50–70-day one, the middle of each range — so the calibrated probability is of a
 *   positive return over exactly the days the recommendation's outcome is measured on. The embargo grows to
 *   at least the horizon (no training target may overlap a test row); date bounds of the promoted spec (a study
 *   holdout) are dropped, because a scan uses all data up to the last closed bar.
 * - The score fold trains on the rows whose targets ended before the last bar (the walk-forward's own rule:
 *   `embargo` rows between the end of training and the test row; a rolling window keeps its length, an
 *   expanding one starts at the feature set's first complete row) and tests on the last bar only.
 */
import type { Fold } from '../../domain/splits';
import type { TrialSpec, TrialSpecInput } from '../../domain/trial-spec';
import type { TaskKind } from '../../domain/task-metrics';
import { HORIZON_DEFAULTS, type Horizon } from './rule-settings';

export const SCAN_HORIZON_DAYS: Readonly<Record<Horizon, number>> = { short: 10, long: 60 };

/**
 * Tasks whose output scores the side of the forward return, so the scanner can calibrate it: a predicted return,
 * a P(up), or a signal's position (calibrated, it becomes P(up | the position the signal takes)).
 */
export const SCANNABLE_TASKS: readonly TaskKind[] = ['regression', 'classification', 'signal'];

export interface ScanTarget {
	readonly datasetId: string;
	readonly symbol: string;
	readonly horizon: Horizon;
	/** The promoted trial's label, for the scan trial's name. */
	readonly label: string;
}

/** The walk-forward trial that gives the out-of-sample evidence for one symbol and horizon. */
export function scanSpec(base: TrialSpec, target: ScanTarget): TrialSpecInput {
	const horizon = SCAN_HORIZON_DAYS[target.horizon];
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the date bounds are dropped on purpose
	const { testFrom, testUntil, ...validation } = base.validation;
	return {
		...base,
		name: `Scan · ${target.label} · ${target.symbol} · ${HORIZON_DEFAULTS[target.horizon].label}`.slice(
			0,
			120
		),
		datasetId: target.datasetId,
		target: { ...base.target, horizon },
		validation: { ...validation, embargo: Math.max(validation.embargo, horizon) }
	};
}

/**
 * The fold that fits on everything known before the last of `rows` bars and predicts that bar. Throws a
 * RangeError naming the shortfall when fewer than two training rows would remain.
 */
export function scoreFold(rows: number, validation: TrialSpec['validation'], warmup: number): Fold {
	const testStart = rows - 1;
	const trainEnd = testStart - validation.embargo;
	const trainStart =
		validation.mode === 'expanding' ? warmup : Math.max(warmup, trainEnd - validation.trainLength);
	if (trainEnd - trainStart < 2)
		throw new RangeError(
			`${rows} bars leave ${Math.max(0, trainEnd - trainStart)} training rows after the ${warmup}-row warm-up and the ${validation.embargo}-row embargo`
		);
	return { index: 0, trainStart, trainEnd, testStart, testEnd: rows };
}
