/**
 * Shapes of the chat stores (schema v3). Message content keeps the Messages API's block shapes, so a stored
 * conversation is sent back to Claude as it was, and tool calls keep both Claude's raw input and what the app made
 * of it (the parse, the gateway's verdict, the user's decision).
 */
import { z } from 'zod';

export const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
export const toolUseBlockSchema = z.object({
	type: z.literal('tool_use'),
	id: z.string(),
	name: z.string(),
	input: z.unknown()
});
export const toolResultBlockSchema = z.object({
	type: z.literal('tool_result'),
	tool_use_id: z.string(),
	content: z.string(),
	is_error: z.boolean().optional()
});
export const contentBlockSchema = z.discriminatedUnion('type', [
	textBlockSchema,
	toolUseBlockSchema,
	toolResultBlockSchema
]);
export type ContentBlock = z.infer<typeof contentBlockSchema>;

export const MESSAGE_STATUSES = ['complete', 'streaming', 'failed', 'stopped'] as const;

export const chatMessageSchema = z.object({
	id: z.string(),
	conversationId: z.string(),
	/** Order within the conversation (1, 2, 3 …). */
	seq: z.number().int(),
	role: z.enum(['user', 'assistant']),
	/** 'chat': typed by the user or written by Claude; 'tool_results': answers to Claude's tool calls; 'report': trial results the app sent. */
	/** 'loop': a note from the autonomous loop (its start, a nudge), written by the app, not typed. */
	kind: z.enum(['chat', 'tool_results', 'report', 'loop']),
	content: z.array(contentBlockSchema),
	/** The text blocks joined: what memory scores, searches and shows. */
	text: z.string(),
	status: z.enum(MESSAGE_STATUSES),
	error: z.string().nullable(),
	importance: z.number(),
	topics: z.array(z.string()),
	usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).nullable(),
	at: z.number()
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const conversationSchema = z.object({
	id: z.string(),
	title: z.string(),
	createdAt: z.number(),
	updatedAt: z.number(),
	inputTokens: z.number(),
	outputTokens: z.number()
});
export type Conversation = z.infer<typeof conversationSchema>;

export const TOOL_CALL_STATES = [
	/** Read-only: answered at once. */
	'answered',
	/** Claude's input did not parse: the error went back to Claude. */
	'invalid',
	/** Acting, parsed, waiting for the user. */
	'proposed',
	/** The gateway refused it: shown as a refusal, never as an action. */
	'refused',
	'rejected',
	/** Approved and running (a trial, a fetch). */
	'running',
	'done',
	'failed'
] as const;
export type ToolCallState = (typeof TOOL_CALL_STATES)[number];

export const toolCallSchema = z.object({
	/** Claude's tool_use id. */
	id: z.string(),
	conversationId: z.string(),
	/** The assistant message that made the call. */
	messageId: z.string(),
	name: z.string(),
	/** Claude's input as received (shown to the user only in normalised form). */
	input: z.unknown(),
	/** The parsed, normalised input when it parsed. */
	normalised: z.unknown().nullable(),
	verdict: z.object({ allowed: z.boolean(), code: z.string(), reason: z.string() }).nullable(),
	state: z.enum(TOOL_CALL_STATES),
	trialId: z.string().nullable(),
	/** The study a propose_study call started (absent before studies could be proposed). */
	studyId: z.string().nullable().optional(),
	/** The autonomous loop that approved the call, written in the transaction that claimed it; else absent. */
	loopId: z.string().nullable().optional(),
	/** The tool_result content sent back to Claude, once sent. */
	result: z.string().nullable(),
	resultIsError: z.boolean(),
	resultSent: z.boolean(),
	/** Final results of a trial whose call was answered early: sent later as a report turn. */
	report: z.string().nullable().optional(),
	createdAt: z.number(),
	decidedAt: z.number().nullable()
});
export type ToolCallRecord = z.infer<typeof toolCallSchema>;

export const goalRecordSchema = z.object({
	seq: z.number().int(),
	at: z.number(),
	action: z.enum(['set', 'replace', 'clear']),
	text: z.string(),
	reason: z.string(),
	components: z.unknown(),
	/** Who proposed it: the user on the Goal page, or Claude through propose_goal (approved by the user). */
	source: z.enum(['user', 'claude'])
});
export type GoalRecord = z.infer<typeof goalRecordSchema>;

export const usageRecordSchema = z.object({
	/** YYYY-MM (UTC). */
	month: z.string(),
	inputTokens: z.number(),
	outputTokens: z.number(),
	calls: z.number()
});
export type UsageRecord = z.infer<typeof usageRecordSchema>;
