/**
 * The compliance gateway's verdict on a parsed acting call: asked when Claude proposes it and again when the user
 * approves it, since lockdown, the dataset or the relay may have changed in between.
 */
import type { ToolInput, ToolName } from '../../ai/tools/schemas';
import { checkTrial } from '../../compliance/trial-policy';
import { checkAnalysisNow } from '../analyses';
import { checkStudy } from '../studies';
import { studySpecForProposal } from './study-proposal';
import { checkAggregatesRequest } from '../../data/polygon';
import { contentSha256 } from '../../domain/content-hash';
import { errorMessage } from '../../domain/errors';
import { validateGoal } from '../../research/goal';
import { db } from '../db';
import { loadSettings } from '../settings';
import { getLockdown } from './lockdown';

export interface Verdict {
	readonly allowed: boolean;
	readonly code: string;
	readonly reason: string;
}

const ALLOWED: Verdict = { allowed: true, code: 'ok', reason: '' };

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
				t: ds.bars.t,
				frequency: ds.frequency,
				content: { recorded: ds.contentSha256, actual: contentSha256({ ...ds.bars }) }
			}
		);
		return { allowed: d.allowed, code: d.code, reason: d.reason };
	}
	if (name === 'propose_study') {
		const proposal = await studySpecForProposal(input as ToolInput<'propose_study'>);
		if (!proposal.ok) return { allowed: false, code: proposal.code, reason: proposal.reason };
		const d = await checkStudy(proposal.spec);
		if (d.ok) return ALLOWED;
		const detail = d.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
		return { allowed: false, code: d.code, reason: detail ? `${d.reason} (${detail})` : d.reason };
	}
	if (name === 'propose_analysis') {
		const d = await checkAnalysisNow(input.spec);
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
