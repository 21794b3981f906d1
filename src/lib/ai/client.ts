/**
 * One turn with Claude: send the conversation, stream the reply, return its text and tool calls. A thin layer on
 * the official SDK (reference B.5, stack-notes §4) that adds what the product needs around it: a deadline on the
 * whole turn, abort with the text so far, no hidden retries, and errors the user can act on (client-errors.ts).
 */
import Anthropic from '@anthropic-ai/sdk';
import type {
	Message,
	MessageParam,
	MessageStreamEvent,
	StopReason,
	Tool
} from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { ANTHROPIC_HOST } from '../compliance/hosts.js';
import { redact } from '../security/redact';
import { AiError, offlineError, toAiError } from './client-errors';
import { modelIdSchema } from './models';

export { AiError, type AiErrorCode } from './client-errors';

/** Long enough for a full reply at a few thousand tokens; short enough that a stuck turn does not stall the loop. */
export const DEFAULT_TURN_TIMEOUT_MS = 120_000;

const optionsSchema = z.object({
	baseURL: z.url({ protocol: /^https?$/ }).default(ANTHROPIC_HOST),
	model: modelIdSchema,
	maxTokens: z.number().int().min(1).max(1_000_000),
	temperature: z.number().min(0).max(1).optional(),
	turnTimeoutMs: z.number().int().min(1).max(3_600_000).default(DEFAULT_TURN_TIMEOUT_MS)
});

export interface ChatClientOptions {
	readonly apiKey: string;
	/** Defaults to https://api.anthropic.com; tests point it at the local mock. */
	readonly baseURL?: string;
	readonly model: string;
	readonly maxTokens: number;
	readonly temperature?: number;
	/** For tests and for a worker that owns the key; defaults to the global fetch. */
	readonly fetch?: typeof globalThis.fetch;
	/** Defaults to navigator.onLine (true where there is no navigator). */
	readonly isOnline?: () => boolean;
	readonly turnTimeoutMs?: number;
	/** Receives the SDK's warnings (e.g. a deprecated model), already redacted; without it they are dropped. */
	readonly onWarning?: (message: string) => void;
	/** For retry-after dates; defaults to Date.now. */
	readonly now?: () => number;
}

export interface TurnRequest {
	readonly system: string;
	readonly messages: readonly MessageParam[];
	readonly tools: readonly Tool[];
	readonly signal?: AbortSignal;
	/** Each text delta as it arrives. */
	readonly onText?: (delta: string) => void;
	/** As soon as Claude starts a tool call, before its input has arrived. */
	readonly onToolStart?: (name: string) => void;
}

/** Both shapes are valid `ContentBlockParam`s, so `content` goes back to the API as the assistant's turn. */
export type TurnBlock =
	| { readonly type: 'text'; readonly text: string }
	| { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown };

export interface TurnUsage {
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheCreationInputTokens: number;
	readonly cacheReadInputTokens: number;
}

export interface TurnResult {
	readonly id: string;
	readonly model: string;
	readonly content: TurnBlock[];
	readonly stopReason: StopReason | null;
	readonly usage: TurnUsage;
	/**
	 * Tool calls whose input was not complete JSON (the reply hit max_tokens mid-call). They are left out of
	 * `content`, so no tool_result is owed for them and a half-written input can never run with defaults filled in.
	 */
	readonly droppedToolUses: { readonly id: string; readonly name: string }[];
}

export interface ChatClient {
	readonly model: string;
	streamTurn(request: TurnRequest): Promise<TurnResult>;
}

function defaultIsOnline(): boolean {
	return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Strict parse of a tool call's streamed input; '' is a call without arguments. */
function parseToolInput(
	json: string | undefined,
	fallback: unknown
): { ok: true; input: unknown } | { ok: false } {
	if (json === undefined) return { ok: true, input: fallback };
	if (json.trim() === '') return { ok: true, input: {} };
	try {
		return { ok: true, input: JSON.parse(json) };
	} catch {
		return { ok: false };
	}
}

function toResult(message: Message, toolJson: ReadonlyMap<number, string>): TurnResult {
	const content: TurnBlock[] = [];
	const droppedToolUses: { id: string; name: string }[] = [];
	message.content.forEach((block, index) => {
		if (block.type === 'text') content.push({ type: 'text', text: block.text });
		else if (block.type === 'tool_use') {
			const parsed = parseToolInput(toolJson.get(index), block.input);
			if (parsed.ok) content.push({ type: 'tool_use', id: block.id, name: block.name, input: parsed.input });
			else droppedToolUses.push({ id: block.id, name: block.name });
		}
		// Other block types (thinking, server tools) are features this app does not request.
	});
	const u = message.usage;
	return {
		id: message.id,
		model: message.model,
		content,
		stopReason: message.stop_reason,
		usage: {
			inputTokens: u.input_tokens,
			outputTokens: u.output_tokens,
			cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
			cacheReadInputTokens: u.cache_read_input_tokens ?? 0
		},
		droppedToolUses
	};
}

export function createChatClient(options: ChatClientOptions): ChatClient {
	const apiKey = options.apiKey.trim();
	if (apiKey === '') throw new AiError('invalid_key', 'No Anthropic API key is set. Add one in Settings.');
	const parsed = optionsSchema.safeParse(options);
	if (!parsed.success) {
		// A programming or settings error; zod's messages name the field, never the key's value.
		throw new RangeError(
			`createChatClient: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
		);
	}
	const { baseURL, model, maxTokens, temperature, turnTimeoutMs } = parsed.data;
	const isOnline = options.isOnline ?? defaultIsOnline;
	const now = options.now ?? Date.now;
	const host = new URL(baseURL).host;
	const warn = (message: string, ...rest: unknown[]) =>
		options.onWarning?.(
			redact([message, ...rest.map((r) => (r instanceof Error ? r.message : String(r)))].join(' '), [apiKey])
		);

	const sdk = new Anthropic({
		apiKey,
		baseURL,
		// The SDK adds `anthropic-dangerous-direct-browser-access: true` only with this, and the API sends CORS
		// headers only for requests carrying it — needed in a worker too, where the SDK's own browser check passes.
		dangerouslyAllowBrowser: true,
		// Retries are the loop's decision: it counts them against the budget and shows them.
		maxRetries: 0,
		timeout: turnTimeoutMs,
		fetch: options.fetch,
		logger: { error: warn, warn, info: () => {}, debug: () => {} },
		logLevel: options.onWarning ? 'warn' : 'off'
	});

	async function streamTurn(request: TurnRequest): Promise<TurnResult> {
		let partialText = '';
		let stoppedBy: 'caller' | 'deadline' | null = null;
		const context = () => ({
			secrets: [apiKey],
			partialText,
			online: isOnline(),
			stoppedBy,
			timeoutMs: turnTimeoutMs,
			host,
			now
		});
		if (request.signal?.aborted) throw new AiError('aborted', 'The turn was stopped.');
		// No request at all when the browser knows it is offline: the failure would only be slower and vaguer.
		if (!isOnline()) throw offlineError();

		const controller = new AbortController();
		const callback: { failed: boolean; error?: unknown } = { failed: false };
		let rejectStopped: (reason: unknown) => void = () => {};
		// Settles the turn the moment it is stopped, whether or not the SDK's promise ever settles.
		const stopped = new Promise<never>((_, reject) => (rejectStopped = reject));
		stopped.catch(() => {});
		const stop = (why: 'caller' | 'deadline') => {
			if (stoppedBy !== null) return;
			stoppedBy = why;
			controller.abort();
			rejectStopped(new Error(why));
		};
		const onCallerAbort = () => stop('caller');
		request.signal?.addEventListener('abort', onCallerAbort, { once: true });
		const deadline = setTimeout(() => stop('deadline'), turnTimeoutMs);
		// A throwing callback is the caller's bug: stop the stream and rethrow it as is, not as a network error.
		const guard =
			<A extends unknown[]>(fn: ((...args: A) => void) | undefined) =>
			(...args: A) => {
				if (!fn || callback.failed) return;
				try {
					fn(...args);
				} catch (error) {
					callback.failed = true;
					callback.error = error;
					controller.abort();
					rejectStopped(error);
				}
			};
		const onText = guard(request.onText);
		const onToolStart = guard(request.onToolStart);
		const toolJson = new Map<number, string>();

		try {
			const stream = sdk.messages.stream(
				{
					model,
					max_tokens: maxTokens,
					messages: [...request.messages],
					...(request.system === '' ? {} : { system: request.system }),
					...(request.tools.length === 0 ? {} : { tools: [...request.tools] }),
					...(temperature === undefined ? {} : { temperature })
				},
				{ signal: controller.signal }
			);
			stream.on('text', (delta) => {
				partialText += delta;
				onText(delta);
			});
			stream.on('streamEvent', (event: MessageStreamEvent) => {
				if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
					toolJson.set(event.index, '');
					onToolStart(event.content_block.name);
				} else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
					toolJson.set(event.index, (toolJson.get(event.index) ?? '') + event.delta.partial_json);
				}
			});
			const final = stream.finalMessage();
			final.catch(() => {});
			const message = await Promise.race([final, stopped]);
			return toResult(message, toolJson);
		} catch (e) {
			if (callback.failed) throw callback.error;
			throw toAiError(e, context());
		} finally {
			clearTimeout(deadline);
			request.signal?.removeEventListener('abort', onCallerAbort);
		}
	}

	return { model, streamTurn };
}
