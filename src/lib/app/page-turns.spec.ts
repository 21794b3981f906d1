import { describe, expect, it } from 'vitest';
import { turnTaker } from './page-turns';

describe('giving the page a turn', () => {
	it('yields a macrotask only once the budget of work has passed', async () => {
		let clock = 0;
		const turn = turnTaker(25, () => clock);
		let timerRan = false;
		setTimeout(() => (timerRan = true), 0);
		clock = 10;
		await turn();
		expect(timerRan).toBe(false);
		clock = 30;
		await turn();
		expect(timerRan).toBe(true);
	});

	it('starts a new budget after each turn', async () => {
		let clock = 0;
		const turn = turnTaker(25, () => clock);
		clock = 26;
		await turn();
		let timerRan = false;
		setTimeout(() => (timerRan = true), 0);
		clock = 40;
		await turn();
		expect(timerRan).toBe(false);
	});
});
