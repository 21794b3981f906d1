/**
 * What a finished study says about its own size (ARCHITECTURE §6 "A search is honest about its size"): the
 * Deflated Sharpe Ratio of its best trial and the probability of backtest overfitting by CSCV over all its
 * complete trials, from their out-of-sample strategy returns after costs on the dates they share. A number that
 * cannot be computed is reported as unavailable with the reason, never estimated some other way.
 */
import { matrix } from '../../domain/matrix';
import {
	deflatedSharpe,
	isDistinguishableFromLuck,
	LUCK_THRESHOLD,
	OverfittingError,
	probabilityOfBacktestOverfitting
} from '../overfitting';

/** One complete trial's daily out-of-sample strategy returns after costs. */
export interface TrialReturns {
	readonly number: number;
	readonly t: Float64Array;
	readonly net: Float64Array;
}

export interface DsrReport {
	readonly ok: true;
	readonly dsr: number;
	readonly psr0: number;
	/** Per period (not annualised). */
	readonly sharpe: number;
	readonly expectedMaxSharpe: number;
	readonly skew: number;
	readonly kurtosis: number;
	readonly trials: number;
	readonly sharpeVariance: number;
	readonly periods: number;
	/** DSR ≥ 0.95: the best trial's Sharpe is distinguishable from the best of as many lucky tries. */
	readonly distinguishable: boolean;
}

export interface PboReport {
	readonly ok: true;
	readonly pbo: number;
	readonly probabilityOfLoss: number;
	readonly splits: number;
	readonly blocks: number;
	readonly periods: number;
	readonly trials: number;
	readonly degradationSlope: number;
	/** λ of every split (for a histogram). */
	readonly logits: number[];
}

export type Unavailable = { readonly ok: false; readonly reason: string };

export interface StudyReport {
	readonly bestNumber: number | null;
	readonly dsr: DsrReport | Unavailable;
	readonly pbo: PboReport | Unavailable;
}

export const LUCK_LABEL = 'not distinguishable from luck';

function sharpeOf(r: Float64Array): number {
	const n = r.length;
	if (n < 2) return Number.NaN;
	let m = 0;
	for (const v of r) m += v;
	m /= n;
	let ss = 0;
	for (const v of r) ss += (v - m) ** 2;
	const sd = Math.sqrt(ss / (n - 1));
	return sd > 0 ? m / sd : Number.NaN;
}

/** The returns of every trial on the dates all of them have, as a periods × trials matrix (row-major). */
export function commonDates(series: readonly TrialReturns[]): { t: Float64Array; data: Float64Array } {
	if (series.length === 0) return { t: new Float64Array(0), data: new Float64Array(0) };
	let dates = new Set(series[0].t);
	for (const s of series.slice(1)) dates = new Set(Array.from(s.t).filter((d) => dates.has(d)));
	const t = Float64Array.from([...dates].sort((a, b) => a - b));
	const data = new Float64Array(t.length * series.length);
	series.forEach((s, j) => {
		const at = new Map<number, number>();
		s.t.forEach((d, i) => at.set(d, s.net[i]));
		t.forEach((d, i) => (data[i * series.length + j] = at.get(d) as number));
	});
	return { t, data };
}

/**
 * `attempts`: every trial the study sampled (failed and pruned ones too: each was a try, and the DSR's N counts
 * tries). `bestNumber`: the best trial by the study's objective.
 */
export function studyReport(
	series: readonly TrialReturns[],
	bestNumber: number | null,
	attempts: number,
	blocks = 16
): StudyReport {
	const best = series.find((s) => s.number === bestNumber);
	let dsr: DsrReport | Unavailable;
	if (!best) dsr = { ok: false, reason: 'no trial completed with out-of-sample returns' };
	else {
		const sharpes = series.map((s) => sharpeOf(s.net)).filter((v) => Number.isFinite(v));
		try {
			const d = deflatedSharpe({
				returns: best.net,
				trialSharpes: sharpes,
				trials: Math.max(attempts, sharpes.length)
			});
			dsr = {
				ok: true,
				dsr: d.dsr,
				psr0: d.psr0,
				sharpe: d.sharpe,
				expectedMaxSharpe: d.expectedMaxSharpe,
				skew: d.skew,
				kurtosis: d.kurtosis,
				trials: d.trials,
				sharpeVariance: d.sharpeVariance,
				periods: d.periods,
				distinguishable: isDistinguishableFromLuck(d.dsr)
			};
		} catch (e) {
			if (!(e instanceof OverfittingError)) throw e;
			dsr = { ok: false, reason: e.message };
		}
	}
	let pbo: PboReport | Unavailable;
	if (series.length < 2)
		pbo = {
			ok: false,
			reason: `PBO compares trials: it needs at least 2 complete trials, the study has ${series.length}`
		};
	else {
		const { t, data } = commonDates(series);
		const S = Math.min(blocks, t.length - (t.length % 2));
		if (t.length < 4 || S < 2)
			pbo = {
				ok: false,
				reason: `the trials share ${t.length} out-of-sample dates, too few to split into blocks`
			};
		else {
			try {
				const p = probabilityOfBacktestOverfitting(matrix(data, t.length, series.length), { blocks: S });
				pbo = {
					ok: true,
					pbo: p.pbo,
					probabilityOfLoss: p.probabilityOfLoss,
					splits: p.splits.length,
					blocks: p.blocks,
					periods: p.periods,
					trials: p.trials,
					degradationSlope: p.degradation.slope,
					logits: Array.from(p.logits)
				};
			} catch (e) {
				if (!(e instanceof OverfittingError)) throw e;
				pbo = { ok: false, reason: e.message };
			}
		}
	}
	return { bestNumber, dsr, pbo };
}

export { LUCK_THRESHOLD };
