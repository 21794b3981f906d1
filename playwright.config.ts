import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './tests/support/chromium';

const PORT = 4173;
/** Local stand-ins for Polygon/Massive and a FRED relay: no test reaches the internet. */
export const POLYGON_MOCK_ORIGIN = 'http://127.0.0.1:4181';
export const FRED_RELAY_MOCK_ORIGIN = 'http://127.0.0.1:4182';
export const ANTHROPIC_MOCK_ORIGIN = 'http://127.0.0.1:4183';

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 180_000,
	expect: { timeout: 30_000 },
	workers: 1,
	retries: 0,
	reporter: [['list']],
	webServer: [
		{
			command: 'npx tsx tests/mocks/polygon-server.ts',
			url: `${POLYGON_MOCK_ORIGIN}/__mock/stats`,
			env: { PORT: '4181', POLYGON_MOCK_VOLUME: '1' },
			reuseExistingServer: false,
			timeout: 60_000
		},
		{
			command: 'npx tsx tests/mocks/fred-relay.ts',
			url: `${FRED_RELAY_MOCK_ORIGIN}/fred/series?series_id=PAYEMS&file_type=json`,
			env: { PORT: '4182' },
			reuseExistingServer: false,
			timeout: 60_000
		},
		{
			command: 'npx tsx tests/mocks/anthropic-server.ts',
			url: `${ANTHROPIC_MOCK_ORIGIN}/__mock/requests`,
			env: { PORT: '4183' },
			reuseExistingServer: false,
			timeout: 60_000
		},
		{
			// The production build, served as a static host would serve it. Its CSP admits the two mocks, added the
			// way a user adds their own FRED relay: a build-time setting, never a wildcard.
			command: 'npm run build && npm run preview',
			url: `http://localhost:${PORT}`,
			env: {
				MLTRAINER_EXTRA_HOSTS: `polygon=${POLYGON_MOCK_ORIGIN},fred-relay=${FRED_RELAY_MOCK_ORIGIN},anthropic=${ANTHROPIC_MOCK_ORIGIN}`
			},
			reuseExistingServer: false,
			timeout: 240_000
		}
	],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: CHROMIUM_EXECUTABLE,
			args: [...CHROMIUM_ARGS]
		}
	}
});
