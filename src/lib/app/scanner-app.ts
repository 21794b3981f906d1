/**
 * The scanner bound to the app's database, worker pool and trial gateway (what pages call). A scan runs in the
 * tab that started it; `runningHere` says which stored 'running' scans are live in this tab, so the page can offer
 * to resume the others (left by a closed tab). After a scan, paper positions whose model turned are closed (signal
 * reversal), and the best N recommendations open as paper positions when the settings ask for it and a portfolio
 * exists.
 */
import { pool } from './engine';
import { db } from './db';
import { promoteTrial, promotionCheck, setPromotedActive, watchPromoted } from './promotion';
import { closeReversals, openRecommendation, openTopN, type OpenedOrRefused } from './recommendations';
import type { PortfolioEvent } from '../research/portfolio/ledger';
import { readPortfolio } from './portfolio';
import { newScanId, resumeScan, runScan, type ScanDeps, type ScanRequest } from './scanner';
import { loadScannerSettings, saveScannerSettings, type ScannerSettingsInput } from './scanner-settings';
import { submitTrial } from './trials';
import { watchLatestRecommendations, watchScans } from './scanner-read';
import type { ScanRecord } from '../db/scanner-records';

const runningHere = new Set<string>();

const deps = (signal?: AbortSignal): ScanDeps => ({ db, pool, submit: submitTrial, signal });

export interface ScanResult {
	readonly scan: ScanRecord;
	/** Paper positions closed because the scan turned their model (recommendations.ts closeReversals). */
	readonly reversed: PortfolioEvent[];
	/** What the automatic top-N opening did (empty when it is off or there is no portfolio). */
	readonly opened: OpenedOrRefused[];
}

async function afterScan(scan: ScanRecord): Promise<ScanResult> {
	const reversed = await closeReversals(db, scan);
	const { autoOpenTopN } = await loadScannerSettings(db);
	if (autoOpenTopN === 0 || !(await readPortfolio(db))) return { scan, reversed, opened: [] };
	return { scan, reversed, opened: await openTopN(db, scan.id, autoOpenTopN) };
}

async function tracked(run: Promise<ScanRecord>, id: string): Promise<ScanResult> {
	runningHere.add(id);
	try {
		return await afterScan(await run);
	} finally {
		runningHere.delete(id);
	}
}

export const scanner = {
	promoted: () => watchPromoted(db),
	check: (trialId: string) => promotionCheck(db, trialId),
	promote: (trialId: string) => promoteTrial(db, trialId),
	setActive: (id: string, active: boolean) => setPromotedActive(db, id, active),
	scans: () => watchScans(db),
	latest: () => watchLatestRecommendations(db),
	/** Runs a scan; aborting `signal` stops waiting (its trials already queued keep running in the engine). */
	run: (request: ScanRequest, signal?: AbortSignal) => {
		const id = newScanId(Date.now());
		return tracked(runScan(deps(signal), request, id), id);
	},
	resume: (scanId: string, signal?: AbortSignal) => tracked(resumeScan(deps(signal), scanId), scanId),
	isRunningHere: (scanId: string) => runningHere.has(scanId),
	open: (recommendationId: string) => openRecommendation(db, recommendationId),
	openTopN: (scanId: string, n: number) => openTopN(db, scanId, n),
	settings: () => loadScannerSettings(db),
	saveSettings: (input: ScannerSettingsInput) => saveScannerSettings(db, input)
};
