import { nap, type Clock } from './clock';
import { Queue } from './heap';

interface Waiter {
	resolve: () => void;
	reject: (reason: unknown) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/**
 * At most `limit` requests in any `windowMs` (default 1 s), as the server sees them. A slot is taken when a
 * request is sent and given back `windowMs` after its answer came in: the server received it before the
 * answer, so request k+limit reaches the server more than windowMs after request k did, whatever the
 * latency. Waiters are served first come, first served; one sleep serves them all.
 */
export class RateGate {
	private inFlight = 0;
	/** When each recently finished request frees its slot; ascending, since release() reads the clock. */
	private readonly freesAt = new Queue<number>();
	private readonly waiters = new Queue<Waiter>();
	private pumping = false;
	private wake?: AbortController;

	constructor(
		private limit: number,
		private readonly clock: Clock,
		private readonly windowMs = 1000,
	) {
		this.setLimit(limit);
	}

	setLimit(limit: number): void {
		this.limit = Math.max(1, Math.floor(limit));
		this.wake?.abort();
	}

	/** Resolves when a request may be sent; rejects if `signal` aborts first. Pair every acquire with release(). */
	async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw signal.reason ?? new Error('Aborted');
		if (this.waiters.size === 0 && this.used(this.clock.now()) < this.limit) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					reject(signal.reason ?? new Error('Aborted'));
					// Let the pump drop it rather than sleep on for nobody.
					this.wake?.abort();
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.waiters.push(waiter);
			void this.pump();
		});
	}

	/** The request's answer (or failure) is in. */
	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.freesAt.push(this.clock.now() + this.windowMs);
		this.wake?.abort();
	}

	/** Runs `fn` inside a slot. */
	async run<R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R> {
		await this.acquire(signal);
		try {
			return await fn();
		} finally {
			this.release();
		}
	}

	private used(now: number): number {
		for (let t = this.freesAt.peek(); t !== undefined && t <= now; t = this.freesAt.peek()) this.freesAt.shift();
		return this.inFlight + this.freesAt.size;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiters.size > 0) {
				const now = this.clock.now();
				while (this.waiters.size > 0 && this.used(now) < this.limit) {
					const waiter = this.waiters.shift() as Waiter;
					if (waiter.signal?.aborted) continue;
					if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
					this.inFlight++;
					waiter.resolve();
				}
				if (this.waiters.size === 0) break;
				// Full: wait for the oldest slot to free up, or for a request in flight to finish.
				const next = this.freesAt.peek();
				this.wake = new AbortController();
				await nap(this.clock, next === undefined ? Infinity : next - now, this.wake.signal);
				this.wake = undefined;
				this.dropAborted();
			}
		} finally {
			this.pumping = false;
		}
	}

	/** Aborted waiters would otherwise keep the pump sleeping for nobody. */
	private dropAborted(): void {
		while (this.waiters.peek()?.signal?.aborted) this.waiters.shift();
	}
}
