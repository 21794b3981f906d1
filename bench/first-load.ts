/**
 * First-load weight: the JavaScript (gzip) a first visit to `/` fetches in Chromium from the production
 * build, against the budget of 150 KiB, with every chunk listed; other files (HTML, CSS, data) are listed
 * apart. The service worker's background precache is not counted.
 *
 * Run: npx tsx bench/first-load.ts (builds first). Prints JSON lines; exits 1 when over budget.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../tests/support/chromium';
import { describeFile, FIRST_LOAD_JS_BUDGET_KIB, measureFirstLoad } from '../tests/support/first-load';
import { startPreview } from '../tests/support/preview-server';

/** Apart from the e2e suite's 4173 and its mocks' 4181-4183, and from bench/longtasks.ts's 4176. */
const PORT = 4273;

const build = spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
if (build.status !== 0) throw new Error('npm run build failed');

const server = await startPreview(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
let pass: boolean;
try {
	const page = await (await browser.newContext()).newPage();
	const load = await measureFirstLoad(page, `${server.origin}/`);
	pass = load.jsGzipKiB <= FIRST_LOAD_JS_BUDGET_KIB;
	console.log(
		JSON.stringify({
			name: 'first_load_js_gzip',
			value: load.jsGzipKiB,
			unit: 'KiB',
			budget: FIRST_LOAD_JS_BUDGET_KIB,
			pass,
			note: `JavaScript fetched by a first visit to / (${load.js.length} files, gzip level 9), production build, Chromium`,
			chunks: load.js.map(describeFile)
		})
	);
	console.log(
		JSON.stringify({
			name: 'first_load_other_gzip',
			value: load.otherGzipKiB,
			unit: 'KiB',
			note: 'everything else the first visit fetched (HTML, CSS, icons, data), not in the JS budget',
			files: load.other.map(describeFile)
		})
	);
} finally {
	await browser.close();
	await server.stop();
}
process.exit(pass ? 0 : 1);
