import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../db/chat-records';
import { sendable, toApiMessages, windowed } from './messages';

let seq = 0;
function msg(p: Partial<ChatMessage> & Pick<ChatMessage, 'role'>): ChatMessage {
	seq++;
	const text = p.text ?? `m${seq}`;
	return {
		id: `m${seq}`,
		conversationId: 'c',
		seq,
		kind: 'chat',
		content: [{ type: 'text', text }],
		text,
		status: 'complete',
		error: null,
		importance: 0.5,
		topics: [],
		usage: null,
		at: seq,
		...p
	};
}

describe('the history sent to Claude', () => {
	it('leaves out failed and streaming turns and keeps a stopped reply with a note', () => {
		const ms = [
			msg({ role: 'user' }),
			msg({ role: 'assistant', status: 'failed' }),
			msg({ role: 'assistant', status: 'stopped', text: 'half a thought' }),
			msg({ role: 'user' })
		];
		expect(sendable(ms).map((m) => m.status)).toEqual(['complete', 'stopped', 'complete']);
		const api = toApiMessages(sendable(ms));
		expect(api.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
		expect(JSON.stringify(api[1].content)).toContain('[reply stopped by the user]');
	});

	it('merges consecutive turns of one role, as the API requires alternation', () => {
		const api = toApiMessages([msg({ role: 'user' }), msg({ role: 'user' }), msg({ role: 'assistant' })]);
		expect(api).toHaveLength(2);
		expect(api[0].content).toHaveLength(2);
	});

	it('starts the window at a user chat turn so a tool_result never loses its tool_use', () => {
		const ms = [
			msg({ role: 'user' }),
			msg({
				role: 'assistant',
				content: [{ type: 'tool_use', id: 't1', name: 'list_datasets', input: {} }]
			}),
			msg({
				role: 'user',
				kind: 'tool_results',
				content: [{ type: 'tool_result', tool_use_id: 't1', content: '[]' }]
			}),
			msg({ role: 'assistant' }),
			msg({ role: 'user' })
		];
		const { recent, older } = windowed(ms, 3);
		expect(recent[0].role).toBe('user');
		expect(recent[0].kind).toBe('chat');
		expect(recent.map((m) => m.id)).toEqual([ms[4].id]);
		expect(older).toHaveLength(4);
	});

	it('grows the window back to the last typed turn when tool rounds fill it', () => {
		const ms = [msg({ role: 'user' })];
		for (let i = 0; i < 6; i++) {
			ms.push(
				msg({
					role: 'assistant',
					content: [{ type: 'tool_use', id: `t${i}`, name: 'list_models', input: {} }]
				})
			);
			ms.push(
				msg({
					role: 'user',
					kind: 'tool_results',
					content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: '{}' }]
				})
			);
		}
		const { recent, older } = windowed(ms, 4);
		expect(recent[0]).toBe(ms[0]);
		expect(older).toHaveLength(0);
		expect(recent).toHaveLength(13);
	});

	it('never sends an empty text block, which the API refuses', () => {
		const api = toApiMessages([
			msg({ role: 'user' }),
			msg({
				role: 'assistant',
				content: [
					{ type: 'text', text: '' },
					{ type: 'tool_use', id: 't', name: 'list_datasets', input: {} }
				]
			})
		]);
		expect(api[1].content).toEqual([{ type: 'tool_use', id: 't', name: 'list_datasets', input: {} }]);
	});
});
