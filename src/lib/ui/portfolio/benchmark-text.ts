/** What the Portfolio page says about its benchmark line, in one sentence. */
import type { PortfolioBenchmarkView } from '../../app/portfolio-benchmark';
import { pct } from '../format';

export function benchmarkText(
	view: PortfolioBenchmarkView,
	initialCapital: number,
	firstDate: string
): string {
	if (view.seriesKey === null || view.line === null)
		return 'No benchmark: choose a stored series to compare with.';
	const line = view.line;
	if (!line.ok) return `${view.label} cannot be drawn: ${line.reason}.`;
	const carried =
		line.carriedPastEnd > 0
			? ` Its last bar is on ${line.asOf[line.asOf.length - 1]}: the last ${line.carriedPastEnd} day${line.carriedPastEnd === 1 ? '' : 's'} carry that close; refresh it for a current comparison.`
			: '';
	return (
		`${view.label} rebased to $${initialCapital.toLocaleString('en-US')} on ${firstDate}: total return ${pct(line.totalReturn)}, ` +
		`the portfolio ${pct(line.portfolioReturn)}, excess return ${pct(line.excessReturn)}.${carried}`
	);
}
