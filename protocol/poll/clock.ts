/**
 * Time as the scheduler sees it. Injected so that tests run on virtual time and the nodes can use n8n's
 * own sleep (timers are restricted in community nodes).
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/**
	 * Resolves after `ms`, or early (resolving or rejecting, either is fine) once `signal` aborts. Callers
	 * re-read now() afterwards, so waking early is always safe.
	 */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout overflows above 2^31-1 ms; long waits are taken in slices and re-checked. */
export const MAX_SLEEP_MS = 60_000;

/** Sleeps until woken, aborted or `ms` passed, never throwing. */
export async function nap(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return;
	try {
		await clock.sleep(Math.max(0, Math.min(ms, MAX_SLEEP_MS)), signal);
	} catch {
		// An aborted sleep rejects with the abort reason; the caller only needs to wake up.
	}
}
