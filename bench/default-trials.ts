/**
 * A default trial of every runnable model on the bundled S&P 500 series: default parameters, the walk-forward
 * settings the New trial form suggests for it (horizon 5), its first 10 folds, run one after another in this
 * process. The browser runs folds on two workers, so half the total is the projected wall time on 2 cores;
 * issue 9's target is ≤ 60 s for 10 folds.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/default-trials.ts [model ids…]
 */
import { performance } from 'node:perf_hooks';
import { paramsSchemaFor } from '../src/lib/catalog/catalog';
import { computeFeatures } from '../src/lib/domain/features';
import { suggestWalkForward, usableRange, walkForwardFolds } from '../src/lib/domain/splits';
import { runFold } from '../src/lib/models/run-fold';
import { tinySpec } from '../src/lib/testing/fixtures';
import { sp500Bars } from '../src/lib/testing/sp500';
import { loadImplementations } from './model-modules';

const HORIZON = 5;
const FOLDS = 10;
const TARGET_MS = 60_000;
const WORKERS = 2;

const bars = sp500Bars();
const features = computeFeatures(bars);
const validation = suggestWalkForward(bars.t.length, HORIZON, 'rolling');
if (!validation) throw new Error('no walk-forward settings fit the bundled series');
const folds = walkForwardFolds(usableRange(bars.t.length, HORIZON), validation).slice(0, FOLDS);

let over = 0;
for (const model of await loadImplementations(process.argv.slice(2))) {
	// Analyses are evaluated once, not walk-forward (bench/analyses.ts times them).
	if (model.kind === 'analysis') continue;
	const runtime = await model.prepare({});
	const spec = tinySpec({
		model: { id: model.id, params: paramsSchemaFor(model.id).parse({}) as Record<string, never> },
		target: { kind: model.task === 'classification' ? 'direction' : 'forward_return', horizon: HORIZON },
		validation
	});
	const start = performance.now();
	for (const fold of folds) await runFold(spec, fold, bars, { implementation: model, runtime }, { features });
	const total = performance.now() - start;
	const projected = total / WORKERS;
	if (projected > TARGET_MS) over++;
	console.log(
		JSON.stringify({
			name: `default_trial.${model.id}.${folds.length}_folds`,
			value: Number((projected / 1000).toFixed(2)),
			unit: 's on 2 workers (projected)',
			note: `${(total / 1000).toFixed(2)} s sequential; training ${validation.trainLength} rows; target ≤ ${TARGET_MS / 1000} s${projected > TARGET_MS ? ' — OVER' : ''}`
		})
	);
}
if (over)
	console.log(JSON.stringify({ name: 'default_trial.over_target', value: over, unit: 'models', note: '' }));
