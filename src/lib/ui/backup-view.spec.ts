import { describe, expect, it } from 'vitest';
import { auditPlanText, importResultText, percent, previewRows } from './backup-view';

describe('backup panel words', () => {
	it('says what an import added and that the chain verified', () => {
		const text = importResultText({
			added: { trials: 1, results: 4, datasets: 0, audit: 12 },
			skipped: 2,
			audit: { mode: 'all', append: 12 },
			auditOk: true,
			auditVerified: 13
		});
		expect(text).toBe(
			'Added 17 rows (trials 1, results 4, audit 12); 2 already here or kept as they were. Audit chain verified: 13 events.'
		);
		expect(
			importResultText({
				added: {},
				skipped: 0,
				audit: { mode: 'append', append: 0 },
				auditOk: false,
				auditVerified: 3
			})
		).toBe('Nothing new to add. The audit chain does NOT verify (3 events checked).');
	});

	it('drops empty stores from the preview and explains the audit plan', () => {
		const preview = {
			stores: [
				{ store: 'trials' as const, added: 1, identical: 0, conflicting: 2 },
				{ store: 'loops' as const, added: 0, identical: 0, conflicting: 0 }
			],
			audit: { mode: 'conflict' as const, append: 0 as const, reason: 'the audit trails differ from event 3' }
		};
		expect(previewRows(preview).map((s) => s.store)).toEqual(['trials']);
		expect(auditPlanText(preview)).toBe('Audit trail not merged: the audit trails differ from event 3.');
		expect(percent(1, 3)).toBe('33 %');
		expect(percent(0, 0)).toBe('');
	});
});
