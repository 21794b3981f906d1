import { chromium } from '@playwright/test';
import { createRng } from '../src/lib/domain/random';
import { fixtureTrial } from '../src/lib/testing/feedback-fixtures';
import { feedbackTrialOf } from '../src/lib/research/feedback-trial';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../tests/support/chromium';
import { startPreview } from '../tests/support/preview-server';
const N = 10_000, T0 = Date.UTC(2024, 0, 1);
const rng = createRng(11);
const trials = Array.from({ length: N }, (_, i) =>
	fixtureTrial(`t${i}`, T0 + i * 60_000, {
		model: ['ridge', 'lasso', 'random_forest', 'xgboost', 'gradient_boosting'][rng.int(5)],
		status: rng.next() < 0.1 ? 'failed' : 'completed', sharpe: rng.normal(), datasetId: `S${rng.int(10)}`
	}));
const digests = trials.map(feedbackTrialOf);
const server = await startPreview(4177);
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
try {
	const page = await browser.newPage();
	await page.goto(`${server.origin}/`);
	await page.evaluate(`new Promise((res, rej) => { const o = indexedDB.open('exp', 1); o.onupgradeneeded = () => { o.result.createObjectStore('trials', {keyPath: 'id'}).createIndex('status', 'status'); o.result.createObjectStore('digests', {keyPath: 'id'}); o.result.createObjectStore('kv'); }; o.onsuccess = () => { window.expdb = o.result; res(); }; o.onerror = rej; })`);
	for (let i = 0; i < N; i += 1000) {
		await page.evaluate(([t, d]) => new Promise<void>((res) => { const tx = (window as any).expdb.transaction(['trials', 'digests'], 'readwrite'); for (const r of t) tx.objectStore('trials').put(r); for (const r of d) tx.objectStore('digests').put(r); tx.oncomplete = () => res(); }), [trials.slice(i, i + 1000), digests.slice(i, i + 1000)] as const);
	}
	await page.evaluate(`new Promise((res) => { const tx = window.expdb.transaction('digests'); const r = tx.objectStore('digests').getAll(); r.onsuccess = () => { const ds = r.result; window.ds = ds;
		const cols = { id: ds.map(d => d.id), specs: ds.map(d => JSON.stringify(d.spec)), nums: new Float64Array(ds.length * 24) };
		const w = window.expdb.transaction('kv', 'readwrite'); w.objectStore('kv').put(ds, 'arr'); w.objectStore('kv').put(cols, 'cols'); w.oncomplete = () => res(); }; })`);
	const time = (label: string, body: string) => page.evaluate(`new Promise((res) => { const t0 = performance.now(); ${body} }).then((x) => ['${label}', x])`);
	for (let k = 0; k < 3; k++) {
		console.log(await time('getAll trials', `const r = window.expdb.transaction('trials').objectStore('trials').getAll(); r.onsuccess = () => res(performance.now() - t0);`));
		console.log(await time('status keys', `const s = window.expdb.transaction('trials').objectStore('trials').index('status'); let n = 0; const out = []; for (const st of ['queued','running','completed','failed','cancelled']) { const r = s.getAllKeys(st); r.onsuccess = () => { out.push(r.result); if (++n === 5) res(performance.now() - t0); }; }`));
		console.log(await time('getAll digests', `const r = window.expdb.transaction('digests').objectStore('digests').getAll(); r.onsuccess = () => res([performance.now() - t0, r.result.length]);`));
		console.log(await time('kv arr', `const r = window.expdb.transaction('kv').objectStore('kv').get('arr'); r.onsuccess = () => { const a = r.result; res([performance.now() - t0, a.length, a[9999].spec.model.id]); };`));
		console.log(await time('kv cols', `const r = window.expdb.transaction('kv').objectStore('kv').get('cols'); r.onsuccess = () => { const c = r.result; const specs = c.specs.map(s => JSON.parse(s)); res(performance.now() - t0); }`));
		console.log(await time('structuredClone digests', `structuredClone(window.ds); res(performance.now() - t0);`));
	}
} finally { await browser.close(); await server.stop(); }
