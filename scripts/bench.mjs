#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, one JSON object per line ({"name","value","unit","note"}).
 * Learners against scikit-learn (skipped with a note when /usr/bin/python3 lacks it), the MLP per epoch on
 * the wasm backend, worst-case Markdown rendering (100k-character hostile replies), each model's expected fit
 * time against the measured one, main-thread long tasks while a 20-fold trial runs in the production build, and
 * the JavaScript a first visit fetches against its 150 KiB gzip budget (fails the run when over), share-link
 * lengths over the e2e suite's trials, and a 200 MB workspace backup's longest hold of the event loop.
 */
import { spawnSync } from 'node:child_process';

const benches = [
	'bench/learners.ts',
	'bench/logistic.ts',
	'bench/ensembles.ts',
	'bench/gbm.ts',
	'bench/forest.ts',
	'bench/boosting.ts',
	'bench/linear-kernel.ts',
	'bench/timeseries.ts',
	'bench/series-models.ts',
	'bench/regimes.ts',
	'bench/mlp.ts',
	'bench/data.ts',
	'bench/markdown.ts',
	// Imports the model modules, which reach the catalog's build-time list of models.
	['--import', './bench/virtual-modules.mjs', 'bench/costs.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/default-trials.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/signals.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/analyses.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/study.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/nested-tuning.ts'],
	['--import', './bench/virtual-modules.mjs', 'bench/share.ts'],
	'bench/feedback.ts',
	'bench/feedback-render.ts',
	'bench/longtasks.ts',
	'bench/first-load.ts',
	// Runs under Vitest with the SvelteKit plugin (the app's services, runes and $app/* included).
	{ vitest: 'bench/backup.run.ts' }
];
let failed = 0;
for (const bench of benches) {
	const args = Array.isArray(bench) ? bench : typeof bench === 'string' ? [bench] : [bench.vitest];
	const file = args[args.length - 1];
	const command =
		typeof bench === 'object' && !Array.isArray(bench)
			? ['vitest', 'run', '--config', 'bench/vitest.config.ts', bench.vitest]
			: ['tsx', ...args];
	const r = spawnSync('npx', command, { stdio: 'inherit' });
	if (r.status !== 0) {
		failed++;
		console.log(JSON.stringify({ name: `${file} failed`, value: null, unit: '', note: `exit ${r.status}` }));
	}
}
process.exit(failed ? 1 : 0);
