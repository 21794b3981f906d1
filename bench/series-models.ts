/**
 * Our series models against their Python references (bench/make-vol-fixtures.py: SciPy GARCH likelihood,
 * statsmodels Holt–Winters / UnobservedComponents, NumPy Prophet-style least squares), default params, on the real
 * S&P 500 training window of the fixtures (1,260 values from bar 1,000) and that window tiled 4× and 16×.
 * Run: npx tsx bench/series-models.ts [entry …]. Prints one JSON object per line: { name, value, unit, note }.
 *
 * Timing: runs interleave (ours, theirs, ours, theirs, …), REPEATS of each (more for Prophet's millisecond fits)
 * after one warm-up of ours; the reference is timed inside Python around the fit alone (no interpreter start-up),
 * single-threaded (OMP_NUM_THREADS=1 and the BLAS equivalents). The ratio is median ours / median theirs. The 4× and
 * 16× series are the window repeated, so a log-close series jumps back at each seam (harder for the level models).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { logReturns, seriesOf } from '../src/lib/models/run-fold';
import { fitHoltWinters } from '../src/lib/models/smoothing/exponential-smoothing';
import { fitKalman } from '../src/lib/models/smoothing/kalman-filter';
import { fitProphet } from '../src/lib/models/smoothing/prophet';
import { fitGarch } from '../src/lib/models/volatility/garch';
import { sp500Bars } from '../src/lib/testing/sp500';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-vol-fixtures.py', import.meta.url));
const REPEATS = 3;
const TILES = [1, 4, 16];
/** The fixtures' training window (bench/make-vol-fixtures.py START, LENGTH). */
const START = 1000;
const LENGTH = 1260;

interface Case {
	readonly entry: string;
	readonly params: Record<string, unknown>;
	readonly series: Float64Array;
	readonly ours: (series: Float64Array) => unknown;
	/** Interleaved runs of each; more for fits of a few milliseconds, where one run is mostly timer and load noise. */
	readonly repeats?: number;
}

const close = sp500Bars().close;
const returns = logReturns(close).slice(START, START + LENGTH);
const logClose = seriesOf('log_close', close).slice(START, START + LENGTH);

const CASES: Case[] = [
	{
		entry: 'garch',
		params: { p: 1, q: 1 },
		series: returns,
		ours: (s) => fitGarch(s, { p: 1, q: 1 })
	},
	{
		entry: 'exponential_smoothing',
		params: { trend: 'add', seasonal: 'add' },
		series: logClose,
		ours: (s) => fitHoltWinters(s, { trend: 'add', seasonal: 'add', damped: false, period: 5 })
	},
	{
		entry: 'kalman_filter',
		params: { n_dim_state: 2 },
		series: logClose,
		ours: (s) => fitKalman(s, 2)
	},
	{
		entry: 'prophet',
		params: { growth: 'linear', seasonality_mode: 'additive' },
		series: logClose,
		ours: (s) => fitProphet(s, { growth: 'linear', seasonalityMode: 'additive' }),
		repeats: 11
	}
];

function emit(name: string, value: number, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, note }));
}

function median(v: number[]): number {
	const s = [...v].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function tile(series: Float64Array, times: number): Float64Array {
	const out = new Float64Array(series.length * times);
	for (let k = 0; k < times; k++) out.set(series, k * series.length);
	return out;
}

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

function theirs(entry: string, path: string, params: Record<string, unknown>): number {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, 'time', entry, path, JSON.stringify(params)], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: 600_000
	});
	if (run.status !== 0) throw new Error(`reference ${entry} failed: ${run.stderr}`);
	return JSON.parse(run.stdout.trim().split('\n').at(-1)!).fit_seconds * 1000;
}

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-series-bench-'));
try {
	for (const c of CASES) {
		if (only.length && !only.includes(c.entry)) continue;
		const oursAt: number[] = [];
		for (const times of TILES) {
			const series = tile(c.series, times);
			const path = join(dir, `${c.entry}-${times}.f64`);
			writeFileSync(path, f64Bytes(series));
			c.ours(series);
			const us: number[] = [];
			const them: number[] = [];
			const repeats = c.repeats ?? REPEATS;
			for (let i = 0; i < repeats; i++) {
				const start = performance.now();
				c.ours(series);
				us.push(performance.now() - start);
				them.push(theirs(c.entry, path, c.params));
			}
			const rows = series.length;
			emit(`series.${c.entry}.${rows}_rows.ours`, median(us), 'ms', `median of ${repeats}`);
			emit(`series.${c.entry}.${rows}_rows.reference`, median(them), 'ms', `median of ${repeats}`);
			emit(
				`series.${c.entry}.${rows}_rows.ratio`,
				median(us) / median(them),
				'ours/reference',
				'target ≤ 2 (issue 9)'
			);
			oursAt.push(median(us));
		}
		TILES.slice(1).forEach((times, i) =>
			emit(
				`series.${c.entry}.growth_${times}x`,
				oursAt[i + 1] / oursAt[0],
				`fit time at ${times}× rows / at 1×`,
				'linear would be the row ratio'
			)
		);
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
