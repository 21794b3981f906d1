import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonical-json';
import { trialSpecSchema } from '../domain/trial-spec';
import { requireEntry } from '../catalog/catalog';
import { checkTrial, type DatasetFacts } from './trial-policy';
import { MAX_NESTED_FITS_PER_FOLD } from './tune-policy';

const provenance = {
	source: 'yahoo',
	origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
	retrievedAt: '2026-11-27T10:00:00.000Z',
	sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
	rows: 5_105,
	firstT: 946_857_600_000,
	lastT: 1_587_081_600_000
};
const dataset: DatasetFacts = { id: 'sp500', provenance, rows: 5_105 };

function spec(model: Record<string, unknown>, patch: Record<string, unknown> = {}) {
	return {
		name: 'x',
		datasetId: 'sp500',
		target: { kind: 'forward_return', horizon: 5 },
		features: { set: 'daily_v1' },
		model,
		validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
		strategy: { mode: 'long_short', costBps: 5 },
		seed: 42,
		...patch
	};
}

const hashOf = (value: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));

function paths(decision: ReturnType<typeof checkTrial>): string[] {
	return decision.allowed ? [] : decision.issues.map((i) => i.path);
}

function messages(decision: ReturnType<typeof checkTrial>): string {
	return decision.allowed ? '' : decision.issues.map((i) => i.message).join(' | ');
}

const nestedRidge = {
	id: 'ridge',
	params: {},
	tune: { alpha: [0.1, 1, 10] },
	tuneWindow: { windowSize: 252, stepSize: 22 }
};

describe('checkTrial with nested tuning (walk_forward_optimization)', () => {
	it('admits a learner with a grid and an inner walk-forward, keeping both in the spec', () => {
		const d = checkTrial(spec(nestedRidge), dataset);
		expect(d.allowed).toBe(true);
		if (!d.allowed) return;
		expect(d.spec.model).toEqual({
			id: 'ridge',
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: [0.1, 1, 10] },
			tuneWindow: { windowSize: 252, stepSize: 22 }
		});
	});

	it('admits a signal with an inner walk-forward too', () => {
		const d = checkTrial(
			spec({ ...nestedRidge, id: 'ema_crossover_model', tune: { fast_period: [8, 12] } }),
			dataset
		);
		expect(d.allowed).toBe(true);
	});

	it('refuses a grid on a learner without model.tuneWindow, saying what to add', () => {
		const d = checkTrial(spec({ id: 'ridge', params: {}, tune: { alpha: [0.1, 1] } }), dataset);
		expect(paths(d)).toEqual(['model.tuneWindow']);
		expect(messages(d)).toMatch(/nested walk-forward: set model.tuneWindow \{ windowSize, stepSize \}/);
	});

	it('refuses model.tuneWindow without model.tune', () => {
		const d = checkTrial(
			spec({ id: 'ridge', params: {}, tuneWindow: { windowSize: 252, stepSize: 22 } }),
			dataset
		);
		expect(paths(d)).toEqual(['model.tuneWindow']);
		expect(messages(d)).toMatch(/add model.tune or remove it/);
	});

	it('refuses inner sizes outside the catalog procedure’s ranges, naming the field', () => {
		const small = checkTrial(spec({ ...nestedRidge, tuneWindow: { windowSize: 99, stepSize: 22 } }), dataset);
		expect(paths(small)).toEqual(['model.tuneWindow.windowSize']);
		expect(messages(small)).toMatch(/100/);
		const big = checkTrial(spec({ ...nestedRidge, tuneWindow: { windowSize: 252, stepSize: 101 } }), dataset);
		expect(paths(big)).toEqual(['model.tuneWindow.stepSize']);
		const zero = checkTrial(spec({ ...nestedRidge, tuneWindow: { windowSize: 252, stepSize: 0 } }), dataset);
		expect(paths(zero)).toEqual(['model.tuneWindow.stepSize']);
	});

	it('refuses a training window that cannot hold one inner fold, with the rows it needs', () => {
		// 300 training rows < 252 + 5 + 50 = 307.
		const d = checkTrial(
			spec(
				{ ...nestedRidge, tuneWindow: { windowSize: 252, stepSize: 50 } },
				{ validation: { mode: 'rolling', trainLength: 300, testLength: 252, step: 252, embargo: 5 } }
			),
			dataset
		);
		expect(paths(d)).toEqual(['model.tuneWindow']);
		expect(messages(d)).toMatch(/training window \(300 rows\) must hold at least one inner fold.*= 307 rows/);
		// 307 rows hold exactly one.
		const one = checkTrial(
			spec(
				{ ...nestedRidge, tuneWindow: { windowSize: 252, stepSize: 50 } },
				{ validation: { mode: 'rolling', trainLength: 307, testLength: 252, step: 252, embargo: 5 } }
			),
			dataset
		);
		expect(one.allowed).toBe(true);
	});

	it('refuses more than MAX_NESTED_FITS_PER_FOLD inner fits on the largest training window', () => {
		// Expanding: the last fold trains on ≈ 4,800 rows; 25 combinations × ⌊(4,800 − 100 − 5) / 1⌋ inner folds.
		const d = checkTrial(
			spec(
				{
					id: 'ridge',
					params: {},
					tune: { alpha: [0.1, 0.3, 1, 3, 10], fit_intercept: [true, false] },
					tuneWindow: { windowSize: 100, stepSize: 1 }
				},
				{ validation: { mode: 'expanding', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 } }
			),
			dataset
		);
		expect(paths(d)).toEqual(['model.tuneWindow.stepSize']);
		expect(messages(d)).toMatch(
			/nested tuning would fit \d+ models on a fold \(10 combinations × \d+ inner folds/
		);
		expect(MAX_NESTED_FITS_PER_FOLD).toBe(2_000);
	});

	it('refuses a grid on a model that is neither a signal nor a learner', () => {
		const d = checkTrial(
			spec({ id: 'black_scholes', params: {}, tune: { volatility: [0.1, 0.2] } }),
			dataset
		);
		expect(paths(d)).toContain('model.tune');
		expect(messages(d)).toMatch(/black_scholes is neither/);
	});

	it('refuses walk_forward_optimization as a trial’s own model, saying how it runs', () => {
		const d = checkTrial(spec({ id: 'walk_forward_optimization', params: {} }), dataset);
		expect(d.allowed).toBe(false);
		if (d.allowed) return;
		expect(d.code).toBe('model_not_runnable');
		expect(d.issues[0]).toMatchObject({ path: 'model.id' });
		expect(d.issues[0].message).toMatch(/is a procedure that runs as nested tuning of a trial, not a model/);
	});

	it('takes its inner-size ranges from the catalog entry walk_forward_optimization', () => {
		const entry = requireEntry('walk_forward_optimization');
		expect(entry.params.window_size).toMatchObject({ type: 'int', default: 252, min: 100, max: 1000 });
		expect(entry.params.step_size).toMatchObject({ type: 'int', default: 22, min: 1, max: 100 });
	});
});

describe('specs without model.tuneWindow keep their content hash', () => {
	// Pinned on the commit before model.tuneWindow existed (fbd884c): SHA-256 of the canonical JSON of the parsed
	// spec and of the gateway's normalised spec, for an untuned learner and a tuned signal.
	it('an untuned ridge spec hashes as before, parsed and after the gateway', () => {
		const input = spec({ id: 'ridge', params: { alpha: 2 } });
		expect(hashOf(trialSpecSchema.parse(input))).toBe(
			'716bf97bb620ed6e279d0e581b20ca950f5a9efadd0e2b168f5a2c4c030be58e'
		);
		const d = checkTrial(input, dataset);
		if (!d.allowed) throw new Error(d.reason);
		expect(d.spec.model).not.toHaveProperty('tuneWindow');
		expect(hashOf(d.spec)).toBe('1f4a45b594a79cbe3e7d874f9112d31764aab69d8305493d9165b1820923d1ff');
	});

	it('a tuned signal spec hashes as before, parsed and after the gateway', () => {
		const input = spec({ id: 'ema_crossover_model', params: {}, tune: { fast_period: [8, 12] } });
		expect(hashOf(trialSpecSchema.parse(input))).toBe(
			'4b6eb57e77e4fa0c6352634ac5f7493615e4f25066d5c8b34c91d10952bdd945'
		);
		const d = checkTrial(input, dataset);
		if (!d.allowed) throw new Error(d.reason);
		expect(hashOf(d.spec)).toBe('21bba138385b99ba830de55858d5e31be029385e2ddfb22818a7fd8a9255b52b');
	});
});
