/**
 * File import and FRED relay fetches → stored datasets. Parsing runs in the import worker (a 50 MB file never
 * blocks the page), every call has a deadline, and a result is written in one transaction with its audit event
 * only after the user confirmed it — so a refused import writes nothing but the record of its refusal.
 */
import * as Comlink from 'comlink';
import ImportWorker from '../workers/import.worker?worker';
import { isApprovedSource } from '../compliance/allowlist';
import { newBarsDataset, newValueSeries, refreshValueSeries } from '../data/dataset-record';
import { inferFrequency } from '../data/import/fred';
import { findFredSeries } from '../data/import/fred-series';
import { fetchFredViaRelay, type FredRelayResult } from '../data/import/fred-relay';
import type { ImportOk, ImportResult, InspectResult, ParseOptions } from '../data/import/types';
import { appendAudit } from '../db/audit-log';
import { keepPinnedSeries } from '../db/series-archive';
import type { DatasetRecord, SeriesRecord } from '../db/records';
import { contentSha256 } from '../domain/content-hash';
import { stripHidden } from '../domain/text';
import { AppError, errorMessage } from '../domain/errors';
import type { Provenance } from '../domain/provenance';
import { checkBars } from '../domain/series';
import { importResultSchema, inspectResultSchema, type ImportWorkerApi } from '../workers/import-protocol';
import { db } from './db';
import { getNet } from './net';
import { loadSettings } from './settings';
import { storageErrorMessage } from './storage-errors';
import { getVault } from './vault';

/** The corpus's worst case parses in well under 5 s; a minute means the worker is stuck. */
const IMPORT_DEADLINE_MS = 60_000;

/** Runs one call on a fresh import worker and always terminates it: imports are rare, workers are cheap. */
async function withWorker<T>(call: (api: Comlink.Remote<ImportWorkerApi>) => Promise<T>): Promise<T> {
	const worker = new ImportWorker({ name: 'mltrainer-import' });
	const api = Comlink.wrap<ImportWorkerApi>(worker);
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		return await Promise.race([
			call(api),
			new Promise<never>((_, reject) => {
				timer = setTimeout(
					() =>
						reject(new AppError('deadline_exceeded', 'Reading the file took over a minute and was stopped.')),
					IMPORT_DEADLINE_MS
				);
				worker.addEventListener('error', (e) => {
					e.preventDefault();
					reject(new AppError('worker_crashed', `The import worker failed: ${e.message || 'unknown error'}`));
				});
			})
		]);
	} finally {
		clearTimeout(timer);
		api[Comlink.releaseProxy]();
		worker.terminate();
	}
}

export async function inspectImportFile(file: File): Promise<InspectResult> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const result = await withWorker<unknown>(
		(api) => api.inspect(Comlink.transfer(bytes, [bytes.buffer]), file.name) as Promise<unknown>
	);
	return inspectResultSchema.parse(result) as InspectResult;
}

export async function parseImportFile(file: File, options: ParseOptions): Promise<ImportResult> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const result = await withWorker<unknown>(
		(api) => api.parse(Comlink.transfer(bytes, [bytes.buffer]), options) as Promise<unknown>
	);
	const parsed = importResultSchema.parse(result) as ImportResult;
	if (!parsed.ok)
		await appendAudit(db, {
			type: 'data.import_refused',
			subject: file.name,
			summary: `Import of ${file.name} refused (${parsed.code}): ${parsed.message}`,
			detail: {
				fileName: file.name,
				bytes: file.size,
				source: options.source ?? null,
				code: parsed.code,
				errorCount: parsed.errorCount,
				errorCounts: parsed.errorCounts
			}
		});
	return parsed;
}

/** Records a refusal that happened before parsing (no source declared, unreadable file…). */
export async function recordImportRefusal(fileName: string, code: string, message: string): Promise<void> {
	await appendAudit(db, {
		type: 'data.import_refused',
		subject: fileName,
		summary: `Import of ${fileName} refused (${code}): ${message}`,
		detail: { fileName, code }
	});
}

export interface CommitImport {
	readonly result: ImportOk;
	readonly fileName: string;
	readonly source: string;
	readonly name: string;
	/** For bars: the ticker or symbol; for values: the series id. */
	readonly symbol: string;
	readonly title?: string;
	readonly units?: string;
	/** The user confirmed skipping the rows with errors. */
	readonly confirmedSkip: boolean;
	/** The user acknowledged every warning of the result (what the importer altered or guessed). */
	readonly acknowledgedWarnings: boolean;
}

/** Bars closer than a day apart are intraday; otherwise the median spacing names the frequency. */
function barFrequency(t: Float64Array): DatasetRecord['frequency'] {
	let minGap = Infinity;
	for (let i = 1; i < t.length; i++) minGap = Math.min(minGap, t[i] - t[i - 1]);
	if (minGap < 86_400_000) return 'intraday';
	return inferFrequency(t);
}

function slug(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'import'
	);
}

/**
 * Stores a parsed import. Refuses without an approved source, and refuses a partial import unless the user
 * confirmed "import N valid rows, skip M". One transaction: the dataset and its audit event, or nothing.
 */
export async function commitImport(input: CommitImport): Promise<{ id: string; kind: 'bars' | 'values' }> {
	let c = input;
	const r = c.result;
	if (!isApprovedSource(c.source)) {
		await recordImportRefusal(c.fileName, 'no_source', 'no approved source was declared');
		throw new AppError(
			'compliance_refused',
			'Declare where this file comes from (an approved source) to import it.'
		);
	}
	if (r.skippedRows > 0 && !c.confirmedSkip)
		throw new AppError(
			'invalid_spec',
			`${r.skippedRows} rows have errors: confirm "import ${r.validRows} valid rows, skip ${r.skippedRows}" first.`
		);
	if (r.warnings.length > 0 && !c.acknowledgedWarnings)
		throw new AppError(
			'invalid_spec',
			`The import changed or guessed ${r.warnings.length} thing(s) in this file: read and acknowledge the warnings first.`
		);
	// Names shown on every page and quoted to Claude keep no character that nobody can see (issue 8 §9).
	const cleanName = stripHidden(c.name);
	const cleanSymbol = stripHidden(c.symbol);
	c = { ...c, name: cleanName.text, symbol: cleanSymbol.text };
	const hiddenRemoved = cleanName.removed.total + cleanSymbol.removed.total;
	const now = Date.now();
	const provenance: Provenance = {
		source: c.source,
		origin: `file:${c.fileName}`,
		retrievedAt: new Date(now).toISOString(),
		sha256: r.sha256,
		rows: r.validRows,
		firstT: r.firstT,
		lastT: r.lastT,
		...(r.priceBasis ? { priceBasis: r.priceBasis } : {})
	};
	// Named by the stored content, not the file's bytes: the same file imported with another choice (close or
	// adjusted close) is other data, and a stored dataset's content never changes (ARCHITECTURE §4).
	const content =
		r.kind === 'bars'
			? contentSha256({ t: r.t, ...r.columns })
			: contentSha256({ t: r.t, value: r.columns.value });
	const id = `${c.source}-${slug(c.symbol || c.name)}-${content.slice(0, 8)}`;
	const detail = {
		fileName: c.fileName,
		source: c.source,
		sha256: r.sha256,
		bytes: r.bytes,
		rows: r.validRows,
		skippedRows: r.skippedRows,
		errorCounts: r.errorCounts,
		// What the user acknowledged: codes and counts (messages can quote file content; codes cannot).
		warnings: r.warnings.map((w) => ({ code: w.code, count: w.count })),
		...(hiddenRemoved > 0 ? { hiddenCharactersRemoved: hiddenRemoved } : {}),
		...(r.priceBasis ? { priceBasis: r.priceBasis } : {}),
		firstT: r.firstT,
		lastT: r.lastT
	};
	if (r.kind === 'bars') {
		const bars = { t: r.t, ...r.columns };
		const problem = checkBars(bars);
		if (problem)
			throw new AppError('dataset_integrity', `The imported bars failed a check: ${problem.message}`);
		const record: DatasetRecord = newBarsDataset({
			id,
			name: c.name,
			symbol: c.symbol || c.name,
			frequency: barFrequency(r.t),
			provenance,
			bars,
			bundled: false,
			request: null,
			now
		});
		await storing('The imported dataset', () =>
			db.transaction('rw', db.datasets, db.audit, async () => {
				// Same id, same content: importing the same data again changes nothing stored.
				await db.datasets.put(record);
				await appendAudit(db, {
					type: 'data.import',
					subject: id,
					summary: `Imported ${r.validRows} bars from ${c.fileName} (source ${c.source})${r.skippedRows ? `, ${r.skippedRows} rows skipped` : ''}`,
					detail: { ...detail, datasetId: id, contentSha256: record.contentSha256 }
				});
			})
		);
		return { id, kind: 'bars' };
	}
	const seriesId = c.symbol || r.fred?.seriesId || c.name;
	const known = findFredSeries(seriesId);
	const record = newValueSeries({
		id,
		name: c.name,
		seriesId,
		title: c.title || known?.title || seriesId,
		frequency: r.fred?.frequency ?? known?.frequency ?? 'irregular',
		units: c.units ?? known?.units ?? '',
		provenance,
		t: r.t,
		value: r.columns.value,
		now
	});
	await storing('The imported series', () =>
		db.transaction('rw', db.series, db.trials, db.analyses, db.audit, async () => {
			await keepPinnedSeries(db, id, record.contentSha256);
			await db.series.put(record);
			await appendAudit(db, {
				type: 'data.import',
				subject: id,
				summary: `Imported ${r.validRows} observations of ${seriesId} from ${c.fileName} (source ${c.source})${r.skippedRows ? `, ${r.skippedRows} rows skipped` : ''}`,
				detail: { ...detail, seriesId, datasetId: id, contentSha256: record.contentSha256 }
			});
		})
	);
	return { id, kind: 'values' };
}

/** A write whose failure (storage full above all) is said in words: what failed and what to do. */
async function storing<T>(what: string, write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (e) {
		throw new AppError('storage', storageErrorMessage(what, e), errorMessage(e));
	}
}

/** Fetches a FRED series through the user's relay and stores (or refreshes, with a drift check) it. */
export async function fetchFredSeries(
	seriesId: string,
	signal?: AbortSignal
): Promise<{ record: SeriesRecord; result: FredRelayResult; refreshed: boolean }> {
	const [settings, vault, net] = await Promise.all([loadSettings(db), getVault(), getNet()]);
	if (!settings.fredRelayOrigin)
		throw new AppError(
			'invalid_spec',
			'No FRED relay is set in Settings; import the CSV from the FRED page instead.'
		);
	if (vault.state === 'locked' && vault.names().includes('fred'))
		throw new AppError(
			'invalid_spec',
			'Your keys are locked: unlock them in Settings to use the FRED relay.'
		);
	let result: FredRelayResult;
	try {
		result = await fetchFredViaRelay({
			http: net.http,
			relayOrigin: settings.fredRelayOrigin,
			apiKey: vault.get('fred'),
			seriesId,
			signal
		});
	} catch (e) {
		await appendAudit(db, {
			type: 'data.fetch',
			subject: `fred:${seriesId}`,
			summary: `FRED relay fetch of ${seriesId} failed`,
			detail: {
				ok: false,
				message: e instanceof Error ? e.message : String(e),
				relay: settings.fredRelayOrigin
			}
		});
		throw e;
	}
	const id = `fred-${slug(result.seriesId)}`;
	const now = Date.now();
	const next = {
		id,
		name: `${result.seriesId} (FRED)`,
		seriesId: result.seriesId,
		title: result.title,
		frequency: result.frequency,
		units: result.units,
		provenance: result.provenance,
		t: result.t,
		value: result.value,
		now
	};
	return db.transaction('rw', db.series, db.trials, db.analyses, db.audit, async () => {
		const old = await db.series.get(id);
		const { record, alert } = old
			? refreshValueSeries(old, next)
			: { record: newValueSeries(next), alert: null };
		await keepPinnedSeries(db, id, record.contentSha256);
		await db.series.put(record);
		await appendAudit(db, {
			type: 'data.fetch',
			subject: id,
			summary: `${result.validRows} observations of ${result.seriesId} fetched through the FRED relay`,
			detail: {
				ok: true,
				source: 'fred',
				origin: result.provenance.origin,
				sha256: result.provenance.sha256,
				rows: result.validRows,
				skippedRows: result.skippedRows,
				contentSha256: record.contentSha256
			}
		});
		if (alert)
			await appendAudit(db, {
				type: 'data.drift',
				subject: id,
				summary: `Drift in ${result.seriesId}: ${alert.reasons.join('; ')}`,
				detail: {
					meanShiftSd: alert.meanShiftSd,
					varianceRatio: alert.varianceRatio,
					skewChange: alert.skewChange
				}
			});
		return { record, result, refreshed: old !== undefined };
	});
}
