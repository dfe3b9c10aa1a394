/**
 * The sandbox's notion of "now". Every time rule (OTP arrival, early-cancel window,
 * cheap-number expiry, rental expiry) reads it, so tests move time instead of waiting.
 */
export class SandboxClock {
	private offset = 0;
	private frozenAt = 0;

	constructor(
		private readonly startTime?: number,
		private readonly frozen = false,
		private readonly realNow: () => number = Date.now,
	) {
		this.reset();
	}

	/** Milliseconds since epoch: real time + offset (frozen: start time + offset). */
	now(): number {
		return (this.frozen ? this.frozenAt : this.realNow()) + this.offset;
	}

	/** Moves time forward; returns the new now(). */
	advance(ms: number): number {
		if (!Number.isFinite(ms) || ms < 0)
			throw new Error(`advance(ms) needs a finite ms >= 0, got ${ms}`);
		this.offset += ms;
		return this.now();
	}

	/** Jumps to an absolute time (may go backwards, which only tests should do). */
	set(ms: number): void {
		if (!Number.isFinite(ms)) throw new Error(`set(ms) needs a finite ms, got ${ms}`);
		this.offset += ms - this.now();
	}

	/** Back to the start time (or real time) with no offset. */
	reset(): void {
		const real = this.realNow();
		this.frozenAt = this.startTime ?? real;
		this.offset = this.frozen || this.startTime === undefined ? 0 : this.startTime - real;
	}
}

/** "2026-04-09 21:55:55" in UTC (the rental/email APIs' format; UTC so runs are reproducible). */
export function formatDateTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "2026-03-09T20:57:32Z" (getRentalSMS timestamps). */
export function formatIso(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
