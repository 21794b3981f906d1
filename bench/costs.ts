/**
 * Each model's expected fit time (its `costs`, which set the fold's deadline) against the measured one, on the
 * real S&P 500 feature matrix at the default training length (1,260 rows) and at 4,000 rows, default params
 * (the MLP at 30 epochs). Run: npx tsx --import ./bench/virtual-modules.mjs bench/costs.ts
 * A ratio far from 1 means the model's costs need new constants; deadlines are 20× the expectation, so a ratio
 * up to about 5 is harmless.
 */
import { performance } from 'node:perf_hooks';
import { paramsSchemaFor } from '../src/lib/catalog/catalog';
import { computeFeatures } from '../src/lib/domain/features';
import { takeRows, takeValues } from '../src/lib/domain/matrix';
import { createRng } from '../src/lib/domain/random';
import { forwardLogReturn } from '../src/lib/domain/targets';
import type { Implementation } from '../src/lib/models/seam';
import { implementation as feedforwardMlp } from '../src/lib/models/neural/feedforward-mlp.model';
import { implementation as logistic } from '../src/lib/models/linear/logistic-regression.model';
import { implementation as elasticNet } from '../src/lib/models/linear/elastic-net.model';
import { implementation as lasso } from '../src/lib/models/linear/lasso.model';
import { implementation as linearRegression } from '../src/lib/models/linear/linear-regression.model';
import { implementation as ridge } from '../src/lib/models/linear/ridge.model';
import { implementation as knn } from '../src/lib/models/neighbors/k-nearest-neighbors.model';
import { implementation as decisionTree } from '../src/lib/models/trees/decision-tree.model';
import { implementation as xgboost } from '../src/lib/models/trees/xgboost.model';
import { implementation as ema } from '../src/lib/models/indicators/ema-crossover-model.model';
import { implementation as kmeans } from '../src/lib/models/regimes/kmeans-clustering.model';
import { implementation as hmm } from '../src/lib/models/regimes/hidden-markov-model.model';
import { implementation as markovSwitching } from '../src/lib/models/regimes/markov-switching.model';
import { implementation as regimeVolatility } from '../src/lib/models/regimes/regime-switching-volatility.model';
import { implementation as pelt } from '../src/lib/models/regimes/bayesian-change-point-detection.model';
import { sp500Bars } from '../src/lib/testing/sp500';

const MODELS: Implementation[] = [
	linearRegression,
	ridge,
	lasso,
	elasticNet,
	logistic,
	knn,
	decisionTree,
	xgboost,
	feedforwardMlp,
	ema,
	kmeans,
	hmm,
	markovSwitching,
	regimeVolatility,
	pelt
];
const ROWS = [1_260, 4_000];
const REPEATS = 3;

function emit(name: string, value: number, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, note }));
}

const bars = sp500Bars();
const features = computeFeatures(bars);
const y = forwardLogReturn(bars.close, 5);
const complete: number[] = [];
for (let r = 0; r < bars.t.length; r++) {
	let ok = Number.isFinite(y[r]);
	for (let c = 0; ok && c < features.matrix.cols; c++)
		ok = Number.isFinite(features.matrix.data[r * features.matrix.cols + c]);
	if (ok) complete.push(r);
}

/** COSTS_ONLY=id,id measures just those models. */
const ONLY = process.env.COSTS_ONLY?.split(',');

for (const model of MODELS.filter((m) => !ONLY || ONLY.includes(m.id))) {
	const runtime = await model.prepare({});
	const params = paramsSchemaFor(model.id).parse({});
	for (const rows of ROWS) {
		const idx = complete.slice(0, rows);
		const X = takeRows(features.matrix, idx);
		const target = takeValues(y, idx);
		const labels = Float64Array.from(target, (v) => (v > 0 ? 1 : 0));
		const times: number[] = [];
		for (let i = 0; i < REPEATS; i++) {
			const start = performance.now();
			if ('fitRegime' in model) {
				// Regime models read the feature rows or the daily log returns of the same first rows.
				const returns = Float64Array.from({ length: rows }, (_, t) =>
					Math.log(bars.close[t + 1] / bars.close[t])
				);
				const input = model.input === 'features' ? X : { data: returns, rows, cols: 1 };
				await model.fitRegime(input, params, { rng: createRng(i) });
			} else if (model.kind === 'learner' && 'fit' in model) {
				const fitted = await model.fit(X, model.task === 'classification' ? labels : target, params, {
					rng: createRng(i)
				});
				fitted.dispose?.();
			} else if (model.kind === 'signal') {
				model.positions(bars, params, { trainStart: 0, trainEnd: rows, rng: createRng(i) });
			}
			times.push(performance.now() - start);
		}
		const measured = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
		const expected = model.expectedFitMs(rows, params);
		emit(
			`costs.${model.id}.${rows}_rows.measured`,
			measured,
			'ms',
			`median of ${REPEATS}, backend ${runtime.backend}`
		);
		emit(`costs.${model.id}.${rows}_rows.expected`, expected, 'ms', 'models/<id>.model.ts costs');
		emit(
			`costs.${model.id}.${rows}_rows.ratio`,
			measured / expected,
			'measured/expected',
			`deadline ${model.deadlineMs(rows, params)} ms`
		);
	}
}
