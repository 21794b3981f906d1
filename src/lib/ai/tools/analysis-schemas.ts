/**
 * Claude's analysis tools: reading a stored analysis and proposing one. Strict at every level; the model must be a
 * runnable catalog analysis with its params in range and as many inputs as the entry reads (the gateway checks the
 * data itself again when the proposal is shown and when it is approved).
 */
import { z } from 'zod';
import { analysisInputOf, DATASETS_FOR } from '../../catalog/analysis-kinds';
import { getEntry, validateParams } from '../../catalog/catalog';
import {
	analysisInputRefSchema,
	analysisSpecSchema,
	MAX_ANALYSIS_INPUTS,
	type AnalysisSpec
} from '../../domain/analysis-spec';
import { issuesOf } from '../../domain/trial-spec';
import { analysisIdSchema } from './model-ids';
import { addIssues, idText, MAX_RATIONALE_CHARS, paramsInput, prose } from './schema-parts';

export const getAnalysisResultsInput = z.strictObject({
	analysis_id: idText('analysis_id').describe('An analysis id, exactly as stored.')
});

const analysisShape = analysisSpecSchema.shape;

/**
 * An analysis spec as Claude may send it: strict at every level, the model a runnable catalog analysis with its
 * params inside their ranges, and as many inputs as the entry reads (the gateway checks the data itself again).
 */
export const strictAnalysisSpecSchema = z
	.strictObject({
		name: prose(120).default('').describe('A short label for the analysis.'),
		model: z.strictObject({ id: analysisIdSchema, params: paramsInput }),
		inputs: z
			.array(
				z.strictObject({
					kind: analysisInputRefSchema.shape.kind.describe(
						'dataset: stored bars (list_datasets kind bars); series: a stored value series (kind values).'
					),
					id: idText('inputs[].id')
				})
			)
			.max(MAX_ANALYSIS_INPUTS)
			.default([])
			.describe(
				'The data, subject first: none for a pricing formula, one dataset for a measure of one series, two for a pair (subject, then benchmark or candidate cause), 2-12 for a panel.'
			),
		from: analysisShape.from.describe('Only rows on or after this day (YYYY-MM-DD).'),
		to: analysisShape.to.describe('Only rows on or before this day (YYYY-MM-DD).'),
		seed: analysisShape.seed
	})
	.transform((value, ctx): AnalysisSpec => {
		const parsed = analysisSpecSchema.safeParse(value);
		if (!parsed.success) {
			addIssues(ctx, [], issuesOf(parsed.error));
			return z.NEVER;
		}
		const spec = parsed.data;
		const entry = getEntry(spec.model.id);
		const kind = entry ? analysisInputOf(entry) : null;
		if (!entry || !kind) {
			addIssues(
				ctx,
				[],
				[
					{
						path: 'model.id',
						message: `${spec.model.id} is not an analysis (a formula, measure, test, transform or portfolio backtest): propose it as a trial`
					}
				]
			);
			return z.NEVER;
		}
		const checked = validateParams(spec.model.id, spec.model.params);
		if (!checked.ok) {
			addIssues(ctx, ['model', 'params'], checked.issues);
			return z.NEVER;
		}
		const n = DATASETS_FOR[kind];
		if (spec.inputs.length < n.min || spec.inputs.length > n.max) {
			addIssues(
				ctx,
				[],
				[
					{
						path: 'inputs',
						message: `${spec.model.id} reads ${n.min === n.max ? n.min : `${n.min} to ${n.max}`} inputs (${kind}); got ${spec.inputs.length}`
					}
				]
			);
			return z.NEVER;
		}
		return {
			...spec,
			model: { id: spec.model.id, params: checked.value as AnalysisSpec['model']['params'] }
		};
	});

export const proposeAnalysisInput = z.strictObject({
	spec: strictAnalysisSpecSchema,
	rationale: prose(MAX_RATIONALE_CHARS)
		.describe('What the analysis shows and why it is the next step; shown to the user.')
		.optional()
});
