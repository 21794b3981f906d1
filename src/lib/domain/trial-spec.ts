/**
 * The trial spec (ARCHITECTURE §4): everything needed to reproduce a trial. It is parsed, never cast, at
 * every boundary (form, worker message, storage, Claude tool call). Model-specific parameter validation needs the
 * catalog and happens in compliance/trial-policy.ts.
 */
import { z } from 'zod';
import { DEFAULT_FEATURE_SET, featureSpecSchema } from './feature-spec';
import { walkForwardSchema } from './splits';
import { MAX_HORIZON_DAYS, MIN_HORIZON_DAYS } from './targets';

/** Annualised volatility a volatility-targeting strategy may aim for: 1 % to 100 %. */
export const MIN_VOL_TARGET = 0.01;
export const MAX_VOL_TARGET = 1;
import { SIZING_MODES } from './task-metrics';
import { stripHidden } from './text';

/** The default feature set (domain/feature-sets.ts): every trial before named sets existed used it. */
export const FEATURE_SET_ID = DEFAULT_FEATURE_SET;

export const MAX_COST_BPS = 1_000;
/** A tuned signal tries at most this many combinations per fold, each value list at most MAX_TUNE_VALUES long. */
export const MAX_TUNE_COMBINATIONS = 25;
export const MAX_TUNE_VALUES = 10;
/** Parameter names (and text values) are catalog identifiers: short. */
const MAX_TUNE_NAME_CHARS = 64;
export const MAX_SEED = 0xffffffff;

const paramValue = z.union([
	z.number(),
	z.boolean(),
	z.string(),
	z.null(),
	z.array(z.number()),
	z.array(z.string())
]);

export const trialSpecSchema = z
	.object({
		// Characters nobody can see never reach a stored name (or, through it, a prompt to Claude).
		name: z
			.string()
			.transform((text) => stripHidden(text).text.trim())
			.pipe(z.string().max(120, { error: 'name takes at most 120 characters' }))
			.default(''),
		datasetId: z.string().min(1, { error: 'datasetId is required' }),
		target: z.object({
			kind: z.enum(['forward_return', 'direction'], {
				error: 'target.kind must be forward_return or direction'
			}),
			horizon: z
				.number({ error: 'target.horizon must be a number' })
				.int({ error: 'target.horizon must be a whole number of trading days' })
				.min(MIN_HORIZON_DAYS, { error: `target.horizon must be at least ${MIN_HORIZON_DAYS}` })
				.max(MAX_HORIZON_DAYS, { error: `target.horizon must be at most ${MAX_HORIZON_DAYS}` })
		}),
		features: featureSpecSchema,
		model: z.object({
			id: z.string().min(1, { error: 'model.id is required' }),
			params: z.record(z.string(), paramValue),
			/**
			 * Parameters chosen on each fold's training window from these values. A signal without `tuneWindow`:
			 * the best training Sharpe ratio trades the test window (models/signal-tuning.ts); with `tuneWindow`
			 * (required for a learner): nested walk-forward, below. Absent: params as given.
			 */
			tune: z
				.record(
					z.string().min(1).max(MAX_TUNE_NAME_CHARS),
					z
						.array(z.union([z.number(), z.boolean(), z.string().max(MAX_TUNE_NAME_CHARS), z.null()]))
						.min(2, { error: 'model.tune lists at least two values per parameter' })
						.max(MAX_TUNE_VALUES, {
							error: `model.tune lists at most ${MAX_TUNE_VALUES} values per parameter`
						})
				)
				.refine((grid) => Object.keys(grid).length > 0, { error: 'model.tune names no parameter' })
				.refine((grid) => Object.values(grid).reduce((n, v) => n * v.length, 1) <= MAX_TUNE_COMBINATIONS, {
					error: `model.tune may expand to at most ${MAX_TUNE_COMBINATIONS} combinations`
				})
				.optional(),
			/**
			 * Nested tuning (catalog procedure walk_forward_optimization; models/nested-tuning.ts): each combination
			 * of `tune` is scored by an inner walk-forward inside the fold's training rows — inner training windows of
			 * `windowSize` rows, inner tests of `stepSize` rows, stepping by `stepSize`, the trial's embargo between —
			 * and the best inner out-of-sample net Sharpe ratio is refitted on the whole training window. Required to
			 * tune a learner; optional for a signal. Absent: no nested tuning (specs without it hash as before).
			 * Ranges are the catalog entry's (compliance/tune-policy.ts checks them).
			 */
			tuneWindow: z
				.object({
					windowSize: z
						.number({ error: 'model.tuneWindow.windowSize must be a number' })
						.int({ error: 'model.tuneWindow.windowSize must be a whole number of rows' })
						.min(1, { error: 'model.tuneWindow.windowSize must be at least 1 row' })
						.max(100_000),
					stepSize: z
						.number({ error: 'model.tuneWindow.stepSize must be a number' })
						.int({ error: 'model.tuneWindow.stepSize must be a whole number of rows' })
						.min(1, { error: 'model.tuneWindow.stepSize must be at least 1 row' })
						.max(100_000)
				})
				.optional()
		}),
		validation: walkForwardSchema,
		strategy: z.object({
			mode: z.enum(['long_short', 'long_flat'], { error: 'strategy.mode must be long_short or long_flat' }),
			/** Classifiers only: trade the side of p − ½ ('sign') or size by confidence, 2p − 1 ('confidence'). */
			sizing: z
				.enum(SIZING_MODES, { error: `strategy.sizing must be ${SIZING_MODES.join(' or ')}` })
				.default('sign'),
			costBps: z
				.number({ error: 'strategy.costBps must be a number' })
				.min(0, { error: 'strategy.costBps cannot be negative' })
				.max(MAX_COST_BPS, { error: `strategy.costBps must be at most ${MAX_COST_BPS}` }),
			/** Volatility models only: the annualised volatility the strategy targets (default 0.15). */
			volTarget: z
				.number({ error: 'strategy.volTarget must be a number' })
				.min(MIN_VOL_TARGET, { error: `strategy.volTarget must be at least ${MIN_VOL_TARGET}` })
				.max(MAX_VOL_TARGET, { error: `strategy.volTarget must be at most ${MAX_VOL_TARGET}` })
				.optional()
		}),
		seed: z
			.number({ error: 'seed must be a number' })
			.int({ error: 'seed must be a whole number' })
			.min(0, { error: 'seed cannot be negative' })
			.max(MAX_SEED, { error: `seed must be at most ${MAX_SEED}` })
	})
	.superRefine((spec, ctx) => {
		const { testFrom, testUntil } = spec.validation;
		if (testFrom !== undefined && testUntil !== undefined && testFrom >= testUntil)
			ctx.addIssue({
				code: 'custom',
				path: ['validation', 'testUntil'],
				message: 'validation.testUntil must be after validation.testFrom'
			});
		if (spec.validation.embargo < spec.target.horizon) {
			ctx.addIssue({
				code: 'custom',
				path: ['validation', 'embargo'],
				message: `validation.embargo (${spec.validation.embargo}) must be at least the horizon (${spec.target.horizon}) so no training target overlaps a test row`
			});
		}
	});

export type TrialSpec = z.infer<typeof trialSpecSchema>;
export type TrialSpecInput = z.input<typeof trialSpecSchema>;

export interface SpecIssue {
	readonly path: string;
	readonly message: string;
}

export function issuesOf(error: z.ZodError): SpecIssue[] {
	return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
