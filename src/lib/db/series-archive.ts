/**
 * A value series (FRED, an index's closes) is refreshed in place: its id stays, its content changes. A trial or an
 * analysis pinned to the old content would then be refused for ever (the worker checks the hash). So before a
 * refresh overwrites content that something pinned, the old record is kept under an archived id — hidden from
 * every list, found only by the pin's id and hash — the way a bar dataset keeps its pinned versions.
 */
import type { MlTrainerDb } from './database';
import { seriesRecordSchema, type SeriesRecord } from './records';

/** The id of the copy of series `id` with content `sha256`. */
export function archivedSeriesId(id: string, sha256: string): string {
	return `${id}@${sha256.slice(0, 16)}`;
}

/** Whether a record is such a copy (lists leave those out). */
export function isArchivedSeries(s: Pick<SeriesRecord, 'archivedFrom'>): boolean {
	return s.archivedFrom !== undefined;
}

const pins = (inputs: unknown, id: string, sha256: string): boolean =>
	Array.isArray(inputs) &&
	inputs.some(
		(p: { kind?: unknown; id?: unknown; contentSha256?: unknown }) =>
			p.kind === 'series' && p.id === id && p.contentSha256 === sha256
	);

/** Whether a stored trial or analysis is pinned to series `id` with content `sha256`. */
export async function isSeriesPinned(db: MlTrainerDb, id: string, sha256: string): Promise<boolean> {
	const trial = await db.trials.filter((t) => pins(t.inputs, id, sha256)).first();
	if (trial) return true;
	return (await db.analyses.filter((a) => pins(a.inputs, id, sha256)).count()) > 0;
}

/**
 * Call in the refresh's transaction (with trials, analyses and series in its scope) before series `id` is
 * overwritten with content `nextSha256`: keeps the stored content when it changes and is pinned. Returns the
 * archived id, or null when nothing needed keeping.
 */
export async function keepPinnedSeries(
	db: MlTrainerDb,
	id: string,
	nextSha256: string
): Promise<string | null> {
	const raw = await db.series.get(id);
	if (!raw || raw.contentSha256 === nextSha256) return null;
	const old = seriesRecordSchema.parse(raw);
	if (!(await isSeriesPinned(db, id, old.contentSha256))) return null;
	const archivedId = archivedSeriesId(id, old.contentSha256);
	await db.series.put({ ...old, id: archivedId, archivedFrom: id });
	return archivedId;
}

/** The stored record of series `id` with content `sha256`: the current one, its archived copy, or else the current one. */
export async function seriesAtContent(
	db: MlTrainerDb,
	id: string,
	sha256: string
): Promise<SeriesRecord | undefined> {
	const raw = await db.series.get(id);
	if (raw && raw.contentSha256 === sha256) return seriesRecordSchema.parse(raw);
	const kept = await db.series.get(archivedSeriesId(id, sha256));
	if (kept && kept.contentSha256 === sha256) return seriesRecordSchema.parse(kept);
	return raw && seriesRecordSchema.parse(raw);
}
