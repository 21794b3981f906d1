/**
 * Parameter descriptors: the catalog declares each model parameter as data (type, default, range, help), and
 * the zod schema that validates a params object is derived from it. Data first, so the UI can render a form,
 * a sampler can search a range and Claude can be told the limits, all from one declaration.
 */
import { z } from 'zod';

interface ParamBase {
	readonly description: string;
}

export interface IntParam extends ParamBase {
	readonly type: 'int';
	readonly default: number | null;
	readonly min: number;
	readonly max: number;
	/** `null` is allowed and means "no limit" (e.g. max_depth=None in scikit-learn). */
	readonly nullable?: boolean;
	readonly log?: boolean;
}

export interface FloatParam extends ParamBase {
	readonly type: 'float';
	readonly default: number;
	readonly min: number;
	readonly max: number;
	/** Search this range on a log scale. */
	readonly log?: boolean;
}

export interface BoolParam extends ParamBase {
	readonly type: 'bool';
	readonly default: boolean;
}

export interface EnumParam<C extends string = string> extends ParamBase {
	readonly type: 'enum';
	readonly default: C;
	readonly choices: readonly C[];
}

export interface IntListParam extends ParamBase {
	readonly type: 'int_list';
	readonly default: readonly number[];
	readonly minLength: number;
	readonly maxLength: number;
	readonly min: number;
	readonly max: number;
}

export interface FloatListParam extends ParamBase {
	readonly type: 'float_list';
	readonly default: readonly number[];
	readonly minLength: number;
	readonly maxLength: number;
	readonly min: number;
	readonly max: number;
}

export interface EnumListParam<C extends string = string> extends ParamBase {
	readonly type: 'enum_list';
	readonly default: readonly C[];
	readonly choices: readonly C[];
	readonly minLength: number;
	readonly maxLength: number;
}

export type ParamSpec =
	IntParam | FloatParam | BoolParam | EnumParam | IntListParam | FloatListParam | EnumListParam;

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** A rule between two parameters that one field's range cannot express (a fast period below a slow one). */
export interface ParamRule {
	readonly type: 'less_than';
	readonly left: string;
	readonly right: string;
}

/** Values a params object may hold. */
export type ParamValue = number | null | boolean | string | readonly number[] | readonly string[];

export type ParamValues = Record<string, ParamValue>;

/** The value type a descriptor admits once parsed (what its zod schema outputs). */
export type ParamValueOf<S extends ParamSpec> = S extends IntParam
	? S extends { readonly nullable: true }
		? number | null
		: number
	: S extends FloatParam
		? number
		: S extends BoolParam
			? boolean
			: S extends EnumParam<infer C>
				? C
				: S extends IntListParam | FloatListParam
					? number[]
					: S extends EnumListParam<infer C>
						? C[]
						: never;

/** A params object as the schema of `S` outputs it: every declared field present, defaults filled in. */
export type ParamsOfSpecs<S extends ParamSpecs> = { -readonly [K in keyof S]: ParamValueOf<S[K]> };

/** The zod schema of the params of `S`; its output type is {@link ParamsOfSpecs}. */
export type ParamsSchema<S extends ParamSpecs> = z.ZodType<ParamsOfSpecs<S>, unknown>;

export function fieldSchema(name: string, spec: ParamSpec): z.ZodType {
	switch (spec.type) {
		case 'int': {
			const base = z
				.number({ error: `${name} must be a whole number` })
				.int({ error: `${name} must be a whole number` })
				.min(spec.min, { error: `${name} must be at least ${spec.min}` })
				.max(spec.max, { error: `${name} must be at most ${spec.max}` });
			return spec.nullable ? base.nullable().default(spec.default) : base.default(spec.default as number);
		}
		case 'float':
			return z
				.number({ error: `${name} must be a number` })
				.refine(Number.isFinite, { error: `${name} must be finite` })
				.min(spec.min, { error: `${name} must be at least ${spec.min}` })
				.max(spec.max, { error: `${name} must be at most ${spec.max}` })
				.default(spec.default);
		case 'bool':
			return z.boolean({ error: `${name} must be true or false` }).default(spec.default);
		case 'enum':
			return z
				.enum(spec.choices as [string, ...string[]], {
					error: `${name} must be one of ${spec.choices.join(', ')}`
				})
				.default(spec.default);
		case 'int_list':
		case 'float_list': {
			let item = z
				.number({ error: `${name} must hold numbers` })
				.min(spec.min, { error: `each ${name} value must be at least ${spec.min}` })
				.max(spec.max, { error: `each ${name} value must be at most ${spec.max}` });
			if (spec.type === 'int_list') item = item.int({ error: `${name} must hold whole numbers` });
			return z
				.array(item)
				.min(spec.minLength, { error: `${name} needs at least ${spec.minLength} values` })
				.max(spec.maxLength, { error: `${name} takes at most ${spec.maxLength} values` })
				.default([...spec.default]);
		}
		case 'enum_list':
			return z
				.array(
					z.enum(spec.choices as [string, ...string[]], {
						error: `${name} values must be among ${spec.choices.join(', ')}`
					})
				)
				.min(spec.minLength, { error: `${name} needs at least ${spec.minLength} values` })
				.max(spec.maxLength, { error: `${name} takes at most ${spec.maxLength} values` })
				.default([...spec.default]);
	}
}

/**
 * The zod schema of a params object: every declared field with its default filled in, unknown keys refused
 * (a typo in a parameter name must not be silently ignored).
 */
export function paramsSchema<S extends ParamSpecs>(
	specs: S,
	rules: readonly ParamRule[] = []
): ParamsSchema<S> {
	const shape: Record<string, z.ZodType> = {};
	for (const [name, spec] of Object.entries(specs)) shape[name] = fieldSchema(name, spec);
	if (rules.length > 0) {
		const checked = z.strictObject(shape).superRefine((values, ctx) => {
			for (const rule of rules) {
				const a = values[rule.left];
				const b = values[rule.right];
				if (typeof a === 'number' && typeof b === 'number' && !(a < b)) {
					ctx.addIssue({
						code: 'custom',
						path: [rule.left],
						message: `${rule.left} (${a}) must be less than ${rule.right} (${b})`
					});
				}
			}
		});
		return checked as unknown as ParamsSchema<S>;
	}
	// The shape is built from the same descriptors that ParamsOfSpecs maps at the type level (fieldSchema's
	// cases mirror ParamValueOf's), so the object schema's output is exactly ParamsOfSpecs<S>; params.spec.ts
	// checks it value by value for every catalog entry.
	return z.strictObject(shape) as unknown as ParamsSchema<S>;
}

/** The defaults of every declared parameter. */
export function defaultParams(specs: ParamSpecs): ParamValues {
	const out: ParamValues = {};
	for (const [name, spec] of Object.entries(specs)) {
		const d = spec.default;
		// Lists are copied so a caller mutating its params cannot change the declared default.
		out[name] = Array.isArray(d) ? ([...d] as ParamValue) : (d as ParamValue);
	}
	return out;
}

/** A short human description of a parameter's range, for forms and the catalog page. */
export function describeRange(spec: ParamSpec): string {
	switch (spec.type) {
		case 'int':
		case 'float':
			return `${spec.min} – ${spec.max}${spec.type === 'int' && spec.nullable ? ' or none' : ''}`;
		case 'bool':
			return 'true / false';
		case 'enum':
			return spec.choices.join(' | ');
		case 'int_list':
		case 'float_list':
			return `${spec.minLength}–${spec.maxLength} values, each ${spec.min} – ${spec.max}`;
		case 'enum_list':
			return `${spec.minLength}–${spec.maxLength} of ${spec.choices.join(', ')}`;
	}
}
