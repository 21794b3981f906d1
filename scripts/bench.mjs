#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, one JSON object per line ({"name","value","unit","note"}).
 * Learners against scikit-learn (skipped with a note when /usr/bin/python3 lacks it), the MLP per epoch on
 * the wasm backend, main-thread long tasks while a 20-fold trial runs in the production build, and the
 * JavaScript a first visit fetches against its 150 KiB gzip budget (fails the run when over).
 */
import { spawnSync } from 'node:child_process';

const benches = [
	'bench/learners.ts',
	'bench/mlp.ts',
	'bench/data.ts',
	'bench/longtasks.ts',
	'bench/first-load.ts'
];
let failed = 0;
for (const file of benches) {
	const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
	if (r.status !== 0) {
		failed++;
		console.log(JSON.stringify({ name: `${file} failed`, value: null, unit: '', note: `exit ${r.status}` }));
	}
}
process.exit(failed ? 1 : 0);
