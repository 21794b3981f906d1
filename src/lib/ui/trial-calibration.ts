/**
 * A trial's calibration evidence (issue 12: scores become calibrated probabilities of a positive forward return,
 * fitted on the out-of-sample walk-forward predictions, never on in-sample fits): the stitched out-of-sample
 * scores and whether each forward return over the horizon was positive, split by time — isotonic, Platt and (for
 * a classifier's probabilities) none fitted on the earlier 70 % with the last `horizon` days before the cut
 * purged (their targets reach into the held-out part), scored by Brier on the latest 30 %
 * (research/recommend/calibration.ts chooseCalibration). Pure.
 */
import type { StitchedSeries } from '../domain/aggregate';
import type { TaskKind } from '../domain/task-metrics';
import { chooseCalibration, type CalibrationChoice } from '../research/recommend/calibration';
import { RecommendError } from '../research/recommend/errors';

/** The tasks whose output is a score of the forward return's side. */
const CALIBRATED_TASKS: readonly TaskKind[] = ['regression', 'classification'];

export type TrialCalibration =
	| {
			readonly ok: true;
			readonly choice: CalibrationChoice;
			readonly upShare: number;
			readonly skill: boolean;
	  }
	| { readonly ok: false; readonly reason: string };

export function trialCalibration(
	task: TaskKind,
	horizon: number,
	stitched: Pick<StitchedSeries, 't' | 'predicted' | 'realised'>
): TrialCalibration | null {
	if (!CALIBRATED_TASKS.includes(task)) return null;
	const keep: number[] = [];
	for (let i = 0; i < stitched.t.length; i++)
		if (Number.isFinite(stitched.predicted[i]) && Number.isFinite(stitched.realised[i])) keep.push(i);
	const scores = Float64Array.from(keep, (i) => stitched.predicted[i]);
	const outcomes = Float64Array.from(keep, (i) => (stitched.realised[i] > 0 ? 1 : 0));
	const times = Float64Array.from(keep, (i) => stitched.t[i]);
	try {
		const choice = chooseCalibration(scores, outcomes, times, {
			purge: horizon,
			identity: task === 'classification'
		});
		return {
			ok: true,
			choice,
			upShare: outcomes.reduce((s, y) => s + y, 0) / Math.max(1, outcomes.length),
			// Skill: the chosen probabilities beat always stating the base rate on the held-out days.
			skill: choice.evidence.holdoutBrier < choice.evidence.baselineBrier
		};
	} catch (e) {
		if (e instanceof RecommendError) return { ok: false, reason: e.message };
		throw e;
	}
}

/** The method's name in words. */
export const METHOD_LABELS = {
	isotonic: 'isotonic regression',
	platt: 'Platt scaling (a logistic curve)',
	none: 'none (the classifier’s own probabilities)'
} as const;
