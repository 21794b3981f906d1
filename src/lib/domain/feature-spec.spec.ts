import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { trialSpecSchema } from './trial-spec';

/** SHA-256 of the canonical JSON of a parsed spec: what a stored trial's content hash is made of. */
const hashOf = (value: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));

function spec(features: unknown) {
	return {
		name: 'x',
		datasetId: 'sp500',
		target: { kind: 'forward_return', horizon: 5 },
		features,
		model: { id: 'ridge', params: { alpha: 2 } },
		validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
		strategy: { mode: 'long_short', costBps: 5 },
		seed: 42
	};
}

describe('specs without features.inputs keep their content hash', () => {
	// Pinned on the commit before features.inputs existed (6b42302).
	it.each([
		[{ set: 'daily_v1' }, '716bf97bb620ed6e279d0e581b20ca950f5a9efadd0e2b168f5a2c4c030be58e'],
		[{ set: 'trend_50_70_v1' }, '5e297d5d32c11180d865f105304e7a714c554c7ff86279b648ec587caeca217e'],
		[
			{
				set: 'generated_v1',
				families: ['trend', 'volume'],
				transforms: ['zscore'],
				depth: 2,
				lag: 5,
				selection: 0.1
			},
			'30e426e5a4941dc83fbb19b1e7a5c131b83eb55b4a48fa73e41369733bc3d50a'
		]
	])('%j hashes as before and parses without an inputs key', (features, hash) => {
		const parsed = trialSpecSchema.parse(spec(features));
		expect(parsed.features).not.toHaveProperty('inputs');
		expect(hashOf(parsed)).toBe(hash);
	});

	it('a spec with inputs hashes differently from the same spec without', () => {
		const withInputs = trialSpecSchema.parse(
			spec({ set: 'daily_v1', inputs: [{ kind: 'series', id: 'fred:DGS10', role: 'macro' }] })
		);
		expect(withInputs.features.inputs?.[0].lag).toEqual({ observations: 1 });
		expect(hashOf(withInputs)).not.toBe('716bf97bb620ed6e279d0e581b20ca950f5a9efadd0e2b168f5a2c4c030be58e');
	});
});
