/**
 * An autonomous research loop: the user's goal, the objective the loop tracks and the budgets inside which the
 * app approves Claude's proposals on the user's behalf. Parsed, never cast, at every boundary (the chat's form,
 * storage). What stops a loop is decided by code (stop.ts), never by Claude saying so.
 */
import { z } from 'zod';
import { stripHidden } from '../../domain/text';
import { OBJECTIVE_METRICS, OBJECTIVES } from '../study/objective';

export const LOOP_LIMITS = {
	trials: { min: 1, max: 200, default: 10 },
	tokens: { min: 1_000, max: 5_000_000, default: 200_000 },
	computeMinutes: { min: 1, max: 24 * 60, default: 30 },
	wallMinutes: { min: 1, max: 24 * 60, default: 60 },
	/** Proposals in a row that must fail to beat the best by its fold noise before the loop stops. */
	plateau: { min: 2, max: 20, default: 3 }
} as const;

const bounded = (name: string, k: keyof typeof LOOP_LIMITS, int = true) => {
	const { min, max } = LOOP_LIMITS[k];
	let n = z.number({ error: `${name} must be a number` });
	if (int) n = n.int({ error: `${name} must be a whole number` });
	return n
		.min(min, { error: `${name} must be at least ${min.toLocaleString('en-US')}` })
		.max(max, { error: `${name} must be at most ${max.toLocaleString('en-US')}` });
};

export const loopSpecSchema = z
	.object({
		/** The goal the loop works towards; its thresholds (research/goal-components.ts) are read by code. */
		goal: z
			.string({ error: 'goal must be text' })
			.transform((text) => stripHidden(text).text.trim())
			.pipe(
				z
					.string()
					.min(10, { error: 'goal takes at least 10 characters' })
					.max(1000, { error: 'goal takes at most 1000 characters' })
			),
		objective: z.object({
			metric: z.enum(OBJECTIVE_METRICS, {
				error: `objective.metric must be one of ${OBJECTIVE_METRICS.join(', ')}`
			}),
			direction: z.enum(['maximize', 'minimize']).optional()
		}),
		budgets: z.object({
			/** Trials the loop may start (a study counts as its trial budget). */
			trials: bounded('budgets.trials', 'trials'),
			/** Tokens (input + output) the conversation may spend while the loop runs. */
			tokens: bounded('budgets.tokens', 'tokens'),
			/** Minutes the loop's trials may run, summed (a trial's start to its end). */
			computeMinutes: bounded('budgets.computeMinutes', 'computeMinutes', false),
			/** Minutes from the loop's start. */
			wallMinutes: bounded('budgets.wallMinutes', 'wallMinutes', false)
		}),
		plateau: bounded('plateau', 'plateau').default(LOOP_LIMITS.plateau.default)
	})
	.transform((spec) => ({
		...spec,
		objective: {
			...spec.objective,
			direction: spec.objective.direction ?? OBJECTIVES[spec.objective.metric].direction
		}
	}));

export type LoopSpec = z.infer<typeof loopSpecSchema>;
export type LoopSpecInput = z.input<typeof loopSpecSchema>;
