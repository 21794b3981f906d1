/**
 * The user's decision on a proposed card, exactly once. The claim is one read-write transaction that checks the
 * call is still 'proposed' and moves it on before any side effect, so a double click, or Approve and Reject
 * together, in one tab or two, yields one outcome and at most one trial (IndexedDB serialises read-write
 * transactions on a store across every connection of the origin). At approval the stored input is parsed again
 * and the gateway asked again; only then does the app act.
 */
import { analysisView } from '../../ai/tools/analysis-view';
import { parseToolCall } from '../../ai/tools/parse';
import type { ToolName } from '../../ai/tools/schemas';
import { appendAudit } from '../../db/audit-log';
import type { ToolCallRecord } from '../../db/chat-records';
import { errorMessage } from '../../domain/errors';
import { submitAnalysis, waitForAnalysis } from '../analyses';
import { ANALYSIS_DEADLINE_MS } from '../../engine/analysis-runner';
import { db } from '../db';
import { setGoal } from '../goals';
import { fetchFredSeries } from '../imports';
import { fetchPolygonDataset } from '../market-data';
import { submitStudy } from '../studies';
import { submitTrial } from '../trials';
import type { ToolInput } from '../../ai/tools/schemas';
import { studySpecForProposal } from './study-proposal';
import { verdictFor } from './verdict';

export type Decision = 'approve' | 'reject' | 'edit';

/** Carries out an approved, re-checked call; injectable so the claim can be tested without the engine. */
export type Actor = (name: string, input: Record<string, unknown>) => Promise<Partial<ToolCallRecord>>;

const DECISION_TEXT: Record<Exclude<Decision, 'approve'>, string> = {
	reject: 'The user rejected this proposal.',
	edit: 'The user chose to edit this proposal in the New trial form instead; it was not run as proposed.'
};

/**
 * Claims a proposed call for one decision: in one transaction, checks it is still 'proposed' and writes what
 * follows (a rejection in full; an approval as 'running' with no result yet). Null when another click, tab or
 * decision got there first.
 */
/** Who decided when it was not the user: the autonomous loop, inside its budgets (and why, for a rejection). */
export interface DecidedBy {
	readonly loopId: string;
	readonly reason?: string;
}

async function claim(
	id: string,
	decision: Decision,
	now: number,
	by: DecidedBy | null
): Promise<ToolCallRecord | null> {
	return db.transaction('rw', db.toolCalls, db.audit, async () => {
		const call = await db.toolCalls.get(id);
		if (!call) throw new Error(`no tool call ${id}`);
		if (call.state !== 'proposed') return null;
		const mark = by ? { loopId: by.loopId } : {};
		const next: ToolCallRecord =
			decision === 'approve'
				? { ...call, ...mark, state: 'running', decidedAt: now }
				: {
						...call,
						...mark,
						state: 'rejected',
						result: by
							? `The autonomous loop did not approve this: ${by.reason ?? 'outside its budgets'}.`
							: DECISION_TEXT[decision],
						resultIsError: false,
						decidedAt: now
					};
		await db.toolCalls.put(next);
		await appendAudit(
			db,
			{
				type: 'ai.tool_call',
				subject: id,
				summary: `${by ? 'The autonomous loop' : 'The user'} ${decision === 'approve' ? 'approved' : decision === 'edit' ? 'chose to edit' : 'rejected'} ${call.name}`,
				detail: { name: call.name, decision, state: next.state, loopId: by?.loopId ?? null }
			},
			now
		);
		return next;
	});
}

/**
 * The user's decision on a proposed card, taken once whatever races it (see claim). Approval parses the stored
 * input again, asks the gateway again and acts; a trial's result is filled in later, when it finishes (see
 * settleRunningTrials). Returns the call as it now stands, whoever decided it.
 */
export async function decide(
	id: string,
	decision: Decision,
	now = Date.now(),
	actor: Actor = act,
	by: DecidedBy | null = null
): Promise<ToolCallRecord> {
	const claimed = await claim(id, decision, now, by);
	if (!claimed) {
		const call = await db.toolCalls.get(id);
		if (!call) throw new Error(`no tool call ${id}`);
		return call;
	}
	if (decision !== 'approve') return claimed;
	let patch: Partial<ToolCallRecord>;
	// The stored record is data read back from storage: parsed again, never trusted as the parse it once was.
	const parsed = parseToolCall(claimed.name, claimed.input);
	if (!parsed.ok) {
		patch = {
			state: 'invalid',
			result: `Invalid input at approval (${parsed.code}): ${parsed.message}`,
			resultIsError: true
		};
	} else {
		const input = parsed.input as Record<string, unknown>;
		const verdict = await verdictFor(parsed.name as ToolName, input);
		patch = verdict.allowed
			? { normalised: input, ...(await actor(parsed.name, input)) }
			: {
					state: 'refused',
					verdict,
					result: `Refused by the compliance gateway at approval (${verdict.code}): ${verdict.reason}`,
					resultIsError: true
				};
	}
	const next = { ...claimed, ...patch };
	await db.transaction('rw', db.toolCalls, db.audit, async () => {
		await db.toolCalls.put(next);
		await appendAudit(
			db,
			{
				type: 'ai.tool_call',
				subject: id,
				summary: `Approved ${claimed.name}: ${next.state}`,
				detail: {
					name: claimed.name,
					decision,
					state: next.state,
					trialId: next.trialId,
					studyId: next.studyId ?? null,
					loopId: next.loopId ?? null,
					verdict: next.verdict
				}
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
		if (name === 'propose_study') {
			const proposal = await studySpecForProposal(input as ToolInput<'propose_study'>);
			if (!proposal.ok)
				return {
					state: 'refused',
					result: `Refused (${proposal.code}): ${proposal.reason}`,
					resultIsError: true
				};
			const res = await submitStudy(proposal.spec);
			if (!res.ok)
				return {
					state: 'refused',
					result: `Refused by the compliance gateway (${res.code}): ${res.reason}`,
					resultIsError: true
				};
			return { state: 'running', studyId: res.id, result: null };
		}
		if (name === 'propose_analysis') {
			const res = await submitAnalysis(input.spec);
			if (!res.ok)
				return {
					state: 'refused',
					result: `Refused by the compliance gateway (${res.code}): ${res.reason}`,
					resultIsError: true
				};
			const done = await waitForAnalysis(res.id, ANALYSIS_WAIT_MS);
			return {
				state: done.status === 'completed' ? 'done' : 'failed',
				result: JSON.stringify(analysisView(done)),
				resultIsError: done.status !== 'completed'
			};
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

/** An approved analysis is waited for up to its own deadline and one retry. */
const ANALYSIS_WAIT_MS = 2 * ANALYSIS_DEADLINE_MS;

/**
 * How long an approval may take to act before it counts as interrupted: a trial or a goal is stored at once; a
 * Polygon fetch waits for the free plan's rate limit (5 calls a minute) across several pages.
 */
export const ACT_DEADLINE_MS: Readonly<Record<string, number>> = {
	propose_trial: 60_000,
	propose_study: 60_000,
	propose_analysis: ANALYSIS_WAIT_MS + 60_000,
	propose_goal: 60_000,
	request_market_data: 15 * 60_000
};

/**
 * Approvals whose tab closed or reloaded while they acted stay 'running' with no trial and no result, and would
 * keep the chat waiting forever. Past their deadline they fail, saying so, and the answer goes back to Claude.
 */
export async function recoverInterruptedApprovals(now = Date.now()): Promise<ToolCallRecord[]> {
	return db.transaction('rw', db.toolCalls, async () => {
		const stuck = await db.toolCalls
			.where('state')
			.equals('running')
			.filter(
				(c) =>
					c.trialId === null &&
					!c.studyId &&
					c.result === null &&
					c.decidedAt !== null &&
					now - c.decidedAt > (ACT_DEADLINE_MS[c.name] ?? 60_000)
			)
			.toArray();
		const failed = stuck.map((c): ToolCallRecord => ({
			...c,
			state: 'failed',
			result:
				'The approval was interrupted before it finished (the page closed or reloaded while it acted); nothing is known to have run. Propose it again if it is still wanted.',
			resultIsError: true
		}));
		await db.toolCalls.bulkPut(failed);
		return failed;
	});
}
