/**
 * A run of one trial spec across a universe (issue 12), as stored in `universeRuns` (schema v9; an opaque row
 * store, parsed here on every read). One member per symbol of the universe when the run started: the
 * sub-trial it submitted (each through the gateway, like any trial), or why it has none.
 */
import { z } from 'zod';
import { trialSpecSchema } from '../domain/trial-spec';

/** The shared spec's `datasetId`: not a dataset — each member's trial names its own version. */
export function universeRunDatasetId(universeId: string): string {
	return `universe:${universeId}`;
}

export const universeRunMemberSchema = z.object({
	symbol: z.string().min(1),
	seriesKey: z.string().min(1),
	/** The dataset version the sub-trial was submitted on; null when the member had no stored data. */
	datasetId: z.string().nullable(),
	trialId: z.string().nullable(),
	/** Why no sub-trial exists (no data, or the gateway's refusal); null when `trialId` is set. */
	refusal: z.object({ code: z.string(), reason: z.string() }).nullable()
});
export type UniverseRunMember = z.infer<typeof universeRunMemberSchema>;

export const universeRunRecordSchema = z.object({
	id: z.string().min(1),
	universeId: z.string().min(1),
	/** The universe's name when the run started (the universe may be renamed or deleted later). */
	universeName: z.string(),
	/** The shared settings; `datasetId` is `universeRunDatasetId(universeId)`, and `name` has no symbol yet. */
	spec: trialSpecSchema,
	members: z.array(universeRunMemberSchema).min(1),
	createdAt: z.number()
});
export type UniverseRunRecord = z.infer<typeof universeRunRecordSchema>;
