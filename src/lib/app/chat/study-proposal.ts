/**
 * From Claude's propose_study input to a study spec: the stored base trial gives everything the proposal does not
 * change (dataset, target, validation, costs, the parameters not searched, the seed), as "Start a study from
 * this trial" does on a trial page. The result is checked like any study (space, gateway) before it is shown.
 */
import type { ToolInput } from '../../ai/tools/schemas';
import { trialRecordSchema } from '../../db/records';
import { OBJECTIVES } from '../../research/study/objective';
import type { StudySpecInput } from '../../research/study/spec';
import { db } from '../db';

export type StudyProposal =
	| { readonly ok: true; readonly spec: StudySpecInput }
	| { readonly ok: false; readonly code: string; readonly reason: string };

export async function studySpecForProposal(input: ToolInput<'propose_study'>): Promise<StudyProposal> {
	const row = await db.trials.get(input.base_trial_id);
	if (!row)
		return {
			ok: false,
			code: 'unknown_trial',
			reason: `no stored trial has the id ${JSON.stringify(input.base_trial_id)}`
		};
	const base = trialRecordSchema.parse(row);
	if (base.spec.model.tune)
		return {
			ok: false,
			code: 'tuned_base',
			reason: 'the base trial tunes a grid on each fold; a study searches the parameters itself'
		};
	const { tune: _tune, ...model } = base.spec.model;
	return {
		ok: true,
		spec: {
			name: `Study of ${base.spec.name || base.id}`.slice(0, 120),
			base: { ...base.spec, name: '', model },
			search: input.search,
			sampler: input.sampler,
			budget: { trials: input.trials, minutes: null },
			objective: { metric: input.objective, direction: OBJECTIVES[input.objective].direction },
			seed: base.spec.seed
		}
	};
}
