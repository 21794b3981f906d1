/**
 * An autonomous loop as stored: its steps are the conversation's tool calls it approved (each carries its id),
 * and every number about a step is read from the stored trial or study — never from what Claude said. From these
 * come the snapshot the stop rules judge (research/loop/stop.ts) and the lineage (research/loop/lineage.ts).
 */
import { liveQuery, type Observable } from 'dexie';
import type { ToolCallRecord } from '../db/chat-records';
import { loopRecordSchema, type LoopRecord } from '../db/loop-records';

export type { LoopRecord };
import {
	foldResultRecordSchema,
	trialRecordSchema,
	type MetricsBlock,
	type TrialRecord
} from '../db/records';
import { studyRecordSchema } from '../db/study-records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { extractGoalComponents, type GoalMetric, type Threshold } from '../research/goal-components';
import { buildLineage, type Lineage, type LineageStep } from '../research/loop/lineage';
import { bestResult, type LoopResult, type LoopState } from '../research/loop/stop';
import { deflatedSharpe, OverfittingError } from '../research/overfitting';
import { objectiveValue, type ObjectiveMetric } from '../research/study/objective';
import { bestOf } from '../research/study/plan';
import { db } from './db';

const FINISHED = ['completed', 'failed', 'cancelled'];

/** The goal's metrics as a trial's summary reports them (a drawdown as a positive magnitude, as goals state it). */
export function goalValues(m: MetricsBlock): Partial<Record<GoalMetric, number>> {
	return {
		sharpe: m.strategy.sharpe,
		sortino: m.strategy.sortino,
		calmar: m.strategy.calmar,
		return: m.strategy.annualReturn,
		max_drawdown: Math.abs(m.strategy.maxDrawdown),
		hit_rate: m.direction.hitRate,
		// A regressor's "accuracy" is how often it calls the direction right: its hit rate.
		accuracy: m.classification?.accuracy ?? m.direction.hitRate,
		ic: m.direction.ic
	};
}

export function goalThresholds(goal: string): Threshold[] {
	return extractGoalComponents(goal).thresholds;
}

interface TrialNumbers {
	readonly trial: TrialRecord;
	/** Daily out-of-sample strategy returns after costs; empty unless complete. */
	readonly net: Float64Array;
	readonly sharpe: number;
	/** Standard error of the objective across folds. */
	readonly noise: number;
}

function sharpeOf(r: Float64Array): number {
	if (r.length < 2) return Number.NaN;
	let m = 0;
	for (const v of r) m += v;
	m /= r.length;
	let ss = 0;
	for (const v of r) ss += (v - m) ** 2;
	const sd = Math.sqrt(ss / (r.length - 1));
	return sd > 0 ? m / sd : Number.NaN;
}

function standardError(values: readonly number[]): number {
	const v = values.filter((x) => Number.isFinite(x));
	if (v.length < 2) return Number.NaN;
	const mean = v.reduce((a, b) => a + b, 0) / v.length;
	const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1);
	return Math.sqrt(variance / v.length);
}

/** A completed trial's numbers never change: read once per session. */
const cache = new Map<string, TrialNumbers>();

async function numbersOf(trialId: string, metric: ObjectiveMetric): Promise<TrialNumbers | null> {
	const key = `${trialId}\u0000${metric}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const row = await db.trials.get(trialId);
	if (!row) return null;
	const trial = trialRecordSchema.parse(row);
	if (trial.status !== 'completed' || !trial.summary)
		return { trial, net: new Float64Array(0), sharpe: Number.NaN, noise: Number.NaN };
	const folds = (await db.results.where('trialId').equals(trialId).toArray()).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	const { net } = strategyOf(stitchFolds(folds), trial.task, trial.spec.strategy);
	const out = {
		trial,
		net,
		sharpe: sharpeOf(net),
		noise: standardError(folds.map((f) => objectiveValue(f.metrics, metric)))
	};
	cache.set(key, out);
	return out;
}

/** One approved step of the loop with everything stored about it. */
interface Step {
	readonly call: ToolCallRecord;
	readonly kind: 'trial' | 'study';
	readonly state: 'running' | 'complete' | 'failed';
	/** The trial whose numbers the step reports (a study's best). */
	readonly reported: TrialNumbers | null;
	/** Every complete trial the step ran (a study's all), for the DSR's variance. */
	readonly complete: TrialNumbers[];
	/** Trials tried, for the DSR's N and the trial budget. */
	readonly attempts: number;
	readonly committed: number;
	readonly computeMs: number;
	readonly model: string;
}

const span = (t: TrialRecord, now: number) =>
	t.startedAt === null ? 0 : (t.finishedAt ?? now) - t.startedAt;

async function stepOf(call: ToolCallRecord, metric: ObjectiveMetric, now: number): Promise<Step | null> {
	if (call.trialId) {
		const n = await numbersOf(call.trialId, metric);
		if (!n) return null;
		const finished = FINISHED.includes(n.trial.status);
		if (n.trial.status !== 'completed') cache.delete(`${call.trialId}\u0000${metric}`);
		return {
			call,
			kind: 'trial',
			state: !finished
				? 'running'
				: n.trial.status === 'completed' && n.trial.summary
					? 'complete'
					: 'failed',
			reported: n,
			complete: n.trial.status === 'completed' ? [n] : [],
			attempts: 1,
			committed: 1,
			computeMs: span(n.trial, now),
			model: n.trial.spec.model.id
		};
	}
	if (call.studyId) {
		const row = await db.studies.get(call.studyId);
		if (!row) return null;
		const study = studyRecordSchema.parse(row);
		const complete: TrialNumbers[] = [];
		let computeMs = 0;
		for (const e of study.trials) {
			if (!e.trialId) continue;
			const n = await numbersOf(e.trialId, metric);
			if (!n) continue;
			if (n.trial.status !== 'completed') cache.delete(`${e.trialId}\u0000${metric}`);
			computeMs += span(n.trial, now);
			if (n.trial.status === 'completed' && n.trial.summary) complete.push(n);
		}
		const best = bestOf(study.trials, study.spec.objective.direction);
		const reported = best?.trialId ? (complete.find((c) => c.trial.id === best.trialId) ?? null) : null;
		return {
			call,
			kind: 'study',
			state: study.status === 'running' ? 'running' : reported ? 'complete' : 'failed',
			reported,
			complete,
			attempts: study.trials.length,
			committed: Math.max(study.trials.length, study.status === 'running' ? study.spec.budget.trials : 0),
			computeMs,
			model: study.spec.base.model.id
		};
	}
	return null;
}

export interface LoopSnapshot {
	readonly loop: LoopRecord;
	readonly state: LoopState;
	readonly lineage: Lineage;
}

/** The loop's calls, in the order Claude made them. */
export async function loopCalls(loop: LoopRecord): Promise<ToolCallRecord[]> {
	return (await db.toolCalls.where('conversationId').equals(loop.conversationId).toArray())
		.filter((c) => c.loopId === loop.id)
		.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Everything the stop rules and the lineage need, read from storage as it stands at `now`. */
export async function loopSnapshot(loop: LoopRecord, now = Date.now()): Promise<LoopSnapshot> {
	const { metric, direction } = loop.spec.objective;
	const steps: Step[] = [];
	for (const call of await loopCalls(loop)) {
		const s = await stepOf(call, metric, now);
		if (s) steps.push(s);
	}
	const attempts = steps.reduce((n, s) => n + s.attempts, 0);
	const sharpes = steps.flatMap((s) => s.complete.map((c) => c.sharpe)).filter((v) => Number.isFinite(v));
	const dsrOf = (n: TrialNumbers | null): number => {
		if (!n || n.net.length === 0 || sharpes.length === 0) return Number.NaN;
		try {
			return deflatedSharpe({
				returns: n.net,
				trialSharpes: sharpes,
				trials: Math.max(attempts, sharpes.length)
			}).dsr;
		} catch (e) {
			if (e instanceof OverfittingError) return Number.NaN;
			throw e;
		}
	};
	const results: LoopResult[] = steps.map((s) => {
		const summary = s.reported?.trial.summary ?? null;
		return {
			id: s.reported?.trial.id ?? s.call.trialId ?? s.call.studyId ?? s.call.id,
			state: s.state,
			value: summary && s.state === 'complete' ? objectiveValue(summary, metric) : Number.NaN,
			noise: s.reported?.noise ?? Number.NaN,
			goalValues: summary ? goalValues(summary) : {},
			dsr: s.state === 'complete' ? dsrOf(s.reported) : Number.NaN
		};
	});
	const conversation = await db.conversations.get(loop.conversationId);
	const tokens = conversation ? conversation.inputTokens + conversation.outputTokens : loop.tokensAtStart;
	const state: LoopState = {
		now,
		startedAt: loop.createdAt,
		spec: loop.spec,
		thresholds: goalThresholds(loop.spec.goal),
		tokensUsed: Math.max(0, tokens - loop.tokensAtStart),
		computeMs: steps.reduce((n, s) => n + s.computeMs, 0),
		trialsCommitted: steps.reduce((n, s) => n + s.committed, 0),
		results,
		stopRequested: false,
		idleReplies: loop.idleReplies
	};
	const lineageSteps: LineageStep[] = steps.map((s, i) => {
		const input = (s.call.normalised ?? {}) as { rationale?: unknown; parent_trial_id?: unknown };
		const named = typeof input.parent_trial_id === 'string' ? input.parent_trial_id : null;
		// Unnamed, a step builds on the best result before it: what Claude was shown as the best so far.
		const before = named === null ? bestResult(results.slice(0, i), direction) : null;
		return {
			id: s.kind === 'study' ? (s.call.studyId as string) : results[i].id,
			kind: s.kind,
			parentId: named ?? before?.id ?? null,
			parentNamed: named !== null,
			rationale: typeof input.rationale === 'string' ? input.rationale : '',
			state: s.state,
			value: results[i].value,
			dsr: results[i].dsr,
			bestTrialId: s.kind === 'study' ? (s.reported?.trial.id ?? null) : null,
			model: s.model,
			at: s.call.createdAt
		};
	});
	return { loop, state, lineage: buildLineage(lineageSteps, direction) };
}

export async function getLoop(id: string): Promise<LoopRecord | null> {
	const row = await db.loops.get(id);
	return row ? loopRecordSchema.parse(row) : null;
}

export function watchLoops(): Observable<LoopRecord[]> {
	return liveQuery(async () =>
		(await db.loops.orderBy('createdAt').reverse().toArray()).map((r) => loopRecordSchema.parse(r))
	);
}

/** The loop's snapshot, again whenever a call, trial, study or the loop itself changes. */
export function watchLoopSnapshot(id: string): Observable<LoopSnapshot | null> {
	return liveQuery(async () => {
		const loop = await getLoop(id);
		if (!loop) return null;
		// Read inside the query so it re-runs when any of these change.
		await Promise.all([db.toolCalls.count(), db.trials.count(), db.studies.count()]);
		return loopSnapshot(loop);
	});
}
