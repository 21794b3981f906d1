/**
 * Form drafts kept in localStorage so a reload or a crash does not lose what was typed. A draft is parsed
 * back with the caller's zod schema (`loadDraft`: anything that no longer fits is dropped whole), or read raw
 * (`readDraft`) for a form that restores its draft field by field (trial-draft.ts).
 */
import type { z } from 'zod';

const PREFIX = 'mltrainer:draft:';

/** The stored draft as parsed JSON, unchecked; undefined when there is none or it cannot be read. */
export function readDraft(key: string): unknown {
	try {
		const raw = localStorage.getItem(PREFIX + key);
		return raw === null ? undefined : (JSON.parse(raw) as unknown);
	} catch {
		return undefined;
	}
}

export function loadDraft<T>(key: string, schema: z.ZodType<T>): T | null {
	const parsed = schema.safeParse(readDraft(key));
	return parsed.success ? parsed.data : null;
}

export function saveDraft(key: string, value: unknown): void {
	try {
		localStorage.setItem(PREFIX + key, JSON.stringify(value));
	} catch {
		// Storage full or disabled: a lost draft is an inconvenience, not an error worth interrupting for.
	}
}

export function clearDraft(key: string): void {
	try {
		localStorage.removeItem(PREFIX + key);
	} catch {
		// see saveDraft
	}
}
