/**
 * The gateway's look at a trial's feature inputs (domain/feature-inputs.ts): each one the spec names must be
 * stored, carry complete provenance from an approved source with its content unchanged since it was stored
 * (the dataset rules, decisions.ts), and be known — by its publication lag — on at least one bar of the trial's
 * dataset. Pure: the caller looks the inputs up.
 */
import { asOfIndex } from '../domain/as-of';
import type { SpecIssue, TrialSpec } from '../domain/trial-spec';
import { datasetAdmissible, type DecisionCode } from './decisions';

/** What the gateway needs to know about a stored input. */
export interface InputFacts {
	readonly id: string;
	readonly provenance: unknown;
	readonly rows: number;
	/** Observation dates, epoch ms, ascending. */
	readonly t: Float64Array;
	/** The values the features read: a dataset's close, a series' values. */
	readonly value: Float64Array;
	/** Omitted only for live form feedback; submission always passes it. */
	readonly content?: { readonly recorded: string | undefined; readonly actual: string };
}

export type InputLookup = (ref: {
	readonly kind: 'dataset' | 'series';
	readonly id: string;
}) => InputFacts | undefined;

export interface InputVerdict {
	readonly issues: SpecIssue[];
	readonly code: Exclude<DecisionCode, 'ok'> | null;
}

/** Issues with the spec's inputs, each at `features.inputs.<i>.id`; none when it names none. */
export function inputIssues(
	spec: TrialSpec,
	barsT: Float64Array | undefined,
	lookup: InputLookup | undefined
): InputVerdict {
	const issues: SpecIssue[] = [];
	let code: Exclude<DecisionCode, 'ok'> | null = null;
	for (const [i, input] of (spec.features.inputs ?? []).entries()) {
		const path = `features.inputs.${i}.id`;
		const facts = lookup?.(input);
		if (!facts) {
			issues.push({ path, message: `${path}: no stored ${input.kind} "${input.id}"` });
			code ??= 'unknown_dataset';
			continue;
		}
		const d = datasetAdmissible(facts, input.id);
		if (!d.allowed) {
			issues.push({ path, message: `${path}: ${d.reason}` });
			code ??= d.code as Exclude<DecisionCode, 'ok'>;
			continue;
		}
		if (barsT && barsT.length > 0) {
			let idx: Int32Array;
			try {
				idx = asOfIndex(barsT, { t: facts.t, value: facts.value }, input.lag);
			} catch (e) {
				issues.push({ path, message: `${path}: ${(e as Error).message}` });
				code ??= 'wrong_inputs';
				continue;
			}
			if (idx[idx.length - 1] < 0) {
				issues.push({
					path,
					message: `${path}: "${input.id}" is not known on any bar of the dataset with its publication lag (it has no observation available on or before the last bar); choose an input that overlaps in time`
				});
				code ??= 'no_overlap';
			}
		}
	}
	return { issues, code };
}
