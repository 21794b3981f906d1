/**
 * Claude's tool calls. Every input is parsed (ai/tools/parse.ts); read-only tools answer at once; acting tools
 * become cards with the gateway's verdict and act only after the user approves — and the gateway is asked again
 * at that moment. Refusals go back to Claude as error results and count towards lockdown.
 */
import { ACTING_TOOLS, type ToolName } from '../../ai/tools/schemas';
import { parseToolCall } from '../../ai/tools/parse';
import { runReadOnlyTool, type ToolContext } from '../../ai/tools/read-only';
import { checkTrial } from '../../compliance/trial-policy';
import { checkAggregatesRequest } from '../../data/polygon';
import { appendAudit } from '../../db/audit-log';
import type { ToolCallRecord } from '../../db/chat-records';
import { contentSha256 } from '../../domain/content-hash';
import { errorMessage } from '../../domain/errors';
import { validateGoal } from '../../research/goal';
import { db } from '../db';
import { setGoal } from '../goals';
import { fetchFredSeries } from '../imports';
import { fetchPolygonDataset } from '../market-data';
import { loadSettings } from '../settings';
import { submitTrial } from '../trials';
import { getLockdown } from './lockdown';

export interface Verdict {
	readonly allowed: boolean;
	readonly code: string;
	readonly reason: string;
}

const ALLOWED: Verdict = { allowed: true, code: 'ok', reason: '' };

function isActing(name: string): boolean {
	return (ACTING_TOOLS as readonly string[]).includes(name);
}

/** The gateway's verdict on a parsed acting call, asked when it is proposed and again when it is approved. */
export async function verdictFor(name: ToolName, input: Record<string, unknown>): Promise<Verdict> {
	const lockdown = await getLockdown();
	if (lockdown.on) return { allowed: false, code: 'lockdown', reason: `lockdown is on: ${lockdown.reason}` };
	if (name === 'propose_trial') {
		const spec = input.spec as { datasetId?: unknown };
		const ds = typeof spec?.datasetId === 'string' ? await db.datasets.get(spec.datasetId) : undefined;
		const d = checkTrial(
			spec,
			ds && {
				id: ds.id,
				provenance: ds.provenance,
				rows: ds.bars.t.length,
				frequency: ds.frequency,
				content: { recorded: ds.contentSha256, actual: contentSha256({ ...ds.bars }) }
			}
		);
		return { allowed: d.allowed, code: d.code, reason: d.reason };
	}
	if (name === 'propose_goal') {
		const v = validateGoal(String(input.goal ?? ''));
		return v.valid ? ALLOWED : { allowed: false, code: v.code, reason: v.reason };
	}
	if (name === 'request_market_data') {
		if (input.kind === 'fred_series') {
			const settings = await loadSettings(db);
			return settings.fredRelayOrigin
				? ALLOWED
				: {
						allowed: false,
						code: 'no_relay',
						reason:
							'FRED cannot be called from a browser and no FRED relay is set; ask the user to download the CSV from the series page and import it on the Data page'
					};
		}
		try {
			checkAggregatesRequest({
				ticker: String(input.ticker),
				multiplier: Number(input.multiplier),
				timespan: input.timespan as 'day',
				from: String(input.from),
				to: String(input.to)
			});
			return ALLOWED;
		} catch (e) {
			return { allowed: false, code: 'invalid_request', reason: errorMessage(e) };
		}
	}
	return { allowed: false, code: 'unknown_tool', reason: `${name} is not an acting tool` };
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
			verdict: { allowed: false, code: parsed.code, reason: parsed.message },
			state: 'invalid',
			result: `Invalid input (${parsed.code}): ${parsed.message}`,
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
					summary: `mlTrainer called ${block.name}: ${record.state}${record.verdict && !record.verdict.allowed ? ` (${record.verdict.code})` : ''}`,
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

export type Decision = 'approve' | 'reject' | 'edit';

/**
 * The user's decision on a proposed card. Approval asks the gateway again and acts; a trial's result is filled
 * in later, when it finishes (see settleRunningTrials).
 */
export async function decide(id: string, decision: Decision, now = Date.now()): Promise<ToolCallRecord> {
	const call = await db.toolCalls.get(id);
	if (!call) throw new Error(`no tool call ${id}`);
	if (call.state !== 'proposed') return call;
	let patch: Partial<ToolCallRecord>;
	if (decision === 'reject' || decision === 'edit') {
		patch = {
			state: 'rejected',
			result:
				decision === 'reject'
					? 'The user rejected this proposal.'
					: 'The user chose to edit this proposal in the New trial form instead; it was not run as proposed.',
			resultIsError: false
		};
	} else {
		const input = call.normalised as Record<string, unknown>;
		const verdict = await verdictFor(call.name as ToolName, input);
		if (!verdict.allowed) {
			patch = {
				state: 'refused',
				verdict,
				result: `Refused by the compliance gateway at approval (${verdict.code}): ${verdict.reason}`,
				resultIsError: true
			};
		} else patch = await act(call.name, input);
	}
	const next = { ...call, ...patch, decidedAt: now };
	await db.transaction('rw', db.toolCalls, db.audit, async () => {
		await db.toolCalls.put(next);
		await appendAudit(
			db,
			{
				type: 'ai.tool_call',
				subject: id,
				summary: `The user ${decision === 'approve' ? 'approved' : decision === 'edit' ? 'chose to edit' : 'rejected'} ${call.name}: ${next.state}`,
				detail: { name: call.name, decision, state: next.state, trialId: next.trialId, verdict: next.verdict }
			},
			now
		);
	});
	return next;
}

async function act(name: string, input: Record<string, unknown>): Promise<Partial<ToolCallRecord>> {
	try {
		if (name === 'propose_trial') {
			const res = await submitTrial(input.spec);
			if (!res.ok)
				return {
					state: 'refused',
					result: `Refused by the compliance gateway (${res.code}): ${res.reason}`,
					resultIsError: true
				};
			return { state: 'running', trialId: res.id, result: null };
		}
		if (name === 'propose_goal') {
			const res = await setGoal(String(input.goal), String(input.reason ?? ''), 'claude');
			if (!res.ok)
				return { state: 'refused', result: `Goal refused (${res.code}): ${res.reason}`, resultIsError: true };
			return {
				state: 'done',
				result: `The user approved; the goal is now: ${res.goal.text}`,
				resultIsError: false
			};
		}
		if (name === 'request_market_data') {
			if (input.kind === 'fred_series') {
				const { record, result } = await fetchFredSeries(String(input.series_id));
				return {
					state: 'done',
					result: JSON.stringify({
						stored: record.id,
						series: result.seriesId,
						title: result.title,
						observations: result.validRows,
						skipped: result.skippedRows
					}),
					resultIsError: false
				};
			}
			const out = await fetchPolygonDataset({
				ticker: String(input.ticker),
				multiplier: Number(input.multiplier),
				timespan: input.timespan as 'day',
				from: String(input.from),
				to: String(input.to),
				adjusted: true
			});
			return {
				state: 'done',
				result: JSON.stringify({
					dataset_id: out.record.id,
					rows: out.record.bars.t.length,
					from_cache: out.fromCache,
					drift_alert: out.alert ? out.alert.reasons : null
				}),
				resultIsError: false
			};
		}
		return { state: 'failed', result: `Unknown acting tool ${name}`, resultIsError: true };
	} catch (e) {
		return { state: 'failed', result: `It failed: ${errorMessage(e)}`, resultIsError: true };
	}
}

/** A running trial call that has finished gets its result: the real metrics from the trial record. */
export async function settleRunningTrials(ctx: () => Promise<ToolContext>): Promise<ToolCallRecord[]> {
	const running = await db.toolCalls.where('state').equals('running').toArray();
	const settled: ToolCallRecord[] = [];
	// A call answered early (stopWaiting) keeps its interim answer; its final result is reported separately.
	for (const call of running) {
		if (!call.trialId) continue;
		const trial = await db.trials.get(call.trialId);
		if (!trial || !['completed', 'failed', 'cancelled'].includes(trial.status)) continue;
		const answer = runReadOnlyTool(
			{ name: 'get_trial_results', input: { trial_id: call.trialId } } as never,
			await ctx()
		);
		const next: ToolCallRecord = {
			...call,
			state: trial.status === 'completed' ? 'done' : 'failed',
			result: call.resultSent ? call.result : answer.content,
			resultIsError: call.resultSent ? call.resultIsError : trial.status !== 'completed',
			report: call.resultSent ? answer.content : null
		};
		const changed = await db.transaction('rw', db.toolCalls, async () => {
			const fresh = await db.toolCalls.get(call.id);
			if (fresh?.state !== 'running') return false;
			await db.toolCalls.put(next);
			return true;
		});
		if (changed) settled.push(next);
	}
	return settled;
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
			result: `Approved; trial ${call.trialId} is still running. The user chose to continue the conversation; its results will be reported when it finishes.`,
			resultIsError: false
		};
		await db.toolCalls.put(next);
		return next;
	});
}
