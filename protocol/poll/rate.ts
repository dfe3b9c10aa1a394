import { nap, type Clock } from './clock';
import { Queue } from './heap';

/**
 * Who goes first when requests queue: `write` (cancels and completes free money or close orders), then `read`
 * (status checks, balance…), then `purchase` (spends money; a few hundred ms later costs nothing).
 */
export type Priority = 'write' | 'read' | 'purchase';

const PRIORITIES: readonly Priority[] = ['write', 'read', 'purchase'];

/** A provider's cap shared by `processes` n8n processes (main + workers) that each run their own gate. */
export interface GateLimit {
	maxRequestsPerSecond: number;
	/** n8n processes sending with this key; each gets 1/processes of the cap (default 1). */
	processes?: number;
}

export interface AcquireOptions {
	priority?: Priority;
	signal?: AbortSignal;
}

interface Waiter {
	resolve: () => void;
	reject: (reason: unknown) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
	since: number;
}

/**
 * A waiter older than this gets turns with the higher classes, whatever their backlog: a purchase behind 256
 * status checks waits about this long, not 256 slots (see RateGate.next).
 */
export const AGING_MS = 5000;
/** After a throttle answer the rate halves, at most down to this share of the cap… */
export const MIN_FACTOR = 1 / 32;
/** …and grows back by this share of the cap per second without a throttle answer. */
export const RECOVERY_PER_SECOND = 0.1;
/** A Retry-After longer than this is not waited out in full: the caller's own timeouts take over. */
export const MAX_RETRY_AFTER_MS = 120_000;

const optionsOf = (arg?: AbortSignal | AcquireOptions): AcquireOptions =>
	arg === undefined ? {} : 'addEventListener' in arg ? { signal: arg } : arg;

/**
 * At most `k` requests in any window, as the server sees them: a slot is taken when a request is sent and
 * given back a window after its answer came in (the server received it before the answer, so request i+k
 * reaches the server more than a window after request i did, whatever the latency).
 *
 * With a per-process rate L = maxRequestsPerSecond / processes (× the backoff factor): k = floor(L) per
 * second when L >= 1, else 1 per 1/L seconds. The fraction of L above an integer is not used: processes
 * cannot coordinate, so a process may send its k requests in the same second as every other process, and
 * only floor(L) per process keeps their sum within the cap in EVERY 1-second window (10/3 → 3 each, 9 in all;
 * spacing 300 ms would allow 4 each in some second, 12 in all).
 *
 * Waiters are served by priority (see Priority), first come first served within one; once a class's first
 * waiter is older than AGING_MS, the classes take turns (see next()). One sleep serves them all.
 */
export class RateGate {
	private perSecond = 1;
	private inFlight = 0;
	/** When each recently finished request was answered; ascending, since release() reads the clock. */
	private readonly answeredAt = new Queue<number>();
	private readonly waiters: Record<Priority, Queue<Waiter>> = {
		write: new Queue(),
		read: new Queue(),
		purchase: new Queue(),
	};
	private waiting = 0;
	private pumping = false;
	private wake?: AbortController;
	/** Backoff after a throttle answer: the factor right after it, and from when it recovers. */
	private factorAfter = 1;
	private recoverFrom = -Infinity;
	private lastThrottleAt = -Infinity;
	private pausedUntil = -Infinity;
	/** When each class was last served, as a count of slots handed out: the turns of next(). */
	private served = 0;
	private readonly lastServed: Record<Priority, number> = { write: -1, read: -1, purchase: -1 };

	constructor(
		limit: number | GateLimit,
		private readonly clock: Clock,
		private readonly windowMs = 1000,
	) {
		this.setLimit(limit);
	}

	/** A plain number is requests per second for this process alone. Fractions are allowed. */
	setLimit(limit: number | GateLimit): void {
		const { maxRequestsPerSecond, processes } =
			typeof limit === 'number' ? { maxRequestsPerSecond: limit, processes: 1 } : limit;
		const share = Math.max(1, Math.floor(processes ?? 1) || 1);
		// Infinity: no cap (a run that sets none, under a credential that sets none).
		const rate = maxRequestsPerSecond > 0 ? maxRequestsPerSecond : 1;
		this.perSecond = rate / share;
		this.wake?.abort();
	}

	/** This process's requests per second now, backoff included. */
	rate(now = this.clock.now()): number {
		return this.perSecond * this.factor(now);
	}

	/**
	 * The provider answered 429 or 503: nothing is sent until `retryAfterMs` (or a window) has passed, and the
	 * rate halves (once per window: the other answers of the same burst say the same thing), then grows back
	 * by RECOVERY_PER_SECOND of the cap each second.
	 */
	throttled(retryAfterMs?: number): void {
		const now = this.clock.now();
		const wait =
			retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
				? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)
				: this.windowMs;
		this.pausedUntil = Math.max(this.pausedUntil, now + wait);
		if (now - this.lastThrottleAt >= this.windowMs) {
			this.factorAfter = Math.max(MIN_FACTOR, this.factor(now) / 2);
			this.lastThrottleAt = now;
		}
		this.recoverFrom = this.pausedUntil;
	}

	/** Resolves when a request may be sent; rejects if `signal` aborts first. Pair every acquire with release(). */
	async acquire(arg?: AbortSignal | AcquireOptions): Promise<void> {
		const { priority = 'read', signal } = optionsOf(arg);
		if (signal?.aborted) throw signal.reason ?? new Error('Aborted');
		if (this.waiting === 0 && this.free(this.clock.now())) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal, since: this.clock.now() };
			if (signal) {
				waiter.onAbort = () => {
					reject(signal.reason ?? new Error('Aborted'));
					// Let the pump drop it rather than sleep on for nobody.
					this.wake?.abort();
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.waiters[PRIORITIES.includes(priority) ? priority : 'read'].push(waiter);
			this.waiting++;
			void this.pump();
		});
	}

	/** The request's answer (or failure) is in. */
	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.answeredAt.push(this.clock.now());
		this.wake?.abort();
	}

	/** Runs `fn` inside a slot. */
	async run<R>(fn: () => Promise<R>, arg?: AbortSignal | AcquireOptions): Promise<R> {
		await this.acquire(arg);
		try {
			return await fn();
		} finally {
			this.release();
		}
	}

	private factor(now: number): number {
		if (now <= this.recoverFrom) return this.factorAfter;
		return Math.min(1, this.factorAfter + (RECOVERY_PER_SECOND * (now - this.recoverFrom)) / 1000);
	}

	/** Requests per window, and the window: k = floor(L) per second, or 1 per 1/L seconds. */
	private budget(now: number): { k: number; windowMs: number } {
		const perWindow = (this.rate(now) * this.windowMs) / 1000;
		if (perWindow >= 1) return { k: Math.floor(perWindow + 1e-9), windowMs: this.windowMs };
		return { k: 1, windowMs: Math.ceil(this.windowMs / perWindow) };
	}

	private free(now: number): boolean {
		if (now < this.pausedUntil) return false;
		const { k, windowMs } = this.budget(now);
		for (
			let t = this.answeredAt.peek();
			t !== undefined && t + windowMs <= now;
			t = this.answeredAt.peek()
		)
			this.answeredAt.shift();
		return this.inFlight + this.answeredAt.size < k;
	}

	/**
	 * The next waiter to serve: the first of the highest class, unless the first waiter of a lower class has waited
	 * AGING_MS. Then the highest class and every such class take turns, the one served longest ago first: a
	 * request waits behind other classes at most about AGING_MS plus one slot per other class, whatever their
	 * backlog, and a cancel behind aged purchases waits at most a slot per other class.
	 */
	private next(now: number): Waiter | undefined {
		let pick: Priority | undefined;
		for (const priority of PRIORITIES) {
			const queue = this.waiters[priority];
			this.dropAborted(queue);
			const head = queue.peek();
			if (!head) continue;
			const turn = pick === undefined || now - head.since >= AGING_MS;
			if (turn && (pick === undefined || this.lastServed[priority] < this.lastServed[pick]))
				pick = priority;
		}
		if (pick === undefined) return undefined;
		const waiter = this.waiters[pick].shift();
		this.lastServed[pick] = this.served++;
		this.waiting--;
		return waiter;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting > 0) {
				const now = this.clock.now();
				while (this.waiting > 0 && this.free(now)) {
					const waiter = this.next(now);
					if (!waiter) break;
					if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
					this.inFlight++;
					waiter.resolve();
				}
				if (this.waiting === 0) break;
				// Full: wait for the oldest slot to free up, a request in flight to finish, the pause to end, or
				// (while backing off) the rate to grow back.
				const oldest = this.answeredAt.peek();
				let until = oldest === undefined ? Infinity : oldest + this.budget(now).windowMs;
				if (now < this.pausedUntil) until = this.pausedUntil;
				else if (this.factor(now) < 1) until = Math.min(until, now + this.windowMs);
				this.wake = new AbortController();
				await nap(this.clock, until - now, this.wake.signal);
				this.wake = undefined;
				for (const priority of PRIORITIES) this.dropAborted(this.waiters[priority]);
			}
		} finally {
			this.pumping = false;
		}
	}

	/** Aborted waiters would otherwise keep the pump sleeping for nobody. */
	private dropAborted(queue: Queue<Waiter>): void {
		while (queue.peek()?.signal?.aborted) {
			queue.shift();
			this.waiting--;
		}
	}
}

/**
 * Retry-After as a delay in milliseconds: delta-seconds, or an HTTP date read against the WALL clock (`wallNow`,
 * epoch ms; never the gate's monotonic clock, which counts from process start). Undefined when absent or
 * unreadable. The gate takes the delay, so the date is converted once, when the answer comes in.
 */
export function retryAfterMs(value: unknown, wallNow: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	return Number.isNaN(at) ? undefined : Math.max(0, at - wallNow);
}
