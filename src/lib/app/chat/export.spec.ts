import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { getVault } from '../vault';
import { exportConversation } from './index';
import { SECRET_IN_MESSAGE, prepareOutgoing } from './outgoing';

/** Not key-shaped: only the vault knows it is a secret. */
const FRED_KEY = 'my-own-relay-token-2024';

beforeEach(async () => {
	await db.messages.clear();
	await db.conversations.clear();
	const vault = await getVault();
	await vault.set('fred', FRED_KEY);
});

describe('secrets in the chat', () => {
	it('an export masks every value the vault holds, not only key-shaped strings', async () => {
		await db.conversations.put({
			id: 'c1',
			title: 't',
			createdAt: 1,
			updatedAt: 1,
			inputTokens: 0,
			outputTokens: 0
		});
		await db.messages.put({
			id: 'm1',
			conversationId: 'c1',
			seq: 1,
			role: 'user',
			kind: 'chat',
			content: [{ type: 'text', text: `my token is ${FRED_KEY}` }],
			text: `my token is ${FRED_KEY}`,
			status: 'complete',
			error: null,
			importance: 0.5,
			topics: [],
			usage: null,
			at: 1
		});
		const json = await exportConversation('c1');
		expect(json).not.toContain(FRED_KEY);
		expect(json).toContain('my token is [redacted]');
	});

	it('a message holding a value the vault holds, or a key-shaped string, is refused before it is stored', async () => {
		await expect(prepareOutgoing('c1', `use ${FRED_KEY} please`)).rejects.toThrow(SECRET_IN_MESSAGE);
		await expect(prepareOutgoing('c1', 'sk-ant-api03-abcdefghijklmnop')).rejects.toMatchObject({
			code: 'secret'
		});
		expect(await db.messages.count()).toBe(0);
	});

	it('hidden characters are removed from a message and reported', async () => {
		const out = await prepareOutgoing('c1', 'What is\u200b the best\u2060 ridge alpha?');
		expect(out.text).toBe('What is the best ridge alpha?');
		expect(out.removed.total).toBe(2);
	});
});
