/**
 * Form drafts kept in localStorage so a reload or a crash does not lose what was typed. A draft is parsed
 * back with the caller's zod schema; anything that no longer fits (an older version's draft) is dropped.
 */
import type { z } from 'zod';

const PREFIX = 'mltrainer:draft:';

export function loadDraft<T>(key: string, schema: z.ZodType<T>): T | null {
	try {
		const raw = localStorage.getItem(PREFIX + key);
		if (raw === null) return null;
		const parsed = schema.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
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
