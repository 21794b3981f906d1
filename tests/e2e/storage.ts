import type { Page } from '@playwright/test';

/**
 * Everything the origin stores, as text: every IndexedDB database and store (typed arrays as their numbers),
 * localStorage, sessionStorage and every Cache Storage entry. For "no key anywhere" checks.
 */
export async function dumpStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const parts: string[] = [];
		const replacer = (_k: string, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);
		for (const info of await indexedDB.databases()) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open(info.name!);
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const req = db.transaction(store, 'readonly').objectStore(store).getAll();
					req.onsuccess = () => resolve(req.result);
					req.onerror = () => reject(req.error);
				});
				parts.push(`${info.name}/${store}: ${JSON.stringify(rows, replacer)}`);
			}
			db.close();
		}
		parts.push(`localStorage: ${JSON.stringify({ ...localStorage })}`);
		parts.push(`sessionStorage: ${JSON.stringify({ ...sessionStorage })}`);
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				parts.push(`cache ${name}: ${req.url}`);
				const res = await cache.match(req);
				const type = res?.headers.get('content-type') ?? '';
				if (res && /json|text|html|javascript/.test(type)) parts.push(await res.text());
			}
		}
		return parts.join('\n');
	});
}

export type Edit =
	| { readonly path: readonly (string | number)[]; readonly multiply: number }
	| { readonly path: readonly (string | number)[]; readonly append: string };

/**
 * Rewrites one field of one stored row of the app's database, as someone with access to the browser profile
 * could. Declarative (a path and an operation): the page's CSP forbids eval, rightly, so no function is sent.
 */
export async function editStored(page: Page, store: string, key: IDBValidKey, edit: Edit): Promise<void> {
	// Sent as JSON text: the structural types of the edit are too deep for evaluate's argument inference.
	await page.evaluate(async (json: string) => {
		const { store, key, edit } = JSON.parse(json) as {
			store: string;
			key: IDBValidKey;
			edit: { path: (string | number)[]; multiply?: number; append?: string };
		};
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('mltrainer');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(store, 'readwrite');
			const os = tx.objectStore(store);
			const get = os.get(key);
			get.onsuccess = () => {
				const row = get.result as Record<string | number, unknown> | undefined;
				if (!row) {
					reject(new Error(`no row ${String(key)} in ${store}`));
					return;
				}
				let parent = row as Record<string | number, unknown>;
				for (const k of edit.path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
				const last = edit.path[edit.path.length - 1];
				if (edit.multiply !== undefined) parent[last] = (parent[last] as number) * edit.multiply;
				else parent[last] = `${String(parent[last])}${edit.append ?? ''}`;
				os.put(row);
			};
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, JSON.stringify({ store, key, edit }));
}
