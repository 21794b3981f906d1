/**
 * scikit-learn's order of visiting features at a tree node, reproduced so that our exact trees break exact ties
 * (two columns inducing the same partition) the way GradientBoostingRegressor(random_state=0) does.
 *
 * sklearn 1.2: the estimator's numpy RandomState (MT19937, legacy seeding) gives each tree's splitter one draw,
 * `randint(0, RAND_R_MAX)`; the splitter then draws features at each node with its own xorshift `our_rand_r`,
 * Fisher–Yates style over one `features` array kept across the nodes of a tree, skipping features known or found
 * constant in the node (BestSplitter.node_split). This module is those two generators and that bookkeeping.
 */

/** sklearn's _utils.pxd RAND_R_MAX (2^31 − 1). */
const RAND_R_MAX = 0x7fffffff;
/** sklearn's DEFAULT_SEED for a zero xorshift state. */
const DEFAULT_SEED = 1;

/** MT19937 as numpy's legacy RandomState(seed) runs it. */
export class Mt19937 {
	private readonly mt = new Uint32Array(624);
	private index = 624;

	constructor(seed: number) {
		this.mt[0] = seed >>> 0;
		for (let i = 1; i < 624; i++) {
			const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
			// 1812433253 · prev + i in 32 bits, split to stay exact in doubles.
			this.mt[i] =
				(((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
		}
	}

	nextUint32(): number {
		const mt = this.mt;
		if (this.index >= 624) {
			for (let k = 0; k < 624; k++) {
				const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
				mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
			}
			this.index = 0;
		}
		let y = mt[this.index++];
		y ^= y >>> 11;
		y ^= (y << 7) & 0x9d2c5680;
		y ^= (y << 15) & 0xefc60000;
		y ^= y >>> 18;
		return y >>> 0;
	}

	/** numpy's RandomState.randint(0, RAND_R_MAX): masked rejection on 32-bit draws. */
	randRSeed(): number {
		const max = RAND_R_MAX - 1;
		for (;;) {
			const v = this.nextUint32() & 0x7fffffff;
			if (v <= max) return v;
		}
	}
}

/** sklearn's our_rand_r / rand_int on one 32-bit xorshift state. */
export class RandR {
	constructor(private state: number) {}

	int(low: number, high: number): number {
		let s = this.state >>> 0;
		if (s === 0) s = DEFAULT_SEED;
		s = (s ^ (s << 13)) >>> 0;
		s = (s ^ (s >>> 17)) >>> 0;
		s = (s ^ (s << 5)) >>> 0;
		this.state = s;
		return low + ((s % (RAND_R_MAX + 1)) % (high - low));
	}
}

/**
 * One tree's feature bookkeeping (BestSplitter's `features` and `constant_features`). `visit` runs node_split's
 * drawing loop: it calls `evaluate(f)` for each feature drawn in order, which answers whether the feature is constant
 * in the node, and returns the node's count of known constant features for its children.
 */
export class FeatureOrder {
	private readonly features: Int32Array;
	private readonly constants: Int32Array;

	constructor(
		private readonly p: number,
		private readonly rand: RandR
	) {
		this.features = Int32Array.from({ length: p }, (_, i) => i);
		this.constants = new Int32Array(p);
	}

	visit(knownConstants: number, isConstant: (f: number) => boolean): number {
		const { features, constants, rand, p } = this;
		let fi = p;
		let visited = 0;
		let found = 0;
		let drawn = 0;
		let total = knownConstants;
		while (fi > total && (visited < p || visited <= found + drawn)) {
			visited++;
			let fj = rand.int(drawn, fi - found);
			if (fj < knownConstants) {
				const t = features[drawn];
				features[drawn] = features[fj];
				features[fj] = t;
				drawn++;
				continue;
			}
			fj += found;
			const f = features[fj];
			if (isConstant(f)) {
				features[fj] = features[total];
				features[total] = f;
				found++;
				total++;
			} else {
				fi--;
				features[fj] = features[fi];
				features[fi] = f;
			}
		}
		// The order of the known constants is restored for siblings and children; new ones are recorded.
		features.set(constants.subarray(0, knownConstants), 0);
		constants.set(features.subarray(knownConstants, knownConstants + found), knownConstants);
		return total;
	}
}
