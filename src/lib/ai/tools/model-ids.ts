/**
 * Catalog model ids as the tools see them: the runnable ones Claude may propose, and "did you mean" suggestions
 * for an id that is not in the catalog. Ids are matched exactly everywhere; folding case, spacing and look-alike
 * characters happens here only to suggest, never to accept.
 */
import { z } from 'zod';
import {
	CATALOG,
	getEntry,
	isRunnable,
	runKindOf,
	statusLabel,
	unavailableReason
} from '../../catalog/catalog';
import { procedureRun } from '../../catalog/procedures';
import { quoteInput } from './text';

/** Runnable catalog ids, in catalog order: the only ids a trial proposal may name. */
export const RUNNABLE_MODEL_IDS: readonly string[] = CATALOG.filter(isRunnable).map((e) => e.id);

const ALL_IDS: readonly string[] = CATALOG.map((e) => e.id);

/** Runnable ids a trial may name (walk-forward kinds), those an analysis may name, and the procedures that run as
 * studies (neither: a study searches a base trial's model with the procedure's sampler and budget). */
export const TRIAL_MODEL_IDS: readonly string[] = CATALOG.filter(
	(e) => isRunnable(e) && runKindOf(e) === 'trial'
).map((e) => e.id);
export const ANALYSIS_MODEL_IDS: readonly string[] = CATALOG.filter(
	(e) => isRunnable(e) && runKindOf(e) === 'analysis'
).map((e) => e.id);
export const STUDY_PROCEDURE_MODEL_IDS: readonly string[] = CATALOG.filter(
	(e) => isRunnable(e) && runKindOf(e) === 'study'
).map((e) => e.id);

/** How many suggestions an error message lists. */
export const MAX_SUGGESTIONS = 5;

/** Lower case, compatibility-folded, letters and digits only: 'XGB-Boost\u200b' and 'xgbboost' fold alike. */
function fold(id: string): string {
	return id
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** Edit distance, abandoned once it exceeds `limit` (the ids are short; this is for suggestions only). */
function distance(a: string, b: string, limit: number): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			best = Math.min(best, row[j]);
		}
		if (best > limit) return limit + 1;
		prev = row;
	}
	return prev[b.length];
}

/**
 * Catalog ids close to `id` (same letters once folded, a few edits away, or one containing the other), best
 * first. Used to answer a wrong id with the ids Claude probably meant.
 */
export function similarModelIds(id: string, limit = MAX_SUGGESTIONS): string[] {
	const key = fold(id.slice(0, 128));
	if (key === '') return [];
	const maxEdits = Math.max(2, Math.floor(key.length / 3));
	const scored: { id: string; score: number }[] = [];
	for (const candidate of ALL_IDS) {
		const folded = fold(candidate);
		let score = distance(key, folded, maxEdits);
		if (score > maxEdits && key.length >= 3 && (folded.includes(key) || key.includes(folded))) {
			score = maxEdits;
		}
		if (score <= maxEdits) scored.push({ id: candidate, score });
	}
	scored.sort((a, b) => a.score - b.score || ALL_IDS.indexOf(a.id) - ALL_IDS.indexOf(b.id));
	return scored.slice(0, limit).map((s) => s.id);
}

/** Past this many, an error names list_models instead of listing every runnable id. */
const MAX_LISTED_RUNNABLE = 20;

function runnableList(): string {
	return RUNNABLE_MODEL_IDS.length <= MAX_LISTED_RUNNABLE
		? `runnable models: ${RUNNABLE_MODEL_IDS.join(', ')}`
		: 'list_models gives the runnable models';
}

/** Why `input` is not a runnable model id, in words that let Claude correct itself. */
export function modelIdProblem(input: unknown): string {
	if (typeof input !== 'string') return `model.id must be a runnable catalog id; ${runnableList()}`;
	const entry = getEntry(input);
	const procedure = procedureRun(typeof input === 'string' ? input : '');
	if (entry && procedure) {
		return `model.id ${quoteInput(input)} is a procedure that runs as ${procedure.runsAs}, not a model: ${procedure.how}`;
	}
	if (entry && isRunnable(entry)) {
		const kind = runKindOf(entry);
		if (kind === 'study')
			return `model.id ${quoteInput(input)} is a procedure that runs as a study (the New study page's Procedure sets its sampler and budget over a base trial's model), not as a trial or an analysis`;
		return kind === 'analysis'
			? `model.id ${quoteInput(input)} is an analysis (task ${entry.task}): propose it with propose_analysis, not as a trial`
			: `model.id ${quoteInput(input)} runs as a walk-forward trial (task ${entry.task}): propose it with propose_trial`;
	}
	if (entry) {
		const why = unavailableReason(entry);
		return `model.id ${quoteInput(input)} is ${statusLabel(entry.status)}${why ? ` (${why})` : ''}; ${runnableList()}`;
	}
	const similar = similarModelIds(input);
	const hint = similar.length > 0 ? ` (similar ids: ${similar.join(', ')})` : '';
	return `model.id ${quoteInput(input)} is not a catalog id${hint}; ${runnableList()}`;
}

/**
 * A runnable catalog id, exactly: no trimming, case folding or look-alike characters. Only runnable ids: a
 * proposal naming a model that cannot run could never be approved, so it is refused with the reason here.
 */
export const modelIdSchema = z
	.enum(TRIAL_MODEL_IDS as [string, ...string[]], { error: (issue) => modelIdProblem(issue.input) })
	.describe('A runnable catalog model id, exactly as list_models gives it.');

/** The same for an analysis: a runnable formula, measure, test or transform. */
export const analysisIdSchema = z
	.enum(ANALYSIS_MODEL_IDS as [string, ...string[]], { error: (issue) => modelIdProblem(issue.input) })
	.describe(
		'A runnable catalog analysis id (task measure, pricing, test, transform or portfolio), as list_models gives it.'
	);
