/**
 * The New trial form's remembered state. The trial itself is validated by the compliance gateway on submit;
 * a draft only has to round-trip what the user typed, so it is restored field by field: a field that no
 * longer fits falls back to its default (a typed field keeps its text and shows why it is invalid) and never
 * costs the other fields.
 */
import { z } from 'zod';
import { getEntry } from '$lib/catalog/catalog';
import { defaultParams, paramsSchema, type ParamValue, type ParamValues } from '$lib/catalog/params';
import { NAMED_FEATURE_SETS } from '$lib/domain/feature-sets';
import { FEATURE_INPUT_ROLES, MAX_FEATURE_INPUTS } from '$lib/domain/feature-inputs';
import { SIZING_MODES } from '$lib/domain/task-metrics';
import type { TrialSpec } from '$lib/domain/trial-spec';
import { isTextParam, parseNumberText, parseParamText } from './field-text';
import { paramPath, TRIAL_NUMBER_FIELDS, type TrialNumberPath } from './trial-form-fields';

export const TRIAL_DRAFT_KEY = 'new-trial';

export const trialDraftSchema = z.object({
	modelId: z.string(),
	/** Checked against the model's declaration when restored (`restoreTrialDraft`), one parameter at a time. */
	params: z.record(z.string(), z.unknown()),
	name: z.string(),
	datasetId: z.string(),
	targetKind: z.enum(['forward_return', 'direction']),
	horizon: z.number(),
	mode: z.enum(['rolling', 'expanding']),
	trainLength: z.number(),
	testLength: z.number(),
	step: z.number(),
	embargo: z.number(),
	strategyMode: z.enum(['long_short', 'long_flat']),
	/** The named feature set (optional: drafts before feature sets lack it). */
	featureSet: z.enum(NAMED_FEATURE_SETS).optional(),
	/** Classifiers: trade the side of p − ½ or size by confidence (optional: drafts before issue 8 lack it). */
	sizing: z.enum(SIZING_MODES).optional(),
	costBps: z.number(),
	/** Volatility models: the annualised volatility targeted (optional: drafts before forecasts lack it). */
	volTarget: z.number().optional(),
	seed: z.number(),
	/** A signal's values to try per parameter, as typed (optional: drafts before issue 10 lack it). */
	tune: z.record(z.string(), z.string()).optional(),
	/** The inner walk-forward of nested tuning, as typed (optional: drafts before it lack it). */
	tuneWindow: z.object({ windowSize: z.string(), stepSize: z.string(), nested: z.boolean() }).optional(),
	/** The "Other inputs" rows as chosen (optional: drafts before feature inputs lack it). */
	inputs: z
		.array(
			z.object({
				key: z.string().max(300),
				role: z.enum(FEATURE_INPUT_ROLES),
				lagUnit: z.enum(['observations', 'days']),
				lag: z.number().int().min(0).max(10_000)
			})
		)
		.max(MAX_FEATURE_INPUTS)
		.optional(),
	/** Text typed into a field that is not (yet) a valid value, by the field's path (see trial-form-fields.ts). */
	texts: z.record(z.string(), z.string()).optional()
});

export type TrialDraft = z.infer<typeof trialDraftSchema>;

/** What a stored draft gives back: every field that still fits, and the text of every typed field that does not. */
export type RestoredDraft = Partial<Omit<TrialDraft, 'texts' | 'params' | 'tune'>> & {
	tune?: Record<string, string>;
	params?: ParamValues;
	texts: Record<string, string>;
};

/** The draft's number fields and the form path each is typed under. */
const NUMBER_KEYS = {
	horizon: 'target.horizon',
	trainLength: 'validation.trainLength',
	testLength: 'validation.testLength',
	step: 'validation.step',
	embargo: 'validation.embargo',
	costBps: 'strategy.costBps',
	volTarget: 'strategy.volTarget',
	seed: 'seed'
} as const satisfies Partial<Record<keyof TrialDraft, TrialNumberPath>>;

const CHOICE_KEYS = [
	'name',
	'datasetId',
	'targetKind',
	'mode',
	'strategyMode',
	'sizing',
	'featureSet'
] as const;

/** How a stored value that does not fit a typed field is shown back to the user. */
function storedText(stored: unknown): string {
	if (stored === null || stored === undefined) return '';
	if (Array.isArray(stored)) return stored.map(String).join(', ');
	return typeof stored === 'object' ? '' : String(stored);
}

function restoreParams(
	modelId: string,
	stored: unknown,
	storedTexts: Record<string, string>,
	texts: Record<string, string>
): ParamValues {
	const specs = getEntry(modelId)?.params ?? {};
	const values = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
	const params = defaultParams(specs);
	for (const [name, spec] of Object.entries(specs)) {
		const path = paramPath(name);
		const typed = storedTexts[path];
		if (typed !== undefined && isTextParam(spec)) {
			const parsed = parseParamText(name, spec, typed);
			if (parsed.ok) {
				params[name] = parsed.value;
				continue;
			}
			texts[path] = typed;
		}
		if (!Object.hasOwn(values, name)) continue;
		const checked = paramsSchema({ [name]: spec }).safeParse({ [name]: values[name] });
		if (checked.success) params[name] = checked.data[name] as ParamValue;
		else if (isTextParam(spec) && texts[path] === undefined) texts[path] = storedText(values[name]);
	}
	return params;
}

/**
 * Restores a stored draft field by field. Returns null only when nothing is stored or it is not an object.
 * A number or typed parameter that does not fit keeps its default value and its text (in `texts`), so the
 * form shows the text with its message; a stored text that is in fact valid becomes the value.
 */
export function restoreTrialDraft(raw: unknown): RestoredDraft | null {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
	const stored = raw as Record<string, unknown>;
	const shape = trialDraftSchema.shape;
	const storedTexts = shape.texts.catch(undefined).parse(stored.texts) ?? {};
	const out: RestoredDraft = { texts: {} };

	for (const key of CHOICE_KEYS) {
		const parsed = shape[key].safeParse(stored[key]);
		if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
	}

	for (const [key, path] of Object.entries(NUMBER_KEYS)) {
		const field = TRIAL_NUMBER_FIELDS[path];
		const typed = storedTexts[path];
		const text = typed ?? storedText(stored[key]);
		if (typed === undefined && !Object.hasOwn(stored, key)) continue;
		const parsed = parseNumberText(field.label, text, field);
		if (parsed.ok) (out as Record<string, unknown>)[key] = parsed.value;
		else {
			out.texts[path] = text;
			// The last valid value (saved beside the text) stays behind the field.
			const previous = parseNumberText(field.label, storedText(stored[key]), field);
			if (previous.ok) (out as Record<string, unknown>)[key] = previous.value;
		}
	}

	const modelId = shape.modelId.safeParse(stored.modelId);
	if (modelId.success && getEntry(modelId.data)) {
		out.modelId = modelId.data;
		out.params = restoreParams(modelId.data, stored.params, storedTexts, out.texts);
		// The texts as typed: the form parses them again and names whatever no longer fits.
		const tune = shape.tune.catch(undefined).parse(stored.tune);
		if (tune) out.tune = tune;
		const tuneWindow = shape.tuneWindow.catch(undefined).parse(stored.tuneWindow);
		if (tuneWindow) out.tuneWindow = tuneWindow;
	}
	// Rows whose input is no longer stored come back too: the form names them, rather than dropping a choice.
	const inputs = shape.inputs.catch(undefined).parse(stored.inputs);
	if (inputs) out.inputs = inputs;
	return out;
}

/** A draft that reproduces `spec` in the form (to edit it into a new trial). */
export function draftFromSpec(spec: TrialSpec, name = ''): TrialDraft {
	return {
		modelId: spec.model.id,
		params: { ...spec.model.params },
		name,
		datasetId: spec.datasetId,
		targetKind: spec.target.kind,
		horizon: spec.target.horizon,
		mode: spec.validation.mode,
		trainLength: spec.validation.trainLength,
		testLength: spec.validation.testLength,
		step: spec.validation.step,
		embargo: spec.validation.embargo,
		strategyMode: spec.strategy.mode,
		sizing: spec.strategy.sizing,
		costBps: spec.strategy.costBps,
		volTarget: spec.strategy.volTarget,
		seed: spec.seed,
		...((NAMED_FEATURE_SETS as readonly string[]).includes(spec.features.set)
			? { featureSet: spec.features.set as TrialDraft['featureSet'] }
			: {}),
		...(spec.features.inputs
			? {
					inputs: spec.features.inputs.map((i) => ({
						key: `${i.kind}:${i.id}`,
						role: i.role,
						lagUnit: 'days' in i.lag ? ('days' as const) : ('observations' as const),
						lag: 'days' in i.lag ? i.lag.days : i.lag.observations
					}))
				}
			: {}),
		...(spec.model.tune
			? { tune: Object.fromEntries(Object.entries(spec.model.tune).map(([k, v]) => [k, v.join(', ')])) }
			: {}),
		...(spec.model.tuneWindow
			? {
					tuneWindow: {
						windowSize: String(spec.model.tuneWindow.windowSize),
						stepSize: String(spec.model.tuneWindow.stepSize),
						nested: true
					}
				}
			: {})
	};
}
