/**
 * Share-link length over the trials of the e2e suite (issue 13: p95 ≤ 2,000 characters). The trials are
 * every-model.spec.ts's — each runnable model's default trial from the New trial form on the bundled S&P 500
 * (horizon 5, rolling, suggested walk-forward, embargo 5, costs 5 bps, seed 42; a classifier's target is the
 * direction) — each fold run here with the worker's own runFold and scored with the engine's aggregateFolds, then
 * built into a link
 * exactly as the Share button does (origin http://localhost:4173). Also prints the "full" variant's length.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/share.ts [model ids…]
 */
import { performance } from 'node:perf_hooks';
import { paramsSchemaFor } from '../src/lib/catalog/catalog';
import { taskOf } from '../src/lib/compliance/trial-policy';
import { pinnedDataOf } from '../src/lib/data/dataset-record';
import { sharedTrialOf } from '../src/lib/app/share-trial';
import type { FoldResultRecord, TrialRecord } from '../src/lib/db/records';
import { aggregateFolds } from '../src/lib/domain/aggregate';
import { computeFeatures } from '../src/lib/domain/features';
import { FEATURE_SETS } from '../src/lib/domain/feature-sets';
import { featureWarmup } from '../src/lib/domain/feature-spec';
import { datedFolds, foldDates, suggestWalkForward } from '../src/lib/domain/splits';
import { trialSpecSchema } from '../src/lib/domain/trial-spec';
import { runFold } from '../src/lib/models/run-fold';
import { encodeShare } from '../src/lib/security/share-link';
import { sp500Dataset } from '../src/lib/testing/sp500';
import { loadImplementations } from './model-modules';

const TARGET_P95 = 2_000;
const ORIGIN = 'http://localhost:4173/#/s/';

const ds = sp500Dataset('sp500', { bundled: true });
const features = computeFeatures(ds.bars);

const lengths: number[] = [];
const full: number[] = [];
const started = performance.now();
for (const model of await loadImplementations(process.argv.slice(2))) {
	if (model.kind === 'analysis') continue;
	const task = taskOf(model.id);
	const validation = suggestWalkForward(ds.bars.t.length, 5, 'rolling', FEATURE_SETS.daily_v1.warmup);
	if (!validation) throw new Error('no walk-forward settings fit the bundled series');
	const spec = trialSpecSchema.parse({
		name: `${model.id} defaults`,
		datasetId: ds.id,
		target: { kind: task === 'classification' ? 'direction' : 'forward_return', horizon: 5 },
		features: { set: 'daily_v1' },
		model: { id: model.id, params: paramsSchemaFor(model.id).parse({}) },
		validation: { ...validation, mode: 'rolling', embargo: 5 },
		strategy: { mode: 'long_short', sizing: 'sign', costBps: 5 },
		seed: 42
	});
	// The trial as the engine runs it (each fold fitted on its own window), scored as the engine scores it.
	const folds = datedFolds(ds.bars.t, 5, spec.validation, featureWarmup(spec.features));
	const runtime = await model.prepare({});
	const results: FoldResultRecord[] = [];
	for (const [i, fold] of folds.entries()) {
		const out = await runFold(spec, fold, ds.bars, { implementation: model, runtime }, { features });
		results.push({ ...out, trialId: model.id, fold: i, attempt: 1, finishedAt: 0 });
	}
	const taskKind = task ?? 'regression';
	const trial: TrialRecord = {
		id: model.id,
		spec,
		task: taskKind,
		status: 'completed',
		createdAt: 0,
		startedAt: 0,
		finishedAt: 0,
		folds: folds.length,
		foldsDone: folds.length,
		foldsFailed: 0,
		error: null,
		summary: aggregateFolds(results, taskKind, spec.strategy),
		appVersion: '0.1.0',
		data: pinnedDataOf(ds),
		foldBounds: foldDates(ds.bars.t, folds),
		lookahead: null
	};
	const link = ORIGIN + (await encodeShare(sharedTrialOf(trial, results, ds, { appVersion: '0.1.0' })));
	const fullLink =
		ORIGIN + (await encodeShare(sharedTrialOf(trial, results, ds, { appVersion: '0.1.0', full: true })));
	lengths.push(link.length);
	full.push(fullLink.length);
	console.log(
		JSON.stringify({
			name: `share_link.${model.id}`,
			value: link.length,
			unit: 'chars',
			note: `full variant ${fullLink.length} chars (${results.length} folds)`
		})
	);
}

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const p95 = quantile(lengths, 0.95);
console.log(
	JSON.stringify({
		name: 'share_link.p95',
		value: p95,
		unit: 'chars',
		note: `${lengths.length} trials; median ${quantile(lengths, 0.5)}, max ${Math.max(...lengths)}; full variant median ${quantile(full, 0.5)}; target ≤ ${TARGET_P95}${p95 > TARGET_P95 ? ' — OVER' : ''}; ${((performance.now() - started) / 1000).toFixed(0)} s`
	})
);
if (p95 > TARGET_P95) process.exitCode = 1;
