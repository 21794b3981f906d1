/**
 * Short constructors for parameter descriptors and statuses, so the entry files read as a table rather than
 * as nested object literals. They add nothing to the descriptors: each returns exactly the `ParamSpec` shape.
 */
import type {
	BoolParam,
	EnumListParam,
	EnumParam,
	FloatListParam,
	FloatParam,
	IntListParam,
	IntParam
} from '../params';
import type { DeclaredStatus } from '../types';

/** Declared for every entry a user could run: it becomes 'runnable' when src/lib/models holds its module
 * (catalog.ts derives that from the model files; see scripts/vite-model-ids.ts). */
export const NOT_IMPLEMENTED: DeclaredStatus = 'not_implemented';

/** An entry that cannot run, with a reason written for the user. */
export function unavailable(reason: string): DeclaredStatus {
	return { unavailable: reason };
}

export function int(
	value: number,
	min: number,
	max: number,
	description: string,
	options: { log?: boolean } = {}
): IntParam {
	return { type: 'int', default: value, min, max, description, ...options };
}

/** An integer that may also be `null`, meaning "no limit"; its default is `null`. */
export function intOrNone(
	min: number,
	max: number,
	description: string
): IntParam & { readonly nullable: true } {
	return { type: 'int', default: null, min, max, nullable: true, description };
}

export function float(
	value: number,
	min: number,
	max: number,
	description: string,
	options: { log?: boolean } = {}
): FloatParam {
	return { type: 'float', default: value, min, max, description, ...options };
}

export function bool(value: boolean, description: string): BoolParam {
	return { type: 'bool', default: value, description };
}

export function oneOf<const C extends readonly string[]>(
	value: C[number],
	choices: C,
	description: string
): EnumParam<C[number]> {
	return { type: 'enum', default: value, choices, description };
}

interface ListShape {
	readonly minLength: number;
	readonly maxLength: number;
	readonly min: number;
	readonly max: number;
}

export function intList(value: readonly number[], shape: ListShape, description: string): IntListParam {
	return { type: 'int_list', default: value, ...shape, description };
}

export function floatList(value: readonly number[], shape: ListShape, description: string): FloatListParam {
	return { type: 'float_list', default: value, ...shape, description };
}

export function someOf<const C extends readonly string[]>(
	value: readonly C[number][],
	choices: C,
	description: string,
	length: { minLength?: number; maxLength?: number } = {}
): EnumListParam<C[number]> {
	return {
		type: 'enum_list',
		default: value,
		choices,
		minLength: length.minLength ?? 1,
		maxLength: length.maxLength ?? choices.length,
		description
	};
}

/** Shared by the two entries that read the order book. */
export const NEEDS_ORDER_BOOK =
	'Needs Level-2 order-book depth (resting orders at several price levels); the approved sources supply trades aggregated into bars, not the book.';
