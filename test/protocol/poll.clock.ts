import type { Clock } from '../../protocol/poll/clock';

interface Timer {
	at: number;
	seq: number;
	fire: () => void;
}

/** Lets every pending promise chain run (setImmediate comes after all microtasks). */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Virtual time for the scheduler tests: sleep() registers a timer, and run() advances time straight to the
 * next timer whenever nothing else can happen, so hours of polling take milliseconds and are exact.
 */
export class VirtualClock implements Clock {
	t: number;
	sleeps = 0;
	private timers: Timer[] = [];
	private seq = 0;

	constructor(start = 1_000_000) {
		this.t = start;
	}

	now = (): number => this.t;

	sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
		this.sleeps++;
		return new Promise((resolve) => {
			if (signal?.aborted) return resolve();
			const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fire: () => resolve() };
			this.timers.push(timer);
			signal?.addEventListener(
				'abort',
				() => {
					this.timers = this.timers.filter((x) => x !== timer);
					resolve();
				},
				{ once: true },
			);
		});
	};

	/** A step that takes virtual time (a request's latency). */
	delay(ms: number): Promise<void> {
		return this.sleep(ms);
	}

	get pendingTimers(): number {
		return this.timers.length;
	}

	/** Runs until `promise` settles, firing timers in time order; fails past `limitMs` of virtual time. */
	async run<T>(promise: Promise<T>, limitMs = 24 * 3600_000): Promise<T> {
		let settled = false;
		promise.then(
			() => (settled = true),
			() => (settled = true),
		);
		const end = this.t + limitMs;
		for (;;) {
			await flush();
			if (settled) return await promise;
			if (this.timers.length === 0)
				throw new Error('deadlock: nothing scheduled and the promise is pending');
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift() as Timer;
			if (next.at > end) throw new Error(`still running after ${limitMs} ms of virtual time`);
			this.t = Math.max(this.t, next.at);
			next.fire();
		}
	}
}
