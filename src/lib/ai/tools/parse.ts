/**
 * Claude's tool call → a typed, normalised call, or a refusal whose message goes back to Claude as an
 * `is_error` tool_result so it can correct itself. Never throws: the input is the model's output, and the
 * model's output is untrusted (reference B.8, "parse, don't trust").
 */
import type { z } from 'zod';
import { inspectInput, type InspectCode } from './inspect';
import { isToolName, TOOL_NAMES, TOOL_SCHEMAS, type ToolInput, type ToolName } from './schemas';
import { cutText, quoteInput } from './text';

export type ToolParseCode = 'unknown_tool' | InspectCode;

/** A call that parsed; `input` is the schema's output, rebuilt as fresh plain JSON. */
export type ParsedToolCall = {
	[N in ToolName]: { readonly ok: true; readonly name: N; readonly input: ToolInput<N> };
}[ToolName];

export interface ToolParseError {
	readonly ok: false;
	readonly code: ToolParseCode;
	/** For Claude: names the field path of each problem, e.g. "spec.target.horizon: must be at most 70". */
	readonly message: string;
	/** The path of the first problem ('' for the input as a whole, 'name' for the tool name). */
	readonly field: string;
}

export type ToolParse = ParsedToolCall | ToolParseError;

/**
 * Every problem is listed, so Claude can fix a call in one round trip; the message is capped in characters (not
 * in problems), and what does not fit is counted ("and 3 more problems").
 */
export const MAX_MESSAGE_CHARS = 4_000;
/** A path segment longer than this is cut in messages (keys are bounded by inspect, but not this tightly). */
const MAX_SEGMENT_CHARS = 40;

function refuse(code: ToolParseCode, field: string, message: string): ToolParseError {
	return { ok: false, code, message: cutText(message, MAX_MESSAGE_CHARS), field };
}

/** "a; b; c" with as many problems as fit in MAX_MESSAGE_CHARS, then "; and N more problems". */
export function joinProblems(texts: readonly string[]): string {
	let out = '';
	for (let i = 0; i < texts.length; i++) {
		const next = out === '' ? texts[i] : `${out}; ${texts[i]}`;
		const left = texts.length - i - 1;
		// Room for the tail that counts what is left out, whatever is added after this one.
		const tail = left > 0 ? `; and ${left} more problems`.length : 0;
		if (next.length + tail > MAX_MESSAGE_CHARS && out !== '') {
			const rest = texts.length - i;
			return `${out}; and ${rest} more problem${rest === 1 ? '' : 's'}`;
		}
		out = next;
	}
	return out;
}

/** 'spec.model.params.hidden_layers.2'; odd keys are quoted so a path cannot be forged by a key. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((segment) => {
			const s = typeof segment === 'symbol' ? '(symbol)' : String(segment);
			const cut = cutText(s, MAX_SEGMENT_CHARS);
			return /^[A-Za-z0-9_]+$/.test(cut) ? cut : quoteInput(cut, MAX_SEGMENT_CHARS + 2);
		})
		.join('.');
}

/**
 * "field: message" without saying the field twice: the domain's messages often start with the field's own
 * name ("target.horizon must be at most 70"), so the longest tail of the path they start with is dropped.
 */
function withField(field: string, message: string): string {
	if (field === '') return `input: ${message}`;
	const parts = field.split('.');
	for (let i = 0; i < parts.length; i++) {
		const tail = parts.slice(i).join('.');
		if (message.startsWith(`${tail} `)) return `${field}: ${message.slice(tail.length + 1)}`;
	}
	return `${field}: ${message}`;
}

interface Described {
	readonly field: string;
	readonly text: string;
}

function describeIssue(issue: z.core.$ZodIssue): Described[] {
	if (issue.code === 'unrecognized_keys') {
		return issue.keys.map((key) => {
			const field = formatPath([...issue.path, key]);
			return { field, text: `${field}: is not a field here (remove it)` };
		});
	}
	const field = formatPath(issue.path);
	return [{ field, text: withField(field, issue.message) }];
}

/** Parses one tool call. The name must be exactly one of TOOL_NAMES; the input must pass inspection and the schema. */
export function parseToolCall(name: unknown, input: unknown): ToolParse {
	try {
		if (!isToolName(name)) {
			return refuse(
				'unknown_tool',
				'name',
				`unknown tool ${quoteInput(name)}; the tools are ${TOOL_NAMES.join(', ')}`
			);
		}
		if (typeof input !== 'object' || input === null || Array.isArray(input)) {
			return refuse(
				'invalid_input',
				'',
				`input: must be a JSON object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`}`
			);
		}
		const found = inspectInput(input);
		if (found) {
			const field = formatPath(found.path);
			const all = [found, ...(found.more ?? [])].map((p) => withField(formatPath(p.path), p.message));
			return refuse(found.code, field, joinProblems(all));
		}
		const result = (TOOL_SCHEMAS[name] as z.ZodType).safeParse(input);
		if (!result.success) {
			const described = result.error.issues.flatMap(describeIssue);
			const message = joinProblems(described.map((d) => d.text));
			return refuse('invalid_input', described[0]?.field ?? '', message || 'input: invalid');
		}
		// A fresh plain copy: no object shared with the caller or zod, and -0 written as 0.
		const normalised = JSON.parse(JSON.stringify(result.data)) as unknown;
		return { ok: true, name, input: normalised } as ParsedToolCall;
	} catch {
		return refuse('invalid_input', '', 'input: could not be read as a tool input');
	}
}
