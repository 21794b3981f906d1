/**
 * The Feedback page's trial digests (research/feedback-trial.ts) as stored between visits: one settings record
 * of columns. Ten thousand digests as objects take ~100 ms to read back from IndexedDB (each object is rebuilt
 * by the structured clone); as columns — numbers in Float64Arrays, strings in arrays, and each distinct trial
 * setup (the spec less its name, seed and params, shared by most trials of a study) stored once — they take a
 * fraction of that. Pure: encode and decode only; app/feedback-view.ts reads and writes the record.
 */
import { z } from 'zod';
import { TRIAL_STATUSES } from '../db/records';
import { trialSpecSchema, type TrialSpec } from '../domain/trial-spec';
import type { FeedbackSummary, FeedbackTrial } from '../research/feedback-trial';

/** Bumped whenever the layout below changes: a record of another format is ignored (and rebuilt). */
export const DIGESTS_FORMAT = 1;

/** Summary figures per trial, in this order (NaN for a figure of an absent block). */
const FIGURES = 20;
const HAS_SUMMARY = 1;
const HAS_REGRESSION = 2;
const HAS_CLASSIFICATION = 4;
const HAS_FORECAST = 8;
const HAS_VOLATILITY = 16;

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { error: 'expected a Float64Array' });
const u8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'expected a Uint8Array' });
const u32 = z.custom<Uint32Array>((v) => v instanceof Uint32Array, { error: 'expected a Uint32Array' });

export const storedDigestsSchema = z.object({
	format: z.literal(DIGESTS_FORMAT),
	ids: z.array(z.string().min(1)),
	/** Index into TRIAL_STATUSES. */
	status: u8,
	/** createdAt, startedAt, finishedAt per trial; NaN for null. */
	times: f64,
	errors: z.array(z.string().nullable()),
	names: z.array(z.string()),
	seeds: f64,
	params: z.array(trialSpecSchema.shape.model.shape.params),
	/** Distinct specs with name '', seed 0 and params {}; setupOf[i] is trial i's. */
	setups: z.array(z.unknown()),
	setupOf: u32,
	/** HAS_* flags per trial. */
	blocks: u8,
	figures: f64,
	seriesKeys: z.array(z.string().nullable()),
	/** The pinned data's version; NaN when the trial has no pinned data (then its series key is null). */
	versions: f64
});
export type StoredDigests = z.infer<typeof storedDigestsSchema>;

const orNaN = (v: number | null) => (v === null ? Number.NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

function writeFigures(s: FeedbackSummary | null, out: Float64Array, at: number): number {
	if (!s) {
		out.fill(Number.NaN, at, at + FIGURES);
		return 0;
	}
	const { strategy: st, regression: re, classification: cl } = s;
	const nan = Number.NaN;
	out.set(
		[
			st.sharpe,
			st.sortino,
			st.calmar,
			st.annualReturn,
			st.maxDrawdown,
			s.buyHold.sharpe,
			s.direction.ic,
			s.direction.hitRate,
			re?.rmse ?? nan,
			re?.mae ?? nan,
			re?.r2 ?? nan,
			cl?.accuracy ?? nan,
			cl?.rocAuc ?? nan,
			cl?.logLoss ?? nan,
			cl?.brier ?? nan,
			s.forecast?.mase ?? nan,
			s.volatility?.qlike ?? nan,
			s.rows,
			s.firstT,
			s.lastT
		],
		at
	);
	return (
		HAS_SUMMARY |
		(re ? HAS_REGRESSION : 0) |
		(cl ? HAS_CLASSIFICATION : 0) |
		(s.forecast ? HAS_FORECAST : 0) |
		(s.volatility ? HAS_VOLATILITY : 0)
	);
}

function readFigures(flags: number, f: Float64Array, at: number): FeedbackSummary | null {
	if (!(flags & HAS_SUMMARY)) return null;
	return {
		strategy: {
			sharpe: f[at],
			sortino: f[at + 1],
			calmar: f[at + 2],
			annualReturn: f[at + 3],
			maxDrawdown: f[at + 4]
		},
		buyHold: { sharpe: f[at + 5] },
		direction: { ic: f[at + 6], hitRate: f[at + 7] },
		regression: flags & HAS_REGRESSION ? { rmse: f[at + 8], mae: f[at + 9], r2: f[at + 10] } : null,
		classification:
			flags & HAS_CLASSIFICATION
				? { accuracy: f[at + 11], rocAuc: f[at + 12], logLoss: f[at + 13], brier: f[at + 14] }
				: null,
		forecast: flags & HAS_FORECAST ? { mase: f[at + 15] } : null,
		volatility: flags & HAS_VOLATILITY ? { qlike: f[at + 16] } : null,
		rows: f[at + 17],
		firstT: f[at + 18],
		lastT: f[at + 19]
	};
}

/** The digests as columns (the specs' setups shared, not copied). */
export function encodeDigests(digests: readonly FeedbackTrial[]): StoredDigests {
	const n = digests.length;
	const out: StoredDigests = {
		format: DIGESTS_FORMAT,
		ids: [],
		status: new Uint8Array(n),
		times: new Float64Array(3 * n),
		errors: [],
		names: [],
		seeds: new Float64Array(n),
		params: [],
		setups: [],
		setupOf: new Uint32Array(n),
		blocks: new Uint8Array(n),
		figures: new Float64Array(FIGURES * n),
		seriesKeys: [],
		versions: new Float64Array(n)
	};
	const setupIndex = new Map<string, number>();
	digests.forEach((d, i) => {
		out.ids.push(d.id);
		out.status[i] = TRIAL_STATUSES.indexOf(d.status);
		out.times.set([d.createdAt, orNaN(d.startedAt), orNaN(d.finishedAt)], 3 * i);
		out.errors.push(d.error);
		const { name, seed, model } = d.spec;
		out.names.push(name);
		out.seeds[i] = seed;
		out.params.push(model.params);
		const setup: TrialSpec = { ...d.spec, name: '', seed: 0, model: { ...model, params: {} } };
		const key = JSON.stringify(setup);
		let s = setupIndex.get(key);
		if (s === undefined) {
			setupIndex.set(key, (s = out.setups.length));
			out.setups.push(setup);
		}
		out.setupOf[i] = s;
		out.blocks[i] = writeFigures(d.summary, out.figures, FIGURES * i);
		out.seriesKeys.push(d.data?.seriesKey ?? null);
		out.versions[i] = d.data ? d.data.version : Number.NaN;
	});
	return out;
}

/**
 * The digests back from a stored record; null when there is none, or it is of another format or malformed
 * (columns of different lengths, an invalid setup): the caller then builds the digests from the trials again.
 */
export function decodeDigests(value: unknown): FeedbackTrial[] | null {
	const parsed = storedDigestsSchema.safeParse(value);
	if (!parsed.success) return null;
	const c = parsed.data;
	const n = c.ids.length;
	const lengths = [c.status.length, c.errors.length, c.names.length, c.seeds.length, c.params.length];
	if (
		lengths.some((l) => l !== n) ||
		[c.setupOf.length, c.blocks.length, c.seriesKeys.length, c.versions.length].some((l) => l !== n) ||
		c.times.length !== 3 * n ||
		c.figures.length !== FIGURES * n ||
		c.status.some((s) => s >= TRIAL_STATUSES.length) ||
		c.setupOf.some((s) => s >= c.setups.length)
	)
		return null;
	const setups: TrialSpec[] = [];
	for (const s of c.setups) {
		const spec = trialSpecSchema.safeParse(s);
		if (!spec.success) return null;
		setups.push(spec.data);
	}
	const out: FeedbackTrial[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const setup = setups[c.setupOf[i]];
		const seriesKey = c.seriesKeys[i];
		const version = c.versions[i];
		if ((seriesKey === null) !== Number.isNaN(version) || !Number.isInteger(c.seeds[i])) return null;
		out[i] = {
			id: c.ids[i],
			status: TRIAL_STATUSES[c.status[i]],
			createdAt: c.times[3 * i],
			startedAt: orNull(c.times[3 * i + 1]),
			finishedAt: orNull(c.times[3 * i + 2]),
			error: c.errors[i],
			spec: { ...setup, name: c.names[i], seed: c.seeds[i], model: { ...setup.model, params: c.params[i] } },
			summary: readFigures(c.blocks[i], c.figures, FIGURES * i),
			data: seriesKey === null ? null : { seriesKey, version }
		};
	}
	return out;
}
