/**
 * A local stand-in for the Anthropic Messages API (`POST /v1/messages`, and `GET /v1/models`), for unit and end-to-end tests. Replies are
 * scripted, never generated: each request takes the next reply from a FIFO queue, so a test says exactly what
 * "Claude" answers and can then read back exactly what was sent to it (`requests()`), tool results included.
 *
 * Streaming replies follow the real event order: message_start, then per content block content_block_start /
 * content_block_delta… / content_block_stop (text in several text_delta chunks, tool input in several
 * input_json_delta chunks), a ping, message_delta with stop_reason and usage, message_stop. A reply with text
 * and an error streams the text and then an SSE `error` event, as the API does when it overloads mid-reply.
 *
 * CORS is answered like the API answers a browser that sent `anthropic-dangerous-direct-browser-access`: the
 * preflight echoes the requested headers (`Access-Control-Allow-Headers: *` would not cover Authorization).
 *
 * CLI: `npx tsx tests/mocks/anthropic-server.ts` listens on $PORT (default 4183) and prints its origin;
 * ANTHROPIC_MOCK_KEY, when set, is the only key it accepts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { modelsPage } from './anthropic-models';
import { isMain, listenOnLoopback, serveFromCli } from './cli';

export { MOCK_MODELS } from './anthropic-models';

export const MOCK_ANTHROPIC_DEFAULT_PORT = 4183;
export const MOCK_NO_SCRIPT_TEXT = '(mock) no scripted reply';
/** How long a browser may cache the preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;
/** The mock has no tokenizer; usage is a stable estimate at this rate, which is all tests need. */
const CHARS_PER_TOKEN = 4;
/** Tool input is cut into pieces this long, so any realistic input arrives in several deltas. */
const JSON_CHUNK_CHARS = 12;
/** Requests above this are refused, as the API refuses oversized ones (413). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const toolUseSchema = z.object({
	name: z.string().min(1),
	input: z.record(z.string(), z.unknown()),
	id: z.string().min(1).optional()
});
const replySchema = z
	.object({
		text: z.string().optional(),
		tool_use: z.union([toolUseSchema, z.array(toolUseSchema)]).optional(),
		error: z
			.object({
				status: z.literal([400, 401, 403, 404, 413, 429, 500, 529]),
				type: z.string().min(1),
				message: z.string(),
				/** Seconds, sent as the retry-after header. */
				retryAfter: z.number().nonnegative().optional()
			})
			.optional(),
		/** Wait before every SSE event (or before the error response), so a test can abort mid-stream. */
		delayMs: z.number().int().min(0).max(600_000).optional(),
		/** Overrides the stop reason the content implies (tool_use or end_turn), e.g. max_tokens. */
		stopReason: z.enum(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'refusal']).optional()
	})
	.strict();
export const mockScriptSchema = z.array(replySchema);

export type MockReply = z.input<typeof replySchema>;

export interface MockRequest {
	readonly method: string;
	readonly path: string;
	/** Lower-cased names; the Authorization value is replaced by its scheme and `[redacted]`. */
	readonly headers: Readonly<Record<string, string>>;
	/** A Bearer credential was sent and, when the mock has a key, it was that key. */
	readonly authOk: boolean;
	/** The parsed JSON body (the raw text when it did not parse). */
	readonly body: unknown;
}

export interface AnthropicMockOptions {
	/** 0 picks a free port. */
	readonly port?: number;
	/** When set, any other (or no) Bearer key gets 401 authentication_error. */
	readonly key?: string;
}

export interface AnthropicMock {
	readonly origin: string;
	close(): Promise<void>;
	requests(): MockRequest[];
	/** Appends replies to the queue; each API request takes the first one. */
	script(replies: readonly MockReply[]): void;
	/** Empties the queue and forgets the recorded requests. */
	reset(): void;
}

type Reply = z.output<typeof replySchema>;
type SseEvent = { readonly event: string; readonly data: unknown };

function estimateTokens(chars: number): number {
	return Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN));
}

function chunkText(text: string): string[] {
	// One word (with its trailing space) per delta: several deltas for any sentence, and they join back exactly.
	return text.match(/\S+\s*|\s+/g) ?? [];
}

function chunkJson(json: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < json.length; i += JSON_CHUNK_CHARS) out.push(json.slice(i, i + JSON_CHUNK_CHARS));
	return out;
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		if (name === 'authorization') out[name] = `${text.split(' ')[0]} [redacted]`;
		else if (name === 'x-api-key') out[name] = '[redacted]';
		else out[name] = text;
	}
	return out;
}

export async function startAnthropicMock(options: AnthropicMockOptions = {}): Promise<AnthropicMock> {
	const key = options.key;
	let queue: Reply[] = [];
	let recorded: MockRequest[] = [];
	let messageSeq = 0;
	let toolSeq = 0;
	let requestSeq = 0;

	// Deterministic ids: the mock must not depend on randomness any more than the app does.
	const nextId = (prefix: string, n: number) => `${prefix}_mock${n.toString().padStart(6, '0')}`;

	function baseHeaders(): Record<string, string> {
		return {
			'Access-Control-Allow-Origin': '*',
			// Without this a browser hides retry-after from cross-origin code, and the app could not honour it.
			'Access-Control-Expose-Headers': 'retry-after, request-id',
			// A page under COEP may only read cross-origin responses that opt in.
			'Cross-Origin-Resource-Policy': 'cross-origin',
			'request-id': nextId('req', ++requestSeq)
		};
	}

	function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
		res.writeHead(status, { ...baseHeaders(), 'Content-Type': 'application/json', ...extra });
		res.end(JSON.stringify(body));
	}

	function sendError(
		res: ServerResponse,
		status: number,
		type: string,
		message: string,
		retryAfter?: number
	) {
		const extra: Record<string, string> =
			retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
		sendJson(res, status, { type: 'error', error: { type, message } }, extra);
	}

	function toolUses(reply: Reply) {
		const list =
			reply.tool_use === undefined ? [] : Array.isArray(reply.tool_use) ? reply.tool_use : [reply.tool_use];
		return list.map((t) => ({ id: t.id ?? nextId('toolu', ++toolSeq), name: t.name, input: t.input }));
	}

	/** The message as `stream: false` returns it, and the source of the streamed events. */
	function buildMessage(reply: Reply, model: string, inputChars: number) {
		const content: Array<Record<string, unknown>> = [];
		const text = reply.text ?? (reply.tool_use === undefined ? MOCK_NO_SCRIPT_TEXT : undefined);
		if (text !== undefined) content.push({ type: 'text', text, citations: null });
		for (const t of toolUses(reply)) content.push({ type: 'tool_use', ...t });
		const outputChars = content.reduce(
			(n, b) => n + (b.type === 'text' ? String(b.text).length : JSON.stringify(b.input).length),
			0
		);
		const stopReason = reply.stopReason ?? (reply.tool_use === undefined ? 'end_turn' : 'tool_use');
		return {
			id: nextId('msg', ++messageSeq),
			type: 'message',
			role: 'assistant',
			model,
			content,
			container: null,
			diagnostics: null,
			stop_reason: stopReason,
			stop_sequence: null,
			stop_details: null,
			usage: { input_tokens: estimateTokens(inputChars), output_tokens: estimateTokens(outputChars) }
		};
	}

	function streamEvents(
		message: ReturnType<typeof buildMessage>,
		midStreamError?: Reply['error']
	): SseEvent[] {
		const events: SseEvent[] = [
			{
				event: 'message_start',
				data: {
					type: 'message_start',
					message: {
						...message,
						content: [],
						stop_reason: null,
						usage: { input_tokens: message.usage.input_tokens, output_tokens: 1 }
					}
				}
			}
		];
		for (const [index, block] of message.content.entries()) {
			const start = block.type === 'text' ? { ...block, text: '' } : { ...block, input: {} };
			events.push({
				event: 'content_block_start',
				data: { type: 'content_block_start', index, content_block: start }
			});
			// The API sends a ping once the first block is under way; clients must skip it.
			if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
			// Tool input starts with an empty partial_json, as the API's does.
			const deltas =
				block.type === 'text'
					? chunkText(String(block.text)).map((text) => ({ type: 'text_delta', text }))
					: ['', ...chunkJson(JSON.stringify(block.input))].map((partial_json) => ({
							type: 'input_json_delta',
							partial_json
						}));
			for (const delta of deltas)
				events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
			if (midStreamError) {
				// The reply breaks off inside its first block, as an overloaded API's does.
				const error = { type: midStreamError.type, message: midStreamError.message };
				events.push({ event: 'error', data: { type: 'error', error } });
				return events;
			}
			events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
		}
		events.push(
			{
				event: 'message_delta',
				data: {
					type: 'message_delta',
					delta: {
						stop_reason: message.stop_reason,
						stop_sequence: null,
						stop_details: null,
						container: null
					},
					usage: { output_tokens: message.usage.output_tokens }
				}
			},
			{ event: 'message_stop', data: { type: 'message_stop' } }
		);
		return events;
	}

	function writeEvents(res: ServerResponse, events: SseEvent[], delayMs: number): void {
		res.writeHead(200, {
			...baseHeaders(),
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache'
		});
		let i = 0;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const next = () => {
			if (res.destroyed) return;
			if (i >= events.length) return void res.end();
			const { event, data } = events[i++];
			res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
			timer = setTimeout(next, delayMs);
		};
		// A client that aborts closes the socket: stop writing to it.
		res.on('close', () => clearTimeout(timer));
		timer = setTimeout(next, delayMs);
	}

	function messages(body: unknown, bodyText: string, res: ServerResponse): void {
		const parsed = z
			.object({
				model: z.string().min(1),
				max_tokens: z.number().int().positive(),
				messages: z.array(z.unknown()).min(1)
			})
			.loose()
			.safeParse(body);
		if (!parsed.success) {
			return sendError(
				res,
				400,
				'invalid_request_error',
				`Mock: ${parsed.error.issues[0]?.message ?? 'bad body'}`
			);
		}
		const reply = queue.shift() ?? {};
		const delayMs = reply.delayMs ?? 0;
		const stream = parsed.data.stream === true;
		const error = reply.error;
		if (error && !(stream && reply.text !== undefined)) {
			setTimeout(() => {
				if (!res.destroyed) sendError(res, error.status, error.type, error.message, error.retryAfter);
			}, delayMs);
			return;
		}
		const message = buildMessage(reply, parsed.data.model, bodyText.length);
		if (!stream) {
			setTimeout(() => {
				if (!res.destroyed) sendJson(res, 200, message);
			}, delayMs);
			return;
		}
		writeEvents(res, streamEvents(message, error), delayMs);
	}

	function control(url: URL, req: IncomingMessage, bodyText: string, res: ServerResponse): void {
		if (url.pathname === '/__mock/requests' && req.method === 'GET') return sendJson(res, 200, recorded);
		if (url.pathname === '/__mock/reset' && req.method === 'POST') {
			reset();
			return sendJson(res, 200, { ok: true });
		}
		if (url.pathname === '/__mock/script' && req.method === 'POST') {
			let json: unknown;
			try {
				json = JSON.parse(bodyText);
			} catch {
				return sendJson(res, 400, { ok: false, message: 'The script must be a JSON array of replies.' });
			}
			const parsed = mockScriptSchema.safeParse(json);
			if (!parsed.success) return sendJson(res, 400, { ok: false, message: parsed.error.message });
			queue.push(...parsed.data);
			return sendJson(res, 200, { ok: true, queued: queue.length });
		}
		sendJson(res, 404, { ok: false, message: 'Unknown mock control.' });
	}

	function reset(): void {
		queue = [];
		recorded = [];
	}

	function handle(req: IncomingMessage, res: ServerResponse, bodyText: string): void {
		const url = new URL(req.url ?? '/', 'http://mock.invalid');
		if (url.pathname.startsWith('/__mock/')) return control(url, req, bodyText, res);
		let body: unknown = bodyText;
		try {
			body = bodyText === '' ? undefined : JSON.parse(bodyText);
		} catch {
			// Recorded as text; the route below answers invalid_request_error.
		}
		const auth = req.headers.authorization;
		const authOk =
			auth !== undefined && (key === undefined ? auth.startsWith('Bearer ') : auth === `Bearer ${key}`);
		recorded.push({
			method: req.method ?? '',
			path: url.pathname + url.search,
			headers: recordHeaders(req),
			authOk,
			body
		});
		if (key !== undefined && !authOk) return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
		if (url.pathname === '/v1/models' && req.method === 'GET') return sendJson(res, 200, modelsPage(url));
		if (url.pathname !== '/v1/messages') return sendError(res, 404, 'not_found_error', 'Not found');
		if (req.method !== 'POST') return sendError(res, 405, 'invalid_request_error', 'Method not allowed');
		messages(body, bodyText, res);
	}

	const server = createServer((req, res) => {
		if (req.method === 'OPTIONS') {
			res.writeHead(204, {
				'Access-Control-Allow-Origin': '*',
				'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type',
				'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
				'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S)
			});
			res.end();
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > MAX_BODY_BYTES)
				return sendError(res, 413, 'request_too_large', 'Request exceeds the maximum size');
			try {
				handle(req, res, Buffer.concat(chunks).toString('utf8'));
			} catch (e) {
				sendError(res, 500, 'api_error', `Mock failure: ${(e as Error).message}`);
			}
		});
	});

	const listening = await listenOnLoopback(server, options.port ?? 0);
	const origin = listening.origin;

	return {
		origin,
		close: listening.close,
		requests: () => structuredClone(recorded),
		script: (replies) => {
			queue.push(...mockScriptSchema.parse(replies));
		},
		reset
	};
}

if (isMain(import.meta.url)) {
	await serveFromCli(MOCK_ANTHROPIC_DEFAULT_PORT, (port) =>
		startAnthropicMock({ port, key: process.env.ANTHROPIC_MOCK_KEY || undefined })
	);
}
