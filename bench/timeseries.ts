/**
 * Our time-series fits against their references on the real S&P 500 series: (S)ARIMA against statsmodels 0.13.5's
 * default ARIMA / SARIMAX fit, SETAR against NumPy least squares (bench/statsmodels_timeseries.py).
 * Run: npx tsx bench/timeseries.ts. Prints one JSON object per line: { name, value, unit, note }.
 *
 * Timing: rounds alternate ours, theirs, ours, theirs, … (ROUNDS of each; one python process per round fits every
 * case once, timed inside python around the fit only; OMP_NUM_THREADS=1). Figures are medians over rounds.
 * Cases: the fixture window's 1,260 log closes (returns for SETAR), and the default arima at 4× and 16× those
 * values, made by tiling the window's daily log returns and cumulating them (a series has no rows to tile).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FIXTURE_WINDOW, fixtureLogCloses, fixtureLogReturns } from '../src/lib/testing/timeseries-window';
import { fitSarima, type TrendRule } from '../src/lib/models/timeseries/sarima';
import { fitSetar } from '../src/lib/models/timeseries/setar';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./statsmodels_timeseries.py', import.meta.url));
const ROUNDS = 3;
/** SETAR fits take well under a millisecond: each timing covers this many fits. */
const SETAR_REPEAT = 50;
/** statsmodels' slowest case here (seasonal s = 12 on 1,260 values) takes ~10 s on a loaded box. */
const PYTHON_TIMEOUT_MS = 600_000;

interface Case {
	name: string;
	kind: 'arima' | 'sarima' | 'setar';
	order?: number[];
	seasonal_order?: number[];
	threshold?: number;
	delay?: number;
	/** Fits timed together (per fit reported), for sub-millisecond fits. */
	repeat?: number;
	series: Float64Array;
}

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(
		JSON.stringify({
			name,
			value: typeof value === 'number' ? Number(value.toPrecision(4)) : value,
			unit,
			note
		})
	);
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const closes = fixtureLogCloses().slice(0, FIXTURE_WINDOW.train);
const returns = fixtureLogReturns().slice(0, FIXTURE_WINDOW.train);

/** k copies of the window's daily log returns. */
function tiledReturns(k: number): Float64Array {
	return Float64Array.from({ length: returns.length * k }, (_, i) => returns[i % returns.length]);
}

/** Log closes over k copies of the window's returns, starting at the window's first close. */
function tiled(k: number): Float64Array {
	const out = new Float64Array(closes.length * k);
	out[0] = closes[0];
	for (let i = 1; i < out.length; i++) out[i] = out[i - 1] + returns[i % returns.length];
	return out;
}

const CASES: Case[] = [
	{ name: 'arima_111', kind: 'arima', order: [1, 1, 1], seasonal_order: [0, 0, 0, 0], series: closes },
	{ name: 'arima_210', kind: 'arima', order: [2, 1, 0], seasonal_order: [0, 0, 0, 0], series: closes },
	{ name: 'arima_011', kind: 'arima', order: [0, 1, 1], seasonal_order: [0, 0, 0, 0], series: closes },
	{ name: 'arima_101c', kind: 'arima', order: [1, 0, 1], seasonal_order: [0, 0, 0, 0], series: closes },
	{ name: 'arima_111_x4', kind: 'arima', order: [1, 1, 1], seasonal_order: [0, 0, 0, 0], series: tiled(4) },
	{ name: 'arima_111_x16', kind: 'arima', order: [1, 1, 1], seasonal_order: [0, 0, 0, 0], series: tiled(16) },
	{ name: 'sarima_111_1115', kind: 'sarima', order: [1, 1, 1], seasonal_order: [1, 1, 1, 5], series: closes },
	{ name: 'sarima_default', kind: 'sarima', order: [1, 1, 1], seasonal_order: [1, 1, 1, 12], series: closes },
	...[1, 4, 16].map((k): Case => ({
		name: k === 1 ? 'setar_default' : `setar_default_x${k}`,
		kind: 'setar',
		threshold: 0,
		delay: 1,
		repeat: SETAR_REPEAT,
		series: tiledReturns(k)
	}))
];

function fitOurs(c: Case): number {
	const start = performance.now();
	if (c.kind === 'setar') {
		const repeat = c.repeat ?? 1;
		for (let i = 0; i < repeat; i++) fitSetar(c.series, { threshold: c.threshold!, delay: c.delay! });
		return (performance.now() - start) / repeat;
	}
	const trend: TrendRule = c.kind === 'arima' ? 'auto' : 'none';
	fitSarima(c.series, { order: c.order!, seasonal_order: c.seasonal_order! }, trend);
	return performance.now() - start;
}

function runReference(dir: string): Record<string, { seconds: number; llf: number | null }> | null {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: PYTHON_TIMEOUT_MS
	});
	if (run.status !== 0) {
		emit(
			'timeseries.reference',
			null,
			'',
			(run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? ''
		);
		return null;
	}
	return JSON.parse(run.stdout);
}

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-ts-bench-'));
try {
	writeFileSync(
		join(dir, 'cases.json'),
		JSON.stringify(
			CASES.map(({ series, ...rest }) => ({ ...rest, file: `${rest.name}.f64`, n: series.length }))
		)
	);
	for (const c of CASES) writeFileSync(join(dir, `${c.name}.f64`), f64Bytes(c.series));
	const ours: Record<string, number[]> = {};
	const theirs: Record<string, number[]> = {};
	const pythonOk = existsSync(SYSTEM_PYTHON);
	// One warm-up fit of each case, so the first round does not time the JIT.
	for (const c of CASES) fitOurs(c);
	for (let round = 0; round < ROUNDS; round++) {
		for (const c of CASES) (ours[c.name] ??= []).push(fitOurs(c));
		const ref = pythonOk ? runReference(dir) : null;
		if (ref) for (const c of CASES) (theirs[c.name] ??= []).push(ref[c.name].seconds * 1000);
	}
	for (const c of CASES) {
		const o = median(ours[c.name]);
		const per = c.repeat ? `, per fit over ${c.repeat}` : '';
		emit(
			`timeseries.${c.name}.fit_ms`,
			o,
			'ms',
			`ours, ${c.series.length} values, median of ${ROUNDS}${per}`
		);
		if (!theirs[c.name]) continue;
		const t = median(theirs[c.name]);
		emit(
			`timeseries.${c.name}.reference_fit_ms`,
			t,
			'ms',
			`${c.kind === 'setar' ? 'numpy lstsq' : 'statsmodels default fit'}, median of ${ROUNDS}`
		);
		emit(`timeseries.${c.name}.fit_ratio`, o / t, 'ours/reference', 'target ≤ 2');
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
