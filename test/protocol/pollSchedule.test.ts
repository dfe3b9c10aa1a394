import { RateGate } from '../../protocol/poll/rate';
import { runJobs } from '../../protocol/poll/scheduler';
import type { Call, Observation, OtpSource } from '../../protocol/poll/sources';
import {
	ArrivalModel,
	firstCheckMs,
	MIN_SAMPLES,
	OtpWait,
	pollPauseMs,
	type WaitSettings,
} from '../../protocol/poll/wait';
import { VirtualClock } from './poll.clock';

const settings = (intervalMs: number): WaitSettings => ({
	intervalMs,
	timeoutMs: 10 * 60_000,
	onSuccess: 'leave',
	onTimeout: 'leave',
	maxFailures: 3,
	earlyCancelMs: 120_000,
});

/** Seeded uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * N orders whose codes arrive uniformly in [fromMs, toMs] after the wait starts, each check one request
 * through a gate of `cap`/s answered after `rttMs`: the requests sent and when each code was seen.
 */
async function simulate(
	n: number,
	cap: number,
	intervalMs: number,
	range: [number, number],
	arrivals?: ArrivalModel,
	seed = 7,
	rttMs = 50,
) {
	const clock = new VirtualClock();
	const gate = new RateGate(cap, clock);
	const start = clock.now();
	const next = random(seed);
	const arrivalAt = Array.from(
		{ length: n },
		() => start + range[0] + next() * (range[1] - range[0]),
	);
	let requests = 0;
	const seenAt: number[] = new Array(n).fill(NaN);
	const waits = arrivalAt.map((at, i) => {
		const source: OtpSource = {
			name: 'sms',
			needsCode: false,
			async poll(call: Call): Promise<Observation> {
				return await call<Observation>(
					{ api: 'sms', action: 'getStatus', params: {}, kind: 'read', provider: 'otpget' },
					() => undefined,
				);
			},
		};
		const call = (async () => {
			const got = await gate.run(async () => {
				requests++;
				// The server reads the order half a round trip after the send.
				const sent = clock.now();
				await clock.delay(rttMs);
				return sent + rttMs / 2 >= at;
			});
			if (got && Number.isNaN(seenAt[i])) seenAt[i] = clock.now();
			return (
				got
					? { state: 'received', messages: [{ code: '1234', text: '1234' }] }
					: { state: 'waiting' }
			) as never;
		}) as Call;
		return new OtpWait(
			source,
			String(i),
			settings(intervalMs),
			{ call, classify: () => ({ transient: true }), now: clock.now, arrivals },
			start,
		);
	});
	const results = await clock.run(
		runJobs(
			waits.map((job) => ({ job })),
			{ clock, maxInFlight: 16 },
		),
	);
	arrivals?.commit();
	expect(results.every((r) => r.status === 'done')).toBe(true);
	const delays = seenAt.map((t, i) => t - arrivalAt[i]);
	return {
		requests,
		medianMs: median(delays),
		p95Ms: [...delays].sort((a, b) => a - b)[Math.floor(0.95 * n)],
		endMs: clock.now() - start,
	};
}

describe('the poll schedule', () => {
	it('checks at once and at the interval until enough arrivals are known', () => {
		const model = new ArrivalModel();
		expect(firstCheckMs(5000, model)).toBe(0);
		for (let i = 0; i < MIN_SAMPLES - 1; i++) model.record(20_000);
		model.commit();
		expect(firstCheckMs(5000, model)).toBe(0);
		expect(pollPauseMs(5000, 100_000, model)).toBe(5000);
		model.record(20_000);
		// A run's own arrivals count once it ends: its early codes alone would make every code look early.
		expect(firstCheckMs(5000, model)).toBe(0);
		model.commit();
		expect(firstCheckMs(5000, model)).toBe(17_500);
		expect(pollPauseMs(5000, 20_000, model)).toBe(5000);
		expect(pollPauseMs(5000, 20_001, model)).toBe(10_000);
		// Never below the interval, never above 30 s unless the interval is.
		expect(pollPauseMs(40_000, 100_000, model)).toBe(40_000);
		expect(pollPauseMs(20_000, 100_000, model)).toBe(30_000);
	});

	it('keeps the latest samples only', () => {
		const model = new ArrivalModel(10);
		for (let i = 0; i < 10; i++) model.record(1000);
		model.commit();
		for (let i = 0; i < 10; i++) model.record(50_000);
		model.commit();
		expect(model.quantile(0.05)).toBe(50_000);
		model.record(-1);
		model.record(NaN);
		model.commit();
		expect(model.size).toBe(10);
	});

	it('a first check never goes past the timeout', async () => {
		const model = new ArrivalModel();
		for (let i = 0; i < MIN_SAMPLES; i++) model.record(5 * 60_000);
		model.commit();
		const { requests } = await simulate(5, 10, 5000, [0, 1000], model);
		// Timeout 10 min, first check at 4:57.5: every order is checked, and found.
		expect(requests).toBe(5);
	});

	it('N=200 under a binding cap of 10/s (codes in 10–60 s): a tenth fewer requests once arrivals are known, nothing changes within the first run', async () => {
		const before = await simulate(200, 10, 5000, [10_000, 60_000]);
		const inRun = await simulate(200, 10, 5000, [10_000, 60_000], new ArrivalModel());
		const trained = new ArrivalModel();
		await simulate(200, 10, 5000, [10_000, 60_000], trained, 99);
		const after = await simulate(200, 10, 5000, [10_000, 60_000], trained);
		const line = (name: string, r: typeof before) =>
			`${name}: ${r.requests} requests, detection median ${(r.medianMs / 1000).toFixed(1)} s, p95 ${(r.p95Ms / 1000).toFixed(1)} s, all done after ${(r.endMs / 1000).toFixed(1)} s`;
		console.log(
			[
				line('fixed interval', before),
				line('learning in the run', inRun),
				line('learned from a previous run', after),
			].join('\n'),
		);
		expect(inRun).toEqual(before);
		// The cap binds (200 orders every 5 s want 40/s): each order is checked once per 200/10 = 20 s whatever
		// the schedule, so what the schedule saves is requests; the median stays within a second.
		expect(after.requests).toBeLessThan(0.9 * before.requests);
		expect(after.medianMs).toBeLessThan(before.medianMs + 1000);
	});

	it('no cap in the way (N=20): a learned schedule sends fewer requests and finds codes no later than half an interval', async () => {
		const trained = new ArrivalModel();
		await simulate(20, 1000, 5000, [10_000, 60_000], trained, 99);
		const before = await simulate(20, 1000, 5000, [10_000, 60_000]);
		const after = await simulate(20, 1000, 5000, [10_000, 60_000], trained);
		console.log(
			`N=20 uncapped: ${before.requests} → ${after.requests} requests; median ${(before.medianMs / 1000).toFixed(1)} → ${(after.medianMs / 1000).toFixed(1)} s, p95 ${(before.p95Ms / 1000).toFixed(1)} → ${(after.p95Ms / 1000).toFixed(1)} s`,
		);
		expect(after.requests).toBeLessThan(before.requests);
		expect(after.medianMs).toBeLessThanOrEqual(before.medianMs + 2500);
	});
});
