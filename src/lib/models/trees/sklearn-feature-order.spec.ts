import { describe, expect, it } from 'vitest';
import { FeatureOrder, Mt19937, RandR } from './sklearn-feature-order';

describe('scikit-learn’s feature order, reproduced', () => {
	it('draws the tree seeds numpy’s RandomState(0).randint(0, 2**31 - 1) draws', () => {
		const mt = new Mt19937(0);
		expect([0, 1, 2, 3, 4].map(() => mt.randRSeed())).toEqual([
			209652396, 398764591, 924231285, 1478610112, 441365315
		]);
	});

	it('visits every non-constant feature once per node, and moves a newly constant one out of later draws', () => {
		const order = new FeatureOrder(5, new RandR(12345));
		const seen: number[] = [];
		const known = order.visit(0, (f) => {
			seen.push(f);
			return f === 2;
		});
		expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
		expect(known).toBe(1);
		const child: number[] = [];
		order.visit(known, (f) => {
			child.push(f);
			return false;
		});
		expect([...child].sort()).toEqual([0, 1, 3, 4]);
	});

	it('treats a zero xorshift state as sklearn’s DEFAULT_SEED 1', () => {
		expect(new RandR(0).int(0, 1000)).toBe(new RandR(1).int(0, 1000));
	});
});
