/**
 * Claude's tool calls. Every input is parsed (ai/tools/parse.ts); read-only tools answer at once; acting tools
 * become cards with the gateway's verdict (verdict.ts) and act only after the user approves (decide.ts) — and the
 * gateway is asked again at that moment. Refusals go back to Claude as error results and count towards lockdown.
 */
import { ACTING_TOOLS } from '../../ai/tools/schemas';
import { parseToolCall } from '../../ai/tools/parse';
import { runReadOnlyTool, type ToolContext } from '../../ai/tools/read-only';
import { appendAudit } from '../../db/audit-log';
import type { ToolCallRecord } from '../../db/chat-records';
import { db } from '../db';
import { verdictFor } from './verdict';

export { verdictFor, type Verdict } from './verdict';
export { decide, type Decision } from './decide';

function isActing(name: string): boolean {
	return (ACTING_TOOLS as readonly string[]).includes(name);
}

/** Assesses one tool_use block: answers read-only calls, parks acting calls as cards. */
export async function assessToolCall(
	block: { id: string; name: string; input: unknown },
	conversationId: string,
	messageId: string,
	ctx: ToolContext,
	now = Date.now()
): Promise<ToolCallRecord> {
	const base = {
		id: block.id,
		conversationId,
		messageId,
		name: block.name,
		input: block.input,
		trialId: null,
		createdAt: now,
		decidedAt: null,
		resultSent: false
	};
	const parsed = parseToolCall(block.name, block.input);
	let record: ToolCallRecord;
	if (!parsed.ok) {
		record = {
			...base,
			normalised: null,
			// The gateway never saw it: the input failed the schema (or inspection) first.
			verdict: null,
			state: 'invalid',
			result: `Invalid input (${parsed.code}), not sent to the compliance gateway: ${parsed.message}`,
			resultIsError: true
		};
	} else if (!isActing(parsed.name)) {
		const answer = runReadOnlyTool({ name: parsed.name, input: parsed.input } as never, ctx);
		record = {
			...base,
			normalised: parsed.input,
			verdict: null,
			state: 'answered',
			result: answer.content,
			resultIsError: answer.isError
		};
	} else {
		const verdict = await verdictFor(parsed.name, parsed.input as Record<string, unknown>);
		record = {
			...base,
			normalised: parsed.input,
			verdict,
			state: verdict.allowed ? 'proposed' : 'refused',
			result: verdict.allowed
				? null
				: `Refused by the compliance gateway (${verdict.code}): ${verdict.reason}`,
			resultIsError: !verdict.allowed
		};
	}
	await db.transaction('rw', db.toolCalls, db.audit, async () => {
		await db.toolCalls.put(record);
		if (record.state !== 'answered')
			await appendAudit(
				db,
				{
					type: 'ai.tool_call',
					subject: record.id,
					summary: `mlTrainer called ${block.name}: ${record.state}${record.verdict && !record.verdict.allowed ? ` (${record.verdict.code})` : ''}${parsed.ok ? '' : ` (${parsed.code})`}`,
					detail: {
						name: block.name,
						state: record.state,
						verdict: record.verdict,
						conversationId,
						messageId
					}
				},
				now
			);
	});
	return record;
}

/** A running trial call that has finished gets its result: the real metrics from the trial record. */
export async function settleRunningTrials(ctx: () => Promise<ToolContext>): Promise<ToolCallRecord[]> {
	const running = await db.toolCalls.where('state').equals('running').toArray();
	const settled: ToolCallRecord[] = [];
	// A call answered early (stopWaiting) keeps its interim answer; its final result is reported separately.
	for (const call of running) {
		if (call.studyId) {
			const study = await db.studies.get(call.studyId);
			if (!study || study.status === 'running') continue;
			const answer = runReadOnlyTool(
				{ name: 'get_study_results', input: { study_id: call.studyId } } as never,
				await ctx()
			);
			const early = call.result !== null;
			const next: ToolCallRecord = {
				...call,
				state: study.status === 'failed' ? 'failed' : 'done',
				result: early ? call.result : answer.content,
				resultIsError: early ? call.resultIsError : study.status === 'failed',
				report: early ? answer.content : null
			};
			if (await settle(next)) settled.push(next);
			continue;
		}
		if (!call.trialId) continue;
		const trial = await db.trials.get(call.trialId);
		if (!trial || !['completed', 'failed', 'cancelled'].includes(trial.status)) continue;
		const answer = runReadOnlyTool(
			{ name: 'get_trial_results', input: { trial_id: call.trialId } } as never,
			await ctx()
		);
		// Answered early (an interim result exists, sent or queued): the final results go as a report.
		const early = call.result !== null;
		const next: ToolCallRecord = {
			...call,
			state: trial.status === 'completed' ? 'done' : 'failed',
			result: early ? call.result : answer.content,
			resultIsError: early ? call.resultIsError : trial.status !== 'completed',
			report: early ? answer.content : null
		};
		if (await settle(next)) settled.push(next);
	}
	return settled;
}

/** Writes a running call's final state once, whichever tab gets there first. */
async function settle(next: ToolCallRecord): Promise<boolean> {
	return db.transaction('rw', db.toolCalls, async () => {
		const fresh = await db.toolCalls.get(next.id);
		if (fresh?.state !== 'running') return false;
		await db.toolCalls.put(next);
		return true;
	});
}

/**
 * The user chose not to wait for a running trial: Claude gets an interim answer now, and the real results follow
 * as a report when the trial finishes (if "report trial results to mlTrainer" is on).
 */
export async function stopWaiting(id: string): Promise<ToolCallRecord | null> {
	return db.transaction('rw', db.toolCalls, async () => {
		const call = await db.toolCalls.get(id);
		if (!call || call.state !== 'running' || call.result !== null) return null;
		const next: ToolCallRecord = {
			...call,
			result: `Approved; ${call.studyId ? `study ${call.studyId}` : `trial ${call.trialId}`} is still running. The user chose to continue the conversation; its results will be reported when it finishes.`,
			resultIsError: false
		};
		await db.toolCalls.put(next);
		return next;
	});
}
