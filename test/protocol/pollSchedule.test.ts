import {
	ArrivalBook,
	ArrivalModel,
	MAX_KEYS,
	MAX_SAMPLES,
	MAX_STORED_KEYS,
	MIN_SAMPLES,
} from '../../protocol/poll/arrivals';
import { OrderSchedule, tailPauseMs, TAIL_QUANTILE } from '../../protocol/poll/schedule';
import { runJobs, type Job } from '../../protocol/poll/scheduler';
import { DISTRIBUTIONS, simulateNode, type Draw, type SimOptions } from '../../bench/sim';
import { VirtualClock } from './poll.clock';

const I = 5000;
const opts = (draw: Draw, n = 50, cap = 1000, seed = 7): SimOptions => ({
	n,
	cap,
	intervalMs: I,
	draw,
	seed,
	timeoutMs: 120_000,
	rttMs: 50,
});
const uniform =
	(from: number, to: number): Draw =>
	(u) =>
		from + u() * (to - from);

/** A model trained by `runs` runs of the node on `draw`. */
async function trained(draw: Draw, runs = 2): Promise<ArrivalModel> {
	const model = new ArrivalModel();
	for (let k = 0; k < runs; k++)
		await simulateNode(opts(draw, 50, 1000, 100 + k), 'learned', model);
	return model;
}

/** Largest gap between two checks of an order, counting from `from` (ms after purchase) to its last check. */
function largestGap(checks: number[], from: number): number {
	let gap = 0;
	let previous = from;
	for (const t of checks) {
		if (t > from) gap = Math.max(gap, t - previous);
		previous = Math.max(previous, t);
	}
	return gap;
}

describe('the learned poll schedule', () => {
	it('a service never seen: checks at once, then every Poll Interval (the fixed schedule)', async () => {
		const schedule = new OrderSchedule('learned', I, 1000, new ArrivalModel());
		expect(schedule.firstCheckAt(1000)).toBe(1000);
		expect(schedule.pauseMs(0)).toBe(I);
		expect(schedule.pauseMs(100_000)).toBe(I);
		const draw = DISTRIBUTIONS.uniform.draw;
		const learned = await simulateNode(opts(draw), 'learned', new ArrivalModel());
		const fixed = await simulateNode(opts(draw), 'fixed');
		expect(learned.requests).toBe(fixed.requests);
		expect(learned.delays).toEqual(fixed.delays);
		expect(Math.max(...learned.delays)).toBeLessThanOrEqual(I + 100);
	});

	it('fewer than MIN_SAMPLES codes, or the fixed option: the fixed schedule', () => {
		const model = new ArrivalModel();
		for (let i = 0; i < MIN_SAMPLES - 1; i++) model.record(30_000);
		model.commit();
		expect(new OrderSchedule('learned', I, 0, model).firstCheckAt(0)).toBe(0);
		model.record(30_000);
		expect(new OrderSchedule('learned', I, 0, model).firstCheckAt(0)).toBe(0);
		model.commit();
		// Codes from 30 s: plausible from 27.5 s (half an interval of doubt), first check one interval later.
		expect(new OrderSchedule('learned', I, 0, model).firstCheckAt(0)).toBe(32_500);
		expect(new OrderSchedule('fixed', I, 0, model).firstCheckAt(0)).toBe(0);
		// An order bought long before the wait started is checked at once.
		expect(new OrderSchedule('learned', I, 0, model).firstCheckAt(40_000)).toBe(40_000);
	});

	it.each(Object.entries(DISTRIBUTIONS))(
		'the Poll Interval promise (%s): once codes are plausible, no order waits longer than the interval between checks',
		async (_name, { draw }) => {
			const model = await trained(draw);
			const onset = (model.quantile(0.05) ?? 0) - I / 2;
			const run = await simulateNode(opts(draw, 50, 1000, 7), 'learned', model);
			// Round trip and gate: a few ms of slack.
			for (const checks of run.checks) {
				expect(checks[0]).toBeLessThanOrEqual(Math.max(0, onset) + I + 10);
				expect(largestGap(checks, Math.max(0, onset))).toBeLessThanOrEqual(I + 10);
			}
			run.arrivals.forEach((a, i) => {
				if (a !== null) expect(run.delays[i]).toBeLessThanOrEqual(Math.max(I, onset + I - a) + 100);
			});
			// Where codes come, checks are sparser than every interval from the start.
			const fixed = await simulateNode(opts(draw, 50, 1000, 7), 'fixed');
			expect(run.requests).toBeLessThan(fixed.requests);
		},
	);

	it('the sparser tail: past 95% of the codes seen, checks at most tailPauseMs apart', async () => {
		const draw = DISTRIBUTIONS.longtail.draw;
		const model = await trained(draw);
		const late = model.quantile(TAIL_QUANTILE) ?? 0;
		const run = await simulateNode(opts(draw), 'sparseTail', model);
		const promise = await simulateNode(opts(draw), 'learned', model);
		for (const checks of run.checks)
			expect(largestGap(checks, 0)).toBeLessThanOrEqual(tailPauseMs(I) + 10);
		expect(tailPauseMs(I)).toBe(4 * I);
		expect(tailPauseMs(20_000)).toBe(60_000);
		expect(tailPauseMs(90_000)).toBe(90_000);
		expect(late).toBeGreaterThan(0);
		expect(run.requests).toBeLessThan(promise.requests);
		expect(run.delays.filter(Number.isFinite)).toHaveLength(
			run.arrivals.filter((a) => a !== null).length,
		);
	});

	it('arrivals shifting earlier than learned: every code is seen, and the next run learns anew', async () => {
		const model = await trained(uniform(40_000, 60_000), 3);
		const first = () => new OrderSchedule('learned', I, 0, model).firstCheckAt(0);
		expect(first()).toBeGreaterThan(40_000);
		const firsts: number[] = [first()];
		for (let run = 0; run < 3; run++) {
			const r = await simulateNode(
				opts(uniform(5000, 15_000), 10, 1000, 300 + run),
				'learned',
				model,
			);
			// Every code is seen, at the latest at the schedule's first check (one interval after the onset).
			expect(r.delays.every(Number.isFinite)).toBe(true);
			r.arrivals.forEach((a, i) =>
				expect(r.delays[i]).toBeLessThanOrEqual(Math.max(I, firsts[run] - (a ?? 0)) + 100),
			);
			firsts.push(first());
		}
		// README: 10 orders all early are 10 × (1 − 2p) ≥ SHIFT_ALARM: forgotten after the first run, checked from
		// the start (learning anew) in the second, and the third checks from where the new codes begin.
		expect(firsts[1]).toBe(0);
		expect(firsts[2]).toBeLessThanOrEqual(5000 + 1.5 * I);
		expect(firsts[3]).toBeLessThanOrEqual(5000 + 1.5 * I);
	});

	it('a stable distribution does not raise the alarm', async () => {
		const model = await trained(DISTRIBUTIONS.uniform.draw, 2);
		for (let run = 0; run < 10; run++) {
			await simulateNode(opts(DISTRIBUTIONS.uniform.draw, 20, 1000, 500 + run), 'learned', model);
			expect(model.codes).toBeGreaterThanOrEqual(MIN_SAMPLES);
		}
	});

	it('the learned state stays bounded: samples per key, keys in memory and in static data', () => {
		const model = new ArrivalModel();
		for (let run = 0; run < 50; run++) {
			for (let i = 0; i < 1000; i++) model.record(i * 60);
			model.commit();
		}
		expect(model.size).toBe(MAX_SAMPLES);
		// A run larger than the window keeps an even spread of its codes, not its latest (late) ones.
		expect(model.quantile(0.05)).toBeLessThan(5000);
		const book = new ArrivalBook();
		for (let k = 0; k < 10 * MAX_KEYS; k++) {
			const m = book.model(`otpget|sms|svc${k}|`);
			for (let i = 0; i < 2 * MAX_SAMPLES; i++) m.record(10_000 + i);
			m.recordNone();
		}
		book.commit();
		expect(book.size).toBe(MAX_KEYS);
		const stored = book.toJSON();
		expect(Object.keys(stored)).toHaveLength(MAX_STORED_KEYS);
		expect(Object.values(stored).every((s) => s.length <= MAX_SAMPLES)).toBe(true);
		expect(JSON.stringify(stored).length).toBeLessThan(20_000);
		// Read back (another process, after a restart): the same quantiles, to the stored 100 ms.
		const again = new ArrivalBook();
		again.merge(JSON.parse(JSON.stringify(stored)));
		const key = Object.keys(stored)[0];
		expect(again.model(key).size).toBe(MAX_SAMPLES);
		again.merge({ bad: 'x', worse: [1, 'a', null] });
		expect(again.model('bad').size).toBe(0);
	});

	it('under a binding cap, the order most likely to have its code is checked first (not the earliest due)', async () => {
		const clock = new VirtualClock();
		const order: number[] = [];
		const job = (k: number): Job<number> => ({
			step: async () => {
				order.push(k);
				await clock.delay(100);
				return { done: k };
			},
		});
		const urgency = [0.1, 0.9, 0.5, 0];
		await clock.run(
			runJobs(
				urgency.map((_, k) => ({ job: job(k), due: clock.now() + k })),
				{ clock, maxInFlight: 1, urgency: (k) => urgency[k] },
			),
		);
		// Job 0 was alone when it came due; after it, the likeliest of the three due ones goes first.
		expect(order).toEqual([0, 1, 2, 3]);
		// The urgency of a learned order: the chance its code came since its last check, given none by then.
		const model = new ArrivalModel();
		for (let i = 0; i < 20; i++) model.record(10_000 + i * 1000);
		model.commit();
		const s = new OrderSchedule('learned', I, 0, model);
		expect(s.urgency(5000, 0, 120_000)).toBe(0);
		expect(s.urgency(40_000, 25_000, 120_000)).toBe(1);
		expect(s.urgency(20_000, 15_000, 120_000)).toBeCloseTo(0.25 / 0.7);
	});
});
