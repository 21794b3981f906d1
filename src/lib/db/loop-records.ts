/**
 * Stored autonomous loops. A loop's steps are not listed here: they are the conversation's tool calls the loop
 * approved, each carrying the loop's id from the transaction that claimed it, so a crash between approving a
 * call and recording it cannot lose or duplicate a step.
 */
import { z } from 'zod';
import { loopSpecSchema } from '../research/loop/spec';
import { STOP_CODES } from '../research/loop/stop';

export const LOOP_STATUSES = ['running', 'stopped'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

export const loopRecordSchema = z.object({
	id: z.string().min(1),
	conversationId: z.string().min(1),
	spec: loopSpecSchema,
	status: z.enum(LOOP_STATUSES),
	createdAt: z.number(),
	/** The conversation's tokens (input + output) when the loop started: the budget counts from here. */
	tokensAtStart: z.number(),
	/** Replies in a row with no proposal while the loop ran. */
	idleReplies: z.number().int().min(0),
	stopCode: z.enum(STOP_CODES).nullable(),
	stopReason: z.string().nullable(),
	stoppedAt: z.number().nullable()
});
export type LoopRecord = z.infer<typeof loopRecordSchema>;
