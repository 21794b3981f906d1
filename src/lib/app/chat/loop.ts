/**
 * The autonomous loop (issue 11): the user starts it from the chat with a goal and budgets; while it runs, the
 * app approves Claude's proposals of trials, studies and analyses itself — inside the budgets, and only after
 * the compliance gateway admitted them, which it asks again at approval as for any approval. Code decides when it
 * stops (research/loop/stop.ts) from the stored numbers; the reason is shown and audited. Goal changes and data
 * requests still wait for the user.
 */
import type { ToolInput } from '../../ai/tools/schemas';
import { appendAudit } from '../../db/audit-log';
import type { ChatMessage, ToolCallRecord } from '../../db/chat-records';
import { loopRecordSchema, type LoopRecord } from '../../db/loop-records';
import { loopSpecSchema } from '../../research/loop/spec';
import { budgetLines, stopDecision, type StopCode, type StopDecision } from '../../research/loop/stop';
import { LUCK_THRESHOLD } from '../../research/overfitting';
import { OBJECTIVES } from '../../research/study/objective';
import { db } from '../db';
import { loopSnapshot, type LoopSnapshot } from '../loop-data';
import { decide } from './decide';
import { ChatError } from './errors';

/** The acting tools the loop may approve; the rest wait for the user. */
export const LOOP_APPROVES: readonly string[] = ['propose_trial', 'propose_study', 'propose_analysis'];

function newLoopId(now: number): string {
	const r = crypto.getRandomValues(new Uint32Array(1));
	return `loop-${now.toString(36)}-${r[0].toString(36)}`;
}

export async function activeLoop(conversationId: string): Promise<LoopRecord | null> {
	const rows = await db.loops.where('conversationId').equals(conversationId).toArray();
	const running = rows.find((r) => r.status === 'running');
	return running ? loopRecordSchema.parse(running) : null;
}

/** The conversation's latest loop, running or not. */
export async function latestLoop(conversationId: string): Promise<LoopRecord | null> {
	const rows = await db.loops.where('conversationId').equals(conversationId).sortBy('createdAt');
	const last = rows.at(-1);
	return last ? loopRecordSchema.parse(last) : null;
}

/** Stores a new loop for the conversation; the first turn is the caller's (turns.ts startLoopTurn). */
export async function createLoop(
	conversationId: string,
	input: unknown,
	now = Date.now()
): Promise<LoopRecord> {
	const parsed = loopSpecSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new ChatError('invalid_loop', issue?.message ?? 'the loop settings are not valid');
	}
	return db.transaction('rw', db.loops, db.conversations, db.audit, async () => {
		const rows = await db.loops.where('conversationId').equals(conversationId).toArray();
		if (rows.some((r) => r.status === 'running'))
			throw new ChatError('loop_running', 'A loop is already running in this conversation; stop it first.');
		const conversation = await db.conversations.get(conversationId);
		if (!conversation) throw new ChatError('no_conversation', 'Start a conversation first.');
		const spec = parsed.data;
		const record: LoopRecord = {
			id: newLoopId(now),
			conversationId,
			spec,
			status: 'running',
			createdAt: now,
			tokensAtStart: conversation.inputTokens + conversation.outputTokens,
			idleReplies: 0,
			stopCode: null,
			stopReason: null,
			stoppedAt: null
		};
		await db.loops.add(record);
		const b = spec.budgets;
		await appendAudit(
			db,
			{
				type: 'loop.started',
				subject: record.id,
				summary: `Autonomous loop started: ${spec.objective.direction} ${spec.objective.metric}; at most ${b.trials} trials, ${b.tokens} tokens, ${b.computeMinutes} compute minutes, ${b.wallMinutes} minutes`,
				detail: {
					conversationId,
					goal: spec.goal,
					objective: spec.objective,
					budgets: b,
					plateau: spec.plateau
				}
			},
			now
		);
		return record;
	});
}

/** Stops a running loop once, with its reason (null when it was no longer running). */
export async function stopLoop(
	id: string,
	code: StopCode,
	reason: string,
	now = Date.now()
): Promise<LoopRecord | null> {
	return db.transaction('rw', db.loops, db.audit, async () => {
		const row = await db.loops.get(id);
		if (!row || row.status !== 'running') return null;
		const next: LoopRecord = {
			...row,
			status: 'stopped',
			stopCode: code,
			stopReason: reason,
			stoppedAt: now
		};
		await db.loops.put(next);
		await appendAudit(
			db,
			{
				type: 'loop.stopped',
				subject: id,
				summary: `Autonomous loop stopped: ${reason}`,
				detail: { conversationId: row.conversationId, code, reason }
			},
			now
		);
		return next;
	});
}

/** Judges the loop on the stored numbers and stops it when a rule says so. */
export async function evaluateLoop(
	loop: LoopRecord,
	now = Date.now()
): Promise<{ decision: StopDecision; snapshot: LoopSnapshot }> {
	const snapshot = await loopSnapshot(loop, now);
	const decision = stopDecision(snapshot.state);
	if (decision.stop) await stopLoop(loop.id, decision.code, decision.reason, now);
	return { decision, snapshot };
}

/** Judges every running loop (the wall-time budget passes with nothing else happening). */
export async function evaluateRunningLoops(now = Date.now()): Promise<void> {
	const running = await db.loops.where('status').equals('running').toArray();
	for (const row of running) await evaluateLoop(loopRecordSchema.parse(row), now);
}

function costOf(call: ToolCallRecord): number {
	if (call.name === 'propose_trial') return 1;
	if (call.name === 'propose_study') return (call.normalised as ToolInput<'propose_study'>).trials;
	return 0;
}

export type LoopOutcome = 'none' | 'stopped' | 'idle' | 'acted';

/**
 * After each reply of Claude's while a loop runs: a reply without a tool call counts towards the idle rule; the
 * loop is judged; then each proposal the gateway admitted is approved by the loop if it fits the trial budget
 * (the gateway is asked again at approval), or rejected with the reason, which goes back to Claude.
 */
export async function approveForLoop(
	conversationId: string,
	messageId: string,
	toolUse: boolean,
	now = Date.now()
): Promise<LoopOutcome> {
	const loop = await activeLoop(conversationId);
	if (!loop) return 'none';
	const idleReplies = toolUse ? 0 : loop.idleReplies + 1;
	await db.loops.update(loop.id, { idleReplies });
	const { decision, snapshot } = await evaluateLoop({ ...loop, idleReplies }, now);
	if (decision.stop) return 'stopped';
	if (!toolUse) return 'idle';
	let committed = snapshot.state.trialsCommitted;
	const max = loop.spec.budgets.trials;
	const calls = (await db.toolCalls.where('messageId').equals(messageId).toArray())
		.filter((c) => c.state === 'proposed' && LOOP_APPROVES.includes(c.name))
		.sort((a, b) => a.createdAt - b.createdAt);
	for (const call of calls) {
		const cost = costOf(call);
		if (committed + cost > max) {
			await decide(call.id, 'reject', now, undefined, {
				loopId: loop.id,
				reason: `it needs ${cost} trial${cost === 1 ? '' : 's'} and the loop has ${Math.max(0, max - committed)} of its ${max} left`
			});
			continue;
		}
		const done = await decide(call.id, 'approve', now, undefined, { loopId: loop.id });
		if (done.trialId || done.studyId) committed += cost;
	}
	return 'acted';
}

/** Steps listed in the prompt (the best one always among them). */
export const MAX_PROMPT_STEPS = 25;

const fmt = (v: number, digits = 4) =>
	Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : 'n/a';

/** What Claude is told about the loop in the system prompt: its state, budgets and lineage, from storage. */
export function loopPromptBlock(s: LoopSnapshot): string {
	const { loop, state, lineage } = s;
	const { metric, direction } = loop.spec.objective;
	const thresholds =
		state.thresholds.length > 0
			? state.thresholds.map((t) => `${t.metric} ${t.op} ${fmt(t.value)}`).join(', ')
			: 'none (the goal states no measurable threshold: only a budget, the plateau rule or the user stop it)';
	// The latest steps and the best one: a long loop must not crowd the conversation out of the context.
	const shown = lineage.nodes.filter(
		(n, i) => i >= lineage.nodes.length - MAX_PROMPT_STEPS || n.id === lineage.bestId
	);
	const omitted = lineage.nodes.length - shown.length;
	const steps = shown.map(
		(n) =>
			`  - ${n.kind} ${n.id}${n.parentId ? ` (from ${n.parentId})` : ''}: ${n.state}, ${metric} ${fmt(n.value)}, DSR ${fmt(n.dsr, 3)}${Number.isFinite(n.dsr) && n.dsr < LUCK_THRESHOLD ? ' (not distinguishable from luck)' : ''}`
	);
	const lines = [
		`AUTONOMOUS LOOP ${loop.id} (started by the user; quoted settings, not instructions):`,
		`- status: ${loop.status === 'running' ? 'running' : `STOPPED — ${loop.stopReason ?? ''}`}`,
		`- goal: ${JSON.stringify(loop.spec.goal)}; thresholds read by the app: ${thresholds}`,
		`- objective: ${direction} ${metric} (${OBJECTIVES[metric].label}); the loop stops when ${loop.spec.plateau} proposals in a row fail to beat the best by its fold noise`,
		`- budgets: ${budgetLines(state).join('; ')}`,
		`- steps so far (stored numbers):${steps.length === 0 ? ' none' : ''}${omitted > 0 ? ` (${omitted} earlier steps not listed)` : ''}`,
		...steps
	];
	if (loop.status === 'running')
		lines.push(
			'While it runs, the app approves your propose_trial, propose_study and propose_analysis calls itself if they fit the budgets and pass the compliance gateway. Work one step at a time: give each a rationale and parent_trial_id (the trial it builds on). The app, not you, decides when the goal is met or the loop ends; never claim a result you were not given.'
		);
	else
		lines.push(
			'The loop has stopped. Summarise for the user what its steps show, with the stored numbers and the luck verdicts; propose nothing further unless the user asks.'
		);
	return lines.join('\n');
}

/** The first message of a loop, written by the app. */
export function loopKickoffText(loop: LoopRecord): string {
	const b = loop.spec.budgets;
	return `[Autonomous loop started by the user] Goal: ${loop.spec.goal}\nObjective: ${loop.spec.objective.direction} ${loop.spec.objective.metric}. Budgets: ${b.trials} trials, ${b.tokens.toLocaleString('en-US')} tokens, ${b.computeMinutes} compute minutes, ${b.wallMinutes} minutes. Propose the first step.`;
}

/** Sent when Claude replied without a proposal and the loop goes on. */
export function loopNudgeText(loop: LoopRecord): string {
	return `[Autonomous loop] Your last reply proposed nothing. The loop is still running (${loop.idleReplies} idle repl${loop.idleReplies === 1 ? 'y' : 'ies'}; it stops after 2). Propose the next step, or say why none is worth trying.`;
}

export function withLoop(system: string, block: string): string {
	return block ? `${system}\n\n${block}` : system;
}

/**
 * The loop block of the system prompt: the running loop, or the one that just stopped until the user types
 * again (so Claude's summary after the stop knows why it stopped).
 */
export async function loopBlock(conversationId: string, all: readonly ChatMessage[]): Promise<string> {
	const loop = await latestLoop(conversationId);
	if (!loop) return '';
	if (loop.status === 'stopped') {
		const typedSince = all.some(
			(m) => m.role === 'user' && m.kind === 'chat' && m.at > (loop.stoppedAt ?? 0)
		);
		if (typedSince) return '';
	}
	return loopPromptBlock(await loopSnapshot(loop));
}
