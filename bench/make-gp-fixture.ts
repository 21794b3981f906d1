/**
 * Regenerates the committed scikit-learn fixture of the GP sampler's model
 * (src/lib/research/study/samplers/gp.fixture.json):
 *   npx tsx bench/make-gp-fixture.ts
 * Writes each case's inputs (seeded points of the unit cube and a smooth test function's values plus seeded
 * noise — labelled test inputs, not market data) as little-endian float64 into a temp directory and runs
 * bench/make-gp-fixture.py with /usr/bin/python3 (scikit-learn 1.2.1 GaussianProcessRegressor).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/lib/domain/random';
import { negBranin, negHartmann3 } from '../src/lib/research/study/samplers/gp-objectives';
import { GP_BOUNDS } from '../src/lib/research/study/samplers/gp-fit';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-gp-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/research/study/samplers/gp.fixture.json', import.meta.url));

interface Case {
	name: string;
	n: number;
	d: number;
	tests: number;
	f: (u: readonly number[]) => number;
	noise: number;
	hyper: { amplitude: number; lengthScales: number[]; noise: number };
}

const CASES: Case[] = [
	{
		name: 'branin',
		n: 12,
		d: 2,
		tests: 5,
		f: negBranin,
		noise: 0,
		hyper: { amplitude: 1.3, lengthScales: [0.3, 0.7], noise: 0.01 }
	},
	{
		name: 'smooth4',
		n: 30,
		d: 4,
		tests: 6,
		f: (u) => Math.sin(3 * u[0]) + u[1] ** 2 - u[2] * u[3],
		noise: 0.05,
		hyper: { amplitude: 0.8, lengthScales: [0.2, 0.5, 1, 2], noise: 1e-4 }
	},
	{
		name: 'hartmann3',
		n: 20,
		d: 3,
		tests: 6,
		f: negHartmann3,
		noise: 0.01,
		hyper: { amplitude: 2, lengthScales: [0.15, 0.25, 0.4], noise: 1e-3 }
	}
];

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-gp-'));
const meta = { bounds: GP_BOUNDS, cases: [] as object[] };
for (const c of CASES) {
	const rng = createRng(2024).fork(c.name);
	const X = Float64Array.from({ length: c.n * c.d }, () => rng.next());
	const Xt = Float64Array.from({ length: c.tests * c.d }, () => rng.next());
	const y = Float64Array.from(
		{ length: c.n },
		(_, i) => c.f(Array.from(X.subarray(i * c.d, (i + 1) * c.d))) + c.noise * rng.normal()
	);
	writeFileSync(join(dir, `${c.name}.X.f64`), f64Bytes(X));
	writeFileSync(join(dir, `${c.name}.Xt.f64`), f64Bytes(Xt));
	writeFileSync(join(dir, `${c.name}.y.f64`), f64Bytes(y));
	meta.cases.push({ name: c.name, n: c.n, d: c.d, tests: c.tests, hyper: c.hyper });
}
writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
runFixtureScript(SCRIPT, dir, [OUTPUT]);
