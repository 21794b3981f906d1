/**
 * Issue 10's target: every runnable signal, with its defaults, over 10 walk-forward folds of the bundled S&P 500
 * series takes ≤ 60 s on 2 cores all together. The folds run one after another in this process; the browser runs
 * them on two workers, so half the sequential total is the projected wall time. Also times a tuned signal (RSI
 * with 4 windows to choose from on each training window) against the same signal untuned.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/signals.ts
 */
import { performance } from 'node:perf_hooks';
import { paramsSchemaFor } from '../src/lib/catalog/catalog';
import { computeFeatures } from '../src/lib/domain/features';
import { suggestWalkForward, usableRange, walkForwardFolds } from '../src/lib/domain/splits';
import type { TrialSpec } from '../src/lib/domain/trial-spec';
import { runFold } from '../src/lib/models/run-fold';
import type { Implementation } from '../src/lib/models/seam';
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

async function trialMs(model: Implementation, tune?: TrialSpec['model']['tune']): Promise<number> {
	const runtime = await model.prepare({});
	const spec = tinySpec({
		model: {
			id: model.id,
			params: paramsSchemaFor(model.id).parse({}) as Record<string, never>,
			...(tune ? { tune } : {})
		},
		target: { kind: 'forward_return', horizon: HORIZON },
		validation
	});
	const start = performance.now();
	for (const fold of folds) await runFold(spec, fold, bars, { implementation: model, runtime }, { features });
	return performance.now() - start;
}

const signals = (await loadImplementations(process.argv.slice(2))).filter((m) => m.kind === 'signal');
let total = 0;
let slowest = { id: '', ms: 0 };
for (const model of signals) {
	const ms = await trialMs(model);
	total += ms;
	if (ms > slowest.ms) slowest = { id: model.id, ms };
}
const projected = total / WORKERS;
console.log(
	JSON.stringify({
		name: `signals.all_${signals.length}.${folds.length}_folds`,
		value: Number((projected / 1000).toFixed(2)),
		unit: 's on 2 workers (projected)',
		note: `${(total / 1000).toFixed(2)} s sequential; slowest ${slowest.id} ${(slowest.ms / 1000).toFixed(2)} s; target ≤ ${TARGET_MS / 1000} s${projected > TARGET_MS ? ' — OVER' : ''}`
	})
);

const rsi = signals.find((m) => m.id === 'rsi_model');
if (rsi) {
	const plain = await trialMs(rsi);
	const tuned = await trialMs(rsi, { window: [7, 14, 21, 28] });
	console.log(
		JSON.stringify({
			name: 'signals.rsi_tuned_4_windows_vs_fixed',
			value: Number((tuned / plain).toFixed(1)),
			unit: '× the fixed-parameter trial',
			note: `${(tuned / 1000).toFixed(2)} s vs ${(plain / 1000).toFixed(2)} s for ${folds.length} folds`
		})
	);
}
