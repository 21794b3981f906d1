/**
 * What a user types into a number or list field, parsed strictly, with a message that names the field and
 * its allowed range. Forms keep the text exactly as typed and only emit the parsed value once it is valid,
 * so an invalid entry never snaps back to the default nor silently trains something else.
 */
import type { ParamSpec, ParamValue } from '$lib/catalog/params';

export interface NumberRange {
	readonly integer: boolean;
	readonly min: number;
	readonly max: number;
}

export interface ListRange extends NumberRange {
	readonly minLength: number;
	readonly maxLength: number;
}

export type TextParse<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * A plain decimal (optionally signed, with an exponent). `Number()` alone would accept "", " ", "0x1f" and
 * "Infinity", which no one means as a parameter value.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** List items may be separated by commas, semicolons or white space ("64, 32", "128 64 32"). */
const LIST_SEPARATOR = /[\s,;]+/;

/** "a whole number from 1 to 500", "a number from 0.0001 to 1000". */
export function rangePhrase(range: NumberRange): string {
	return `${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`;
}

function got(text: string): string {
	return text.trim() === '' ? 'the field is empty' : `got "${text.trim()}"`;
}

function parseItem(text: string, range: NumberRange): number | null {
	if (!DECIMAL.test(text)) return null;
	const n = Number(text);
	if (!Number.isFinite(n) || (range.integer && !Number.isInteger(n))) return null;
	return n >= range.min && n <= range.max ? n : null;
}

/** One number typed into the field called `name`. */
export function parseNumberText(name: string, text: string, range: NumberRange): TextParse<number> {
	const value = parseItem(text.trim(), range);
	if (value !== null) return { ok: true, value };
	return { ok: false, message: `${name}: must be ${rangePhrase(range)}; ${got(text)}` };
}

/** A list of numbers typed into the field called `name`, e.g. "64, 32" or "128 64 32". */
export function parseListText(name: string, text: string, range: ListRange): TextParse<number[]> {
	const items = text.split(LIST_SEPARATOR).filter((s) => s !== '');
	const count =
		range.minLength === range.maxLength ? `${range.minLength}` : `${range.minLength} to ${range.maxLength}`;
	if (items.length < range.minLength || items.length > range.maxLength) {
		const what = items.length === 0 ? 'the field is empty' : `got ${items.length}`;
		return {
			ok: false,
			message: `${name}: enter ${count} values separated by commas or spaces, each ${rangePhrase(range)}; ${what}`
		};
	}
	const values: number[] = [];
	for (const item of items) {
		const n = parseItem(item, range);
		if (n === null)
			return { ok: false, message: `${name}: each value must be ${rangePhrase(range)}; got "${item}"` };
		values.push(n);
	}
	return { ok: true, value: values };
}

/** The text a field shows for a value (a list as "64, 32"; `null` as empty). */
export function valueText(value: ParamValue | undefined): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}

/** Whether a parameter is edited as typed text (numbers and number lists) rather than a choice. */
export function isTextParam(spec: ParamSpec): boolean {
	return (
		spec.type === 'int' || spec.type === 'float' || spec.type === 'int_list' || spec.type === 'float_list'
	);
}

/**
 * Parses the text of a typed parameter field against its catalog declaration. Choice parameters (bool, enum,
 * enum list) are not typed and are refused here.
 */
export function parseParamText(name: string, spec: ParamSpec, text: string): TextParse<ParamValue> {
	switch (spec.type) {
		case 'int': {
			const parsed = parseNumberText(name, text, { integer: true, min: spec.min, max: spec.max });
			// "No limit" is a checkbox beside the field, so the message says where to find it.
			return parsed.ok || !spec.nullable
				? parsed
				: { ok: false, message: `${parsed.message} (or tick "no limit")` };
		}
		case 'float':
			return parseNumberText(name, text, { integer: false, min: spec.min, max: spec.max });
		case 'int_list':
		case 'float_list':
			return parseListText(name, text, {
				integer: spec.type === 'int_list',
				min: spec.min,
				max: spec.max,
				minLength: spec.minLength,
				maxLength: spec.maxLength
			});
		default:
			return { ok: false, message: `${name}: is chosen from a list, not typed` };
	}
}

/** A typed field's text and the value text it last agreed with. */
export interface FieldText {
	readonly text: string;
	/** The text of the value the field last showed or emitted. */
	readonly synced: string;
}

/**
 * How a typed field follows its value when the value or the pending text changes from outside. A new value
 * (a reset, an adapted default) replaces the text; an invalid text stays while the form still holds it as
 * pending; once the form clears it (a reset to the same value), the value's text comes back. Otherwise the
 * text is the user's and is never touched: that is what keeps typing from snapping back.
 */
export function followValue(
	field: FieldText,
	shown: string,
	pending: string | undefined,
	textIsValid: boolean
): FieldText & { readonly clearPending: boolean } {
	if (shown !== field.synced) return { text: shown, synced: shown, clearPending: pending !== undefined };
	if (pending === undefined && !textIsValid) return { text: shown, synced: shown, clearPending: false };
	return { ...field, clearPending: false };
}
