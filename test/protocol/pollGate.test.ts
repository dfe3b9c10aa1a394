import { AGING_MS, RateGate, retryAfterMs, type Priority } from '../../protocol/poll/rate';
import { VirtualClock } from './poll.clock';

/** Most events within any `windowMs` (a window [t, t + windowMs) as the sandbox counts). */
function peak(times: number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let lo = 0;
	for (let hi = 0; hi < sorted.length; hi++) {
		while (sorted[hi] - sorted[lo] >= windowMs) lo++;
		best = Math.max(best, hi - lo + 1);
	}
	return best;
}

/** `n` requests of one class; each is sent when it gets its slot and answered `latency` ms later. */
function requests(
	clock: VirtualClock,
	gate: RateGate,
	n: number,
	priority: Priority,
	log: Array<{ priority: Priority; at: number }>,
	latency = 0,
) {
	return Array.from({ length: n }, () =>
		gate.run(
			async () => {
				log.push({ priority, at: clock.now() });
				if (latency > 0) await clock.delay(latency);
			},
			{ priority },
		),
	);
}

describe('RateGate priorities', () => {
	it('sends cancels and completes first, then reads, purchases last', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(2, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		// The first two take the free slots; everything after queues, in this order.
		const all = [
			...requests(clock, gate, 2, 'read', log),
			...requests(clock, gate, 2, 'purchase', log),
			...requests(clock, gate, 2, 'read', log),
			...requests(clock, gate, 2, 'write', log),
		];
		await clock.run(Promise.all(all));
		expect(log.map((e) => e.priority)).toEqual([
			'read',
			'read',
			'write',
			'write',
			'read',
			'read',
			'purchase',
			'purchase',
		]);
		expect(peak(log.map((e) => e.at))).toBeLessThanOrEqual(2);
	});

	it(`a purchase waiting longer than ${AGING_MS} ms goes before younger reads`, async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(1, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		const t0 = clock.now();
		const reads = requests(clock, gate, 3, 'read', log);
		const purchase = requests(clock, gate, 1, 'purchase', log);
		// Reads keep coming, one per second: without aging the purchase would wait for all of them.
		const more: Array<Promise<void>> = [];
		const feeder = (async () => {
			for (let i = 0; i < 12; i++) {
				await clock.delay(1000);
				more.push(...requests(clock, gate, 1, 'read', log));
			}
		})();
		await clock.run(Promise.all([...reads, ...purchase, feeder]));
		await clock.run(Promise.all(more));
		const bought = log.find((e) => e.priority === 'purchase');
		expect(bought).toBeDefined();
		expect((bought?.at ?? Infinity) - t0).toBeLessThanOrEqual(AGING_MS + 1000);
		expect(
			log.filter((e) => e.priority === 'read' && e.at < (bought?.at ?? 0)).length,
		).toBeLessThan(8);
	});
});

describe('RateGate bounds the wait behind other classes, whatever the backlog', () => {
	it('a purchase queued 1 ms behind 256 status checks at 2/s goes within AGING_MS and a window, not 128 s', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(2, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		const reads = requests(clock, gate, 256, 'read', log);
		await clock.run(clock.delay(1));
		const queuedAt = clock.now();
		const purchase = requests(clock, gate, 1, 'purchase', log);
		await clock.run(Promise.all([...reads, ...purchase]));
		const bought = log.find((e) => e.priority === 'purchase');
		expect((bought?.at ?? Infinity) - queuedAt).toBeLessThanOrEqual(AGING_MS + 1000);
		expect(peak(log.map((e) => e.at))).toBeLessThanOrEqual(2);
	});

	it('aged classes take turns; a fresh cancel still waits at most a slot per other class', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(2, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		const all = [
			...requests(clock, gate, 100, 'read', log),
			...requests(clock, gate, 100, 'purchase', log),
		];
		// Both backlogs are aged by now: reads and purchases alternate.
		await clock.run(clock.delay(AGING_MS + 3000));
		const from = log.length;
		const queuedAt = clock.now();
		all.push(...requests(clock, gate, 1, 'write', log));
		await clock.run(Promise.all(all));
		const cancel = log.find((e) => e.priority === 'write');
		expect((cancel?.at ?? Infinity) - queuedAt).toBeLessThanOrEqual(1000);
		const later = log.slice(from, from + 20).filter((e) => e.priority !== 'write');
		const purchases = later.filter((e) => e.priority === 'purchase').length;
		expect(purchases).toBeGreaterThanOrEqual(9);
		expect(purchases).toBeLessThanOrEqual(11);
	});
});

describe('RateGate shares a cap between processes', () => {
	it('10/s over 3 processes: 3 per process in any second, 9 for the three together', async () => {
		const clock = new VirtualClock();
		// Three processes that cannot coordinate, started at awkward offsets, each with its own gate.
		const gates = [0, 333, 950].map(
			() => new RateGate({ maxRequestsPerSecond: 10, processes: 3 }, clock),
		);
		const log: Array<{ priority: Priority; at: number }> = [];
		const runs = gates.map(async (gate, p) => {
			await clock.delay([0, 333, 950][p]);
			await Promise.all(requests(clock, gate, 30, 'read', log, 37));
		});
		await clock.run(Promise.all(runs));
		expect(log).toHaveLength(90);
		const times = log.map((e) => e.at);
		expect(peak(times)).toBeLessThanOrEqual(10);
		// Still uses what the guarantee allows: 3 per process per second (plus the latency per round).
		expect(gates[0].rate()).toBeCloseTo(10 / 3);
	});

	it('a rate below 1 per second spaces requests: 1/s over 2 processes = one every 2 s', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate({ maxRequestsPerSecond: 1, processes: 2 }, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		await clock.run(Promise.all(requests(clock, gate, 5, 'read', log)));
		const times = log.map((e) => e.at);
		expect(times.slice(1).map((t, i) => t - times[i])).toEqual([2000, 2000, 2000, 2000]);
	});

	it('fractional caps: 2.5/s gives 2 in any second, never 3', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(2.5, clock);
		const log: Array<{ priority: Priority; at: number }> = [];
		await clock.run(Promise.all(requests(clock, gate, 40, 'read', log, 120)));
		const times = log.map((e) => e.at);
		expect(peak(times)).toBe(2);
		// Every sliding window of 1 s, at every 10 ms offset, holds at most 2.
		for (let start = times[0]; start < times[times.length - 1]; start += 10) {
			expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(2);
		}
	});
});

describe('RateGate backs off on throttle answers', () => {
	it('pauses for Retry-After, halves the rate, then recovers 10% of the cap per second', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(10, clock);
		const t0 = clock.now();
		expect(gate.rate()).toBe(10);
		gate.throttled(3000);
		// Several 429s of the same burst count once.
		gate.throttled(3000);
		gate.throttled();
		expect(gate.rate()).toBe(5);
		const log: Array<{ priority: Priority; at: number }> = [];
		await clock.run(Promise.all(requests(clock, gate, 1, 'write', log)));
		expect(log[0].at - t0).toBe(3000);
		clock.t = t0 + 3000 + 2000;
		expect(gate.rate()).toBeCloseTo(7);
		clock.t = t0 + 3000 + 5000;
		expect(gate.rate()).toBe(10);
		clock.t = t0 + 3000 + 60_000;
		expect(gate.rate()).toBe(10);
	});

	it('sends fewer requests per second while backing off, more as it recovers', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(10, clock);
		const t0 = clock.now();
		gate.throttled(0);
		clock.t += 1000;
		gate.throttled(0);
		clock.t += 1000;
		gate.throttled(0);
		// 0.5, then (0.5 + 0.1 recovered) / 2, then (0.3 + 0.1) / 2 of the cap.
		expect(gate.rate()).toBeCloseTo(2);
		const log: Array<{ priority: Priority; at: number }> = [];
		await clock.run(Promise.all(requests(clock, gate, 60, 'read', log)));
		const inSecond = (s: number) =>
			log.filter((e) => e.at >= t0 + 2000 + s * 1000 && e.at < t0 + 3000 + s * 1000).length;
		expect(inSecond(0)).toBeLessThanOrEqual(2);
		expect(inSecond(8)).toBeGreaterThan(inSecond(1));
		expect(Math.max(...Array.from({ length: 12 }, (_, s) => inSecond(s)))).toBeLessThanOrEqual(10);
	});

	it('never halves below 1/32 of the cap; a huge Retry-After is cut to 2 minutes', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(10, clock);
		const t0 = clock.now();
		// Throttled every second while paused: no recovery in between, so it halves each time.
		for (let i = 0; i < 20; i++) {
			gate.throttled(2000);
			clock.t += 1000;
		}
		expect(gate.rate()).toBeCloseTo(10 / 32);
		clock.t = t0 + 100_000;
		gate.throttled(10 * 3600_000);
		const log: Array<{ priority: Priority; at: number }> = [];
		await clock.run(Promise.all(requests(clock, gate, 1, 'write', log)));
		expect(log[0].at - (t0 + 100_000)).toBe(120_000);
	});

	it('a waiter whose signal aborts during the pause is rejected at once and leaves no timer', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(10, clock);
		gate.throttled(30_000);
		const controller = new AbortController();
		const waiting = gate.acquire({ priority: 'purchase', signal: controller.signal });
		const rejected = expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
		controller.abort();
		await rejected;
		await new Promise((resolve) => setImmediate(resolve));
		expect(clock.pendingTimers).toBe(0);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates; ignores what it cannot read', () => {
		const now = Date.parse('2026-11-30T12:00:00Z');
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(' 1.5 ', now)).toBe(1500);
		expect(retryAfterMs(['7'], now)).toBe(7000);
		expect(retryAfterMs('Mon, 30 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
	});

	it('reads a date against the wall clock by default', () => {
		const at = new Date(Date.now() + 5000).toUTCString();
		expect(retryAfterMs(at)).toBeGreaterThan(3900);
		expect(retryAfterMs(at)).toBeLessThanOrEqual(5000);
	});
});
