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
import type { EntryStatus } from '../types';

export const NOT_IMPLEMENTED: EntryStatus = 'not_implemented';
export const RUNNABLE: EntryStatus = 'runnable';

/** An entry that cannot run, with a reason written for the user. */
export function unavailable(reason: string): EntryStatus {
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
export function intOrNone(min: number, max: number, description: string): IntParam {
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

export function oneOf(value: string, choices: readonly string[], description: string): EnumParam {
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

export function someOf(
	value: readonly string[],
	choices: readonly string[],
	description: string,
	length: { minLength?: number; maxLength?: number } = {}
): EnumListParam {
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
