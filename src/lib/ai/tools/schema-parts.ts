/**
 * The pieces every tool schema is built from: bounds, free text that may reach an approval card, exact ids,
 * parameter values, and how a domain refusal becomes a zod issue. Shared by schemas.ts and analysis-schemas.ts.
 */
import { z } from 'zod';
import type { SpecIssue } from '../../domain/trial-spec';
import { isVisibleText } from './text';

/** Ids of datasets, trials and models are short; a longer one is not an id. */
export const MAX_ID_CHARS = 64;
export const MAX_RATIONALE_CHARS = 2_000;
export const MIN_GOAL_CHARS = 10;
export const MAX_GOAL_CHARS = 1_000;
export const MAX_REASON_CHARS = 500;
export const MIN_COMPARED_TRIALS = 2;
export const MAX_COMPARED_TRIALS = 10;
/** The catalog's widest entry has 7 params and its longest list 10 values; these bounds leave room to grow. */
export const MAX_PARAMS = 32;
export const MAX_PARAM_LIST_ITEMS = 32;
export const MAX_PARAM_TEXT_CHARS = 64;
/** The connectors' own patterns: a tool input is valid exactly when the connector would accept it. */

const HIDDEN_TEXT_MESSAGE = 'must not contain control, line-separator or bidirectional formatting characters';

/** Free text that ends up on an approval card: trimmed, bounded and free of characters that hide text. */
export function prose(max: number, min = 0) {
	let s = z.string().trim();
	if (min > 0) s = s.min(min, { error: `needs at least ${min} characters` });
	return s
		.max(max, { error: `takes at most ${max} characters` })
		.refine(isVisibleText, { error: HIDDEN_TEXT_MESSAGE });
}

/** An id as stored: matched exactly (never trimmed or case-folded), so it must already be exact. */
export function idText(what: string) {
	return z
		.string({ error: `${what} must be a string` })
		.min(1, { error: `${what} is required` })
		.max(MAX_ID_CHARS, { error: `${what} takes at most ${MAX_ID_CHARS} characters` })
		.refine(isVisibleText, { error: HIDDEN_TEXT_MESSAGE });
}

export const reason = prose(MAX_REASON_CHARS)
	.describe('Why, in one or two sentences; shown to the user.')
	.optional();

const paramValueInput = z.union(
	[
		z.number(),
		z.boolean(),
		z.string().max(MAX_PARAM_TEXT_CHARS),
		z.null(),
		z.array(z.number()).max(MAX_PARAM_LIST_ITEMS),
		z.array(z.string().max(MAX_PARAM_TEXT_CHARS)).max(MAX_PARAM_LIST_ITEMS)
	],
	{ error: 'a parameter value must be a number, true/false, a short string, null or a short list' }
);

export const paramsInput = z
	.record(z.string().min(1).max(MAX_PARAM_TEXT_CHARS), paramValueInput, {
		error: 'model.params must be an object of parameter values'
	})
	.refine((p) => Object.keys(p).length <= MAX_PARAMS, {
		error: `model.params takes at most ${MAX_PARAMS} entries`
	})
	.default({})
	.describe(
		'Parameters of the model, each inside the range list_models or get_model gives; omitted ones take their defaults.'
	);

export function addIssues(
	ctx: z.core.$RefinementCtx,
	prefix: readonly PropertyKey[],
	issues: readonly SpecIssue[]
): void {
	for (const issue of issues) {
		const path = issue.path === '' ? [] : issue.path.split('.');
		ctx.addIssue({ code: 'custom', path: [...prefix, ...path], message: issue.message });
	}
}
