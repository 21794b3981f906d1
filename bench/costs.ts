/**
 * Each model's expected fit time (its `costs`, which set the fold's deadline) against the measured one, on the
 * real S&P 500 series at the default training length (1,260 rows) and at 4,000 rows, default params (the MLP at
 * 30 epochs), measured through the fold runner (so every task kind is timed the same way: its `fitMs`).
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/costs.ts [model ids…]
 * A ratio far from 1 means the model's costs need new constants; deadlines are 20× the expectation, so a ratio
 * up to about 5 is harmless.
 */
import { performance } from 'node:perf_hooks';
import { paramsSchemaFor } from '../src/lib/catalog/catalog';
import { computeFeatures } from '../src/lib/domain/features';
import { runFold } from '../src/lib/models/run-fold';
import { sp500Bars } from '../src/lib/testing/sp500';
import { tinySpec } from '../src/lib/testing/fixtures';
import { loadImplementations } from './model-modules';

const ROWS = [1_260, 4_000];
const REPEATS = 3;
const HORIZON = 5;
const TEST_ROWS = 252;

function emit(name: string, value: number, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, note }));
}

const bars = sp500Bars();
const features = computeFeatures(bars);
/** The first row with complete features (the warm-up of the longest window). */
const FIRST = 60;

for (const model of await loadImplementations(process.argv.slice(2))) {
	const runtime = await model.prepare({});
	const params = paramsSchemaFor(model.id).parse({}) as Record<string, never>;
	if ('epochs' in params) (params as Record<string, number>).epochs = 30;
	const spec = tinySpec({
		model: { id: model.id, params },
		target: { kind: model.task === 'classification' ? 'direction' : 'forward_return', horizon: HORIZON },
		validation: {
			mode: 'rolling',
			trainLength: 1_260,
			testLength: TEST_ROWS,
			step: TEST_ROWS,
			embargo: HORIZON
		}
	});
	for (const rows of ROWS) {
		const trainEnd = Math.min(FIRST + rows, bars.t.length - TEST_ROWS - 2 * HORIZON);
		const fold = {
			index: 0,
			trainStart: trainEnd - rows,
			trainEnd,
			testStart: trainEnd + HORIZON,
			testEnd: trainEnd + HORIZON + TEST_ROWS
		};
		const times: number[] = [];
		for (let i = 0; i < REPEATS; i++) {
			const start = performance.now();
			const out = await runFold(
				{ ...spec, seed: i },
				fold,
				bars,
				{ implementation: model, runtime },
				{ features }
			);
			// A signal has no fit: its positions over the bars are its whole cost.
			times.push(model.kind === 'signal' ? performance.now() - start : out.fitMs);
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
