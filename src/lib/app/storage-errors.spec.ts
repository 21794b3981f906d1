import { describe, expect, it } from 'vitest';
import { isStorageFull, storageErrorMessage } from './storage-errors';

describe('storage errors', () => {
	it('recognise a full quota by name, and when Dexie wraps it as the inner error', () => {
		const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		expect(isStorageFull(quota)).toBe(true);
		const wrapped = Object.assign(new Error('AbortError'), { name: 'AbortError', inner: quota });
		expect(isStorageFull(wrapped)).toBe(true);
		expect(isStorageFull(new Error('ConstraintError: key already exists'))).toBe(false);
	});

	it('say what failed, why and what to do, never only the error name', () => {
		const quota = new DOMException('', 'QuotaExceededError');
		const text = storageErrorMessage('Fold 18 of trial "GBM"', quota);
		expect(text).toMatch(
			/^Fold 18 of trial "GBM" could not be saved: .*storage .* is full\. Free space: delete trials/
		);
		expect(storageErrorMessage('The import', new Error('disk I/O error'))).toMatch(
			/could not be saved \(disk I\/O error\)\. Nothing already stored was lost/
		);
	});
});
