/**
 * Nested tuning (walk_forward_optimization) of a ridge trial with a 3-value alpha grid on the bundled S&P 500
 * series: the New trial form's suggested walk-forward settings (horizon 5), the catalog procedure's inner window
 * (252 rows, step 22), every fold, run one after another in this process; beside it the same trial untuned, and
 * the expected cost the fold deadline is computed from. The browser runs folds on two workers, so half the
 * sequential time is the projected wall time on 2 cores.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/nested-tuning.ts
 */
import { performance } from 'node:perf_hooks';
import { computeFeatures } from '../src/lib/domain/features';
import { suggestWalkForward, usableRange, walkForwardFolds } from '../src/lib/domain/splits';
import { nestedPlan } from '../src/lib/models/inner-folds';
import { nestedCosts } from '../src/lib/models/nested-tuning';
import { runFold } from '../src/lib/models/run-fold';
import { tinySpec } from '../src/lib/testing/fixtures';
import { sp500Bars } from '../src/lib/testing/sp500';
import { loadImplementations } from './model-modules';

const HORIZON = 5;
const WORKERS = 2;
const GRID = [0.1, 1, 10];

const bars = sp500Bars();
const features = computeFeatures(bars);
const validation = suggestWalkForward(bars.t.length, HORIZON, 'rolling');
if (!validation) throw new Error('no walk-forward settings fit the bundled series');
const folds = walkForwardFolds(usableRange(bars.t.length, HORIZON), validation);
const [ridge] = await loadImplementations(['ridge']);
const runtime = await ridge.prepare({});
const loaded = { implementation: ridge, runtime };

const base = tinySpec({
	model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
	target: { kind: 'forward_return', horizon: HORIZON },
	validation,
	strategy: { mode: 'long_short', sizing: 'sign', costBps: 5 }
});
const nested = tinySpec({
	...base,
	model: { ...base.model, tune: { alpha: GRID }, tuneWindow: { windowSize: 252, stepSize: 22 } }
});

async function timeTrial(spec: typeof base): Promise<{ ms: number; choices: string[] }> {
	const start = performance.now();
	const choices: string[] = [];
	for (const fold of folds) {
		const out = await runFold(spec, fold, bars, loaded, { features });
		choices.push(String(out.modelInfo.chosen ?? '-'));
	}
	return { ms: performance.now() - start, choices };
}

// One warm-up pass of each (JIT), then the measured ones.
await timeTrial(base);
await timeTrial(nested);
const plain = await timeTrial(base);
const tuned = await timeTrial(nested);
const plan = nestedPlan(nested, validation.trainLength)!;
const costs = nestedCosts(ridge, validation.trainLength, nested.model.params, plan);
const fits = GRID.length * plan.innerFolds + 1;
console.log(
	JSON.stringify({
		name: `nested_tuning.ridge_alpha3.${folds.length}_folds`,
		value: Number((tuned.ms / WORKERS / 1000).toFixed(3)),
		unit: 's on 2 workers (projected)',
		note: `${(tuned.ms / 1000).toFixed(3)} s sequential (${(tuned.ms / folds.length).toFixed(1)} ms a fold, ${fits} fits a fold: ${GRID.length} alphas × ${plan.innerFolds} inner folds + refit); untuned ${(plain.ms / 1000).toFixed(3)} s; train ${validation.trainLength}, test ${validation.testLength}, inner 252/22; expected ${costs.expectedFitMs.toFixed(1)} ms a fold, deadline ${costs.deadlineMs} ms; chosen per fold: ${tuned.choices.join(' | ')}`
	})
);
