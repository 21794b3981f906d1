/**
 * What a first visit costs: every response a fresh page fetches until the network settles, with its size and
 * its gzip size (zlib level 9, as Vite reports). Requests the service worker makes for its precache are not
 * the page's: they run in the background and are not counted.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/** The budget for the JavaScript of a first visit to `/`, gzip. */
export const FIRST_LOAD_JS_BUDGET_KIB = 150;
/** The page has settled when no response arrived for this long. */
const QUIET_MS = 1500;
/** Give up waiting for quiet after this long (a page that keeps fetching is measured as it is). */
const SETTLE_LIMIT_MS = 20_000;

export interface FetchedFile {
	readonly path: string;
	readonly bytes: number;
	readonly gzipBytes: number;
}

export interface FirstLoad {
	readonly js: FetchedFile[];
	readonly other: FetchedFile[];
	readonly jsGzipKiB: number;
	readonly otherGzipKiB: number;
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Opens `url` in `page` (a fresh context: empty cache, no service worker) and measures what it fetched. */
export async function measureFirstLoad(page: Page, url: string): Promise<FirstLoad> {
	const pending: Promise<FetchedFile | null>[] = [];
	let last = Date.now();
	page.on('response', (response) => {
		last = Date.now();
		pending.push(
			(async () => {
				if (response.status() !== 200) return null;
				const body = await response.body().catch(() => null);
				if (!body) return null;
				return {
					path: new URL(response.url()).pathname,
					bytes: body.length,
					gzipBytes: gzipSync(body, { level: 9 }).length
				};
			})()
		);
	});
	const started = Date.now();
	await page.goto(url, { waitUntil: 'load' });
	while (Date.now() - last < QUIET_MS && Date.now() - started < SETTLE_LIMIT_MS) {
		await page.waitForTimeout(250);
	}
	const files = (await Promise.all(pending)).filter((f): f is FetchedFile => f !== null);
	const isJs = (f: FetchedFile) => /\.m?js$/.test(f.path);
	const bySize = (a: FetchedFile, b: FetchedFile) => b.gzipBytes - a.gzipBytes;
	const js = files.filter(isJs).sort(bySize);
	const other = files.filter((f) => !isJs(f)).sort(bySize);
	const sum = (list: FetchedFile[]) => list.reduce((s, f) => s + f.gzipBytes, 0);
	return { js, other, jsGzipKiB: kib(sum(js)), otherGzipKiB: kib(sum(other)) };
}

/** A file as the report lists it: path, KiB and gzip KiB. */
export function describeFile(f: FetchedFile): { path: string; kib: number; gzipKiB: number } {
	return { path: f.path, kib: kib(f.bytes), gzipKiB: kib(f.gzipBytes) };
}
