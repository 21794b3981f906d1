/**
 * Share links for the pages (issue 13): build a link from a stored record, open one, reproduce a shared trial on
 * this workspace's data, or fetch the data it needs through the approved connectors. The payload sits in the
 * URL fragment (`…/#/s/v1.…`), which browsers never send to a server, so a static host alone serves the app.
 */
import { version } from '$app/environment';
import { base } from '$app/paths';
import { liveQuery, type Observable } from 'dexie';
import { datasetRecordSchema, foldResultRecordSchema, trialRecordSchema } from '../db/records';
import { AppError, errorMessage } from '../domain/errors';
import { isoDate } from '../domain/series';
import { decodeShare, encodeShare, type DecodeResult } from '../security/share-link';
import type { Shared, SharedAnalysis, SharedKind, SharedTrialCore } from '../security/share-schema';
import { db } from './db';
import {
	analysisReproductionState,
	matchAnalysisInputs,
	startAnalysisReproduction,
	type InputsMatch
} from './share-reproduce-analysis';
import { SHARE_PREFIX } from './share-fragment';
import { sharedTrialOf } from './share-trial';
import { inputsWithRequests, readSharedAnalysis, readSharedPortfolio, readSharedStudy } from './share-read';
import {
	matchSharedData,
	reproductionState,
	startReproduction,
	type DataMatch,
	type MissingData,
	type ReproduceStart,
	type ReproduceState
} from './share-reproduce';

export type { DataMatch, MissingData, ReproduceStart, ReproduceState } from './share-reproduce';
export type { InputsMatch } from './share-reproduce-analysis';
export type { Comparison, Difference } from './share-trial';
export type { DecodeResult } from '../security/share-link';
export { isEncrypted } from '../security/share-link';
export { curveTimes } from '../security/share-schema';
export type * from '../security/share-schema';

export { SHARE_PREFIX, shareFragmentOf } from './share-fragment';

export interface ShareRef {
	readonly kind: SharedKind;
	readonly id: string;
}

export interface ShareOptions {
	readonly passphrase?: string;
	/** A trial only: every out-of-sample prediction as well. */
	readonly full?: boolean;
}

export interface BuiltLink {
	readonly url: string;
	/** Characters of the whole link. */
	readonly chars: number;
	readonly kind: SharedKind;
	readonly full: boolean;
	readonly encrypted: boolean;
}

async function sharedTrial(id: string, full: boolean): Promise<Shared> {
	const raw = await db.trials.get(id);
	if (!raw) throw new AppError('invalid_spec', `trial ${id} is not stored`);
	const trial = trialRecordSchema.parse(raw);
	const results = (await db.results.where('trialId').equals(id).sortBy('fold')).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	const stored = trial.data && (await db.datasets.get(trial.data.datasetId));
	const dataset = stored ? datasetRecordSchema.parse(stored) : undefined;
	const shared = sharedTrialOf(trial, results, dataset, { full, appVersion: version });
	return { ...shared, inputs: await inputsWithRequests(db, trial.inputs ?? [], shared.inputs) };
}

/** What a link to this record carries. */
export async function buildShared(ref: ShareRef, options: ShareOptions = {}): Promise<Shared> {
	try {
		switch (ref.kind) {
			case 'trial':
				return await sharedTrial(ref.id, options.full === true);
			case 'study':
				return await readSharedStudy(db, ref.id, version);
			case 'analysis':
				return await readSharedAnalysis(db, ref.id, version);
			case 'portfolio':
				return await readSharedPortfolio(db, version);
			default:
				throw new AppError('invalid_spec', `sharing a ${ref.kind as string} is not available`);
		}
	} catch (e) {
		if (e instanceof AppError) throw e;
		throw new AppError('invalid_spec', errorMessage(e));
	}
}

/** The whole link to this app with the record in its fragment. */
export function shareUrl(fragment: string): string {
	return `${location.origin}${base}/${SHARE_PREFIX}${fragment}`;
}

export async function buildShareLink(ref: ShareRef, options: ShareOptions = {}): Promise<BuiltLink> {
	const shared = await buildShared(ref, options);
	const passphrase = options.passphrase ? options.passphrase : undefined;
	const url = shareUrl(await encodeShare(shared, { passphrase }));
	return {
		url,
		chars: url.length,
		kind: shared.kind,
		full: shared.kind === 'trial' && shared.predictions !== undefined,
		encrypted: passphrase !== undefined
	};
}

/** Decodes a link: never throws, never writes, never calls out. */
export function openShared(fragment: string, passphrase?: string): Promise<DecodeResult> {
	return decodeShare(fragment, passphrase === undefined ? {} : { passphrase });
}

/** What can be reproduced from a link: a trial (also a study's best) or an analysis. */
export type ReproduceTarget =
	| { readonly kind: 'trial'; readonly core: SharedTrialCore }
	| { readonly kind: 'analysis'; readonly value: SharedAnalysis };

/** Whether this workspace holds the shared data, live: an import or fetch in any tab updates it. */
export function watchSharedData(target: ReproduceTarget): Observable<DataMatch | InputsMatch> {
	return liveQuery(() =>
		target.kind === 'trial' ? matchSharedData(db, target.core) : matchAnalysisInputs(db, target.value)
	);
}

/** Submits the shared trial (or analysis) on the matching local data through the gateway. */
export async function reproduceShared(target: ReproduceTarget): Promise<ReproduceStart> {
	if (target.kind === 'analysis') {
		const { submitAnalysis } = await import('./analyses');
		return startAnalysisReproduction(db, target.value, submitAnalysis);
	}
	const { submitTrial } = await import('./trials');
	return startReproduction(db, target.core, submitTrial);
}

/** The reproduction's progress, then its comparison with the shared numbers (live, as folds land). */
export function watchReproduction(target: ReproduceTarget, id: string): Observable<ReproduceState> {
	return liveQuery(() =>
		target.kind === 'trial'
			? reproductionState(db, target.core, id)
			: analysisReproductionState(db, target.value, id)
	);
}

/** The page of the reproduction in this workspace. */
export function reproductionHref(target: ReproduceTarget, id: string): string {
	const page = target.kind === 'trial' ? '/trials/view/' : '/analyses/view/';
	return `${base}${page}?id=${encodeURIComponent(id)}`;
}

/** How the missing data can be fetched here, in words; null when it cannot (a file to import). */
export function fetchPlanOf(m: MissingData): string | null {
	const d = m.data;
	if (d.request) return `Fetch ${d.request.ticker} ${d.request.from}…${d.request.to} from Polygon`;
	if (d.source === 'fred' && 'kind' in d && d.kind === 'series') return `Fetch ${d.name} from FRED (relay)`;
	return null;
}

export type FetchMissingResult =
	| { readonly ok: true; readonly matches: boolean; readonly message: string }
	| { readonly ok: false; readonly message: string };

/**
 * Fetches missing data through the approved connectors (the same request the sender made) and says whether the
 * bars that came back are the shared ones: a vendor can revise history, and then the hash differs.
 */
export async function fetchMissing(m: MissingData): Promise<FetchMissingResult> {
	const d = m.data;
	try {
		if (d.request) {
			const { fetchPolygonDataset } = await import('./market-data');
			const { provider: _provider, ...request } = d.request;
			const out = await fetchPolygonDataset(request);
			const matches = out.record.contentSha256 === d.contentSha256;
			return {
				ok: true,
				matches,
				message: matches
					? `Fetched ${out.record.bars.t.length} bars of ${d.request.ticker}: the same data (content hash matches).`
					: `Fetched ${out.record.bars.t.length} bars of ${d.request.ticker} (${isoDate(out.record.bars.t[0])}…${isoDate(out.record.bars.t[out.record.bars.t.length - 1])}), but they differ from the shared data (content hash ${out.record.contentSha256.slice(0, 12)}… ≠ ${d.contentSha256.slice(0, 12)}…): the source has revised them, so the numbers could not match.`
			};
		}
		if (d.source === 'fred' && 'kind' in d && d.kind === 'series') {
			const { fetchFredSeries } = await import('./imports');
			// The provider's id (share-read.ts inputsWithRequests); links made before it carry the stored id.
			const out = await fetchFredSeries(d.symbol.replace(/^fred-/, '').toUpperCase());
			const matches = out.record.contentSha256 === d.contentSha256;
			return {
				ok: true,
				matches,
				message: matches
					? `Fetched ${d.name} from FRED: the same data.`
					: `Fetched ${d.name} from FRED, but it differs from the shared data (FRED has revised or extended it).`
			};
		}
		return { ok: false, message: 'This data came from a file: import the same file on the Data page.' };
	} catch (e) {
		return { ok: false, message: errorMessage(e) };
	}
}
