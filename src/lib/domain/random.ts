/**
 * Seeded pseudo-random numbers for algorithms (bootstrap, subsampling, weight initialisation).
 * Product code never calls Math.random: every result must be reproducible from its recorded seed.
 *
 * The generator is sfc32 (Small Fast Counter, 128-bit state), seeded through splitmix32 so that nearby seeds
 * give unrelated streams.
 */

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform integer in [0, n). */
	int(n: number): number;
	/** Standard normal (Box-Muller). */
	normal(): number;
	/** A 32-bit unsigned integer, e.g. to seed another library. */
	uint32(): number;
	/** An independent generator derived from this one and a label; does not advance this generator. */
	fork(label: string): Rng;
	/** The seed this generator was created from. */
	readonly seed: number;
}

function splitmix32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** FNV-1a hash of a string, used to derive fork seeds from labels. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

export function createRng(seed: number): Rng {
	if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
	const init = splitmix32(Math.floor(seed) >>> 0);
	let a = init();
	let b = init();
	let c = init();
	let d = init();
	const uint32 = (): number => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t;
	};
	// Warm up so that the first outputs do not echo the seeding.
	for (let i = 0; i < 12; i++) uint32();
	let spare: number | null = null;
	const next = (): number => uint32() / 4294967296;
	return {
		seed,
		next,
		uint32,
		int(n: number): number {
			if (!(n >= 1)) throw new RangeError(`int(n) needs n >= 1, got ${n}`);
			return Math.floor(next() * n);
		},
		normal(): number {
			if (spare !== null) {
				const v = spare;
				spare = null;
				return v;
			}
			let u = 0;
			while (u === 0) u = next();
			const v = next();
			const r = Math.sqrt(-2 * Math.log(u));
			spare = r * Math.sin(2 * Math.PI * v);
			return r * Math.cos(2 * Math.PI * v);
		},
		fork(label: string): Rng {
			return createRng((hashString(label) ^ Math.imul(Math.floor(seed) >>> 0, 0x9e3779b1)) >>> 0);
		}
	};
}

/** Fisher-Yates shuffle of an index array in place. */
export function shuffleInPlace(values: Int32Array | number[], rng: Rng): void {
	for (let i = values.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		const tmp = values[i];
		values[i] = values[j];
		values[j] = tmp;
	}
}
