import { sleep } from 'n8n-workflow';

import type { Clock } from '../../protocol/poll/clock';

/** Real time for the scheduler. Community nodes may not use timers directly, so waits go through n8n's sleep. */
export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) =>
		await new Promise<void>((resolve) => {
			if (signal?.aborted) return resolve();
			const done = () => {
				signal?.removeEventListener('abort', done);
				resolve();
			};
			signal?.addEventListener('abort', done, { once: true });
			// Recent n8n-workflow clears its timer on abort; older ones take sleep(ms) only, and the listener above
			// still ends the wait at once.
			sleep(ms, signal).then(done, done);
		}),
};

/**
 * The rate gate's clock: monotonic, so a wall clock that jumps (NTP, a mocked Date.now) can never stretch or
 * shrink the one-second windows of the cap.
 */
export const gateClock: Clock = {
	now: () => performance.now(),
	sleep: n8nClock.sleep,
};
