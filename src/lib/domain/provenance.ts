/**
 * Provenance: where a dataset came from and what exactly it was (ARCHITECTURE §4). Without valid provenance
 * nothing trains. The allowlist decision itself lives in compliance/.
 */
import { z } from 'zod';

export const provenanceSchema = z.object({
	source: z.string().min(1, { error: 'provenance.source is required' }),
	/** Endpoint, file name or package path the bytes came from. */
	origin: z.string().min(1, { error: 'provenance.origin is required' }),
	/** ISO time at which the bytes were taken from the origin. */
	retrievedAt: z.iso.datetime({ error: 'provenance.retrievedAt must be an ISO date-time' }),
	/** SHA-256 of the original bytes, lower-case hex. */
	sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'provenance.sha256 must be 64 hex characters' }),
	rows: z.number().int().min(1, { error: 'provenance.rows must be at least 1' }),
	/** First and last bar time, epoch ms. */
	firstT: z.number().finite(),
	lastT: z.number().finite(),
	/**
	 * Which close the bars use when the source had both a close and an adjusted close (a file import asks). Absent
	 * when the source had one close only, and in records made before it existed.
	 */
	priceBasis: z.enum(['close', 'adjusted_close']).optional()
});

export type Provenance = z.infer<typeof provenanceSchema>;
