import { describe, expect, it } from 'vitest';
import { datasetAdmissible, modelAdmissible, paramsAdmissible } from './decisions';

const provenance = {
	source: 'polygon',
	origin: 'https://api.polygon.io/v2/aggs/ticker/SPY/range/1/day/2024-01-02/2024-03-01',
	retrievedAt: '2026-11-27T10:00:00.000Z',
	sha256: 'f'.repeat(64),
	rows: 3,
	firstT: 1,
	lastT: 3
};
const facts = {
	id: 'd',
	provenance,
	rows: 3,
	frequency: 'daily',
	content: { recorded: 'a'.repeat(64), actual: 'a'.repeat(64) }
};

describe('datasetAdmissible', () => {
	it('admits complete provenance from an approved source whose content is unchanged', () => {
		expect(datasetAdmissible(facts)).toEqual({ allowed: true, code: 'ok', reason: '' });
	});

	it.each([
		['a missing dataset', undefined, 'unknown_dataset'],
		['a dataset under another id', { ...facts, id: 'other' }, 'unknown_dataset'],
		['no provenance', { ...facts, provenance: undefined }, 'no_provenance'],
		['provenance without a hash', { ...facts, provenance: { ...provenance, sha256: 'x' } }, 'no_provenance'],
		[
			'an unapproved source',
			{ ...facts, provenance: { ...provenance, source: 'scraper' } },
			'unapproved_source'
		],
		['rows that disagree with provenance', { ...facts, rows: 2 }, 'row_mismatch'],
		['weekly bars', { ...facts, frequency: 'weekly' }, 'unsupported_frequency'],
		[
			'an edited content',
			{ ...facts, content: { recorded: 'a'.repeat(64), actual: 'b'.repeat(64) } },
			'content_mismatch'
		],
		[
			'no recorded content hash',
			{ ...facts, content: { recorded: undefined, actual: 'b'.repeat(64) } },
			'content_unrecorded'
		]
	] as const)('refuses %s', (_label, f, code) => {
		const d = datasetAdmissible(f, 'd');
		expect(d.allowed).toBe(false);
		expect(d.code).toBe(code);
		expect(d.reason.length).toBeGreaterThan(10);
	});
});

describe('modelAdmissible', () => {
	it('admits a runnable catalog model', () => expect(modelAdmissible('ridge').allowed).toBe(true));
	it('refuses a model outside the catalog', () =>
		expect(modelAdmissible('oracle').code).toBe('unknown_model'));
	it('refuses a catalog model that is not runnable, saying why', () => {
		const d = modelAdmissible('lstm');
		expect(d.code).toBe('model_not_runnable');
		expect(d.reason).toMatch(/not yet implemented/);
	});
});

describe('paramsAdmissible', () => {
	it('fills defaults for admitted parameters', () => {
		const d = paramsAdmissible('xgboost', {});
		expect(d.allowed).toBe(true);
		expect(d.params).toMatchObject({ max_depth: 6 });
	});
	it('refuses an out-of-range parameter and names it', () => {
		const d = paramsAdmissible('xgboost', { max_depth: 99 });
		expect(d.code).toBe('invalid_params');
		expect(d.issues.map((i) => i.path)).toEqual(['model.params.max_depth']);
	});
	it('refuses parameters of a model that is not admitted', () => {
		expect(paramsAdmissible('oracle', {}).code).toBe('unknown_model');
	});
});
