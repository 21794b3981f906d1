/** Words the universe panel and the universe run page show for a member's state (kept out of the pages). */
import type { MemberFetchOutcome, UniverseFetchProgress } from '../app/universe-fetch';
import type { UniverseRunMemberView } from '../app/universe-run-view';
import { int } from './format';

/** One member's line during and after "Fetch all". */
export function fetchStatusText(p: UniverseFetchProgress | undefined): string {
	if (!p) return 'waiting';
	if (p.state === 'fetching') return 'fetching…';
	const o: MemberFetchOutcome | undefined = p.outcome;
	if (!o) return 'done';
	if (!o.ok) return `failed (${o.code}): ${o.reason}`;
	if (o.unchanged) return `unchanged: ${int(o.rows)} rows, version ${o.version}`;
	return `${int(o.rows)} rows, version ${o.version}${o.newRows < o.rows ? ` (${int(o.newRows)} new)` : ''}${o.fromCache ? ', from the cache' : ''}`;
}

/** A member's sub-trial in words: its status and folds, or why it has none. */
export function runMemberStatusText(m: UniverseRunMemberView): string {
	if (m.refusal) return `not run (${m.refusal.code}): ${m.refusal.reason}`;
	if (!m.trial) return 'sub-trial deleted';
	const t = m.trial;
	if (t.status === 'queued' || t.status === 'running')
		return `${t.status}, ${t.foldsDone} of ${t.folds} folds`;
	if (t.status === 'failed') return `failed${t.error ? `: ${t.error}` : ''}`;
	return t.status;
}
