/**
 * Every runnable analysis with its defaults, timed once warm, on the data its battery uses: the bundled S&P 500
 * daily bars for one series, monthly AAPL vs S&P 500 for a pair, monthly MSFT/AMZN/IBM/AAPL for a panel, the
 * T-bill rate for the short-rate models and Treasury yields for the curve. Analyses run in one worker, once.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/analyses.ts [ids…]
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/lib/domain/random';
import type { AnalysisData } from '../src/lib/models/analysis';
import type { ErasedAnalysis } from '../src/lib/models/seam';
import { sp500Bars } from '../src/lib/testing/sp500';
import { alignedMonthly } from '../src/lib/testing/stocks';
import { tbillBars } from '../src/lib/testing/tbill';
import { treasuryPanel } from '../src/lib/testing/treasury';
import { loadImplementations } from './model-modules';

function dataFor(impl: ErasedAnalysis): AnalysisData {
	if (impl.id === 'vasicek_model' || impl.id === 'cox_ingersoll_ross_model')
		return { datasets: [{ name: 'TB3MS', bars: tbillBars() }] };
	if (impl.id === 'yield_curve_analysis') return treasuryPanel();
	const names = impl.input === 'pair' ? ['AAPL', 'SP500'] : ['MSFT', 'AMZN', 'IBM', 'AAPL'];
	if (impl.input === 'none') return { datasets: [] };
	if (impl.input === 'series') return { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
	const bars = alignedMonthly(names as Parameters<typeof alignedMonthly>[0]);
	return { datasets: bars.map((b, i) => ({ name: names[i], bars: b })) };
}

let total = 0;
for (const impl of await loadImplementations(process.argv.slice(2))) {
	if (impl.kind !== 'analysis') continue;
	const data = dataFor(impl);
	await impl.evaluate(data, {}, { rng: createRng(1) });
	const start = performance.now();
	await impl.evaluate(data, {}, { rng: createRng(1) });
	const ms = performance.now() - start;
	total += ms;
	console.log(
		JSON.stringify({
			name: `analysis.${impl.id}`,
			value: Number(ms.toFixed(1)),
			unit: 'ms',
			note: `${impl.input}, defaults, warm`
		})
	);
}
console.log(
	JSON.stringify({ name: 'analysis.all', value: Number((total / 1000).toFixed(2)), unit: 's', note: '' })
);
