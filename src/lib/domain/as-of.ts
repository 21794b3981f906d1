/**
 * As-of joins: another series' value on each bar as it was KNOWN on that bar's day, never as it was later
 * revised or published. An observation dated d (the period it describes) becomes available only after its
 * publication lag:
 *
 * - `{ observations: n }` — when the n-th later observation's date arrives (the default, n = 1: a monthly
 *   series' March value is used from the date of its April observation on — a conservative stand-in for
 *   "published about one period later"); the last n observations are not available yet;
 * - `{ days: n }` — n calendar days after its date (0 for a market close known the same day).
 *
 * A bar dated t uses the latest observation available on or before t's day; before any is available it holds
 * NaN. Dates are epoch ms; days compare as UTC days. Pure.
 */
import { z } from 'zod';

export const publicationLagSchema = z.union([
	z.object({
		observations: z
			.number({ error: 'lag.observations must be a number' })
			.int({ error: 'lag.observations must be a whole number' })
			.min(0, { error: 'lag.observations cannot be negative' })
			.max(24, { error: 'lag.observations must be at most 24' })
	}),
	z.object({
		days: z
			.number({ error: 'lag.days must be a number' })
			.int({ error: 'lag.days must be a whole number' })
			.min(0, { error: 'lag.days cannot be negative' })
			.max(400, { error: 'lag.days must be at most 400' })
	})
]);
export type PublicationLag = z.infer<typeof publicationLagSchema>;

export const DEFAULT_PUBLICATION_LAG: PublicationLag = { observations: 1 };

const DAY_MS = 86_400_000;
const dayOf = (t: number): number => Math.floor(t / DAY_MS);

export interface ObservedSeries {
	/** Observation dates, epoch ms, strictly ascending. */
	readonly t: Float64Array;
	readonly value: Float64Array;
}

/** The UTC day (days since the epoch) each observation becomes available; Infinity when not yet. */
export function availableDays(series: ObservedSeries, lag: PublicationLag): Float64Array {
	const n = series.t.length;
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		if ('days' in lag) out[i] = dayOf(series.t[i]) + lag.days;
		else out[i] = i + lag.observations < n ? dayOf(series.t[i + lag.observations]) : Number.POSITIVE_INFINITY;
	}
	return out;
}

/**
 * For each bar time, the index of the observation used (the latest available on or before the bar's day), or −1
 * when none is. Availability days are non-decreasing in the observation index for both kinds of lag, so one pass
 * with a pointer suffices.
 */
export function asOfIndex(barT: Float64Array, series: ObservedSeries, lag: PublicationLag): Int32Array {
	for (let i = 1; i < series.t.length; i++)
		if (!(series.t[i] > series.t[i - 1]))
			throw new RangeError(`the joined series' dates must be strictly ascending (row ${i})`);
	const avail = availableDays(series, lag);
	const out = new Int32Array(barT.length);
	let j = -1;
	for (let b = 0; b < barT.length; b++) {
		const day = dayOf(barT[b]);
		while (j + 1 < avail.length && avail[j + 1] <= day) j++;
		out[b] = j;
	}
	return out;
}

/** The series' value on each bar as known that day (NaN before the first available observation). */
export function asOfJoin(barT: Float64Array, series: ObservedSeries, lag: PublicationLag): Float64Array {
	const idx = asOfIndex(barT, series, lag);
	const out = new Float64Array(barT.length);
	for (let b = 0; b < barT.length; b++) out[b] = idx[b] < 0 ? Number.NaN : series.value[idx[b]];
	return out;
}
