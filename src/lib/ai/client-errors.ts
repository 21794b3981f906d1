/**
 * What can go wrong in a turn with Claude, as a closed set of codes with a message written for the user
 * (STYLE rule 6). Every text that could carry the API key goes through redact() first: the SDK's own messages
 * and the API's error bodies are not ours, and a message on screen is one screenshot away from a bug report.
 */
import {
	AnthropicError,
	APIConnectionError,
	APIConnectionTimeoutError,
	APIError,
	APIUserAbortError
} from '@anthropic-ai/sdk';
import { redact } from '../security/redact';
import { parseRetryAfter as parseRetryAfterHeader } from '../data/retry-policy';

export type AiErrorCode =
	| 'invalid_key' // 401: key wrong, revoked or missing
	| 'permission' // 403 / billing: the key may not do this (model, feature, spend limit)
	| 'browser_access_disabled' // the organisation switched direct browser (CORS) access off
	| 'rate_limited' // 429
	| 'overloaded' // 529, or overloaded_error mid-stream
	| 'bad_request' // 400/404/413: our request was wrong (unknown model, prompt too long…)
	| 'server_error' // 5xx, or a reply that broke the protocol
	| 'offline' // navigator.onLine === false
	| 'network' // fetch failed while online: DNS, TLS, reset, a blocked origin
	| 'aborted' // the caller stopped the turn
	| 'timeout'; // the turn's deadline passed

/** Worth trying again later without changing anything: the loop may retry these, and counts each try. */
const RETRYABLE: ReadonlySet<AiErrorCode> = new Set([
	'rate_limited',
	'overloaded',
	'server_error',
	'network',
	'timeout'
]);

/** The wording Anthropic uses when an organisation has turned direct browser access off (SDK issue #703). */
const BROWSER_ACCESS_DISABLED = /CORS requests are not allowed for this Organi[sz]ation/i;
/** API messages shown to the user (bad requests) are cut here: they explain, they are not a log. */
const MAX_API_MESSAGE_CHARS = 300;

export interface AiErrorInit {
	readonly status?: number;
	readonly retryAfterMs?: number;
	/** Text Claude had streamed before the failure; the chat keeps it visible, marked as cut off. */
	readonly partialText?: string;
	/** For the log: the SDK's message and the API's error type, redacted. Never shown as is. */
	readonly detail?: string;
	readonly requestId?: string;
}

export class AiError extends Error {
	readonly status?: number;
	readonly retryAfterMs?: number;
	readonly partialText: string;
	readonly detail?: string;
	readonly requestId?: string;

	constructor(
		readonly code: AiErrorCode,
		/** What the user reads. */
		message: string,
		init: AiErrorInit = {}
	) {
		super(message);
		this.name = 'AiError';
		this.status = init.status;
		this.retryAfterMs = init.retryAfterMs;
		this.partialText = init.partialText ?? '';
		this.detail = init.detail;
		this.requestId = init.requestId;
	}

	get retryable(): boolean {
		return RETRYABLE.has(this.code);
	}
}

export interface ErrorContext {
	/** Secrets to mask by value, whatever their shape: the API key. */
	readonly secrets: readonly string[];
	readonly partialText: string;
	readonly online: boolean;
	/** Why our own controller aborted the request, if it did. */
	readonly stoppedBy: 'caller' | 'deadline' | null;
	readonly timeoutMs: number;
	/** For display: "Could not reach api.anthropic.com". */
	readonly host: string;
	readonly now: () => number;
}

/** `retry-after-ms`, then `retry-after` in seconds or as an HTTP date; undefined when absent or nonsense. */
export function parseRetryAfter(headers: Headers | undefined, now: number): number | undefined {
	// Anthropic's own millisecond header first; the standard one is read as the HTTP client reads it.
	const ms = Number(headers?.get('retry-after-ms') ?? NaN);
	if (Number.isFinite(ms) && ms >= 0) return ms;
	return parseRetryAfterHeader(headers?.get('retry-after') ?? null, now);
}

const BY_TYPE: Readonly<Record<string, AiErrorCode>> = {
	authentication_error: 'invalid_key',
	permission_error: 'permission',
	billing_error: 'permission',
	rate_limit_error: 'rate_limited',
	overloaded_error: 'overloaded',
	invalid_request_error: 'bad_request',
	not_found_error: 'bad_request',
	request_too_large: 'bad_request',
	conflict_error: 'bad_request',
	api_error: 'server_error',
	timeout_error: 'server_error'
};

function codeFor(status: number | undefined, type: string | null): AiErrorCode {
	if (type && BY_TYPE[type]) return BY_TYPE[type];
	if (status === undefined) return 'server_error';
	if (status === 401) return 'invalid_key';
	if (status === 402 || status === 403) return 'permission';
	if (status === 429) return 'rate_limited';
	if (status === 529) return 'overloaded';
	if (status >= 500) return 'server_error';
	return 'bad_request';
}

function waitText(retryAfterMs: number | undefined, fallback: string): string {
	return retryAfterMs === undefined
		? fallback
		: `try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
}

function apiErrorMessage(code: AiErrorCode, e: APIError, apiText: string, retryAfterMs?: number): string {
	const s = e.status === undefined ? '' : ` (${e.status})`;
	switch (code) {
		case 'browser_access_disabled':
			return 'Your Anthropic organisation does not allow API calls from a browser. An admin of the organisation must allow browser access in the Anthropic Console, or use a key from an organisation that allows it.';
		case 'invalid_key':
			return `Anthropic refused the API key${s}. Check it in Settings.`;
		case 'permission':
			return e.type === 'billing_error' || e.status === 402
				? `Anthropic refused the request for billing reasons${s}. Check the credit balance and spend limit of the key's workspace in the Anthropic Console.`
				: `This API key is not allowed to do this${s}. Check the key's workspace permissions in the Anthropic Console, or choose another model in Settings.`;
		case 'rate_limited':
			return `Anthropic's rate limit for this key was reached${s}; ${waitText(retryAfterMs, 'try again in a minute')}.`;
		case 'overloaded':
			return `Anthropic's API is overloaded right now${s}; ${waitText(retryAfterMs, 'try again in a moment')}.`;
		case 'bad_request': {
			// The API's own text usually ends with a full stop; ours follows, so drop its stop ("…found.. Check").
			const text = apiText.trim().replace(/[.\s]+$/, '');
			const why = text.length > MAX_API_MESSAGE_CHARS ? `${text.slice(0, MAX_API_MESSAGE_CHARS)}…` : text;
			return `Anthropic rejected the request${s}${why ? `: ${why}` : ''}. Check the model id in Settings.`;
		}
		default:
			return `Anthropic had an internal error${s}; try again in a moment.`;
	}
}

export function offlineError(partialText = '', detail?: string): AiError {
	return new AiError(
		'offline',
		'You are offline. Claude needs a connection; your data and results stay available.',
		{
			partialText,
			detail
		}
	);
}

/** Maps whatever a turn threw to an AiError whose every text is free of the key. */
export function toAiError(e: unknown, ctx: ErrorContext): AiError {
	const clean = (text: string) => redact(text, ctx.secrets);
	const partialText = ctx.partialText;
	if (e instanceof AiError) return e;
	if (e instanceof APIUserAbortError || ctx.stoppedBy !== null) {
		return ctx.stoppedBy === 'deadline'
			? new AiError(
					'timeout',
					`Claude did not finish within ${Math.max(1, Math.round(ctx.timeoutMs / 1000))} s; the turn was stopped.`,
					{
						partialText
					}
				)
			: new AiError('aborted', 'The turn was stopped.', { partialText });
	}
	if (e instanceof APIConnectionTimeoutError) {
		return new AiError('timeout', `Anthropic did not answer in time; try again.`, {
			partialText,
			detail: clean(e.message)
		});
	}
	if (e instanceof APIError && !(e instanceof APIConnectionError)) {
		const apiText = clean(e.apiMessage ?? '');
		const retryAfterMs = parseRetryAfter(e.headers, ctx.now());
		const code = BROWSER_ACCESS_DISABLED.test(`${e.apiMessage ?? ''} ${e.message}`)
			? 'browser_access_disabled'
			: codeFor(e.status, e.type);
		return new AiError(code, apiErrorMessage(code, e, apiText, retryAfterMs), {
			status: e.status,
			retryAfterMs: code === 'rate_limited' || code === 'overloaded' ? retryAfterMs : undefined,
			partialText,
			detail: clean(`${e.type ?? 'error'}: ${e.message}`),
			requestId: e.requestID ?? undefined
		});
	}
	const cause = e instanceof Error ? e.cause : undefined;
	const detail = clean(
		e instanceof Error
			? `${e.name}: ${e.message}${cause instanceof Error ? ` (${cause.message})` : ''}`
			: String(e)
	);
	// A reply that is not the protocol (no message, bad JSON) is the server's fault, not the network's.
	if (e instanceof AnthropicError && !(e instanceof APIConnectionError) && !(cause instanceof TypeError)) {
		return new AiError(
			'server_error',
			'Anthropic sent a reply this app could not read; try again in a moment.',
			{
				partialText,
				detail
			}
		);
	}
	if (!ctx.online) return offlineError(partialText, detail);
	return new AiError(
		'network',
		`Could not reach ${ctx.host}. Check the connection, or whether a firewall or browser extension blocks it.`,
		{ partialText, detail }
	);
}
