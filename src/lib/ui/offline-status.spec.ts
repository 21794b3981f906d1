import { describe, expect, it } from 'vitest';
import { probeOffline, type OfflineProbe } from './offline-status';

type Registration = Awaited<ReturnType<OfflineProbe['registration']>>;

function probe(
	registration: Registration,
	precacheEntries = 0,
	estimate: { usage?: number; quota?: number } | null = null
): OfflineProbe {
	return {
		registration: async () => registration,
		precacheEntries: async () => precacheEntries,
		storageEstimate: async () => estimate
	};
}

const active = { active: true, installing: false, waiting: false };

describe('probeOffline', () => {
	it('is ready when an active service worker holds a precache', async () => {
		expect(await probeOffline(probe(active, 120))).toEqual({ kind: 'ready' });
	});

	it('is still checking while the first service worker installs', async () => {
		expect(await probeOffline(probe({ active: false, installing: true, waiting: false }))).toEqual({
			kind: 'checking'
		});
	});

	it('says the files could not be stored, with the room left, when the first install failed', async () => {
		const state = await probeOffline(
			probe({ active: false, installing: false, waiting: false }, 0, {
				usage: 512 * 1024,
				quota: 1024 * 1024
			})
		);
		expect(state).toMatchObject({
			kind: 'unavailable',
			canRetry: true,
			reason: expect.stringMatching(
				/did not let the app store its files for offline use \(only 0\.5 MB of storage are left for this site\)/
			)
		});
	});

	it('says the files could not be stored when the failed install also took the registration', async () => {
		expect(await probeOffline(probe(null), { installFailed: true })).toMatchObject({
			kind: 'unavailable',
			reason: expect.stringMatching(/did not let the app store its files/)
		});
	});

	it('names no figure when the browser gives no estimate or reports plenty of room', async () => {
		const failed = { active: false, installing: false, waiting: false };
		for (const estimate of [null, { usage: 0, quota: 10 * 1024 ** 3 }]) {
			const state = await probeOffline(probe(failed, 0, estimate));
			expect(state).toMatchObject({ kind: 'unavailable', reason: expect.not.stringMatching(/MB/) });
		}
	});

	it('reports the loss of the offline copy when the precache is gone under an active worker', async () => {
		expect(await probeOffline(probe(active, 0))).toMatchObject({
			kind: 'unavailable',
			canRetry: true,
			reason: expect.stringMatching(/removed the app's offline copy/)
		});
	});

	it('reports the loss when the service worker was unregistered', async () => {
		expect(await probeOffline(probe(null))).toMatchObject({
			kind: 'unavailable',
			reason: expect.stringMatching(/not registered/)
		});
	});
});
