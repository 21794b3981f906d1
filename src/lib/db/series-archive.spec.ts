import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshValueSeries } from '../data/dataset-record';
import { pinInput } from '../data/feature-input-pins';
import { fixtureTrial } from '../testing/feedback-fixtures';
import { tbillSeries, TBILL_SERIES_ID } from '../testing/feature-inputs';
import { MlTrainerDb } from './database';
import type { SeriesRecord } from './records';
import {
	archivedSeriesId,
	isArchivedSeries,
	isSeriesPinned,
	keepPinnedSeries,
	seriesAtContent
} from './series-archive';

let db: MlTrainerDb;
let n = 0;
const tbill = tbillSeries();

function revised(): SeriesRecord {
	const value = tbill.value.slice();
	value[10] += 0.25;
	return refreshValueSeries(tbill, { ...tbill, value, now: 1 }).record;
}

/** A refresh as the app writes one (app/imports.ts, app/market-data.ts). */
async function refresh(next: SeriesRecord): Promise<string | null> {
	return db.transaction('rw', db.series, db.trials, db.analyses, async () => {
		const kept = await keepPinnedSeries(db, next.id, next.contentSha256);
		await db.series.put(next);
		return kept;
	});
}

beforeEach(async () => {
	db = new MlTrainerDb(`series-archive-${n++}`);
	await db.series.put(tbill);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('keeping the content a trial pinned when a value series is refreshed', () => {
	it('keeps nothing when no trial or analysis pinned the old content', async () => {
		expect(await refresh(revised())).toBeNull();
		expect(await db.series.count()).toBe(1);
	});

	it('keeps the old content under an archived id when a trial pinned it, and finds it by the pin', async () => {
		await db.trials.put({ ...fixtureTrial('t', 5), inputs: [pinInput({ kind: 'series', record: tbill })] });
		expect(await isSeriesPinned(db, TBILL_SERIES_ID, tbill.contentSha256)).toBe(true);
		const next = revised();
		const kept = await refresh(next);
		expect(kept).toBe(archivedSeriesId(TBILL_SERIES_ID, tbill.contentSha256));
		const copy = (await db.series.get(kept!))!;
		expect(copy).toMatchObject({ archivedFrom: TBILL_SERIES_ID, contentSha256: tbill.contentSha256 });
		expect(Array.from(copy.value)).toEqual(Array.from(tbill.value));
		expect(isArchivedSeries(copy)).toBe(true);
		// The pin finds its content; the current id holds the new content.
		expect((await seriesAtContent(db, TBILL_SERIES_ID, tbill.contentSha256))?.id).toBe(kept);
		expect((await seriesAtContent(db, TBILL_SERIES_ID, next.contentSha256))?.id).toBe(TBILL_SERIES_ID);
		// An unknown hash gets the current record (and the worker's hash check refuses it).
		expect((await seriesAtContent(db, TBILL_SERIES_ID, 'f'.repeat(64)))?.contentSha256).toBe(
			next.contentSha256
		);
	});

	it('keeps it for a pinned analysis too, and not when the refresh brings the same content', async () => {
		await db.analyses.put({
			id: 'a',
			inputs: [pinInput({ kind: 'series', record: tbill })]
		} as never);
		expect(await refresh({ ...tbill, updatedAt: 2 })).toBeNull();
		expect(await refresh(revised())).toBe(archivedSeriesId(TBILL_SERIES_ID, tbill.contentSha256));
	});
});
