import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import fixture from './mi.fixture.json';
import { implementation } from './shannon-entropy-mutual-info.model';

describe('shannon_entropy_mutual_info on the S&P 500 daily returns', () => {
	it('reports for each lag what sklearn 1.2.1 mutual_info_regression reports, within 1e-4 nats (tie-breaking noise differs)', async () => {
		const data = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
		for (const k of ['1', '3', '10'] as const) {
			const result = await implementation.evaluate(
				data,
				{ n_neighbors: Number(k), max_lag: fixture.lags },
				{ rng: createRng(1) }
			);
			fixture.mutual_info_regression[k].forEach((want, j) => {
				const got = result.numbers.find((n) => n.key === `mi_lag_${j + 1}`)!.value;
				expect(Math.abs(got - want), `k ${k} lag ${j + 1}`).toBeLessThan(1e-4);
			});
			const entropy = result.numbers.find((n) => n.key === 'entropy')!.value;
			expect(entropy).toBeCloseTo(fixture.entropy_bits, 12);
		}
	});
});
