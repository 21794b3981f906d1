/**
 * A study's search space: the dimensions a sampler chooses, derived from a catalog entry's parameter schema
 * (catalog/params.ts) and narrowed by the user (a smaller range, log scale, some parameters fixed). Pure.
 *
 * Samplers work in the unit cube: every dimension maps to [0, 1) and back (`toUnit` / `fromUnit`), so one
 * sampler serves floats, integers (rounded after the map), log scales and categories (equal-width cells).
 */
import type { ParamSpec, ParamSpecs } from '../../catalog/params';

/** A value a sampled parameter can take. */
export type ParamValue = number | string | boolean | null;
export type Params = Readonly<Record<string, ParamValue>>;

export type Dimension =
	| {
			readonly kind: 'float';
			readonly name: string;
			readonly low: number;
			readonly high: number;
			readonly log: boolean;
	  }
	| {
			readonly kind: 'int';
			readonly name: string;
			readonly low: number;
			readonly high: number;
			readonly log: boolean;
	  }
	| { readonly kind: 'categorical'; readonly name: string; readonly choices: readonly ParamValue[] };

export type SearchSpace = readonly Dimension[];

/** How the user narrows one parameter: a range (and scale), a set of choices, or one fixed value. */
export type Narrowing =
	| { readonly range: readonly [number, number]; readonly log?: boolean }
	| { readonly choices: readonly ParamValue[] }
	| { readonly fixed: ParamValue };

export class SpaceError extends Error {
	readonly code = 'invalid_space';
	constructor(message: string) {
		super(message);
		this.name = 'SpaceError';
	}
}

/** One parameter's full dimension from its catalog spec; null for list parameters (they can only be fixed). */
export function dimensionOf(name: string, spec: ParamSpec): Dimension | null {
	switch (spec.type) {
		case 'float':
			return { kind: 'float', name, low: spec.min, high: spec.max, log: spec.log === true && spec.min > 0 };
		case 'int':
			return { kind: 'int', name, low: spec.min, high: spec.max, log: spec.log === true && spec.min > 0 };
		case 'bool':
			return { kind: 'categorical', name, choices: [false, true] };
		case 'enum':
			return { kind: 'categorical', name, choices: [...spec.choices] };
		default:
			return null;
	}
}

/**
 * The space a study searches: every parameter of the schema that `narrow` does not fix, with the user's range
 * and scale where given. Returns the dimensions and the fixed values (the schema's default for parameters that
 * cannot be searched and were not fixed). Throws SpaceError naming the parameter when a narrowing does not fit.
 */
export function buildSpace(
	specs: ParamSpecs,
	narrow: Readonly<Record<string, Narrowing>> = {}
): { space: SearchSpace; fixed: Record<string, unknown> } {
	const space: Dimension[] = [];
	const fixed: Record<string, unknown> = {};
	for (const name of Object.keys(narrow))
		if (!(name in specs)) throw new SpaceError(`${name} is not a parameter of this model`);
	for (const [name, spec] of Object.entries(specs)) {
		const n = narrow[name];
		const full = dimensionOf(name, spec);
		if (n && 'fixed' in n) {
			fixed[name] = n.fixed;
			continue;
		}
		if (!full) {
			if (n) throw new SpaceError(`${name} is a list parameter: it can be fixed but not searched`);
			fixed[name] = spec.default;
			continue;
		}
		if (!n) {
			space.push(full);
			continue;
		}
		if ('range' in n) {
			if (full.kind === 'categorical') throw new SpaceError(`${name} takes choices, not a range`);
			const [low, high] = n.range;
			if (!(low < high)) throw new SpaceError(`${name}: the range [${low}, ${high}] is empty`);
			if (low < full.low || high > full.high)
				throw new SpaceError(
					`${name}: [${low}, ${high}] is outside the model's range [${full.low}, ${full.high}]`
				);
			if (full.kind === 'int' && (!Number.isInteger(low) || !Number.isInteger(high)))
				throw new SpaceError(`${name} is a whole number: its range needs whole-number ends`);
			const log = n.log ?? full.log;
			if (log && !(low > 0)) throw new SpaceError(`${name}: a log scale needs a range above 0`);
			space.push({ ...full, low, high, log });
		} else {
			if (n.choices.length < 2) throw new SpaceError(`${name}: choose at least two values, or fix one`);
			if (full.kind === 'categorical') {
				const bad = n.choices.find((c) => !full.choices.includes(c));
				if (bad !== undefined) throw new SpaceError(`${name}: ${String(bad)} is not one of its choices`);
			} else {
				const bad = n.choices.find(
					(c) =>
						typeof c !== 'number' ||
						c < full.low ||
						c > full.high ||
						(full.kind === 'int' && !Number.isInteger(c))
				);
				if (bad !== undefined)
					throw new SpaceError(`${name}: ${String(bad)} is outside [${full.low}, ${full.high}]`);
			}
			space.push({ kind: 'categorical', name, choices: [...new Set(n.choices)] });
		}
	}
	return { space, fixed };
}

/** A dimension's value from a point u in [0, 1) (u = 1 is clamped into the top cell). */
export function fromUnit(d: Dimension, u: number): ParamValue {
	const x = Math.min(Math.max(u, 0), 1);
	if (d.kind === 'categorical')
		return d.choices[Math.min(d.choices.length - 1, Math.floor(x * d.choices.length))];
	if (d.kind === 'float') {
		if (d.log) return Math.exp(Math.log(d.low) + x * (Math.log(d.high) - Math.log(d.low)));
		return d.low + x * (d.high - d.low);
	}
	// Integers: equal-width cells over [low − ½, high + ½] (in log space when log), so each value is as likely.
	const lo = d.log ? Math.log(d.low - 0.5 > 0 ? d.low - 0.5 : d.low) : d.low - 0.5;
	const hi = d.log ? Math.log(d.high + 0.5) : d.high + 0.5;
	const v = lo + x * (hi - lo);
	const raw = d.log ? Math.exp(v) : v;
	return Math.min(d.high, Math.max(d.low, Math.round(raw)));
}

/** The centre of a value's cell in [0, 1]: the inverse of fromUnit (exact for floats). */
export function toUnit(d: Dimension, value: ParamValue): number {
	if (d.kind === 'categorical') {
		const i = d.choices.indexOf(value);
		if (i < 0) throw new SpaceError(`${d.name}: ${String(value)} is not one of its choices`);
		return (i + 0.5) / d.choices.length;
	}
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw new SpaceError(`${d.name}: expected a number, got ${String(value)}`);
	if (d.kind === 'float') {
		if (d.log) return (Math.log(value) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low));
		return (value - d.low) / (d.high - d.low);
	}
	const lo = d.log ? Math.log(d.low - 0.5 > 0 ? d.low - 0.5 : d.low) : d.low - 0.5;
	const hi = d.log ? Math.log(d.high + 0.5) : d.high + 0.5;
	const v = d.log ? Math.log(value) : value;
	return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

/** Params from a point of the unit cube, one coordinate per dimension in space order. */
export function paramsFromUnit(space: SearchSpace, u: ArrayLike<number>): Record<string, ParamValue> {
	const out: Record<string, ParamValue> = {};
	space.forEach((d, i) => (out[d.name] = fromUnit(d, u[i])));
	return out;
}

/** A stable key of a parameter set over the space's dimensions (for duplicates and grid bookkeeping). */
export function paramsKey(space: SearchSpace, params: Params): string {
	return JSON.stringify(space.map((d) => params[d.name] ?? null));
}
