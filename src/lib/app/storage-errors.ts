/**
 * Storage failures in words. IndexedDB reports a full disk or quota as QuotaExceededError (sometimes wrapped by
 * Dexie as the inner error of an AbortError); the user needs what happened and what to do, not the name.
 */
export const STORAGE_FULL_ADVICE =
	'Free space: delete trials or datasets you no longer need (export them first from their pages), or clear other sites’ data in the browser settings.';

/** True when `e` (or an error it wraps) says the browser's storage is full. */
export function isStorageFull(e: unknown): boolean {
	for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
		const name =
			typeof x === 'object' && x !== null && 'name' in x ? String((x as { name: unknown }).name) : '';
		const message = x instanceof Error ? x.message : '';
		if (name === 'QuotaExceededError' || /quota|disk is full|not enough space/i.test(message)) return true;
		x = typeof x === 'object' && x !== null && 'inner' in x ? (x as { inner: unknown }).inner : null;
	}
	return false;
}

/** A sentence for a failed write: what failed, why, and what to do. */
export function storageErrorMessage(what: string, e: unknown): string {
	if (isStorageFull(e))
		return `${what} could not be saved: this browser’s storage for mlTrainer is full. ${STORAGE_FULL_ADVICE}`;
	const detail = e instanceof Error ? e.message : String(e);
	return `${what} could not be saved (${detail}). Nothing already stored was lost; try again, or reload the page if it keeps failing.`;
}
