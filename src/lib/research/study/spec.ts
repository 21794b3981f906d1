/**
 * The study spec: a base trial + which of its model's parameters to search and how + a sampler + a budget + an
 * objective and its direction + pruning + parallelism + a seed. Parsed, never cast, at every boundary (form,
 * storage, Claude's tool call). Model-specific checks (the parameters exist, ranges within the catalog's) need
 * the catalog and happen when the space is built (space.ts buildSpace).
 */
import { z } from 'zod';
import { isoDaySchema } from '../../domain/splits';
import { MAX_SEED, trialSpecSchema } from '../../domain/trial-spec';
import { stripHidden } from '../../domain/text';
import { OBJECTIVE_METRICS, OBJECTIVES } from './objective';

export const STUDY_SAMPLERS = ['tpe', 'random', 'quasi_random', 'grid', 'cmaes', 'gp'] as const;
export type StudySampler = (typeof STUDY_SAMPLERS)[number];

export const MAX_STUDY_TRIALS = 500;
export const MAX_STUDY_MINUTES = 24 * 60;
export const MAX_PARALLEL_TRIALS = 4;

const value = z.union([z.number(), z.string().max(64), z.boolean(), z.null()]);

export const narrowingSchema = z.union([
	z.object({
		range: z.tuple([z.number(), z.number()]),
		log: z.boolean().optional()
	}),
	z.object({ choices: z.array(value).min(2, { error: 'choose at least two values' }).max(50) }),
	z.object({ fixed: value })
]);

export const studySpecSchema = z
	.object({
		name: z
			.string()
			.transform((text) => stripHidden(text).text.trim())
			.pipe(z.string().max(120, { error: 'name takes at most 120 characters' }))
			.default(''),
		/** Every trial is this spec with the sampled parameters over its model.params (no tuning grid). */
		base: trialSpecSchema,
		/**
		 * Parameters to search, each over its catalog range unless narrowed here; the rest stay as in base. May be
		 * empty only in a feature search (then the model's parameters stay as in base).
		 */
		search: z.record(z.string().min(1).max(64), z.union([z.literal('full'), narrowingSchema])),
		/**
		 * A search over generated feature sets as well (automated_feature_engineering; research/study/
		 * feature-search.ts): recipes up to `maxDepth` operators deep, columns correlated beyond 1 − `selection`
		 * dropped on each fold's training rows. Absent: the base trial's features.
		 */
		featureSearch: z
			.object({
				maxDepth: z.number().int().min(1).max(10),
				selection: z.number().min(0.01).max(0.5)
			})
			.optional(),
		sampler: z.enum(STUDY_SAMPLERS, { error: `sampler must be one of ${STUDY_SAMPLERS.join(', ')}` }),
		samplerOptions: z
			.object({
				gridPoints: z.number().int().min(2).max(10).default(5),
				acquisition: z.enum(['EI', 'PI', 'UCB']).default('EI')
			})
			.default({ gridPoints: 5, acquisition: 'EI' }),
		budget: z.object({
			trials: z
				.number()
				.int()
				.min(2, { error: 'budget.trials must be at least 2' })
				.max(MAX_STUDY_TRIALS, { error: `budget.trials must be at most ${MAX_STUDY_TRIALS}` }),
			/** Wall-clock minutes after which no new trial starts (running ones finish); null: no limit. */
			minutes: z.number().min(1).max(MAX_STUDY_MINUTES).nullable().default(null)
		}),
		objective: z.object({
			metric: z.enum(OBJECTIVE_METRICS, {
				error: `objective.metric must be one of ${OBJECTIVE_METRICS.join(', ')}`
			}),
			direction: z.enum(['maximize', 'minimize']).optional()
		}),
		pruning: z
			.object({
				kind: z.enum(['none', 'median']).default('median'),
				/** Finished trials before any is pruned. */
				startupTrials: z.number().int().min(0).max(50).default(5),
				/** Folds every trial runs before it can be pruned. */
				warmupFolds: z.number().int().min(0).max(100).default(1)
			})
			.default({ kind: 'median', startupTrials: 5, warmupFolds: 1 }),
		parallel: z.number().int().min(1).max(MAX_PARALLEL_TRIALS).default(2),
		seed: z.number().int().min(0).max(MAX_SEED),
		/**
		 * The holdout: bars dated on or after `from` (ISO day, resolved when the study is created) are never seen
		 * by the search (every trial's validation.testUntil is `from`); once the search ends, the best trial runs
		 * once more with validation.testFrom = `from` and that score is reported beside the search's. Absent: none.
		 */
		holdout: z.object({ from: isoDaySchema('holdout.from') }).optional()
	})
	.superRefine((spec, ctx) => {
		if (Object.keys(spec.search).length === 0 && !spec.featureSearch)
			ctx.addIssue({ code: 'custom', path: ['search'], message: 'search names no parameter' });
		const v = spec.base.validation;
		if (spec.holdout && (v.testFrom !== undefined || v.testUntil !== undefined))
			ctx.addIssue({
				code: 'custom',
				path: ['holdout', 'from'],
				message:
					'a study with a holdout sets the date bounds of its trials itself: start from a base trial without validation.testFrom or testUntil'
			});
		if (spec.base.model.tune)
			ctx.addIssue({
				code: 'custom',
				path: ['base', 'model', 'tune'],
				message: 'a study searches the parameters itself: its base trial cannot tune a grid per fold as well'
			});
	})
	.transform((spec) => ({
		...spec,
		objective: {
			...spec.objective,
			direction: spec.objective.direction ?? OBJECTIVES[spec.objective.metric].direction
		}
	}));

export type StudySpec = z.infer<typeof studySpecSchema>;
export type StudySpecInput = z.input<typeof studySpecSchema>;
