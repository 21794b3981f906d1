/**
 * From a scan's raw score — a regression's predicted return, a classifier's P(up) or a signal's position — to a
 * recommendation candidate (rules.ts), with the evidence behind its probability:
 * the calibration is fitted on the evidence trial's stitched OUT-OF-SAMPLE walk-forward predictions for the same
 * symbol and horizon (never on the in-sample refit that produced the score) — outcome 1 when the realised forward
 * return over the horizon was positive — chosen by held-out Brier with the last `horizonDays` days before the cut
 * purged (calibration.ts). A regression's prediction also gets its bias-corrected expected return and interval
 * from the same out-of-sample residuals (expected-return.ts). Pure.
 */
import type { TaskKind } from '../../domain/task-metrics';
import { calibrator, chooseCalibration } from './calibration';
import { RecommendError } from './errors';
import { expectedReturn, fitResidualInterval } from './expected-return';
import type { Horizon } from './rule-settings';
import { SCANNABLE_TASKS } from './scan-spec';
import type { RecommendationCandidate } from './rules';

export interface OutOfSample {
	readonly t: ArrayLike<number>;
	readonly predicted: ArrayLike<number>;
	/** The realised target: the forward return (regression) or the up/down label (classification). */
	readonly realised: ArrayLike<number>;
}

export interface CandidateInput {
	readonly symbol: string;
	readonly horizon: Horizon;
	readonly horizonDays: number;
	readonly modelId: string;
	readonly task: TaskKind;
	readonly dataDate: string;
	readonly entry: number;
	/** The refitted model's output on the last closed bar. */
	readonly score: number;
	readonly outOfSample: OutOfSample;
}

export type CandidateResult =
	| { readonly ok: true; readonly candidate: RecommendationCandidate }
	| { readonly ok: false; readonly reason: string };

export function candidateFrom(input: CandidateInput): CandidateResult {
	if (!SCANNABLE_TASKS.includes(input.task))
		return { ok: false, reason: `a ${input.task} model gives no score of the forward return's side` };
	if (!Number.isFinite(input.score))
		return { ok: false, reason: `the model scored the last bar ${input.score}` };
	const { t, predicted, realised } = input.outOfSample;
	const keep: number[] = [];
	for (let i = 0; i < t.length; i++)
		if (Number.isFinite(predicted[i]) && Number.isFinite(realised[i])) keep.push(i);
	const scores = Float64Array.from(keep, (i) => predicted[i]);
	const actual = Float64Array.from(keep, (i) => realised[i]);
	const outcomes = Float64Array.from(keep, (i) => (realised[i] > 0 ? 1 : 0));
	const times = Float64Array.from(keep, (i) => t[i]);
	try {
		// Only a classifier's output may be taken as a probability as it stands ('none').
		const choice = chooseCalibration(scores, outcomes, times, {
			purge: input.horizonDays,
			identity: input.task === 'classification'
		});
		const cal = calibrator(choice.fit);
		const expected =
			input.task === 'regression' ? expectedReturn(fitResidualInterval(actual, scores), input.score) : null;
		return {
			ok: true,
			candidate: {
				symbol: input.symbol,
				horizon: input.horizon,
				modelId: input.modelId,
				dataDate: input.dataDate,
				entry: input.entry,
				probability: cal.probability(input.score),
				probabilityStdError: cal.standardError(input.score),
				calibration: choice.evidence,
				expectedReturn: expected
			}
		};
	} catch (e) {
		if (e instanceof RecommendError) return { ok: false, reason: `no calibration: ${e.message}` };
		throw e;
	}
}
