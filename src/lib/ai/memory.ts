/**
 * Chat memory as pure functions (original-system §3.10): which messages stay in the history, which go back into
 * the prompt within a token budget, and search. Storage (Dexie) is the caller's; importance and topics are
 * computed when a message is stored (memory-importance.ts, memory-topics.ts) and kept on it.
 * Pure: no I/O.
 */
import { IMPORTANCE_THRESHOLD, scoreImportance, type ImportanceMeta } from './memory-importance';
import { extractTopics } from './memory-topics';

export { IMPORTANCE_THRESHOLD, scoreImportance, type ImportanceMeta } from './memory-importance';
export { extractTopics, type TopicKind } from './memory-topics';

export interface MemoryMessage {
	id: string;
	role: 'user' | 'assistant';
	text: string;
	/** epoch ms */
	at: number;
	/** in [0.1, 1] (scoreImportance) */
	importance: number;
	/** `model:<catalog id>`, `term:<id>`, `symbol:<SYMBOL>` (extractTopics) */
	topics: string[];
}

/** The original kept the last 200 messages of a chat (original-system §3.10a, its log shows exactly 200). */
export const MEMORY_WINDOW_DEFAULT = 200;
/** Characters per token: an estimate for English text (Claude's tokeniser is not available offline). */
export const CHARS_PER_TOKEN = 4;
/** Tokens the API spends framing each message (role and separators), on top of its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** An estimate, not a count: about one token per four characters, rounded up. Dense or non-Latin text uses more. */
export function estimateTokens(text: string): number {
	return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** What a message costs in the prompt: its text plus the framing every message carries. */
export function messageTokens(message: Pick<MemoryMessage, 'text'>): number {
	return estimateTokens(message.text) + MESSAGE_OVERHEAD_TOKENS;
}

/** A message ready to store: its topics and importance computed from its text. */
export function toMemoryMessage(
	input: Pick<MemoryMessage, 'id' | 'role' | 'text' | 'at'>,
	meta: Omit<ImportanceMeta, 'topics'> = {}
): MemoryMessage {
	const topics = extractTopics(input.text);
	return { ...input, topics, importance: scoreImportance(input.text, input.role, { ...meta, topics }) };
}

/** Oldest first by `at`; the sort is stable, so messages with the same time keep their given order. */
function chronological(messages: readonly MemoryMessage[]): MemoryMessage[] {
	return [...messages].sort((a, b) => a.at - b.at);
}

/** The newest `window` messages, oldest first: the history a chat keeps (default MEMORY_WINDOW_DEFAULT). */
export function retained(
	messages: readonly MemoryMessage[],
	window: number = MEMORY_WINDOW_DEFAULT
): MemoryMessage[] {
	const n = Number.isNaN(window) ? 0 : Math.max(0, Math.floor(window));
	return n === 0 ? [] : chronological(messages).slice(-n);
}

export interface ContextOptions {
	/** recent messages always sent (trimmed oldest first to fit); below 1 counts as 1 */
	readonly lastN: number;
	readonly budgetTokens: number;
	/** text whose topics make older messages relevant; the last user message when absent */
	readonly query?: string;
	/** importance an older message needs to come back; IMPORTANCE_THRESHOLD when absent */
	readonly threshold?: number;
}

/**
 * The messages to send with the next request, oldest first:
 * 1. the newest message always, even when it alone is over the budget (it is what is being answered, and
 *    cutting it would change what the user said; the caller may refuse to send it) — the only way the result
 *    exceeds `budgetTokens`;
 * 2. then the rest of the last `lastN`, newest first, stopping at the first that does not fit, so the recent
 *    conversation has no holes;
 * 3. then older messages with importance ≥ threshold, best first by importance, then by how many topics they
 *    share with the query, then by recency; each that fits is taken, one that does not is skipped.
 * Costs are messageTokens(): estimates.
 */
export function selectContext(messages: readonly MemoryMessage[], options: ContextOptions): MemoryMessage[] {
	const ordered = chronological(messages);
	if (ordered.length === 0) return [];
	const budget = Number.isNaN(options.budgetTokens) ? 0 : Math.max(0, options.budgetTokens);
	const lastN = Number.isNaN(options.lastN) ? 1 : Math.max(1, Math.floor(options.lastN));
	const threshold = options.threshold ?? IMPORTANCE_THRESHOLD;
	const newest = ordered.length - 1;
	const chosen = new Set<number>([newest]);
	let used = messageTokens(ordered[newest]);
	for (let i = newest - 1; i >= Math.max(0, ordered.length - lastN); i--) {
		const cost = messageTokens(ordered[i]);
		if (used + cost > budget) break;
		chosen.add(i);
		used += cost;
	}
	const lastUser = ordered.findLast((m) => m.role === 'user');
	const wanted = new Set(
		options.query !== undefined ? extractTopics(options.query) : (lastUser?.topics ?? [])
	);
	const overlap = (m: MemoryMessage): number => m.topics.filter((t) => wanted.has(t)).length;
	const candidates = ordered
		.map((m, i) => ({ m, i, overlap: overlap(m) }))
		.filter((c) => !chosen.has(c.i) && c.m.importance >= threshold)
		.sort((a, b) => b.m.importance - a.m.importance || b.overlap - a.overlap || b.i - a.i);
	for (const c of candidates) {
		const cost = messageTokens(c.m);
		if (used + cost > budget) continue;
		chosen.add(c.i);
		used += cost;
	}
	return [...chosen].sort((a, b) => a - b).map((i) => ordered[i]);
}

export interface SearchOptions {
	/** case-insensitive substring of the text; blank matches all */
	readonly text?: string;
	/** exact topic, e.g. 'model:xgboost' */
	readonly topic?: string;
	/** at most this many results; all when absent */
	readonly limit?: number;
}

/** Messages matching every given criterion, newest first. */
export function searchMessages(
	messages: readonly MemoryMessage[],
	options: SearchOptions = {}
): MemoryMessage[] {
	const needle = (options.text ?? '').trim().toLowerCase();
	const topic = (options.topic ?? '').trim();
	const found = chronological(messages)
		.filter(
			(m) =>
				(needle === '' || m.text.toLowerCase().includes(needle)) && (topic === '' || m.topics.includes(topic))
		)
		.reverse();
	if (options.limit === undefined) return found;
	return found.slice(0, Number.isNaN(options.limit) ? 0 : Math.max(0, Math.floor(options.limit)));
}
