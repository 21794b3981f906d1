/**
 * Claude's system prompt, rebuilt for every turn from what is stored (original-system §3.1 rebuilt it on every
 * call too). Sections in priority order: lockdown banner, role, compliance rules, goal, catalog, datasets,
 * latest trials, feedback. The first three are never trimmed; to fit the token budget the others lose whole
 * rows from the end, lowest priority first, with a "(+N more)" marker, and go entirely only when no row fits.
 *
 * Pure: no I/O; the caller gathers the records (app/chat/context.ts).
 */
import { CHARS_PER_TOKEN, estimateTokens } from './memory';
import type { TrialRecord } from '../db/records';
import { feedbackLines, moreMarker } from '../research/feedback-format';
import type { FeedbackReport } from '../research/feedback';
import {
	catalogSection,
	complianceSection,
	datasetsSection,
	goalSection,
	lockdownSection,
	roleSection,
	trialsSection,
	type PromptDataset,
	type SectionDraft
} from './prompt-sections';

export type { PromptDataset } from './prompt-sections';
export { LOCKDOWN_BANNER } from './prompt-sections';

/**
 * Tokens are estimated as characters / 4 (memory.ts), the one estimate of the whole chat, so the prompt and the
 * history budgets agree. It is an estimate (numbers and JSON run denser): callers leave headroom.
 */
export { CHARS_PER_TOKEN, estimateTokens } from './memory';

export interface PromptContext {
	readonly now: Date;
	/** The goal as stored; used only when no goalBlock is given (its text is shown as written). */
	readonly goal?: { readonly text: string; readonly components: unknown } | null;
	/** The goal already formatted for the prompt (research/goal.ts); wins over `goal`. */
	readonly goalBlock?: string | null;
	readonly datasets: readonly PromptDataset[];
	readonly latestTrials: readonly TrialRecord[];
	/** null leaves the feedback section out. */
	readonly feedback: FeedbackReport | null;
	readonly lockdown: boolean;
}

export type SectionName =
	'lockdown' | 'role' | 'compliance' | 'goal' | 'catalog' | 'datasets' | 'trials' | 'feedback';

export interface PromptSectionInfo {
	readonly name: SectionName;
	/** Estimated tokens of the section as emitted; 0 when it was dropped. */
	readonly tokens: number;
	readonly trimmed: boolean;
}

export interface SystemPrompt {
	readonly text: string;
	readonly sections: readonly PromptSectionInfo[];
	/** Estimated tokens of `text`. Above the budget only when the untrimmable sections alone exceed it. */
	readonly tokens: number;
}

/** Sections the budget may never touch: without them Claude would act without its rules. */
const FIXED: ReadonlySet<SectionName> = new Set(['lockdown', 'role', 'compliance']);

const SEPARATOR = '\n\n';

interface Planned {
	readonly name: SectionName;
	readonly draft: SectionDraft;
	/** Characters of the header plus the first k rows, each row with its newline: prefix[k]. */
	readonly prefix: readonly number[];
	kept: number;
	dropped: boolean;
}

function plan(name: SectionName, draft: SectionDraft): Planned {
	const prefix = [draft.header.length];
	for (const row of draft.rows) prefix.push(prefix[prefix.length - 1] + 1 + row.length);
	return { name, draft, prefix, kept: draft.rows.length, dropped: false };
}

function sectionLength(p: Planned): number {
	if (p.dropped) return 0;
	const hidden = p.draft.rows.length - p.kept;
	return p.prefix[p.kept] + (hidden > 0 ? 1 + moreMarker(hidden).length : 0);
}

function totalLength(planned: readonly Planned[]): number {
	const shown = planned.filter((p) => !p.dropped);
	const body = shown.reduce((sum, p) => sum + sectionLength(p), 0);
	return body + SEPARATOR.length * Math.max(0, shown.length - 1);
}

function render(p: Planned): string {
	const hidden = p.draft.rows.length - p.kept;
	const lines = [p.draft.header, ...p.draft.rows.slice(0, p.kept)];
	if (hidden > 0) lines.push(moreMarker(hidden));
	return lines.join('\n');
}

/** Removes rows, lowest-priority section first, until the text fits maxChars or only fixed sections remain. */
function trim(planned: readonly Planned[], maxChars: number): void {
	for (const p of [...planned].reverse()) {
		if (FIXED.has(p.name)) continue;
		while (p.kept > 0 && totalLength(planned) > maxChars) p.kept--;
		if (totalLength(planned) > maxChars) p.dropped = true;
		if (totalLength(planned) <= maxChars) return;
	}
}

function goalText(ctx: PromptContext): string | null {
	if (ctx.goalBlock !== undefined && ctx.goalBlock !== null && ctx.goalBlock.trim() !== '')
		return ctx.goalBlock;
	return ctx.goal ? ctx.goal.text : null;
}

/**
 * The system prompt for one turn, within `budgetTokens` (estimated at CHARS_PER_TOKEN characters a token)
 * unless the lockdown banner, role and compliance rules alone are longer.
 */
export function buildSystemPrompt(ctx: PromptContext, options: { budgetTokens: number }): SystemPrompt {
	const { budgetTokens } = options;
	if (!Number.isFinite(budgetTokens) || budgetTokens < 0) {
		throw new RangeError(`budgetTokens must be a finite number >= 0, got ${budgetTokens}`);
	}
	const drafts: [SectionName, SectionDraft][] = [];
	if (ctx.lockdown) drafts.push(['lockdown', lockdownSection()]);
	drafts.push(
		['role', roleSection(ctx.now)],
		['compliance', complianceSection()],
		['goal', goalSection(goalText(ctx))],
		['catalog', catalogSection()],
		['datasets', datasetsSection(ctx.datasets)],
		['trials', trialsSection(ctx.latestTrials)]
	);
	if (ctx.feedback) {
		drafts.push([
			'feedback',
			{
				header: '## What past trials taught (computed from the stored trials):',
				rows: feedbackLines(ctx.feedback)
			}
		]);
	}
	const planned = drafts.map(([name, draft]) => plan(name, draft));
	// Whole characters: a budget of N tokens holds N * CHARS_PER_TOKEN characters by our estimate.
	trim(planned, Math.floor(budgetTokens) * CHARS_PER_TOKEN);
	const text = planned
		.filter((p) => !p.dropped)
		.map(render)
		.join(SEPARATOR);
	return {
		text,
		sections: planned.map((p) => ({
			name: p.name,
			tokens: p.dropped ? 0 : estimateTokens(render(p)),
			trimmed: p.dropped || p.kept < p.draft.rows.length
		})),
		tokens: estimateTokens(text)
	};
}
