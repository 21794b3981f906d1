/**
 * propose_study: a sweep of one stored trial's model parameters, the way the user starts one from a trial page.
 * The base trial gives the dataset, target, validation, costs and every parameter not searched, so Claude sends
 * only what differs; the app builds the study spec and checks it (space against the catalog, the gateway on the
 * base trial) when it is proposed and again when it is approved.
 */
import { z } from 'zod';
import { MAX_STUDY_TRIALS, STUDY_SAMPLERS } from '../../research/study/spec';
import { OBJECTIVE_METRICS } from '../../research/study/objective';
import { idText, MAX_PARAM_TEXT_CHARS, MAX_PARAMS, MAX_RATIONALE_CHARS, prose } from './schema-parts';

/** A proposed study may take at most this many trials (the user's own studies go to MAX_STUDY_TRIALS). */
export const MAX_PROPOSED_STUDY_TRIALS = Math.min(100, MAX_STUDY_TRIALS);

/** Every number bounded: no catalog parameter reaches a million. */
const bound = z.number().min(-1e9).max(1e9);

const narrowing = z.union([
	z.literal('full'),
	z.strictObject({ range: z.tuple([bound, bound]), log: z.boolean().optional() }),
	z.strictObject({
		choices: z
			.array(z.union([bound, z.string().max(MAX_PARAM_TEXT_CHARS)]))
			.min(2)
			.max(50)
	})
]);

export const proposeStudyInput = z.strictObject({
	base_trial_id: idText('base_trial_id').describe(
		'A stored trial: every study trial is it with the searched parameters changed.'
	),
	search: z
		.record(z.string().min(1).max(MAX_PARAM_TEXT_CHARS), narrowing)
		.refine((s) => Object.keys(s).length > 0 && Object.keys(s).length <= MAX_PARAMS, {
			error: 'search names 1 to 32 parameters'
		})
		.describe('Per parameter: "full" (its catalog range), {range:[lo,hi],log?} or {choices:[...]}.'),
	sampler: z.enum(STUDY_SAMPLERS).default('tpe'),
	trials: z
		.number()
		.int()
		.min(2, { error: 'trials must be at least 2' })
		.max(MAX_PROPOSED_STUDY_TRIALS, { error: `trials must be at most ${MAX_PROPOSED_STUDY_TRIALS}` }),
	objective: z.enum(OBJECTIVE_METRICS).default('sharpe'),
	rationale: prose(MAX_RATIONALE_CHARS).optional(),
	parent_trial_id: idText('parent_trial_id').optional()
});
