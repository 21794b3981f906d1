/**
 * The audit event of a study that completed: its size, why it ended, the best trial, DSR, PBO and, for a study
 * with a holdout, the holdout's outcome.
 */
import type { AuditDraft } from '../compliance/audit';
import type { StoredStudyReport, StudyRecord } from '../db/study-records';

export function completedEvent(current: StudyRecord, reason: string, report: StoredStudyReport): AuditDraft {
	const s = current;
	const done = current.trials.filter((t) => t.state === 'complete');
	const holdout = current.holdout ?? null;
	return {
		type: 'study.completed',
		subject: s.id,
		summary: `Study "${s.spec.name || s.id}" completed: ${current.trials.length} trials (${done.length} complete); ${reason}${holdout ? `; holdout ${holdout.state}${holdout.state === 'complete' ? ` (${s.spec.objective.metric} ${holdout.value})` : ''}` : ''}`,
		detail: {
			trials: current.trials.length,
			complete: done.length,
			pruned: current.trials.filter((t) => t.state === 'pruned').length,
			failed: current.trials.filter((t) => t.state === 'failed').length,
			reason,
			best: report.bestNumber,
			dsr: report.dsr.ok ? report.dsr.dsr : null,
			pbo: report.pbo.ok ? report.pbo.pbo : null,
			...(holdout
				? {
						holdout: {
							from: s.spec.holdout?.from ?? null,
							state: holdout.state,
							value: holdout.value !== null && Number.isFinite(holdout.value) ? holdout.value : null
						}
					}
				: {})
		}
	};
}
