import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import { feedbackTrialOf } from '../research/feedback-trial';
import { randomTrial } from '../testing/random-trials';
import { decodeDigests, DIGESTS_FORMAT, encodeDigests } from './feedback-digests';

const SEED = 21;
const T0 = Date.UTC(2024, 0, 1);

function digests(n: number, seed = SEED) {
	const rng = createRng(seed);
	return Array.from({ length: n }, (_, i) => feedbackTrialOf(randomTrial(rng, `t${i}`, T0 + i * 60_000)));
}

describe('the stored feedback digests', () => {
	it(`read back equal to what was stored, through IndexedDB's structured clone (seed ${SEED})`, () => {
		const ds = digests(300);
		expect(ds.some((d) => d.data === null) && ds.some((d) => d.summary === null)).toBe(true);
		expect(ds.some((d) => d.summary?.classification) && ds.some((d) => d.summary?.regression)).toBe(true);
		expect(ds.some((d) => d.startedAt === null) && ds.some((d) => d.error !== null)).toBe(true);
		expect(decodeDigests(structuredClone(encodeDigests(ds)))).toEqual(ds);
		expect(decodeDigests(encodeDigests([]))).toEqual([]);
	});

	it('store each distinct setup once, with every trial’s name, seed and params apart', () => {
		const stored = encodeDigests(digests(300));
		// 3 models × 3 series × 2 versions: the setup is the spec less name, seed and params.
		expect(stored.setups.length).toBeLessThanOrEqual(18);
		expect(stored.names).toHaveLength(300);
		expect(new Set(stored.names).size).toBe(300);
		expect(stored.params[0]).toHaveProperty('alpha');
		expect(stored.setups[0]).toMatchObject({ name: '', seed: 0, model: { params: {} } });
	});

	it('are ignored (null: build them again) when absent, of another format or malformed', () => {
		const good = encodeDigests(digests(20));
		expect(decodeDigests(undefined)).toBeNull();
		expect(decodeDigests({ ...good, format: DIGESTS_FORMAT + 1 })).toBeNull();
		expect(decodeDigests({ ...good, names: good.names.slice(1) })).toBeNull();
		expect(decodeDigests({ ...good, figures: good.figures.slice(1) })).toBeNull();
		expect(decodeDigests({ ...good, status: good.status.map(() => 9) })).toBeNull();
		expect(decodeDigests({ ...good, setupOf: good.setupOf.map(() => good.setups.length) })).toBeNull();
		expect(decodeDigests({ ...good, times: Array.from(good.times) })).toBeNull();
		const badSetup = { ...(good.setups[0] as object), strategy: { mode: 'long_short', costBps: -1 } };
		expect(decodeDigests({ ...good, setups: [badSetup, ...good.setups.slice(1)] })).toBeNull();
		expect(decodeDigests(good)).toHaveLength(20);
	});
});
