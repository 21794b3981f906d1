/**
 * Named crisis windows of the US equity market, from the S&P 500's closing peak before each fall to its closing
 * trough (dates as S&P Dow Jones Indices and the usual market histories give them; the 11 September window runs
 * from the last close before the attacks to the low after markets reopened).
 */
export interface CrisisWindow {
	readonly id: string;
	readonly name: string;
	/** First and last day, ISO (UTC). */
	readonly start: string;
	readonly end: string;
}

export const CRISES: readonly CrisisWindow[] = [
	{ id: 'dotcom_2000_2002', name: 'Dot-com bust', start: '2000-03-24', end: '2002-10-09' },
	{ id: 'sept11_2001', name: '11 September 2001', start: '2001-09-10', end: '2001-09-21' },
	{ id: 'gfc_2007_2009', name: 'Global financial crisis', start: '2007-10-09', end: '2009-03-09' },
	{ id: 'flash_crash_2010', name: 'Flash crash and 2010 correction', start: '2010-04-23', end: '2010-07-02' },
	{
		id: 'us_downgrade_2011',
		name: 'Euro debt crisis and US downgrade',
		start: '2011-04-29',
		end: '2011-10-03'
	},
	{
		id: 'china_oil_2015_2016',
		name: 'China devaluation and oil slump',
		start: '2015-05-21',
		end: '2016-02-11'
	},
	{ id: 'volmageddon_2018', name: 'February 2018 volatility shock', start: '2018-01-26', end: '2018-02-08' },
	{ id: 'q4_2018', name: 'Fourth-quarter 2018 sell-off', start: '2018-09-20', end: '2018-12-24' },
	{ id: 'covid_2020', name: 'Covid-19 crash', start: '2020-02-19', end: '2020-03-23' }
];

export const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
