/**
 * From stored chat messages to the Messages API's `messages`: failed turns are left out, a stopped reply keeps its
 * partial text, consecutive turns of one role are merged (the API wants them alternating), and the window starts
 * at a turn the user typed, so no tool_result is ever sent without the tool_use it answers.
 */
import type { ChatMessage, ContentBlock } from '../../db/chat-records';

export interface ApiMessage {
	role: 'user' | 'assistant';
	content: ContentBlock[];
}

/** Messages that belong in the history sent to Claude, oldest first. */
export function sendable(messages: readonly ChatMessage[]): ChatMessage[] {
	return messages.filter((m) => {
		if (m.status === 'failed' || m.status === 'streaming') return false;
		if (m.status === 'stopped') return m.text.trim() !== '';
		return m.content.length > 0;
	});
}

/** The last `window` sendable messages, moved forward to the first user chat turn so pairs stay whole. */
export function windowed(
	messages: readonly ChatMessage[],
	window: number
): { recent: ChatMessage[]; older: ChatMessage[] } {
	const all = sendable(messages);
	const isTurnStart = (m: ChatMessage) => m.role === 'user' && m.kind !== 'tool_results';
	const first = Math.max(0, all.length - window);
	let start = first;
	while (start < all.length && !isTurnStart(all[start])) start++;
	// A long run of tool rounds can leave no typed turn inside the window: then the window grows back to the last
	// one, since a conversation must start with a user turn and keep each tool_use with its result.
	if (start === all.length) {
		start = first;
		while (start > 0 && !isTurnStart(all[start])) start--;
	}
	return { recent: all.slice(start), older: all.slice(0, start) };
}

export function toApiMessages(messages: readonly ChatMessage[]): ApiMessage[] {
	const out: ApiMessage[] = [];
	for (const m of messages) {
		const blocks: ContentBlock[] =
			m.status === 'stopped'
				? [{ type: 'text', text: `${m.text}\n\n[reply stopped by the user]` }]
				: m.content;
		// The API refuses empty text blocks; a reply that was only tool calls may carry one.
		const content = blocks.filter((b) => b.type !== 'text' || b.text.trim() !== '');
		if (content.length === 0) continue;
		const last = out[out.length - 1];
		if (last && last.role === m.role) last.content = [...last.content, ...content];
		else out.push({ role: m.role, content: [...content] });
	}
	return out;
}

/** Plain text of the text blocks. */
export function textOf(content: readonly ContentBlock[]): string {
	return content
		.filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text')
		.map((b) => b.text)
		.join('\n\n');
}
