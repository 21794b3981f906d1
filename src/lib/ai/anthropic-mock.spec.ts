import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	MOCK_NO_SCRIPT_TEXT,
	startAnthropicMock,
	type AnthropicMock
} from '../../../tests/mocks/anthropic-server';

const KEY = 'mock-key-for-the-mock-spec-1234';

interface Sse {
	readonly event: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-side reading of untyped JSON events
	readonly data: any;
}

function parseSse(text: string): Sse[] {
	return text
		.split('\n\n')
		.filter((frame) => frame.trim() !== '')
		.map((frame) => {
			const lines = frame.split('\n');
			const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '';
			const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? 'null';
			return { event, data: JSON.parse(data) };
		});
}

describe('the Anthropic mock', () => {
	let mock: AnthropicMock;

	const post = (body: unknown, key = KEY) =>
		fetch(`${mock.origin}/v1/messages`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${key}`,
				'anthropic-version': '2023-06-01'
			},
			body: JSON.stringify(body)
		});
	const ask = (text: string, stream = true) =>
		post({
			model: 'claude-sonnet-5-5',
			max_tokens: 256,
			stream,
			messages: [{ role: 'user', content: text }]
		});

	beforeAll(async () => {
		mock = await startAnthropicMock({ port: 0, key: KEY });
	});
	afterAll(() => mock.close());
	beforeEach(() => mock.reset());

	it('streams a text reply in the real event order, in several deltas, with usage', async () => {
		mock.script([{ text: 'Walk-forward validation keeps time in order.' }]);
		const res = await ask('hello');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/event-stream');
		const events = parseSse(await res.text());
		const names = events.map((e) => e.event);
		expect(names[0]).toBe('message_start');
		expect(names.slice(1, 3)).toEqual(['content_block_start', 'ping']);
		expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
		const deltas = events.filter((e) => e.event === 'content_block_delta');
		expect(deltas.length).toBeGreaterThan(3);
		expect(deltas.map((e) => e.data.delta.text).join('')).toBe(
			'Walk-forward validation keeps time in order.'
		);
		const start = events[0].data.message;
		expect(start).toMatchObject({
			type: 'message',
			role: 'assistant',
			model: 'claude-sonnet-5-5',
			content: []
		});
		expect(start.usage.input_tokens).toBeGreaterThan(0);
		const delta = events.find((e) => e.event === 'message_delta')!.data;
		expect(delta.delta.stop_reason).toBe('end_turn');
		expect(delta.usage.output_tokens).toBeGreaterThan(0);
	});

	it('streams text then a tool call whose input arrives as several partial_json chunks', async () => {
		const input = { model_id: 'ridge', params: { alpha: 0.5 }, dataset_ids: ['sp500-2000'] };
		mock.script([{ text: 'Running a ridge trial.', tool_use: { name: 'propose_trial', input } }]);
		const events = parseSse(await (await ask('go')).text());
		const starts = events.filter((e) => e.event === 'content_block_start').map((e) => e.data);
		expect(starts).toHaveLength(2);
		expect(starts[1]).toMatchObject({
			index: 1,
			content_block: { type: 'tool_use', name: 'propose_trial', input: {} }
		});
		expect(starts[1].content_block.id).toMatch(/^toolu_/);
		const json = events
			.filter((e) => e.event === 'content_block_delta' && e.data.index === 1)
			.map((e) => {
				expect(e.data.delta.type).toBe('input_json_delta');
				return e.data.delta.partial_json as string;
			});
		expect(json.filter((j) => j !== '').length).toBeGreaterThan(2);
		expect(JSON.parse(json.join(''))).toEqual(input);
		expect(events.find((e) => e.event === 'message_delta')!.data.delta.stop_reason).toBe('tool_use');
		expect(events.at(-1)!.event).toBe('message_stop');
	});

	it('answers from a FIFO queue, then with a short text once the queue is empty', async () => {
		mock.script([{ text: 'first' }]);
		mock.script([{ text: 'second' }]);
		const texts: string[] = [];
		for (let i = 0; i < 3; i++) {
			const message = await (await ask(`turn ${i}`, false)).json();
			texts.push(message.content[0].text);
		}
		expect(texts).toEqual(['first', 'second', MOCK_NO_SCRIPT_TEXT]);
	});

	it('takes a script over HTTP and refuses one that is not a list of replies', async () => {
		const bad = await fetch(`${mock.origin}/__mock/script`, { method: 'POST', body: '{"text":"x"}' });
		expect(bad.status).toBe(400);
		const ok = await fetch(`${mock.origin}/__mock/script`, {
			method: 'POST',
			body: JSON.stringify([
				{
					tool_use: [
						{ name: 'a', input: {} },
						{ name: 'b', input: { n: 1 }, id: 'toolu_x' }
					]
				}
			])
		});
		expect(ok.status).toBe(200);
		const message = await (await ask('tools please', false)).json();
		expect(message.stop_reason).toBe('tool_use');
		expect(message.content.map((b: { name: string }) => b.name)).toEqual(['a', 'b']);
		expect(message.content[1].id).toBe('toolu_x');
	});

	it('records what was sent, with the key reduced to a verdict, and forgets it on reset', async () => {
		await ask('what went to Claude');
		await post({ model: 'm-1', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }, 'wrong-key');
		const recorded = (await (await fetch(`${mock.origin}/__mock/requests`)).json()) as ReturnType<
			AnthropicMock['requests']
		>;
		expect(recorded).toHaveLength(2);
		expect(recorded[0]).toMatchObject({ method: 'POST', path: '/v1/messages', authOk: true });
		expect(recorded[0].headers.authorization).toBe('Bearer [redacted]');
		expect(recorded[0].headers['anthropic-version']).toBe('2023-06-01');
		expect(recorded[0].body).toMatchObject({ messages: [{ role: 'user', content: 'what went to Claude' }] });
		expect(recorded[1].authOk).toBe(false);
		expect(JSON.stringify(recorded)).not.toContain(KEY);
		await fetch(`${mock.origin}/__mock/reset`, { method: 'POST' });
		expect(mock.requests()).toEqual([]);
	});

	it('refuses a wrong key with 401 authentication_error, as JSON with CORS headers', async () => {
		const res = await post(
			{ model: 'm-1', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] },
			'nope'
		);
		expect(res.status).toBe(401);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(await res.json()).toEqual({
			type: 'error',
			error: { type: 'authentication_error', message: 'invalid x-api-key' }
		});
	});

	it('sends a scripted error with its status, type and a readable retry-after', async () => {
		mock.script([{ error: { status: 429, type: 'rate_limit_error', message: 'slow down', retryAfter: 7 } }]);
		const res = await ask('x');
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('7');
		expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
		expect(await res.json()).toEqual({
			type: 'error',
			error: { type: 'rate_limit_error', message: 'slow down' }
		});
	});

	it('breaks a streamed reply off with an SSE error event when a reply has text and an error', async () => {
		mock.script([
			{ text: 'partial answer here', error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }
		]);
		const res = await ask('x');
		expect(res.status).toBe(200);
		const events = parseSse(await res.text());
		expect(events.some((e) => e.event === 'content_block_delta')).toBe(true);
		expect(events.at(-1)).toEqual({
			event: 'error',
			data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
		});
		expect(events.some((e) => e.event === 'message_stop')).toBe(false);
	});

	it('refuses a body without the required fields as invalid_request_error', async () => {
		const res = await post({ model: 'm-1', messages: [] });
		expect(res.status).toBe(400);
		expect((await res.json()).error.type).toBe('invalid_request_error');
	});

	it('answers a CORS preflight by echoing the requested headers and allowing POST', async () => {
		const asked =
			'authorization,anthropic-version,anthropic-dangerous-direct-browser-access,x-stainless-os,content-type';
		const res = await fetch(`${mock.origin}/v1/messages`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4173',
				'access-control-request-method': 'POST',
				'access-control-request-headers': asked
			}
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-headers')).toBe(asked);
		expect(res.headers.get('access-control-allow-methods')).toContain('POST');
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(mock.requests()).toEqual([]);
	});
});
