/**
 * The analysis spec: everything needed to reproduce an analysis run (a formula, measure, test or transform
 * evaluated once). Parsed, never cast, at every boundary (form, worker message, storage, Claude's tool call);
 * the model's own parameters and what it reads are checked against the catalog in compliance/analysis-policy.ts.
 */
import { z } from 'zod';
import { MAX_SEED } from './trial-spec';
import { stripHidden } from './text';

/** At most this many datasets in one run (a correlation network, a yield curve). */
export const MAX_ANALYSIS_INPUTS = 12;
const MAX_ID_CHARS = 64;

const paramValue = z.union([
	z.number(),
	z.boolean(),
	z.string().max(MAX_ID_CHARS),
	z.null(),
	z.array(z.number()).max(64),
	z.array(z.string().max(MAX_ID_CHARS)).max(64)
]);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (name: string) =>
	z
		.string({ error: `${name} must be a YYYY-MM-DD day` })
		.regex(DAY, { error: `${name} must be a YYYY-MM-DD day` })
		.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: `${name} must be a real day` });

/** A stored dataset of bars, or a stored value series (FRED). */
export const analysisInputRefSchema = z.object({
	kind: z.enum(['dataset', 'series'], { error: 'an input kind must be dataset or series' }),
	id: z.string().min(1, { error: 'an input id is required' }).max(MAX_ID_CHARS)
});
export type AnalysisInputRef = z.infer<typeof analysisInputRefSchema>;

export const analysisSpecSchema = z
	.object({
		name: z
			.string()
			.transform((text) => stripHidden(text).text.trim())
			.pipe(z.string().max(120, { error: 'name takes at most 120 characters' }))
			.default(''),
		model: z.object({
			id: z.string().min(1, { error: 'model.id is required' }).max(MAX_ID_CHARS),
			params: z.record(z.string().max(MAX_ID_CHARS), paramValue).default({})
		}),
		/** In order: the subject first (for a pair, the benchmark or candidate cause second). */
		inputs: z
			.array(analysisInputRefSchema)
			.max(MAX_ANALYSIS_INPUTS, { error: `inputs takes at most ${MAX_ANALYSIS_INPUTS} datasets` })
			.default([]),
		/** Only rows on or after / on or before these days (UTC), after aligning the inputs on common days. */
		from: day('from').optional(),
		to: day('to').optional(),
		seed: z
			.number({ error: 'seed must be a number' })
			.int({ error: 'seed must be a whole number' })
			.min(0, { error: 'seed cannot be negative' })
			.max(MAX_SEED, { error: `seed must be at most ${MAX_SEED}` })
			.default(42)
	})
	.superRefine((spec, ctx) => {
		if (spec.from && spec.to && spec.from > spec.to)
			ctx.addIssue({
				code: 'custom',
				path: ['to'],
				message: `to (${spec.to}) is before from (${spec.from})`
			});
		const seen = new Set<string>();
		spec.inputs.forEach((ref, i) => {
			const key = `${ref.kind}:${ref.id}`;
			if (seen.has(key))
				ctx.addIssue({ code: 'custom', path: ['inputs', i], message: `input ${ref.id} is listed twice` });
			seen.add(key);
		});
	});

export type AnalysisSpec = z.infer<typeof analysisSpecSchema>;
export type AnalysisSpecInput = z.input<typeof analysisSpecSchema>;
