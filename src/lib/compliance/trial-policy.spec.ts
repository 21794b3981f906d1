import { describe, expect, it } from 'vitest';
import { checkTrial, type DatasetFacts } from './trial-policy';

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

function spec(patch: Record<string, unknown> = {}) {
	return {
		name: 'x',
		datasetId: 'sp500',
		target: { kind: 'forward_return', horizon: 5 },
		features: { set: 'daily_v1' },
		model: { id: 'xgboost', params: {} },
		validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
		strategy: { mode: 'long_short', costBps: 5 },
		seed: 42,
		...patch
	};
}

function paths(decision: ReturnType<typeof checkTrial>): string[] {
	return decision.allowed ? [] : decision.issues.map((i) => i.path);
}

describe('checkTrial', () => {
	it('admits a valid trial, fills in the model defaults and counts its folds', () => {
		const d = checkTrial(spec(), dataset);
		expect(d.allowed).toBe(true);
		if (!d.allowed) return;
		expect(d.spec.model.params).toMatchObject({ n_estimators: 100, max_depth: 6, learning_rate: 0.3 });
		// usable rows 49 .. 5100; first test at 49 + 1260 + 5 = 1314; (5100 - 1314) / 252 → 15 full windows
		expect(d.folds).toBe(15);
	});

	it('refuses a model that is not in the catalog', () => {
		const d = checkTrial(spec({ model: { id: 'magic_oracle', params: {} } }), dataset);
		expect(paths(d)).toEqual(['model.id']);
	});

	it('refuses a catalog model that is not yet implemented, saying so', () => {
		const d = checkTrial(spec({ model: { id: 'lstm', params: {} } }), dataset);
		expect(d.allowed).toBe(false);
		if (!d.allowed) expect(d.issues[0].message).toMatch(/not yet implemented/);
	});

	it('refuses a procedure that runs as a study as a trial model, saying how it runs', () => {
		const d = checkTrial(spec({ model: { id: 'hyperparameter_evolution', params: {} } }), dataset);
		expect(d.allowed).toBe(false);
		if (!d.allowed) {
			expect(d.code).toBe('model_not_runnable');
			expect(d.issues[0]).toMatchObject({
				path: 'model.id',
				message: expect.stringMatching(/runs as a study/)
			});
		}
	});

	it('refuses an unavailable model with its reason', () => {
		const d = checkTrial(spec({ model: { id: 'finbert_sentiment_classifier', params: {} } }), dataset);
		if (!d.allowed) expect(d.issues[0].message).toMatch(/unavailable: .+/);
		else throw new Error('should be refused');
	});

	it('refuses an out-of-range parameter, naming it', () => {
		const d = checkTrial(spec({ model: { id: 'xgboost', params: { max_depth: 99 } } }), dataset);
		expect(paths(d)).toEqual(['model.params.max_depth']);
	});

	it('refuses an embargo shorter than the horizon', () => {
		const d = checkTrial(
			spec({ validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 3 } }),
			dataset
		);
		expect(paths(d)).toEqual(['validation.embargo']);
	});

	it('reports every problem at once: a bad embargo and a bad parameter together', () => {
		const d = checkTrial(
			spec({
				model: { id: 'ridge', params: { alpha: -1 } },
				validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 1 }
			}),
			dataset
		);
		expect(paths(d).sort()).toEqual(['model.params.alpha', 'validation.embargo']);
	});

	it('refuses a dataset without provenance: nothing trains without it', () => {
		const d = checkTrial(spec(), { id: 'sp500', provenance: undefined, rows: 5_105 });
		expect(paths(d)).toEqual(['datasetId']);
		if (!d.allowed) expect(d.issues[0].message).toMatch(/no valid provenance/);
	});

	it('refuses data from a source that is not approved', () => {
		const d = checkTrial(spec(), { ...dataset, provenance: { ...provenance, source: 'made_up_generator' } });
		if (!d.allowed) expect(d.issues[0].message).toMatch(/not an approved source/);
		else throw new Error('should be refused');
	});

	it('refuses a dataset whose row count disagrees with its provenance', () => {
		expect(paths(checkTrial(spec(), { ...dataset, rows: 5_000 }))).toEqual(['datasetId']);
	});

	it('refuses a dataset that does not exist', () => {
		expect(paths(checkTrial(spec(), undefined))).toEqual(['datasetId']);
	});

	it('refuses a split that leaves no room for one fold', () => {
		const d = checkTrial(
			spec({ validation: { mode: 'rolling', trainLength: 5_000, testLength: 252, step: 252, embargo: 5 } }),
			dataset
		);
		expect(paths(d)).toEqual(['validation.trainLength']);
		// It says what would fit: 5,051 usable rows − 5 embargo − 252 test rows.
		expect(d.allowed ? '' : d.reason).toMatch(/at most 4794 training rows fit with 252 test rows/);
	});

	it('on a five-year file, says which settings would fit when even the training window cannot shrink enough', () => {
		const short: DatasetFacts = { ...dataset, rows: 300, provenance: { ...provenance, rows: 300 } };
		const d = checkTrial(
			spec({ validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 } }),
			short
		);
		expect(d.allowed ? '' : d.reason).toMatch(/settings that fit: train \d+, test 24, step 24, embargo 5/);
	});

	it('asks a classifier for the direction and refuses confidence sizing for other models', () => {
		const logit = checkTrial(spec({ model: { id: 'logistic_regression', params: {} } }), dataset);
		expect(paths(logit)).toEqual(['target.kind']);
		const sized = checkTrial(
			spec({ strategy: { mode: 'long_short', sizing: 'confidence', costBps: 5 } }),
			dataset
		);
		expect(paths(sized)).toEqual(['strategy.sizing']);
		const ok = checkTrial(
			spec({
				model: { id: 'logistic_regression', params: {} },
				target: { kind: 'direction', horizon: 5 },
				strategy: { mode: 'long_short', sizing: 'confidence', costBps: 5 }
			}),
			dataset
		);
		expect(ok.allowed).toBe(true);
		if (ok.allowed) expect(ok.task).toBe('classification');
	});

	it('refuses a fast EMA span that is not below the slow one, naming the field', () => {
		const d = checkTrial(
			spec({ model: { id: 'ema_crossover_model', params: { fast_period: 30, slow_period: 20 } } }),
			dataset
		);
		expect(d.allowed ? '' : d.reason).toMatch(/fast_period \(30\) must be less than slow_period \(20\)/);
	});

	it('refuses horizons and costs outside their ranges', () => {
		expect(paths(checkTrial(spec({ target: { kind: 'forward_return', horizon: 90 } }), dataset))).toContain(
			'target.horizon'
		);
		expect(paths(checkTrial(spec({ strategy: { mode: 'long_short', costBps: -1 } }), dataset))).toEqual([
			'strategy.costBps'
		]);
	});
});

describe('checkTrial decision codes', () => {
	const code = (d: ReturnType<typeof checkTrial>) => d.code;

	it('says ok with an empty reason when admitted', () => {
		const d = checkTrial(spec(), dataset);
		expect([d.allowed, d.code, d.reason]).toEqual([true, 'ok', '']);
	});

	it('names the first failing rule as the code and every problem in the reason', () => {
		expect(code(checkTrial(spec({ model: { id: 'magic_oracle', params: {} } }), dataset))).toBe(
			'unknown_model'
		);
		expect(code(checkTrial(spec({ model: { id: 'lstm', params: {} } }), dataset))).toBe('model_not_runnable');
		expect(code(checkTrial(spec({ model: { id: 'xgboost', params: { max_depth: 99 } } }), dataset))).toBe(
			'invalid_params'
		);
		expect(
			code(
				checkTrial(
					spec({
						validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 3 }
					}),
					dataset
				)
			)
		).toBe('embargo_too_short');
		expect(code(checkTrial(spec(), { ...dataset, provenance: { ...provenance, source: 'made_up' } }))).toBe(
			'unapproved_source'
		);
		expect(code(checkTrial(spec(), undefined))).toBe('unknown_dataset');
		const both = checkTrial(
			spec({
				model: { id: 'ridge', params: { alpha: -1 } },
				validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 1 }
			}),
			dataset
		);
		expect(both.reason).toMatch(/alpha/);
		expect(both.reason).toMatch(/embargo/);
	});

	it('refuses a dataset whose stored content no longer matches its recorded hash, with both hashes named', () => {
		const d = checkTrial(spec(), {
			...dataset,
			content: { recorded: 'a'.repeat(64), actual: 'b'.repeat(64) }
		});
		expect(d.code).toBe('content_mismatch');
		expect(d.reason).toMatch(/no longer matches.*recorded a{12}….*now b{12}…/);
	});

	it('admits a dataset whose content hash matches', () => {
		expect(
			checkTrial(spec(), { ...dataset, content: { recorded: 'c'.repeat(64), actual: 'c'.repeat(64) } })
				.allowed
		).toBe(true);
	});

	it('refuses intraday bars: trial metrics annualise over daily bars', () => {
		expect(code(checkTrial(spec(), { ...dataset, frequency: 'intraday' }))).toBe('unsupported_frequency');
	});
});
