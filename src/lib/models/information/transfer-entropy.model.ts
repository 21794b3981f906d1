/** Catalog entry `transfer_entropy`: TE between two return series, both directions, with shuffle surrogates. */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { describeReturns, returnsOf } from './returns';
import { quantileSymbols, transferEntropyTest, type SurrogateTest } from './transfer-entropy';

/** Transitions per joint state below which the plug-in estimate is mostly bias: refuse rather than mislead. */
const MIN_TRANSITIONS_PER_STATE = 2;
/** Significance level of the notes' reading. */
const ALPHA = 0.05;

export const implementation = defineAnalysis({
	id: 'transfer_entropy',
	task: 'measure',
	input: 'pair',
	// 2 × (1 + surrogates) counting passes: about 0.2 s for 5,000 daily returns and 200 surrogates.
	costs: {
		expectedFitMs: (rows, p) => Math.max(1, (rows * (1 + p.surrogates) * p.history) / 5_000),
		minDeadlineMs: 60_000
	},
	evaluate(data, params, ctx) {
		const [subject, other] = data.datasets;
		const x = returnsOf(subject.bars, subject.name);
		const y = returnsOf(other.bars, other.name);
		const n = x.values.length;
		const states = params.bins ** (2 * params.history + 1);
		const transitions = n - params.history;
		if (transitions < MIN_TRANSITIONS_PER_STATE * states)
			throw new AnalysisInputError(
				`${transitions} transitions for ${states} joint states (bins^(2·history+1)); transfer entropy needs at least ${MIN_TRANSITIONS_PER_STATE} per state: use more data, fewer bins or a shorter history`
			);
		const xs = quantileSymbols(x.values, params.bins);
		const ys = quantileSymbols(y.values, params.bins);
		const total = 2 * params.surrogates;
		let done = 0;
		const step = () => ctx.onProgress?.(++done / total);
		const toSubject = transferEntropyTest(
			xs,
			ys,
			params.history,
			params.bins,
			params.surrogates,
			ctx.rng.fork('te-in'),
			step
		);
		const toOther = transferEntropyTest(
			ys,
			xs,
			params.history,
			params.bins,
			params.surrogates,
			ctx.rng.fork('te-out'),
			step
		);
		const a = subject.name;
		const b = other.name;
		const direction = (test: SurrogateTest, from: string, to: string, k: string): NamedNumber[] => [
			{ key: `te_${k}`, label: `Transfer entropy ${from} → ${to}`, value: test.te, unit: 'bits' },
			{
				key: `te_${k}_excess`,
				label: `Transfer entropy ${from} → ${to} above the shuffles’ mean`,
				value: test.te - test.surrogateMean,
				unit: 'bits',
				note: 'The plug-in estimate is biased upward; the shuffles’ mean estimates that bias.'
			},
			{ key: `te_${k}_p_value`, label: `p-value ${from} → ${to} (shuffles)`, value: test.pValue }
		];
		const reading = (test: SurrogateTest, from: string, to: string) =>
			test.pValue < ALPHA
				? `${from} → ${to}: significant at ${ALPHA * 100} % (p = ${test.pValue.toFixed(3)}).`
				: `${from} → ${to}: not significant at ${ALPHA * 100} % (p = ${test.pValue.toFixed(3)}).`;
		return analysisResult({
			numbers: [
				...direction(toSubject, b, a, 'other_to_subject'),
				...direction(toOther, a, b, 'subject_to_other'),
				{
					key: 'net_flow',
					label: `Net flow ${b} → ${a}`,
					value: toSubject.te - toOther.te,
					unit: 'bits',
					note: 'Positive when more information flows from the second series to the first than back.'
				},
				{ key: 'transitions', label: 'Transitions counted', value: transitions }
			],
			tables: [
				{
					title: 'Transfer entropy and shuffle surrogates',
					columns: ['Direction', 'TE (bits)', 'Shuffles mean (bits)', 'Shuffles SD (bits)', 'p-value'],
					rows: [
						[`${b} → ${a}`, toSubject.te, toSubject.surrogateMean, toSubject.surrogateSd, toSubject.pValue],
						[`${a} → ${b}`, toOther.te, toOther.surrogateMean, toOther.surrogateSd, toOther.pValue]
					]
				}
			],
			notes: [
				describeReturns(x.kind === 'log' && y.kind === 'log' ? 'log' : 'difference'),
				`Transfer entropy (Schreiber 2000): how much the source’s last ${params.history} return(s) tell about the target’s next return beyond the target’s own last ${params.history}, in bits, estimated from frequencies.`,
				`Each return series is discretised into ${params.bins} equal-frequency bins of its own returns${params.bins === 2 ? ' (above or below its median)' : ''}.`,
				`Significance: the source’s symbols are shuffled ${params.surrogates} times (seeded), which keeps their frequencies and removes any timing link; p = (1 + shuffles at least as large) / (1 + shuffles).`,
				reading(toSubject, b, a),
				reading(toOther, a, b)
			]
		});
	}
});
