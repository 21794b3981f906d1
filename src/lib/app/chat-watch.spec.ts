import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolCallRecord } from '../db/chat-records';
import { watchChatTrialsWhenNeeded } from './chat-watch';
import { db } from './db';

function call(id: string, state: ToolCallRecord['state']): ToolCallRecord {
	return {
		id,
		conversationId: 'c',
		messageId: 'm',
		name: 'propose_trial',
		input: {},
		normalised: null,
		verdict: { allowed: true, code: 'ok', reason: '' },
		state,
		trialId: 't1',
		result: null,
		resultIsError: false,
		resultSent: false,
		createdAt: 1,
		decidedAt: 2
	};
}

/** A stand-in for the chat module that records what the watcher did with it. */
function fakeChat() {
	const stop = vi.fn();
	const module = { watchChatTrials: vi.fn(() => stop) };
	const load = vi.fn(() => Promise.resolve(module));
	return { load, module, stop };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

beforeEach(async () => {
	await db.toolCalls.clear();
});

describe('watchChatTrialsWhenNeeded', () => {
	it('does not load the chat while no chat-proposed trial is running', async () => {
		const chat = fakeChat();
		await db.toolCalls.put(call('done', 'done'));
		const stop = watchChatTrialsWhenNeeded(chat.load);
		await settle();
		expect(chat.load).not.toHaveBeenCalled();
		stop();
	});

	it('loads the chat and starts its watcher once a chat-proposed trial runs, and stops it when asked', async () => {
		const chat = fakeChat();
		const stop = watchChatTrialsWhenNeeded(chat.load);
		await settle();
		await db.toolCalls.put(call('a', 'running'));
		await vi.waitFor(() => expect(chat.module.watchChatTrials).toHaveBeenCalledTimes(1));
		await db.toolCalls.put(call('b', 'running'));
		await settle();
		expect(chat.load).toHaveBeenCalledTimes(1);
		stop();
		expect(chat.stop).toHaveBeenCalledTimes(1);
	});

	it('starts nothing when stopped before the chat finished loading', async () => {
		const chat = fakeChat();
		let finishLoading: () => void = () => undefined;
		const slowLoad = vi.fn(
			() => new Promise<typeof chat.module>((r) => (finishLoading = () => r(chat.module)))
		);
		await db.toolCalls.put(call('a', 'running'));
		const stop = watchChatTrialsWhenNeeded(slowLoad);
		await vi.waitFor(() => expect(slowLoad).toHaveBeenCalled());
		stop();
		finishLoading();
		await settle();
		expect(chat.module.watchChatTrials).not.toHaveBeenCalled();
	});
});
