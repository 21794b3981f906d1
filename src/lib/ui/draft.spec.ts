import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { clearDraft, loadDraft, readDraft, saveDraft } from './draft';

class MemoryStorage {
	readonly items = new Map<string, string>();
	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}
	removeItem(key: string): void {
		this.items.delete(key);
	}
}

describe('form drafts', () => {
	let storage: MemoryStorage;
	beforeEach(() => {
		storage = new MemoryStorage();
		vi.stubGlobal('localStorage', storage);
	});
	afterEach(() => vi.unstubAllGlobals());

	it('read back what was saved, and nothing once cleared', () => {
		saveDraft('form', { a: 1, b: 'two' });
		expect(readDraft('form')).toEqual({ a: 1, b: 'two' });
		expect(loadDraft('form', z.object({ a: z.number(), b: z.string() }))).toEqual({ a: 1, b: 'two' });
		clearDraft('form');
		expect(readDraft('form')).toBeUndefined();
		expect(loadDraft('form', z.object({ a: z.number() }))).toBeNull();
	});

	it('read nothing from stored text that is not JSON', () => {
		storage.setItem('mltrainer:draft:form', '{not json');
		expect(readDraft('form')).toBeUndefined();
	});

	it('are dropped whole by loadDraft when the schema refuses them', () => {
		saveDraft('form', { a: 'x' });
		expect(loadDraft('form', z.object({ a: z.number() }))).toBeNull();
		expect(readDraft('form')).toEqual({ a: 'x' });
	});

	it('survive a storage that refuses writes without throwing', () => {
		storage.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		expect(() => saveDraft('form', { a: 1 })).not.toThrow();
	});
});
