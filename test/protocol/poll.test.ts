import { MinHeap, Queue } from '../../protocol/poll/heap';
import { runJobs, type Job, type Step } from '../../protocol/poll/scheduler';
import { VirtualClock } from './poll.clock';

/** A job that polls every `interval` until `arrival` (absolute), each poll taking `latency`. */
function poller(
	clock: VirtualClock,
	arrival: number,
	interval: number,
	latency = 0,
	log?: number[],
) {
	const job = {
		polls: 0,
		async step(now: number): Promise<Step<{ detected: number; polls: number }>> {
			job.polls++;
			log?.push(now);
			if (latency) await clock.delay(latency);
			if (clock.now() >= arrival) return { done: { detected: clock.now(), polls: job.polls } };
			return { next: now + interval };
		},
	};
	return job;
}

describe('MinHeap and Queue', () => {
	it('pops in order whatever the push order', () => {
		const heap = new MinHeap<number>((a, b) => a < b);
		const values = [5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0];
		values.forEach((v) => heap.push(v));
		const out: number[] = [];
		while (heap.size) out.push(heap.pop() as number);
		expect(out).toEqual([...values].sort((a, b) => a - b));
		expect(heap.pop()).toBeUndefined();
	});

	it('shifts first in, first out across compactions', () => {
		const q = new Queue<number>();
		for (let i = 0; i < 5000; i++) q.push(i);
		const shifted = Array.from({ length: 4000 }, () => q.shift());
		expect(shifted).toEqual(Array.from({ length: 4000 }, (_, i) => i));
		expect(q.size).toBe(1000);
		expect(q.peek()).toBe(4000);
	});
});

describe('runJobs', () => {
	it('polls all jobs concurrently: done by the last arrival, ceil(arrival/interval)+1 polls each', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const interval = 1000;
		const arrivals = [0, 500, 1000, 2500, 9999, 4000, 12_000];
		const jobs = arrivals.map((a) => ({ job: poller(clock, t0 + a, interval) }));
		const results = await clock.run(runJobs(jobs, { clock }));
		arrivals.forEach((a, i) => {
			const r = results[i];
			expect(r.status).toBe('done');
			if (r.status !== 'done') return;
			expect(r.value.polls).toBe(Math.ceil(a / interval) + 1);
			expect(r.value.detected - (t0 + a)).toBeLessThan(interval);
		});
		expect(clock.now() - t0).toBe(12_000);
	});

	it('stops polling a job the moment it is done', async () => {
		const clock = new VirtualClock();
		const early = poller(clock, clock.now() + 1500, 500);
		const late = poller(clock, clock.now() + 60_000, 500);
		await clock.run(runJobs([{ job: early }, { job: late }], { clock }));
		expect(early.polls).toBe(4);
		expect(late.polls).toBe(121);
	});

	it('handles 1000 jobs with one sleep per distinct due time, not per job', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const n = 1000;
		const interval = 200;
		// Arrivals spread over 10 s: 50 distinct poll ticks.
		const jobs = Array.from({ length: n }, (_, i) => ({
			job: poller(clock, t0 + ((i * 7919) % 10_000), interval),
		}));
		const results = await clock.run(runJobs(jobs, { clock, maxInFlight: n }));
		expect(results.every((r) => r.status === 'done')).toBe(true);
		const polls = jobs.reduce((sum, { job }) => sum + job.polls, 0);
		const bound = jobs.reduce(
			(sum, _j, i) => sum + Math.ceil(((i * 7919) % 10_000) / interval) + 1,
			0,
		);
		expect(polls).toBe(bound);
		// Per tick: one sleep while the polls are out, one until the next tick; nothing per job (26k polls).
		expect(clock.sleeps).toBeLessThanOrEqual(2 * (10_000 / interval) + 5);
		expect(clock.now() - t0).toBeLessThanOrEqual(10_000);
	});

	it('keeps at most maxInFlight steps running', async () => {
		const clock = new VirtualClock();
		let running = 0;
		let peak = 0;
		const job: Job<number> = {
			async step() {
				running++;
				peak = Math.max(peak, running);
				await clock.delay(100);
				running--;
				return { done: 1 };
			},
		};
		const results = await clock.run(
			runJobs(
				Array.from({ length: 50 }, () => ({ job })),
				{ clock, maxInFlight: 8 },
			),
		);
		expect(results).toHaveLength(50);
		expect(peak).toBe(8);
		// 50 steps of 100 ms, 8 at a time: 7 rounds.
		expect(clock.now() - 1_000_000).toBe(700);
	});

	it('reports a failed job and goes on with the others, or stops them all with stopOnFailure', async () => {
		const clock = new VirtualClock();
		const failing: Job<string> = {
			step: () => {
				throw new Error('boom');
			},
		};
		const slow: Job<string> = {
			async step(now) {
				return now - 1_000_000 >= 5000 ? { done: 'ok' } : { next: now + 1000 };
			},
		};
		const settled = await clock.run(runJobs([{ job: failing }, { job: slow }], { clock }));
		expect(settled[0]).toMatchObject({ status: 'failed', error: new Error('boom') });
		expect(settled[1]).toEqual({ status: 'done', value: 'ok' });

		const clock2 = new VirtualClock();
		const seen: number[] = [];
		const stopped = await clock2.run(
			runJobs([{ job: slow }, { job: failing, due: clock2.now() + 2000 }], {
				clock: clock2,
				stopOnFailure: true,
				onSettled: (i) => seen.push(i),
			}),
		);
		expect(stopped.map((s) => s.status)).toEqual(['stopped', 'failed']);
		expect(seen).toEqual([1]);
		expect(clock2.now() - 1_000_000).toBe(2000);
	});

	it('ends at once when the signal aborts, leaving unfinished jobs stopped', async () => {
		const clock = new VirtualClock();
		const controller = new AbortController();
		const job = poller(clock, Infinity, 1000, 50);
		const run = runJobs([{ job }, { job: poller(clock, clock.now(), 1000) }], {
			clock,
			signal: controller.signal,
		});
		const abortAt = clock.now() + 3500;
		void clock.sleep(3500).then(() => controller.abort());
		const results = await clock.run(run);
		expect(results.map((r) => r.status)).toEqual(['stopped', 'done']);
		expect(clock.now()).toBe(abortAt);
		expect(job.polls).toBe(4);
	});

	it('returns at once for no jobs and for an already aborted signal', async () => {
		const clock = new VirtualClock();
		expect(await runJobs([], { clock })).toEqual([]);
		const controller = new AbortController();
		controller.abort();
		const job = poller(clock, Infinity, 1000);
		expect(await runJobs([{ job }], { clock, signal: controller.signal })).toEqual([
			{ status: 'stopped' },
		]);
		expect(job.polls).toBe(0);
	});
});
