/**
 * What every `bench/make-*-fixture.ts` shares: numbers written as little-endian float64 files for the reference
 * script to read, and the run of that script with Debian's python (scikit-learn, statsmodels), one thread, after
 * which the temp directory is removed and the committed JSON is formatted like the rest of the repository (so a
 * regenerated fixture diffs only where numbers moved). Fixtures are made by hand, never by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** SKLEARN_PYTHON overrides the interpreter; the pyenv python3 on PATH has no scikit-learn. */
export const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';

export function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

/** Runs `script dir outputs…`, removes `dir`, formats the outputs and exits with the first failure's status. */
export function runFixtureScript(script: string, dir: string, outputs: readonly string[]): never {
	const run = spawnSync(SYSTEM_PYTHON, [script, dir, ...outputs], {
		env: { ...process.env, OMP_NUM_THREADS: '1' },
		stdio: 'inherit'
	});
	rmSync(dir, { recursive: true, force: true });
	if (run.status !== 0) process.exit(run.status ?? 1);
	const pretty = spawnSync('npx', ['prettier', '--write', ...outputs], { stdio: 'inherit' });
	process.exit(pretty.status ?? 1);
}
