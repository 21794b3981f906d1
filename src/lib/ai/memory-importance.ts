/**
 * How much a chat message matters when older messages compete for room in the prompt (original-system §3.10c).
 * The original started every message at 0.5, so its "min_importance 0.3" filter kept everything; here the base
 * is low enough that short chit-chat ("ok thanks") falls below IMPORTANCE_THRESHOLD and a message that names a
 * model, a finance term or a symbol, reports an error, or touches the goal or compliance rises above it.
 * Pure: no I/O.
 *
 * | signal                                                     | points |
 * | ---------------------------------------------------------- | ------ |
 * | base                                                       | 0.1    |
 * | role user (the researcher's own words steer the work)      | +0.2   |
 * | role assistant                                             | +0.1   |
 * | names a research topic (model, finance term, symbol)       | +0.2   |
 * | longer than 200 characters                                 | +0.1   |
 * | an error word (error, exception, failed, …) or toolError   | +0.2   |
 * | a success word (success, completed, finished, …)           | +0.1   |
 * | toolUse (a proposal or a tool result: research state)      | +0.2   |
 * | meta.complianceRelated                                     | +0.3   |
 * | meta.goalRelated                                           | +0.2   |
 * | cap                                                        | 1.0    |
 *
 * Words match whole words, case-insensitively: "failed" counts, "failsafe" and "errorless" do not.
 */
import { extractTopics } from './memory-topics';

/** The default floor for older messages to come back into the prompt; "ok thanks" from the user scores 0.3. */
export const IMPORTANCE_THRESHOLD = 0.4;

export interface ImportanceMeta {
	readonly complianceRelated?: boolean;
	readonly goalRelated?: boolean;
	readonly toolUse?: boolean;
	readonly toolError?: boolean;
	/** the message's topics when the caller has them already; extracted from the text otherwise */
	readonly topics?: readonly string[];
}

/** Characters above which a message counts as long (the original's rule). */
const LONG_MESSAGE_CHARS = 200;
const ERROR_WORDS =
	/\b(?:errors?|exceptions?|fail|fails|failed|failing|failures?|crash|crashed|crashes|timeout|timeouts|timed out)\b/i;
const SUCCESS_WORDS = /\b(?:success|successful|successfully|succeeded|completed|finished)\b/i;

/** Importance in [0.1, 1.0], in steps of 0.1: points are counted in tenths so no float error creeps in. */
export function scoreImportance(text: string, role: 'user' | 'assistant', meta: ImportanceMeta = {}): number {
	const content = typeof text === 'string' ? text : '';
	let tenths = 1 + (role === 'user' ? 2 : 1);
	if ((meta.topics ?? extractTopics(content)).length > 0) tenths += 2;
	if (content.length > LONG_MESSAGE_CHARS) tenths += 1;
	if (meta.toolError === true || ERROR_WORDS.test(content)) tenths += 2;
	if (SUCCESS_WORDS.test(content)) tenths += 1;
	if (meta.toolUse === true) tenths += 2;
	if (meta.complianceRelated === true) tenths += 3;
	if (meta.goalRelated === true) tenths += 2;
	return Math.min(10, tenths) / 10;
}
