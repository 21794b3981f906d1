import { describe, expect, it } from 'vitest';
import { requireEntry } from '$lib/catalog/catalog';
import type { ParamSpec } from '$lib/catalog/params';
import { followValue, parseListText, parseNumberText, parseParamText, valueText } from './field-text';

const epochs = { integer: true, min: 1, max: 500 };
const layers = { integer: true, min: 1, max: 1024, minLength: 1, maxLength: 6 };

describe('a typed number', () => {
	it('is accepted when it is a plain number inside the range, spaces around it ignored', () => {
		expect(parseNumberText('epochs', ' 30 ', epochs)).toEqual({ ok: true, value: 30 });
		expect(parseNumberText('alpha', '1e-3', { integer: false, min: 0.0001, max: 1000 })).toEqual({
			ok: true,
			value: 0.001
		});
		expect(parseNumberText('alpha', '.5', { integer: false, min: 0, max: 1 })).toEqual({
			ok: true,
			value: 0.5
		});
	});

	it('that is empty, not a number, fractional in a whole-number field or out of range names the field and its range', () => {
		expect(parseNumberText('epochs', '', epochs)).toEqual({
			ok: false,
			message: 'epochs: must be a whole number from 1 to 500; the field is empty'
		});
		expect(parseNumberText('epochs', 'abc', epochs)).toEqual({
			ok: false,
			message: 'epochs: must be a whole number from 1 to 500; got "abc"'
		});
		expect(parseNumberText('epochs', '1.5', epochs)).toEqual({
			ok: false,
			message: 'epochs: must be a whole number from 1 to 500; got "1.5"'
		});
		expect(parseNumberText('epochs', '501', epochs)).toEqual({
			ok: false,
			message: 'epochs: must be a whole number from 1 to 500; got "501"'
		});
		expect(parseNumberText('alpha', '-1', { integer: false, min: 0.0001, max: 1000 })).toEqual({
			ok: false,
			message: 'alpha: must be a number from 0.0001 to 1000; got "-1"'
		});
	});

	it('refuses what Number() would quietly accept: hex, Infinity, white space only', () => {
		for (const text of ['0x10', 'Infinity', '   ', '1,5', '5 5'])
			expect(parseNumberText('epochs', text, epochs).ok, text).toBe(false);
	});
});

describe('a typed list', () => {
	it('accepts commas, spaces or both between values', () => {
		for (const text of ['64, 32', '64,32', '64 32', ' 64 ,  32 ', '64;32'])
			expect(parseListText('hidden_layers', text, layers), text).toEqual({ ok: true, value: [64, 32] });
		expect(parseListText('hidden_layers', '128 64 32', layers)).toEqual({ ok: true, value: [128, 64, 32] });
	});

	it('names the field, the bad value and the allowed range of each value', () => {
		expect(parseListText('hidden_layers', '64, 6x', layers)).toEqual({
			ok: false,
			message: 'hidden_layers: each value must be a whole number from 1 to 1024; got "6x"'
		});
		expect(parseListText('hidden_layers', '64, 2000', layers)).toEqual({
			ok: false,
			message: 'hidden_layers: each value must be a whole number from 1 to 1024; got "2000"'
		});
		expect(parseListText('hidden_layers', '64, 1.5', layers).ok).toBe(false);
	});

	it('names the allowed number of values when there are too few or too many', () => {
		expect(parseListText('hidden_layers', '', layers)).toEqual({
			ok: false,
			message:
				'hidden_layers: enter 1 to 6 values separated by commas or spaces, each a whole number from 1 to 1024; the field is empty'
		});
		expect(parseListText('hidden_layers', '1 2 3 4 5 6 7', layers)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/^hidden_layers: enter 1 to 6 values .*; got 7$/)
		});
	});
});

describe('a parameter field', () => {
	const mlp = requireEntry('feedforward_mlp').params;

	it('parses every typed parameter of a runnable entry from the text of its default', () => {
		for (const id of ['ridge', 'xgboost', 'feedforward_mlp']) {
			for (const [name, spec] of Object.entries(requireEntry(id).params)) {
				if (!['int', 'float', 'int_list', 'float_list'].includes(spec.type) || spec.default === null)
					continue;
				expect(parseParamText(name, spec, valueText(spec.default)), `${id}.${name}`).toEqual({
					ok: true,
					value: spec.default
				});
			}
		}
	});

	it('reads hidden layers typed with commas or spaces as the list of widths', () => {
		expect(parseParamText('hidden_layers', mlp.hidden_layers, '16, 8')).toEqual({ ok: true, value: [16, 8] });
		expect(parseParamText('hidden_layers', mlp.hidden_layers, '128 64 32')).toEqual({
			ok: true,
			value: [128, 64, 32]
		});
	});

	it('names the "no limit" box when a nullable whole number is left empty', () => {
		const maxDepth: ParamSpec = {
			type: 'int',
			default: null,
			min: 1,
			max: 50,
			nullable: true,
			description: ''
		};
		expect(parseParamText('max_depth', maxDepth, '')).toEqual({
			ok: false,
			message: 'max_depth: must be a whole number from 1 to 50; the field is empty (or tick "no limit")'
		});
	});

	it('refuses to parse a choice parameter as text', () => {
		expect(parseParamText('activation', mlp.activation, 'relu').ok).toBe(false);
	});

	it('shows a list as comma-separated text and none as an empty field', () => {
		expect(valueText([128, 64, 32])).toBe('128, 64, 32');
		expect(valueText(null)).toBe('');
		expect(valueText(0.001)).toBe('0.001');
	});
});

describe('a typed field following its value', () => {
	it('keeps what the user typed while the value is unchanged, valid or not', () => {
		expect(followValue({ text: '64,', synced: '64' }, '64', undefined, true)).toEqual({
			text: '64,',
			synced: '64',
			clearPending: false
		});
		expect(followValue({ text: '64, 6x', synced: '64' }, '64', '64, 6x', false)).toEqual({
			text: '64, 6x',
			synced: '64',
			clearPending: false
		});
	});

	it('shows a value set from outside, replacing an invalid text and clearing it as pending', () => {
		expect(followValue({ text: '6x', synced: '16, 8' }, '128, 64, 32', '6x', false)).toEqual({
			text: '128, 64, 32',
			synced: '128, 64, 32',
			clearPending: true
		});
	});

	it('shows the value again when the form clears the pending text and the value did not change', () => {
		expect(followValue({ text: 'abc', synced: '1260' }, '1260', undefined, false)).toEqual({
			text: '1260',
			synced: '1260',
			clearPending: false
		});
	});
});
