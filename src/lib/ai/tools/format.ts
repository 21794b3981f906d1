/**
 * Shaping read-only answers for Claude: compact JSON, numbers rounded to what is meaningful, "not available" as
 * null (never 0, never a guess), and a size budget so one answer cannot crowd out the conversation.
 */
import { jsonForClaude } from './text';

/** An answer's size budget: about 1,000 tokens. */
export const MAX_RESULT_CHARS = 4_000;
/**
 * list_models may take more: the runnable catalog with every range is what Claude proposes trials and analyses
 * from (85 entries, one line per parameter: about 13,300 characters, 3,500 tokens).
 */
export const MAX_CATALOG_CHARS = 14_000;
/** Significant digits kept: enough to compare trials, few enough not to suggest false precision. */
export const SIGNIFICANT_DIGITS = 4;

export interface ToolResult {
	/** Compact JSON text, sent as the tool_result's content. */
	readonly content: string;
	readonly isError: boolean;
}

/** A stored number for Claude: null when not finite (not available), integers as they are, others to 4 digits. */
export function num(value: unknown): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	if (Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER) return value === 0 ? 0 : value;
	const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
	// -0 would read as a sign where there is none.
	return rounded === 0 ? 0 : rounded;
}

/** An epoch-ms time as a UTC day (YYYY-MM-DD), or a UTC minute for intraday data; null when not a time. */
export function when(t: unknown, intraday = false): string | null {
	if (typeof t !== 'number' || !Number.isFinite(t)) return null;
	const d = new Date(t);
	if (Number.isNaN(d.getTime())) return null;
	return intraday ? `${d.toISOString().slice(0, 16)}Z` : d.toISOString().slice(0, 10);
}

export function answer(value: unknown): ToolResult {
	return { content: jsonForClaude(value), isError: false };
}

export function failure(error: string, extra: Record<string, unknown> = {}): ToolResult {
	return { content: jsonForClaude({ error, ...extra }), isError: true };
}

/** A list answer, and how many items it shows. */
export interface FittedResult extends ToolResult {
	readonly shown: number;
}

/**
 * The longest prefix of `items` whose answer fits the budget. `build` makes the answer from a slice and the
 * total (to say how many were left out); it is tried at most log2(n) + 2 times.
 */
export function fitList<T>(
	items: readonly T[],
	build: (shown: readonly T[], total: number) => unknown,
	budget = MAX_RESULT_CHARS
): FittedResult {
	const render = (n: number) => jsonForClaude(build(items.slice(0, n), items.length));
	const full = render(items.length);
	if (full.length <= budget) return { content: full, isError: false, shown: items.length };
	let lo = 0;
	let hi = items.length - 1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (render(mid).length <= budget) lo = mid;
		else hi = mid - 1;
	}
	return { content: render(lo), isError: false, shown: lo };
}
