/**
 * A trial's feature inputs (domain/feature-inputs.ts) as stored records: what the gateway checks (provenance,
 * approved source, content unchanged, dates for the overlap), what the trial records (the pinned version and
 * content hash, like an analysis' inputs) and what a fold job carries (the columns with the PINNED hash, so the
 * worker refuses an input changed after submission). Pure.
 */
import type { InputFacts } from '../compliance/input-policy';
import type { PinnedInput } from '../db/analysis-records';
import type { DatasetRecord, SeriesRecord } from '../db/records';
import { contentSha256 } from '../domain/content-hash';

export type StoredInput =
	| { readonly kind: 'dataset'; readonly record: DatasetRecord }
	| { readonly kind: 'series'; readonly record: SeriesRecord };

export function inputFactsOf(s: StoredInput): InputFacts {
	if (s.kind === 'dataset') {
		const r = s.record;
		return {
			id: r.id,
			provenance: r.provenance,
			rows: r.bars.t.length,
			t: r.bars.t,
			value: r.bars.close,
			content: { recorded: r.contentSha256, actual: contentSha256({ ...r.bars }) }
		};
	}
	const r = s.record;
	return {
		id: r.id,
		provenance: r.provenance,
		rows: r.t.length,
		t: r.t,
		value: r.value,
		content: { recorded: r.contentSha256, actual: contentSha256({ t: r.t, value: r.value }) }
	};
}

/** The version the trial records for an input (the same shape as an analysis' pinned input). */
export function pinInput(s: StoredInput): PinnedInput {
	const t = s.kind === 'dataset' ? s.record.bars.t : s.record.t;
	return {
		kind: s.kind,
		id: s.record.id,
		name: s.record.name,
		version: s.kind === 'dataset' ? s.record.version : null,
		contentSha256: s.record.contentSha256,
		provenance: s.record.provenance,
		rows: t.length,
		firstT: t[0],
		lastT: t[t.length - 1]
	};
}

/** An input as a job carries it (workers/protocol.ts pinnedColumnsSchema). */
export interface InputColumns {
	readonly kind: 'dataset' | 'series';
	readonly id: string;
	readonly name: string;
	readonly contentSha256: string;
	readonly provenance: unknown;
	readonly columns: { readonly t: Float64Array } & Readonly<Record<string, Float64Array>>;
}

/** The input as a job carries it: the stored columns, with the hash the trial pinned (checked in the worker). */
export function inputColumnsOf(pin: PinnedInput, s: StoredInput): InputColumns {
	return {
		kind: s.kind,
		// The id the spec names: a copy kept by a refresh (db/series-archive.ts) is stored under another one.
		id: pin.id,
		name: pin.name,
		contentSha256: pin.contentSha256,
		provenance: s.record.provenance,
		columns: s.kind === 'dataset' ? { ...s.record.bars } : { t: s.record.t, value: s.record.value }
	};
}
