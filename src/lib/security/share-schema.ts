/**
 * What a share link carries (issue 13): a trial, a study, an analysis or a paper-portfolio snapshot, each the
 * smallest record that lets a recipient read the result and — for a trial — reproduce it: the spec, the exact data
 * (source, symbol, range, content hash), the headline numbers and a down-sampled curve. Every field is bounded, so
 * a valid payload is small whatever a hostile link claims; the codec (share-link.ts) caps the bytes before this.
 */
import { z } from 'zod';
import { trialSpecSchema } from '../domain/trial-spec';

/** Points of a down-sampled curve. */
export const MAX_CURVE_POINTS = 400;
/** Out-of-sample rows of a "full" trial link (every prediction). */
export const MAX_FULL_ROWS = 10_000;
/** Headline numbers of one shared record. */
export const MAX_METRICS = 60;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 in hex' });
const text = (max: number) => z.string().max(max);
const num = z.number();

/** The exact data a shared result read: what the recipient needs to reproduce it. */
export const sharedDataSchema = z.object({
	name: text(200),
	symbol: text(32),
	source: text(40),
	/** Endpoint, file name or package path the bytes came from (provenance.origin). */
	origin: text(300).default(''),
	contentSha256: hex64,
	rows: z.number().int().min(0),
	firstT: num,
	lastT: num,
	/** How a fetched dataset was asked for, so the recipient can fetch the same bars from the same source. */
	request: z
		.object({
			provider: z.literal('polygon'),
			ticker: text(32),
			multiplier: z.number().int().min(1).max(1000),
			timespan: z.enum(['minute', 'hour', 'day', 'week', 'month']),
			from: text(10),
			to: text(10),
			adjusted: z.boolean()
		})
		.optional()
});
export type SharedData = z.infer<typeof sharedDataSchema>;

/** A cross-asset or macro input a trial or analysis also read. */
export const sharedInputSchema = sharedDataSchema.extend({ kind: z.enum(['dataset', 'series']) });
export type SharedInput = z.infer<typeof sharedInputSchema>;

/** Headline numbers by name; null where not available (JSON has no NaN). */
export const sharedMetricsSchema = z
	.record(text(60), num.nullable())
	.refine((m) => Object.keys(m).length <= MAX_METRICS, { error: `at most ${MAX_METRICS} numbers` });
export type SharedMetrics = z.infer<typeof sharedMetricsSchema>;

const sameLength = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length;

/**
 * A down-sampled curve, compact: the first point's time (epoch ms), then each point's distance from the previous
 * one in `unitMs` steps (a day for daily data), and values to `CURVE_DIGITS` significant digits — a chart needs no
 * more, and a link stays short. Use `curveOf` to make one and `curveTimes` to read the times back.
 */
export const sharedCurveSchema = z
	.object({
		t0: num,
		unitMs: z.number().int().min(1).max(86_400_000),
		gaps: z.array(z.number().int().min(0).max(1e9)).max(MAX_CURVE_POINTS),
		value: z.array(num).max(MAX_CURVE_POINTS)
	})
	.refine((c) => sameLength(c.gaps, c.value), { error: 'curve.gaps and curve.value differ in length' });
export type SharedCurve = z.infer<typeof sharedCurveSchema>;

/** Every out-of-sample prediction, for the "full" variant of a trial link; times compact as in a curve. */
export const sharedPredictionsSchema = z
	.object({
		t0: num,
		unitMs: z.number().int().min(1).max(86_400_000),
		gaps: z.array(z.number().int().min(0).max(1e9)).max(MAX_FULL_ROWS),
		predicted: z.array(num.nullable()).max(MAX_FULL_ROWS),
		realised: z.array(num.nullable()).max(MAX_FULL_ROWS)
	})
	.refine((p) => sameLength(p.gaps, p.predicted) && sameLength(p.gaps, p.realised), {
		error: 'the prediction columns differ in length'
	});
export type SharedPredictions = z.infer<typeof sharedPredictionsSchema>;

/** A trial as shared, also the best trial inside a shared study. */
export const sharedTrialCoreSchema = z.object({
	name: text(120),
	spec: trialSpecSchema,
	data: sharedDataSchema,
	inputs: z.array(sharedInputSchema).max(8).default([]),
	metrics: sharedMetricsSchema,
	curve: sharedCurveSchema
});
export type SharedTrialCore = z.infer<typeof sharedTrialCoreSchema>;

export const sharedTrialSchema = sharedTrialCoreSchema.extend({
	kind: z.literal('trial'),
	/** Present only in a "full" link. */
	predictions: sharedPredictionsSchema.optional(),
	appVersion: text(40)
});
export type SharedTrial = z.infer<typeof sharedTrialSchema>;

export const sharedStudySchema = z.object({
	kind: z.literal('study'),
	name: text(120),
	/** The objective in words, e.g. "maximize Sharpe ratio after costs". */
	objective: text(200),
	status: text(20),
	/** The searched model's catalog id and the sampler that chose its parameters. */
	model: text(80),
	sampler: text(20),
	/** Trials the study was allowed (its budget). */
	budget: z.number().int().min(0),
	/** How the study's trials ended, by state. */
	counts: z
		.record(text(20), z.number().int().min(0))
		.refine((c) => Object.keys(c).length <= 8, { error: 'at most 8 states' }),
	/**
	 * The objective value of every trial by number (0-based, null when not scored), down-sampled when long, and
	 * the best so far at each kept number — computed over ALL trials before down-sampling, so it is exact.
	 */
	history: z
		.object({
			number: z.array(z.number().int()).max(MAX_CURVE_POINTS),
			value: z.array(num.nullable()).max(MAX_CURVE_POINTS),
			bestSoFar: z.array(num.nullable()).max(MAX_CURVE_POINTS)
		})
		.refine((h) => sameLength(h.number, h.value) && sameLength(h.number, h.bestSoFar), {
			error: 'history columns differ in length'
		}),
	/** The overfitting report's headline numbers (DSR, PBO…), empty before it was computed. */
	report: sharedMetricsSchema,
	/** Why a number of the report is not available, or why the best trial is not carried, in words. */
	notes: z.array(text(400)).max(6),
	/** The best trial's number (0-based), null when no trial completed with a value. */
	bestNumber: z.number().int().min(0).nullable(),
	best: sharedTrialCoreSchema.nullable(),
	appVersion: text(40)
});
export type SharedStudy = z.infer<typeof sharedStudySchema>;

const paramValue = z.union([
	num,
	text(200),
	z.boolean(),
	z.null(),
	z.array(num).max(64),
	z.array(text(64)).max(64)
]);

export const sharedAnalysisSchema = z.object({
	kind: z.literal('analysis'),
	name: text(120),
	/** The catalog id of the analysis that ran, and its task (test, measure, formula…). */
	analysis: text(80),
	task: text(40),
	params: z
		.record(text(60), paramValue)
		.refine((p) => Object.keys(p).length <= 40, { error: 'at most 40 parameters' }),
	inputs: z.array(sharedInputSchema).max(12),
	/** Rows every input has after aligning on common days, and their first and last day. */
	rows: z.number().int().min(0).nullable(),
	firstT: num.nullable(),
	lastT: num.nullable(),
	/** The day range asked for (YYYY-MM-DD), when one was. */
	from: text(10).nullable(),
	to: text(10).nullable(),
	seed: z.number().int().min(0),
	/** The result's named numbers by key (null where not available on this data). */
	results: sharedMetricsSchema,
	/** How a reader sees each number: its label and unit ('%': a fraction shown as a percentage). */
	labels: z
		.record(text(60), z.object({ label: text(160), unit: text(24) }))
		.refine((m) => Object.keys(m).length <= MAX_METRICS, { error: `at most ${MAX_METRICS} labels` }),
	/** Named numbers of the result not carried (past the cap), and its tables and charts, which are not. */
	omitted: z.object({
		numbers: z.number().int().min(0),
		tables: z.number().int().min(0),
		charts: z.number().int().min(0)
	}),
	/** The result's verdict, if it has one (tests). */
	summary: text(500).default(''),
	appVersion: text(40)
});
export type SharedAnalysis = z.infer<typeof sharedAnalysisSchema>;

export const sharedPositionSchema = z.object({
	symbol: text(32),
	side: z.enum(['long', 'short']),
	quantity: num,
	/** How long it is meant to be held (research/portfolio/settings.ts horizon). */
	horizon: text(20),
	entryDate: text(10),
	/** What each share cost: the quoted price plus slippage (the portfolio page's "entry"). */
	entryPrice: num,
	target: num,
	stop: num,
	/** The last close it was marked at, and that day. */
	lastPrice: num.nullable(),
	lastDate: text(10)
});

export const sharedPortfolioSchema = z.object({
	kind: z.literal('portfolio'),
	name: text(120),
	/** The last day marked (YYYY-MM-DD). */
	asOf: text(10),
	initialCapital: num,
	/** Equity and cash on asOf. */
	equity: num,
	cash: num,
	/** Equity over time in money (down-sampled). */
	curve: sharedCurveSchema,
	metrics: sharedMetricsSchema,
	/** research/portfolio/settings.ts MAX_PORTFOLIO_POSITIONS. */
	positions: z.array(sharedPositionSchema).max(200),
	closedTrades: z.number().int().min(0),
	appVersion: text(40)
});
export type SharedPortfolio = z.infer<typeof sharedPortfolioSchema>;

export const sharedSchema = z.discriminatedUnion('kind', [
	sharedTrialSchema,
	sharedStudySchema,
	sharedAnalysisSchema,
	sharedPortfolioSchema
]);
export type Shared = z.infer<typeof sharedSchema>;
export type SharedKind = Shared['kind'];

/**
 * At most `max` points of a series, evenly spaced by index, the first and last always kept (a curve's start and
 * end are what a reader checks). Indices are chosen by integer arithmetic so the same input always gives the
 * same points.
 */
export function downsampleIndices(n: number, max: number = MAX_CURVE_POINTS): number[] {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
	if (!Number.isInteger(max) || max < 2) throw new RangeError(`max must be a whole number ≥ 2, got ${max}`);
	if (n <= max) return Array.from({ length: n }, (_, i) => i);
	return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}

/** Significant digits of a shared curve's values. */
export const CURVE_DIGITS = 5;

const DAY_MS = 86_400_000;

/** Times as the first one plus steps of the largest of a day, an hour, a minute, a second or 1 ms that fits. */
export function compactTimes(times: readonly number[]): { t0: number; unitMs: number; gaps: number[] } {
	if (times.length === 0) return { t0: 0, unitMs: DAY_MS, gaps: [] };
	const diffs = times.slice(1).map((x, k) => x - times[k]);
	if (diffs.some((d) => !Number.isInteger(d) || d < 0)) throw new RangeError('times must ascend in whole ms');
	const unitMs = [DAY_MS, 3_600_000, 60_000, 1_000].find((u) => diffs.every((d) => d % u === 0)) ?? 1;
	return { t0: times[0], unitMs, gaps: [0, ...diffs.map((d) => d / unitMs)] };
}

/** The points `keep` of a curve, compacted (see sharedCurveSchema). Times must be whole milliseconds, ascending. */
export function curveOf(
	t: ArrayLike<number>,
	values: ArrayLike<number>,
	keep: readonly number[]
): SharedCurve {
	return {
		...compactTimes(keep.map((i) => t[i])),
		value: keep.map((i) => Number(values[i].toPrecision(CURVE_DIGITS)))
	};
}

/** The epoch-ms time of each point of a shared curve (or of shared predictions). */
export function curveTimes(c: Pick<SharedCurve, 't0' | 'unitMs' | 'gaps'>): number[] {
	let at = c.t0;
	return c.gaps.map((g) => (at += g * c.unitMs));
}

/** A number as JSON can carry it: NaN and ±Infinity become null. */
export function finiteOrNull(x: number | null | undefined): number | null {
	return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
