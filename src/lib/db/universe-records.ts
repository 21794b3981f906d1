/**
 * Universes (schema v9, issue 12): a named list of stored series that one trial spec or one scan runs across,
 * e.g. the original's default SPY, QQQ, IWM, DIA, EFA, EEM, TLT, GLD. A member names its symbol and the series
 * (seriesKey) that holds its bars; a member whose series is not stored yet is fetched before it is used.
 */
import { z } from 'zod';

export const MAX_UNIVERSE_MEMBERS = 100;

export const universeMemberSchema = z.object({
	symbol: z.string().trim().min(1, { error: 'a member needs a symbol' }).max(32),
	/** The stored series (DatasetRecord.seriesKey) with this symbol's bars. */
	seriesKey: z.string().min(1)
});
export type UniverseMember = z.infer<typeof universeMemberSchema>;

export const universeRecordSchema = z.object({
	id: z.string().min(1),
	name: z.string().trim().min(1, { error: 'a universe needs a name' }).max(80),
	members: z
		.array(universeMemberSchema)
		.min(1, { error: 'a universe needs at least one member' })
		.max(MAX_UNIVERSE_MEMBERS, { error: `a universe holds at most ${MAX_UNIVERSE_MEMBERS} members` }),
	createdAt: z.number(),
	updatedAt: z.number()
});
export type UniverseRecord = z.infer<typeof universeRecordSchema>;
