/**
 * Popular FRED series offered as shortcuts in the Data page: the id, FRED's own title, native frequency and
 * units (as shown on each series page), and the page a user downloads the CSV from. Only metadata: the numbers
 * always come from FRED, through a downloaded file or the user's relay.
 */
import type { FredFrequency } from './types';

export interface FredSeriesEntry {
	readonly id: string;
	readonly title: string;
	readonly frequency: FredFrequency;
	readonly units: string;
	readonly url: string;
}

const FRED_SERIES_PAGE = 'https://fred.stlouisfed.org/series/';

function entry(id: string, title: string, frequency: FredFrequency, units: string): FredSeriesEntry {
	return Object.freeze({ id, title, frequency, units, url: `${FRED_SERIES_PAGE}${id}` });
}

export const POPULAR_FRED_SERIES: readonly FredSeriesEntry[] = Object.freeze([
	entry('GDP', 'Gross Domestic Product', 'quarterly', 'Billions of Dollars'),
	entry('UNRATE', 'Unemployment Rate', 'monthly', 'Percent'),
	entry(
		'CPIAUCSL',
		'Consumer Price Index for All Urban Consumers: All Items in U.S. City Average',
		'monthly',
		'Index 1982-1984=100'
	),
	entry('DFF', 'Federal Funds Effective Rate', 'daily', 'Percent'),
	entry(
		'DGS10',
		'Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity, Quoted on an Investment Basis',
		'daily',
		'Percent'
	),
	entry(
		'DGS2',
		'Market Yield on U.S. Treasury Securities at 2-Year Constant Maturity, Quoted on an Investment Basis',
		'daily',
		'Percent'
	),
	entry('DEXUSEU', 'U.S. Dollars to Euro Spot Exchange Rate', 'daily', 'U.S. Dollars to One Euro'),
	entry('HOUST', 'New Privately-Owned Housing Units Started: Total Units', 'monthly', 'Thousands of Units'),
	entry('INDPRO', 'Industrial Production: Total Index', 'monthly', 'Index 2017=100'),
	entry('PAYEMS', 'All Employees, Total Nonfarm', 'monthly', 'Thousands of Persons'),
	entry('UMCSENT', 'University of Michigan: Consumer Sentiment', 'monthly', 'Index 1966:Q1=100')
]);

/** The entry for `id`, or undefined. */
export function findFredSeries(id: string): FredSeriesEntry | undefined {
	return POPULAR_FRED_SERIES.find((s) => s.id === id);
}
