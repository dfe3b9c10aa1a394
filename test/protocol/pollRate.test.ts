import { RateGate } from '../../protocol/poll/rate';
import { runJobs, type Job } from '../../protocol/poll/scheduler';
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

/** n requests through the gate, each "arriving at the server" `arrive` ms after it was sent and answered at `latency`. */
async function burst(
	clock: VirtualClock,
	gate: RateGate,
	n: number,
	latency: number,
	arrive = latency / 2,
) {
	const arrivals: number[] = [];
	const run = Promise.all(
		Array.from({ length: n }, () =>
			gate.run(async () => {
				const sent = clock.now();
				await clock.delay(latency);
				arrivals.push(sent + arrive);
			}),
		),
	);
	await clock.run(run);
	return arrivals;
}

describe('RateGate', () => {
	it('lets at most R requests reach the server in any second, whatever the latency', async () => {
		for (const latency of [0, 30, 400, 1500]) {
			const clock = new VirtualClock();
			const gate = new RateGate(10, clock);
			const arrivals = await burst(clock, gate, 95, latency, latency * 0.9);
			expect(arrivals).toHaveLength(95);
			expect(peak(arrivals)).toBeLessThanOrEqual(10);
		}
	});

	it('still uses the whole budget: 100 requests at R=10 and no latency take 9 s', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		await burst(clock, new RateGate(10, clock), 100, 0);
		expect(clock.now() - t0).toBe(9000);
	});

	it('serves waiters first come, first served', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(1, clock);
		const order: number[] = [];
		const run = Promise.all([0, 1, 2, 3].map((i) => gate.run(async () => void order.push(i))));
		await clock.run(run);
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it('rejects a waiter whose signal aborts and leaves no timer behind', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(1, clock);
		await gate.acquire();
		const controller = new AbortController();
		const waiting = gate.acquire(controller.signal);
		const rejected = expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
		controller.abort();
		await rejected;
		await new Promise((resolve) => setImmediate(resolve));
		expect(clock.pendingTimers).toBe(0);
		await expect(gate.acquire(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('applies a new limit to those already waiting', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const gate = new RateGate(1, clock);
		const run = burst(clock, gate, 20, 0);
		gate.setLimit(20);
		await run;
		expect(clock.now() - t0).toBeLessThan(1000);
	});

	it('caps a scheduler run: 200 jobs polling every 100 ms through a 20/s gate', async () => {
		const clock = new VirtualClock();
		const gate = new RateGate(20, clock);
		const sent: number[] = [];
		const t0 = clock.now();
		const job = (arrival: number): Job<number> => ({
			async step(now) {
				return await gate.run(async () => {
					sent.push(clock.now());
					await clock.delay(5);
					return clock.now() >= arrival ? { done: clock.now() } : { next: now + 100 };
				});
			},
		});
		const jobs = Array.from({ length: 200 }, (_, i) => ({ job: job(t0 + (i % 10) * 1000) }));
		const results = await clock.run(runJobs(jobs, { clock }));
		expect(results.every((r) => r.status === 'done')).toBe(true);
		expect(peak(sent)).toBeLessThanOrEqual(20);
		// The cap binds (200 jobs / 100 ms wants 2000/s): 20 per second, round robin.
		expect(sent.length / ((clock.now() - t0) / 1000)).toBeGreaterThan(15);
	});
});

describe('the credential gate across runs', () => {
	it("a run that starts right after another still waits for the last second's slots", async () => {
		// joinGate lives in the node's runtime; it keeps one gate per credential between runs.
		const { joinGate } = await import('../../nodes/shared/gate');
		const clock = new VirtualClock();
		const key = `otpGetApi:back-to-back-${Math.random()}`;
		const arrivals: number[] = [];
		for (let run = 0; run < 3; run++) {
			const { gate, leave } = joinGate(key, 10, clock);
			arrivals.push(...(await burst(clock, gate, 10, 0, 0)));
			leave();
		}
		expect(arrivals).toHaveLength(30);
		expect(peak(arrivals)).toBeLessThanOrEqual(10);
	});
});
