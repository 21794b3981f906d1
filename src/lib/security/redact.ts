/**
 * Masks API keys in text bound for logs, exports, share links and error reports (reference B.5): by shape
 * for keys we have never seen, and by exact value for the keys the vault holds. A false positive costs a
 * masked word; a false negative leaks a key, so the shapes lean towards masking.
 */

export const REDACTED = '[redacted]';
export const ANTHROPIC_MASK = `sk-ant-…${REDACTED}`;
/** Below this a "known secret" would mask ordinary words, and no provider issues keys that short. */
export const MIN_KNOWN_SECRET_CHARS = 8;

/** Query parameters that carry credentials (Polygon/Massive `apiKey`, FRED `api_key`, relays' `key`/`token`). */
const SECRET_PARAMS = new Set(['apikey', 'api_key', 'key', 'token', 'access_token']);

/** Anthropic keys: `sk-ant-api03-…`, `sk-ant-admin01-…`; eight characters on so prose about the prefix survives. */
const ANTHROPIC_KEY = /sk-ant-[A-Za-z0-9_-]{8,}/g;
/** Credentials in a query string or a header line, value masked and name kept so the log still reads. */
const PARAM_VALUE = /([?&](?:apikey|api_key|key|token|access_token)=)[^&#\s"'<>]+/gi;
const HEADER_VALUE =
	/((?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:bearer|basic)\s+)[^\s"',}]+/gi;
const X_API_KEY = /(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi;
/**
 * Polygon/Massive keys are 32 characters of [A-Za-z0-9_]; FRED keys are 32 lowercase hex. A standalone token of
 * exactly 32 is masked, so a 64-hex SHA-256 or a 40-hex commit never is. Letters-only tokens in one case
 * (snake_case words) are spared: a random key has a digit or mixed case with near certainty.
 */
const TOKEN_32 = /(?<![A-Za-z0-9_])[A-Za-z0-9_]{32}(?![A-Za-z0-9_])/g;

function looksRandom(token: string): boolean {
	return /[0-9]/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token));
}

/** Longest first, so a key that contains another known key is masked whole. */
function usableKnown(known: readonly string[]): string[] {
	return [...new Set(known)]
		.filter((k) => k.length >= MIN_KNOWN_SECRET_CHARS)
		.sort((a, b) => b.length - a.length);
}

export function redact(text: string, known: readonly string[] = []): string {
	let out = text;
	// Exact values first: they catch keys of any shape, including ones the patterns below would miss.
	for (const secret of usableKnown(known)) out = out.split(secret).join(REDACTED);
	out = out.replace(ANTHROPIC_KEY, ANTHROPIC_MASK);
	out = out.replace(PARAM_VALUE, (_m, prefix: string) => `${prefix}${REDACTED}`);
	out = out.replace(HEADER_VALUE, (_m, prefix: string) => `${prefix}${REDACTED}`);
	out = out.replace(X_API_KEY, (_m, prefix: string) => `${prefix}${REDACTED}`);
	out = out.replace(TOKEN_32, (token) => (looksRandom(token) ? REDACTED : token));
	return out;
}

/**
 * A JSON-like value with every string (keys included) redacted: for exports, where a key can sit in any field of
 * any record. Returns a fresh copy; non-string leaves are kept as they are.
 */
export function redactDeep(value: unknown, known: readonly string[] = []): unknown {
	if (typeof value === 'string') return redact(value, known);
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, known));
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[redact(k, known)] = redactDeep(v, known);
		return out;
	}
	return value;
}

/** True when redact() would change the text: the chat input warns before a pasted key is sent. */
export function containsSecret(text: string, known: readonly string[] = []): boolean {
	return redact(text, known) !== text;
}

/**
 * Drops credential query parameters and any `user:password@` from a URL for logging or display. A URL without
 * them comes back unchanged, byte for byte; one that does not parse is redacted as text instead.
 */
export function redactUrl(url: string): string {
	const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
	let parsed: URL;
	try {
		// Relative URLs ("/v2/aggs?apiKey=…") parse against a placeholder base that is cut off again below.
		parsed = absolute ? new URL(url) : new URL(url, 'http://relative.invalid');
	} catch {
		return redact(url);
	}
	let changed = false;
	if (parsed.username !== '' || parsed.password !== '') {
		parsed.username = '';
		parsed.password = '';
		changed = true;
	}
	for (const name of [...new Set(parsed.searchParams.keys())]) {
		if (SECRET_PARAMS.has(name.toLowerCase())) {
			parsed.searchParams.delete(name);
			changed = true;
		}
	}
	if (!changed) return url;
	if (absolute) return parsed.href;
	// The placeholder base always yields a leading "/"; give it back only if the input had one.
	const path = url.startsWith('/') ? parsed.pathname : parsed.pathname.slice(1);
	return `${path}${parsed.search}${parsed.hash}`;
}
