/**
 * Counts what IndexedDB work a piece of code does under fake-indexeddb: transactions, requests per store and
 * operation, structured clones with their serialized size (v8.serialize, close to what a browser writes) and the
 * time spent cloning. Only while `counting.on` is true. Import after 'fake-indexeddb/auto'.
 */
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';

export const counting = { on: false };
export const counts = {
	transactions: 0,
	requests: new Map<string, number>(),
	clones: 0,
	clonedBytes: 0,
	cloneMs: 0
};

function bump(key: string): void {
	counts.requests.set(key, (counts.requests.get(key) ?? 0) + 1);
}

const g = globalThis as unknown as Record<string, { prototype: Record<string, unknown> }>;
const original = globalThis.structuredClone;
globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
	if (!counting.on) return original(value, options);
	counts.clones++;
	try {
		counts.clonedBytes += serialize(value).length;
	} catch {
		// not serialisable by v8 (never for stored rows); the clone below throws the real error
	}
	const start = performance.now();
	const out = original(value, options);
	counts.cloneMs += performance.now() - start;
	return out;
}) as typeof structuredClone;

const tx = g.IDBDatabase.prototype.transaction as (...a: unknown[]) => unknown;
g.IDBDatabase.prototype.transaction = function (this: unknown, ...a: unknown[]) {
	if (counting.on) counts.transactions++;
	return tx.apply(this, a);
};
for (const cls of ['IDBObjectStore', 'IDBIndex'] as const)
	for (const op of [
		'get',
		'getAll',
		'getAllKeys',
		'put',
		'add',
		'delete',
		'count',
		'openCursor',
		'openKeyCursor'
	]) {
		const fn = g[cls].prototype[op] as ((...a: unknown[]) => unknown) | undefined;
		if (!fn) continue;
		g[cls].prototype[op] = function (
			this: { name: string; objectStore?: { name: string } },
			...a: unknown[]
		) {
			if (counting.on)
				bump(`${this.objectStore ? `${this.objectStore.name}[${this.name}]` : this.name}.${op}`);
			return fn.apply(this, a);
		};
	}

export function resetCounts(): void {
	counts.transactions = 0;
	counts.requests.clear();
	counts.clones = 0;
	counts.clonedBytes = 0;
	counts.cloneMs = 0;
}
