import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	startAnthropicMock,
	type AnthropicMock,
	type MockReply
} from '../../../tests/mocks/anthropic-server';
import {
	AiError,
	createChatClient,
	type AiErrorCode,
	type ChatClientOptions,
	type TurnRequest
} from './client';
import { DEFAULT_MODEL } from './models';

/** Not shaped like an Anthropic key on purpose: only redaction by exact value can keep it out of messages. */
const KEY = 'mock-anthropic-key-Qv7Lx2Rt9Wm4';
const SYSTEM = 'You are mlTrainer.';
const HELLO: MessageParam[] = [{ role: 'user', content: 'Propose a first trial.' }];
const TOOLS: Tool[] = [
	{
		name: 'propose_trial',
		description: 'Propose a trial for the user to approve.',
		input_schema: {
			type: 'object',
			properties: { model_id: { type: 'string' }, params: { type: 'object' } },
			required: ['model_id']
		}
	}
];

describe('the chat client, against the Anthropic mock', () => {
	let mock: AnthropicMock;
	/** Every AiError any test saw: none may contain the key. */
	const seen: AiError[] = [];

	const client = (overrides: Partial<ChatClientOptions> = {}) =>
		createChatClient({
			apiKey: KEY,
			baseURL: mock.origin,
			model: DEFAULT_MODEL,
			maxTokens: 1024,
			...overrides
		});
	const turn = (overrides: Partial<TurnRequest> = {}) => ({
		system: SYSTEM,
		messages: HELLO,
		tools: TOOLS,
		...overrides
	});

	async function failure(
		reply: MockReply | null,
		options: Partial<ChatClientOptions> = {},
		request: Partial<TurnRequest> = {}
	) {
		if (reply) mock.script([reply]);
		const error = await client(options)
			.streamTurn(turn(request))
			.then(
				() => null,
				(e: unknown) => e
			);
		expect(error).toBeInstanceOf(AiError);
		seen.push(error as AiError);
		return error as AiError;
	}

	beforeAll(async () => {
		mock = await startAnthropicMock({ port: 0, key: KEY });
	});
	afterAll(() => mock.close());
	beforeEach(() => mock.reset());

	it('streams a text reply in deltas and returns it whole, with usage, id and model', async () => {
		const text = 'A ridge regression on 20-day momentum is a fair first baseline.';
		mock.script([{ text }]);
		const deltas: string[] = [];
		const result = await client().streamTurn(turn({ onText: (d) => deltas.push(d) }));
		expect(deltas.length).toBeGreaterThan(3);
		expect(deltas.join('')).toBe(text);
		expect(result.content).toEqual([{ type: 'text', text }]);
		expect(result.stopReason).toBe('end_turn');
		expect(result.usage.inputTokens).toBeGreaterThan(0);
		expect(result.usage.outputTokens).toBeGreaterThan(0);
		expect(result.usage).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });
		expect(result.id).toMatch(/^msg_/);
		expect(result.model).toBe(DEFAULT_MODEL);
		expect(result.droppedToolUses).toEqual([]);
	});

	it('returns a tool call with its input parsed, and stop reason tool_use', async () => {
		const input = { model_id: 'ridge', params: { alpha: 0.5, features: ['ret_5', 'ret_20'] } };
		mock.script([{ text: 'Proposing:', tool_use: { name: 'propose_trial', input, id: 'toolu_fixed01' } }]);
		const started: string[] = [];
		const result = await client().streamTurn(turn({ onToolStart: (n) => started.push(n) }));
		expect(started).toEqual(['propose_trial']);
		expect(result.stopReason).toBe('tool_use');
		expect(result.content).toEqual([
			{ type: 'text', text: 'Proposing:' },
			{ type: 'tool_use', id: 'toolu_fixed01', name: 'propose_trial', input }
		]);
	});

	it('sends the key as Bearer with the browser-access header, and the conversation as given', async () => {
		const messages: MessageParam[] = [
			...HELLO,
			{
				role: 'assistant',
				content: [{ type: 'tool_use', id: 'toolu_1', name: 'propose_trial', input: { model_id: 'ridge' } }]
			},
			{
				role: 'user',
				content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"hit_rate":0.5312}' }]
			}
		];
		await client({ temperature: 0.2 }).streamTurn(turn({ messages }));
		const [request] = mock.requests();
		expect(request.authOk).toBe(true);
		expect(request.headers.authorization).toBe('Bearer [redacted]');
		expect(request.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
		expect(request.headers['x-api-key']).toBeUndefined();
		expect(request.body).toMatchObject({
			model: DEFAULT_MODEL,
			max_tokens: 1024,
			temperature: 0.2,
			stream: true,
			system: SYSTEM,
			tools: TOOLS,
			messages
		});
	});

	it('stops mid-stream on abort, keeping the text that had arrived', async () => {
		const controller = new AbortController();
		const deltas: string[] = [];
		const error = await failure(
			{ text: 'one two three four five six seven eight nine ten', delayMs: 40 },
			{},
			{
				signal: controller.signal,
				onText: (d) => {
					deltas.push(d);
					if (deltas.length === 2) controller.abort();
				}
			}
		);
		expect(error.code).toBe('aborted');
		expect(error.partialText).toBe('one two ');
		expect(error.retryable).toBe(false);
	});

	it('does not send a request when the signal is already aborted', async () => {
		const error = await failure(null, {}, { signal: AbortSignal.abort() });
		expect(error.code).toBe('aborted');
		expect(mock.requests()).toEqual([]);
	});

	it('stops a turn at its deadline, as a timeout with the partial text', async () => {
		const started = Date.now();
		const text = 'slow words keep coming one at a time until the deadline';
		// Events every 50 ms: the first word arrives at ~200 ms, well before the 400 ms deadline.
		const error = await failure({ text, delayMs: 50 }, { turnTimeoutMs: 400 });
		expect(error.code).toBe('timeout');
		expect(error.message).toBe('Claude did not finish within 1 s; the turn was stopped.');
		expect(error.partialText.length).toBeGreaterThan(0);
		expect(text.startsWith(error.partialText)).toBe(true);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(error.retryable).toBe(true);
	});

	it('maps a refused key (401) to invalid_key', async () => {
		const error = await failure(null, { apiKey: 'some-other-key-123456' });
		expect(error.code).toBe('invalid_key');
		expect(error.status).toBe(401);
		expect(error.message).toBe('Anthropic refused the API key (401). Check it in Settings.');
	});

	it('maps 429 with retry-after 7 to rate_limited, waiting 7000 ms', async () => {
		const error = await failure({
			error: { status: 429, type: 'rate_limit_error', message: 'Number of requests exceeded.', retryAfter: 7 }
		});
		expect(error.code).toBe('rate_limited');
		expect(error.retryAfterMs).toBe(7000);
		expect(error.message).toContain('try again in 7 s');
		expect(error.retryable).toBe(true);
	});

	it('maps 529 to overloaded', async () => {
		const error = await failure({ error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } });
		expect(error.code).toBe('overloaded');
		expect(error.status).toBe(529);
	});

	it('maps an overloaded_error that breaks a stream off to overloaded, keeping the text so far', async () => {
		const error = await failure({
			text: 'I will propose',
			error: { status: 529, type: 'overloaded_error', message: 'Overloaded' }
		});
		expect(error.code).toBe('overloaded');
		expect(error.partialText).toBe('I will propose');
	});

	it.each([403, 401] as const)(
		'maps the organisation CORS refusal (%i) to browser_access_disabled',
		async (status) => {
			const error = await failure({
				error: {
					status,
					type: status === 403 ? 'permission_error' : 'authentication_error',
					message:
						'CORS requests are not allowed for this Organization because of its settings. If you believe this in error, contact support at https://support.anthropic.com/.'
				}
			});
			expect(error.code).toBe('browser_access_disabled');
			expect(error.message).toMatch(/admin .* must allow browser access/);
		}
	);

	it.each([
		[{ status: 403, type: 'permission_error', message: 'Not allowed' }, 'permission'],
		[{ status: 500, type: 'api_error', message: 'Internal server error' }, 'server_error'],
		[{ status: 404, type: 'not_found_error', message: 'model: claude-nope' }, 'bad_request']
	] as const)('maps %o to %s', async (err, code: AiErrorCode) => {
		const error = await failure({ error: err });
		expect(error.code).toBe(code);
		expect(error.status).toBe(err.status);
	});

	it('shows the reason of a bad request, with the key masked even when the API echoes it', async () => {
		const error = await failure({
			error: { status: 400, type: 'invalid_request_error', message: `prompt is too long (key ${KEY})` }
		});
		expect(error.code).toBe('bad_request');
		expect(error.message).toContain('prompt is too long');
		expect(error.message).not.toContain(KEY);
		expect(error.detail).not.toContain(KEY);
	});

	it('writes one full stop between the sentence of the API and ours, never two', async () => {
		const error = await failure({
			error: { status: 404, type: 'not_found_error', message: 'model: claude-nope was not found.' }
		});
		expect(error.message).toBe(
			'Anthropic rejected the request (404): model: claude-nope was not found. Check the model id in Settings.'
		);
	});

	it('reports offline without making a request', async () => {
		const error = await failure({ text: 'never sent' }, { isOnline: () => false });
		expect(error.code).toBe('offline');
		expect(mock.requests()).toEqual([]);
	});

	it('reports a host it cannot reach as a network error', async () => {
		const closed = createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((r) => closed.close(() => r()));
		const error = await failure(null, { baseURL: `http://127.0.0.1:${port}` });
		expect(error.code).toBe('network');
		expect(error.message).toContain(`127.0.0.1:${port}`);
	});

	it('drops a tool call whose input was cut off, so it can never run half-specified', async () => {
		const sse = [
			[
				'message_start',
				{
					type: 'message_start',
					message: {
						id: 'msg_cut',
						type: 'message',
						role: 'assistant',
						model: DEFAULT_MODEL,
						content: [],
						stop_reason: null,
						stop_sequence: null,
						usage: { input_tokens: 9, output_tokens: 1 }
					}
				}
			],
			[
				'content_block_start',
				{
					type: 'content_block_start',
					index: 0,
					content_block: { type: 'tool_use', id: 'toolu_cut', name: 'propose_trial', input: {} }
				}
			],
			[
				'content_block_delta',
				{
					type: 'content_block_delta',
					index: 0,
					delta: { type: 'input_json_delta', partial_json: '{"model_id":"ridge","par' }
				}
			],
			['content_block_stop', { type: 'content_block_stop', index: 0 }],
			[
				'message_delta',
				{
					type: 'message_delta',
					delta: { stop_reason: 'max_tokens', stop_sequence: null },
					usage: { output_tokens: 12 }
				}
			],
			['message_stop', { type: 'message_stop' }]
		]
			.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
			.join('');
		const fakeFetch: typeof fetch = async () =>
			new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
		const result = await client({ fetch: fakeFetch }).streamTurn(turn());
		expect(result.stopReason).toBe('max_tokens');
		expect(result.content).toEqual([]);
		expect(result.droppedToolUses).toEqual([{ id: 'toolu_cut', name: 'propose_trial' }]);
	});

	it('rethrows an error from the caller’s own callback as is', async () => {
		mock.script([{ text: 'a b c d' }]);
		const bug = new Error('UI bug');
		await expect(
			client().streamTurn(
				turn({
					onText: () => {
						throw bug;
					}
				})
			)
		).rejects.toBe(bug);
	});

	it('refuses to start without a key, and with a model id no API could accept', () => {
		expect(() => client({ apiKey: '  ' })).toThrow(AiError);
		expect(() => client({ model: 'Claude Sonnet!' })).toThrow(RangeError);
		expect(() => client({ baseURL: 'ftp://example.com' })).toThrow(RangeError);
	});

	it('maps a reply that breaks the protocol to server_error, and passes the SDK’s complaint on redacted', async () => {
		const warnings: string[] = [];
		const sse = `event: message_start\ndata: {"not json ${KEY}\n\n`;
		const fakeFetch: typeof fetch = async () =>
			new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
		const error = await failure(null, { fetch: fakeFetch, onWarning: (w) => warnings.push(w) });
		expect(error.code).toBe('server_error');
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings.join('\n')).toContain('Could not parse');
		expect(warnings.join('\n')).not.toContain(KEY);
	});

	it('never puts the key in any error it raised', () => {
		expect(seen.length).toBeGreaterThan(10);
		for (const e of seen) {
			for (const text of [e.message, e.detail ?? '', e.partialText, String(e), JSON.stringify(e)]) {
				expect(text).not.toContain(KEY);
			}
		}
	});
});
