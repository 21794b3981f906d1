/**
 * The audit trail's shapes and hash chain (ARCHITECTURE §4). Each event stores the hash of the one before it
 * and its own hash = SHA-256(prevHash ‖ canonical JSON of its fields), so editing, deleting or reordering a
 * stored event breaks the chain at that event. The original kept its only chained log for developer-agent
 * governance (reference §2.6, audit.db); here every data, trial, compliance and settings change is chained.
 *
 * What a chain alone cannot show: losing its newest events. Verification returns the head (seq and hash) so
 * a caller that remembers the head elsewhere can compare.
 *
 * Pure and synchronous (@noble/hashes): an IndexedDB transaction cannot wait for WebCrypto's promises.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import {
	CanonicalJsonError,
	canonicalJson,
	isCanonicalJsonValue,
	isPlainObject,
	type JsonValue
} from '../domain/canonical-json';

export const AUDIT_TYPES = [
	'data.fetch',
	'data.import',
	'data.import_refused',
	'data.drift',
	'data.deleted',
	'compliance.decision',
	'trial.created',
	'trial.started',
	'trial.completed',
	'trial.failed',
	'trial.cancelled',
	'trial.lookahead',
	'analysis.created',
	'analysis.completed',
	'analysis.failed',
	'study.created',
	'study.completed',
	'study.stopped',
	'study.failed',
	'loop.started',
	'loop.stopped',
	'portfolio.created',
	'portfolio.trade',
	'watchlist.changed',
	'universe.changed',
	'universe.run',
	'scanner.promoted',
	'scanner.scan',
	'recommendation.outcome',
	'settings.changed',
	'vault.changed',
	'goal.changed',
	'ai.tool_call',
	'ai.lockdown',
	'workspace.exported',
	'workspace.imported'
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** The previous hash of the first event: 64 zeros, as in the original's audit.db. */
export const GENESIS_HASH = '0'.repeat(64);

/** A summary is one line in a table; the detail holds the rest. */
export const AUDIT_SUMMARY_MAX_CHARS = 500;
export const AUDIT_SUBJECT_MAX_CHARS = 200;
/** Detail strings are capped: the detail is evidence of what happened, not a copy of the data. */
export const AUDIT_STRING_MAX_CHARS = 500;
/** UTF-8 size of a detail's canonical JSON; a year of events stays a few megabytes. */
export const AUDIT_DETAIL_MAX_BYTES = 8192;
/** Deeper detail is replaced by a marker: nothing we log needs more nesting. */
export const AUDIT_DETAIL_MAX_DEPTH = 8;

export type AuditDetail = { readonly [key: string]: JsonValue };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lower-case hex characters' });

/** Checked without copying: zod's record parsing would drop an own "__proto__" key and so change the hash. */
const detailSchema = z.custom<AuditDetail>((v) => isPlainObject(v) && isCanonicalJsonValue(v), {
	error: 'detail must be a JSON object (finite numbers, no undefined in arrays)'
});

export const auditEventSchema = z
	.object({
		/** 1, 2, 3… with no gaps. */
		seq: z.number().int().min(1),
		/** Epoch milliseconds. */
		at: z.number().int().min(0),
		type: z.enum(AUDIT_TYPES),
		/** The dataset, trial or setting the event is about; '' if none. */
		subject: z.string().max(AUDIT_SUBJECT_MAX_CHARS),
		summary: z.string().max(AUDIT_SUMMARY_MAX_CHARS),
		detail: detailSchema,
		prevHash: sha256Hex,
		hash: sha256Hex
	})
	.strict();
export type AuditEvent = z.infer<typeof auditEventSchema>;

export interface AuditDraft {
	readonly type: AuditType;
	readonly subject: string;
	readonly summary: string;
	readonly detail: Record<string, unknown>;
}

/** The hash an event must carry: SHA-256 over prevHash followed by the canonical JSON of every other field. */
export function auditEventHash(e: Omit<AuditEvent, 'hash'>): string {
	const { seq, at, type, subject, summary, detail, prevHash } = e;
	const body = canonicalJson({ seq, at, type, subject, summary, detail, prevHash });
	return bytesToHex(sha256(utf8ToBytes(prevHash + body)));
}

/**
 * The event that follows `prev` (the first event when `prev` is undefined). Subject and summary are made one
 * line and capped, and the detail is normalised by {@link auditDetail}, so what is hashed is exactly what
 * survives storage and a JSON round trip.
 */
export function chainEvent(prev: AuditEvent | undefined, draft: AuditDraft, at: number): AuditEvent {
	if (!Number.isSafeInteger(at) || at < 0) throw new RangeError(`audit time must be epoch ms, got ${at}`);
	const unhashed = {
		seq: prev ? prev.seq + 1 : 1,
		at,
		type: draft.type,
		subject: oneLine(draft.subject, AUDIT_SUBJECT_MAX_CHARS),
		summary: oneLine(draft.summary, AUDIT_SUMMARY_MAX_CHARS),
		detail: auditDetail(draft.detail),
		prevHash: prev ? prev.hash : GENESIS_HASH
	};
	// Parsing what we built means chainEvent can never write an event that verification would call malformed.
	return auditEventSchema.parse({ ...unhashed, hash: auditEventHash(unhashed) });
}

export type ChainVerdict =
	| { readonly ok: true; readonly checked: number; readonly headSeq: number; readonly headHash: string }
	| {
			readonly ok: false;
			readonly checked: number;
			/** The seq at which the chain first fails: the changed event, or the first missing one. */
			readonly brokenAt: number;
			readonly code: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | 'malformed';
			readonly reason: string;
	  };

/** Verifies a whole chain from its first event; `events` in seq order. */
export function verifyChain(events: Iterable<unknown>): ChainVerdict {
	return verifyFrom(undefined, events);
}

/**
 * Verifies `events` as the continuation of an already-verified head, so a long chain can be checked in chunks:
 * pass `{ seq: verdict.headSeq, hash: verdict.headHash }` of one chunk as the head of the next.
 */
export function verifyFrom(
	prevHead: Pick<AuditEvent, 'seq' | 'hash'> | undefined,
	events: Iterable<unknown>
): ChainVerdict {
	let expected = (prevHead?.seq ?? 0) + 1;
	let prevHash = prevHead?.hash ?? GENESIS_HASH;
	let checked = 0;
	const broken = (code: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | 'malformed', reason: string) =>
		({ ok: false, checked, brokenAt: expected, code, reason }) as const;

	for (const raw of events) {
		const parsed = auditEventSchema.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
			return broken('malformed', `event ${expected} is not a valid audit event (${where}${issue.message})`);
		}
		const e = parsed.data;
		if (e.seq !== expected) {
			return broken(
				'seq_gap',
				e.seq > expected
					? `event ${expected} is missing: the next stored event is ${e.seq}`
					: `event ${e.seq} appears where event ${expected} should be (repeated or out of order)`
			);
		}
		if (e.prevHash !== prevHash) {
			return broken(
				'prev_mismatch',
				`event ${e.seq} does not link to the event before it: it names ${short(e.prevHash)}, the chain has ${short(prevHash)}`
			);
		}
		const actual = auditEventHash(e);
		if (actual !== e.hash) {
			return broken(
				'hash_mismatch',
				`event ${e.seq} was changed after it was written: its content hashes to ${short(actual)}, its stored hash is ${short(e.hash)}`
			);
		}
		prevHash = e.hash;
		expected++;
		checked++;
	}
	return { ok: true, checked, headSeq: expected - 1, headHash: prevHash };
}

/** One canonical JSON object per line, each line '\n'-terminated (the export format). */
export function toJsonLines(events: readonly AuditEvent[]): string {
	return events.map((e) => `${canonicalJson(e)}\n`).join('');
}

/**
 * A detail made JSON-safe: undefined members dropped (undefined array elements become null), NaN and the
 * infinities become null, -0 becomes 0, Dates become ISO strings, strings are capped at
 * {@link AUDIT_STRING_MAX_CHARS} and the whole at {@link AUDIT_DETAIL_MAX_BYTES} (largest members first are
 * replaced by a note of their size). Typed arrays, Maps, Sets, functions, symbols, bigints, class instances and
 * cycles are refused with a CanonicalJsonError: logging a data column is a bug in the caller. Idempotent.
 */
export function auditDetail(input: Record<string, unknown>): AuditDetail {
	if (!isPlainObject(input)) {
		throw new CanonicalJsonError('unsupported_type', '$', 'an audit detail must be a plain object');
	}
	return fitToBudget(normalise(input, '$', 0, new Set()) as AuditDetail);
}

function normalise(value: unknown, path: string, depth: number, open: Set<object>): JsonValue | undefined {
	switch (typeof value) {
		case 'undefined':
			return undefined;
		case 'boolean':
			return value;
		case 'string':
			return cap(value, AUDIT_STRING_MAX_CHARS);
		case 'number':
			// Adding +0 turns -0 into 0 and leaves every other number as it is.
			return Number.isFinite(value) ? value + 0 : null;
		case 'object':
			break;
		default:
			throw new CanonicalJsonError(
				'unsupported_type',
				path,
				`a ${typeof value} has no place in an audit detail`
			);
	}
	if (value === null) return null;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	if (depth >= AUDIT_DETAIL_MAX_DEPTH)
		return `[omitted: nested deeper than ${AUDIT_DETAIL_MAX_DEPTH} levels]`;
	if (open.has(value)) throw new CanonicalJsonError('cycle', path, 'the detail refers to itself');
	open.add(value);
	let out: JsonValue;
	if (Array.isArray(value)) {
		out = Array.from(value, (v, i) => normalise(v, `${path}[${i}]`, depth + 1, open) ?? null);
	} else if (isPlainObject(value)) {
		const entries: [string, JsonValue][] = [];
		for (const key of Object.keys(value)) {
			const v = normalise(value[key], `${path}.${key}`, depth + 1, open);
			if (v !== undefined) entries.push([key, v]);
		}
		// fromEntries defines own properties, so a "__proto__" key stays data instead of setting a prototype.
		out = Object.fromEntries(entries);
	} else {
		const name = (value as object).constructor?.name ?? 'object';
		throw new CanonicalJsonError('unsupported_type', path, `a ${name} has no place in an audit detail`);
	}
	open.delete(value);
	return out;
}

function fitToBudget(detail: AuditDetail): AuditDetail {
	const total = utf8Length(canonicalJson(detail));
	if (total <= AUDIT_DETAIL_MAX_BYTES) return detail;
	// Largest members go first (ties by key, so the result is deterministic); each leaves a note of its size.
	const sizes = Object.keys(detail)
		.map((key) => ({ key, bytes: utf8Length(canonicalJson(detail[key])) }))
		.sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
	const out: Record<string, JsonValue> = Object.fromEntries(Object.entries(detail));
	let size = total;
	for (const { key, bytes } of sizes) {
		const note = `[omitted: ${bytes} bytes]`;
		Object.defineProperty(out, key, { value: note, enumerable: true, writable: true, configurable: true });
		size += utf8Length(JSON.stringify(note)) - bytes;
		if (size <= AUDIT_DETAIL_MAX_BYTES) return out;
	}
	// Too many members even as notes: keep one line saying so.
	return { _omitted: `detail too large: ${total} bytes in ${sizes.length} members` };
}

function utf8Length(text: string): number {
	return utf8ToBytes(text).length;
}

function short(hash: string): string {
	return `${hash.slice(0, 12)}…`;
}

/** Whitespace runs (line breaks included) become one space; longer text is cut with an ellipsis. */
function oneLine(text: string, max: number): string {
	return cap(text.replace(/\s+/g, ' ').trim(), max);
}

function cap(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = max - 1;
	// Never leave half of a surrogate pair at the cut.
	const code = text.charCodeAt(cut - 1);
	if (code >= 0xd800 && code <= 0xdbff) cut--;
	return `${text.slice(0, cut)}…`;
}
