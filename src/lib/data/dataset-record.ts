/**
 * Building and refreshing stored datasets: every record gets a content hash of the columns it stores (the
 * gateway re-checks it before anything trains) and baseline statistics of its returns; new bars are checked
 * for drift against that baseline (mean shift, variance ratio, skew change).
 */
import type { BarsRequest, DatasetRecord, DriftAlert, PinnedData, SeriesRecord } from '../db/records';
import { contentSha256 } from '../domain/content-hash';
import {
	checkDrift,
	DRIFT_THRESHOLDS,
	returnsFor,
	returnStats,
	simpleReturns,
	type ReturnStats
} from '../domain/drift';
import type { Provenance } from '../domain/provenance';
import type { Bars } from '../domain/series';

export interface NewBarsDataset {
	readonly id: string;
	/** The series this version belongs to; the id when omitted (a first version). */
	readonly seriesKey?: string;
	readonly version?: number;
	readonly name: string;
	readonly symbol: string;
	readonly frequency: DatasetRecord['frequency'];
	readonly provenance: Provenance;
	readonly bars: Bars;
	readonly bundled: boolean;
	readonly request: BarsRequest | null;
	readonly now: number;
}

/** Stats of the close-to-close returns of bars whose time passes `keep` (all by default). */
export function barsReturnStats(bars: Bars, keep: (t: number) => boolean = () => true): ReturnStats {
	const r = simpleReturns(bars.close);
	const t = bars.t.subarray(1);
	const idx: number[] = [];
	for (let i = 0; i < t.length; i++) if (keep(t[i])) idx.push(i);
	if (idx.length === t.length) return returnStats(t, r);
	return returnStats(
		Float64Array.from(idx, (i) => t[i]),
		Float64Array.from(idx, (i) => r[i])
	);
}

export function newBarsDataset(d: NewBarsDataset): DatasetRecord {
	return {
		id: d.id,
		seriesKey: d.seriesKey ?? d.id,
		version: d.version ?? 1,
		name: d.name,
		symbol: d.symbol,
		frequency: d.frequency,
		provenance: d.provenance,
		bars: d.bars,
		contentSha256: contentSha256({ ...d.bars }),
		baseline: barsReturnStats(d.bars),
		drift: null,
		request: d.request,
		bundled: d.bundled,
		createdAt: d.now,
		updatedAt: d.now
	};
}

/** Rows "new" relative to a stored series: before its first or after its last time. */
function outside(t: Float64Array): (x: number) => boolean {
	const first = t[0];
	const last = t[t.length - 1];
	return (x) => x < first || x > last;
}

function count(t: Float64Array, keep: (x: number) => boolean): number {
	let n = 0;
	for (const x of t) if (keep(x)) n++;
	return n;
}

/** An alert when the new returns drifted from the baseline; none with too few of them to conclude anything. */
function driftAlert(baseline: ReturnStats | null, current: ReturnStats, now: number): DriftAlert | null {
	if (!baseline || current.n < DRIFT_THRESHOLDS.minNewReturns) return null;
	const report = checkDrift(baseline, current);
	if (!report.drifted) return null;
	return {
		at: now,
		reasons: report.reasons,
		meanShiftSd: report.meanShiftSd,
		varianceRatio: report.varianceRatio,
		skewChange: report.skewChange,
		current,
		dismissed: false
	};
}

/** What a trial records of the dataset version it is submitted on (ARCHITECTURE §4 "Dataset versions"). */
export function pinnedDataOf(ds: DatasetRecord): PinnedData {
	return {
		datasetId: ds.id,
		seriesKey: ds.seriesKey,
		version: ds.version,
		name: ds.name,
		contentSha256: ds.contentSha256,
		provenance: ds.provenance,
		rows: ds.bars.t.length,
		firstT: ds.bars.t[0],
		lastT: ds.bars.t[ds.bars.t.length - 1]
	};
}

/** The id of version `version` of a series: the first keeps the series key, later ones add `@v<n>`. */
export function versionId(seriesKey: string, version: number): string {
	return version === 1 ? seriesKey : `${seriesKey}@v${version}`;
}

export interface Refreshed {
	/** The new version, or the latest one unchanged when the bars hash to the same content. */
	readonly record: DatasetRecord;
	/** True when the refreshed bars are exactly the stored ones: no new version is written. */
	readonly unchanged: boolean;
	/** Set when the new bars drifted from the baseline. */
	readonly alert: DriftAlert | null;
	readonly newRows: number;
}

/**
 * A refreshed series (same symbol, a wider or later range) as the next version of `latest`: a version's bars
 * never change, so trials pinned to `latest` keep running on exactly what they were submitted with. Rows not
 * in the old series are the "new" data compared with the baseline; with too few of them, nothing is concluded.
 */
export function refreshBarsDataset(
	latest: DatasetRecord,
	bars: Bars,
	provenance: Provenance,
	request: BarsRequest | null,
	now: number
): Refreshed {
	const content = contentSha256({ ...bars });
	if (content === latest.contentSha256) return { record: latest, unchanged: true, alert: null, newRows: 0 };
	const isNew = outside(latest.bars.t);
	const newRows = count(bars.t, isNew);
	const alert = driftAlert(latest.baseline, barsReturnStats(bars, isNew), now);
	const version = latest.version + 1;
	const record: DatasetRecord = {
		...latest,
		id: versionId(latest.seriesKey, version),
		version,
		bars,
		provenance,
		request: request ?? latest.request,
		contentSha256: content,
		// A drifted series keeps its old baseline until the user accepts the new data (dismissing the alert);
		// otherwise the baseline grows to cover everything seen.
		baseline: alert ? latest.baseline : barsReturnStats(bars),
		drift: alert ?? latest.drift,
		createdAt: now,
		updatedAt: now
	};
	return { record, unchanged: false, alert, newRows };
}

/** Accepting drifted data: the alert is dismissed and the whole series becomes the new baseline. */
export function acceptDrift(record: DatasetRecord): DatasetRecord {
	return {
		...record,
		baseline: barsReturnStats(record.bars),
		drift: record.drift ? { ...record.drift, dismissed: true } : null
	};
}

export interface NewValueSeries {
	readonly id: string;
	readonly name: string;
	readonly seriesId: string;
	readonly title: string;
	readonly frequency: string;
	readonly units: string;
	readonly provenance: Provenance;
	readonly t: Float64Array;
	readonly value: Float64Array;
	readonly now: number;
}

/** Macro levels (rates, indices of activity) can be zero or negative: their "returns" are first differences. */
function levelStats(
	t: Float64Array,
	value: Float64Array,
	keep: (t: number) => boolean = () => true
): ReturnStats {
	const d = returnsFor('level', value);
	const tt = t.subarray(1);
	const idx: number[] = [];
	for (let i = 0; i < tt.length; i++) if (keep(tt[i])) idx.push(i);
	return returnStats(
		Float64Array.from(idx, (i) => tt[i]),
		Float64Array.from(idx, (i) => d[i])
	);
}

export function newValueSeries(s: NewValueSeries): SeriesRecord {
	return {
		...s,
		contentSha256: contentSha256({ t: s.t, value: s.value }),
		baseline: levelStats(s.t, s.value),
		drift: null,
		createdAt: s.now,
		updatedAt: s.now
	};
}

/** A series imported or fetched again: new observations are checked for drift against the baseline. */
export function refreshValueSeries(
	old: SeriesRecord,
	next: NewValueSeries
): { record: SeriesRecord; alert: DriftAlert | null; newRows: number } {
	const isNew = outside(old.t);
	const newRows = count(next.t, isNew);
	const alert = driftAlert(old.baseline, levelStats(next.t, next.value, isNew), next.now);
	const record: SeriesRecord = {
		...old,
		...next,
		contentSha256: contentSha256({ t: next.t, value: next.value }),
		baseline: alert ? old.baseline : levelStats(next.t, next.value),
		drift: alert ?? old.drift,
		createdAt: old.createdAt,
		updatedAt: next.now
	};
	return { record, alert, newRows };
}
