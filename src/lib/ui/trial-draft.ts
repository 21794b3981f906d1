/**
 * The New trial form's remembered state. Loose on purpose (any number, any params): the trial itself is
 * validated by the compliance gateway on submit; this only has to round-trip what the user typed.
 */
import { z } from 'zod';
import type { TrialSpec } from '$lib/domain/trial-spec';

export const TRIAL_DRAFT_KEY = 'new-trial';

export const trialDraftSchema = z.object({
	modelId: z.string(),
	params: z.record(z.string(), z.any()),
	name: z.string(),
	datasetId: z.string(),
	targetKind: z.enum(['forward_return', 'direction']),
	horizon: z.number(),
	mode: z.enum(['rolling', 'expanding']),
	trainLength: z.number(),
	testLength: z.number(),
	step: z.number(),
	embargo: z.number(),
	strategyMode: z.enum(['long_short', 'long_flat']),
	costBps: z.number(),
	seed: z.number()
});

export type TrialDraft = z.infer<typeof trialDraftSchema>;

/** A draft that reproduces `spec` in the form (to edit it into a new trial). */
export function draftFromSpec(spec: TrialSpec, name = ''): TrialDraft {
	return {
		modelId: spec.model.id,
		params: { ...spec.model.params },
		name,
		datasetId: spec.datasetId,
		targetKind: spec.target.kind,
		horizon: spec.target.horizon,
		mode: spec.validation.mode,
		trainLength: spec.validation.trainLength,
		testLength: spec.validation.testLength,
		step: spec.validation.step,
		embargo: spec.validation.embargo,
		strategyMode: spec.strategy.mode,
		costBps: spec.strategy.costBps,
		seed: spec.seed
	};
}
