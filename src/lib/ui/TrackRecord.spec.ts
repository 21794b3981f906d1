import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { trackRecord } from '../research/recommend/track-record';
import TrackRecord from './TrackRecord.svelte';

const out = (up: boolean) => ({ up, forwardReturn: up ? 0.02 : -0.01, exit: null, exitReturn: null });

describe('the track record section (server-rendered)', () => {
	it('says outcomes appear once a horizon has passed when none is resolved', () => {
		const record = trackRecord([{ modelId: 'gbm', horizon: 'short', probability: 0.6, outcome: null }]);
		const { body } = render(TrackRecord, { props: { record } });
		expect(body).toContain('data-testid="track-record-empty"');
		expect(body).toContain('once its horizon has passed');
		expect(body).toContain('(1 recommendation waiting)');
		expect(body).not.toContain('reliability-diagram');
	});

	it('shows a row per model and horizon, the overall row, and an accessible reliability diagram', () => {
		const record = trackRecord([
			{ modelId: 'gbm', horizon: 'short', probability: 0.6, outcome: out(true) },
			{ modelId: 'gbm', horizon: 'long', probability: 0.7, outcome: out(false) },
			{ modelId: 'ridge', horizon: 'short', probability: 0.55, outcome: out(true) }
		]);
		const { body } = render(TrackRecord, { props: { record } });
		expect(body.match(/data-testid="track-record-row"/g)).toHaveLength(3);
		expect(body).toContain('data-testid="track-record-overall"');
		expect(body).toContain('data-testid="reliability-diagram"');
		expect(body).toMatch(/<title id="[^"]+">Reliability diagram of every model and horizon<\/title>/);
		expect(body).toMatch(/<desc id="[^"]+">3 resolved recommendations in 2 bins/);
		expect(body.match(/<circle /g)).toHaveLength(2);
		expect(body).toContain('The diagram as a table');
		// The diagram can be drawn for all of them or one model and horizon at a time.
		expect(body.match(/<option /g)).toHaveLength(4);
		expect(body).toContain('gbm, 50–70 days (1 resolved)');
	});
});
