/** Catalog entry `ensemble_voting`: a vote of the chosen rule signals, each at its catalog defaults (rules/vote.ts). */
import { defineSignal } from '../seam';
import { MEMBER_POSITIONS } from './members';
import { trainingWeights, votePositions } from './vote';

export const implementation = defineSignal({
	id: 'ensemble_voting',
	// Each member is a pass or two over the bars (regime_switching_momentum's default needs no fit): a few ms each.
	costs: { expectedFitMs: (_rows, p) => 2 * p.members.length, minDeadlineMs: 60_000 },
	positions: (bars, p, ctx) => {
		const members = p.members.map((id) => MEMBER_POSITIONS[id](bars, ctx));
		const weights =
			p.voting_strategy === 'weighted'
				? trainingWeights(members, bars.close, ctx.trainStart, ctx.trainEnd)
				: undefined;
		return votePositions(members, p.voting_strategy, p.confidence_threshold, weights);
	}
});
