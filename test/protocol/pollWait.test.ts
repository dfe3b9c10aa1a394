import { OTPGET } from '../../protocol/providers';
import { ProviderError } from '../../protocol/errors';
import { OTPGET_ERRORS } from '../../protocol/providers/otpget';
import { runJobs } from '../../protocol/poll/scheduler';
import {
	rentalSource,
	smsSource,
	type Call,
	type Observation,
	type OtpSource,
} from '../../protocol/poll/sources';
import { OtpWait } from '../../protocol/poll/wait';
import {
	backoffMs,
	MAX_BACKOFF_MS,
	WaitFailure,
	type WaitResult,
	type WaitSettings,
} from '../../protocol/poll/waitTypes';
import { decode } from '../../protocol/decode';
import { VirtualClock } from './poll.clock';

const SMS_ERRORS = OTPGET_ERRORS.errors;
const providerError = (code: keyof typeof SMS_ERRORS) => new ProviderError(code, SMS_ERRORS[code]);
const classify = (e: unknown) =>
	e instanceof ProviderError ? { code: e.code, transient: e.retryable } : { transient: true };

/** An SMS activation as the provider keeps it, on virtual time. */
class FakeOrder implements OtpSource {
	readonly name = 'sms' as const;
	readonly needsCode = false;
	closed?: 'cancelled' | 'finished';
	log: string[] = [];
	/** Thrown by the next calls, in order. */
	failures: unknown[] = [];
	/** Refuse cancels with this code instead of the usual rules. */
	refuseCancel?: keyof typeof SMS_ERRORS;

	constructor(
		private readonly clock: VirtualClock,
		public arrivalAt: number | null,
		readonly createdAt = clock.now(),
		readonly earlyCancelMs = 120_000,
	) {}

	private get arrived() {
		return (
			this.arrivalAt !== null && this.clock.now() >= this.arrivalAt && this.closed !== 'cancelled'
		);
	}

	private next(action: string) {
		this.log.push(action);
		const failure = this.failures.shift();
		if (failure) throw failure;
	}

	async poll(): Promise<Observation> {
		this.next('poll');
		if (this.closed === 'cancelled') return { state: 'cancelled', messages: [] };
		return this.arrived
			? { state: 'received', messages: [{ code: '847293', text: '847293' }] }
			: { state: 'waiting', messages: [] };
	}

	async cancel() {
		this.next('cancel');
		if (this.refuseCancel) throw providerError(this.refuseCancel);
		if (this.arrived) throw providerError('BAD_STATUS');
		if (this.clock.now() - this.createdAt < this.earlyCancelMs)
			throw providerError('EARLY_CANCEL_DENIED');
		this.closed = 'cancelled';
		return { outcome: 'cancelled' as const, refunded: true };
	}

	async complete() {
		this.next('complete');
		if (!this.arrived) throw providerError('NO_SMS_RECEIVED');
		this.closed = 'finished';
	}
}

const settings = (over: Partial<WaitSettings> = {}): WaitSettings => ({
	intervalMs: 5000,
	timeoutMs: 600_000,
	onSuccess: 'complete',
	onTimeout: 'cancel',
	maxFailures: 5,
	earlyCancelMs: 120_000,
	...over,
});

const noCall: Call = async () => {
	throw new Error('not used');
};

async function waitFor(
	clock: VirtualClock,
	source: OtpSource,
	over: Partial<WaitSettings> = {},
	call = noCall,
) {
	const wait = new OtpWait(
		source,
		'abc123',
		settings(over),
		{ call, classify, now: clock.now },
		clock.now(),
	);
	const [settled] = await clock.run(runJobs([{ job: wait }], { clock }));
	if (settled.status === 'failed') throw settled.error;
	if (settled.status !== 'done') throw new Error('stopped');
	return settled.value;
}

describe('OtpWait on an SMS order', () => {
	it('returns the code, completes the order and counts the polls', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now() + 12_000);
		const result = await waitFor(clock, order);
		expect(result).toMatchObject({
			outcome: 'received',
			code: '847293',
			text: '847293',
			polls: 4,
			completed: true,
			refunded: false,
		});
		expect(result.receivedAt).toBe(clock.now());
		expect(order.log).toEqual(['poll', 'poll', 'poll', 'poll', 'complete']);
		expect(order.closed).toBe('finished');
	});

	it('leaves the order open on success when asked', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now());
		const result = await waitFor(clock, order, { onSuccess: 'leave' });
		expect(result).toMatchObject({ outcome: 'received', completed: false, polls: 1 });
		expect(order.log).toEqual(['poll']);
	});

	it('cancels and refunds at the timeout when no code came', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const order = new FakeOrder(clock, null);
		const result = await waitFor(clock, order, { timeoutMs: 180_000 });
		expect(result).toMatchObject({
			outcome: 'timedOut',
			refunded: true,
			completed: false,
			code: null,
			leftOpen: false,
		});
		expect(clock.now() - t0).toBe(180_000);
		expect(order.log.filter((a) => a === 'poll')).toHaveLength(37);
		expect(order.log.slice(-2)).toEqual(['poll', 'cancel']);
	});

	it('within the 2-minute window keeps polling until the cancel is allowed, then refunds', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const order = new FakeOrder(clock, null);
		const result = await waitFor(clock, order, { timeoutMs: 30_000 });
		expect(result).toMatchObject({ outcome: 'timedOut', refunded: true });
		expect(clock.now() - t0).toBe(120_000);
		// After the timeout each poll is followed by a cancel attempt, refused until minute 2.
		expect(order.log.filter((a) => a === 'cancel')).toHaveLength(19);
	});

	it('a code arriving during the early-cancel window goes to Received, never refunded', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now() + 70_000);
		const result = await waitFor(clock, order, { timeoutMs: 30_000 });
		expect(result).toMatchObject({
			outcome: 'received',
			code: '847293',
			completed: true,
			refunded: false,
		});
		expect(order.closed).toBe('finished');
		expect(order.log).toContain('cancel');
	});

	it('a code arriving between the last poll and the cancel is found by one more poll', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null, clock.now() - 600_000);
		// The code lands just as the cancel is sent: the provider refuses it (the sandbox says BAD_STATUS).
		const cancel = order.cancel.bind(order);
		order.cancel = async () => {
			order.arrivalAt = clock.now();
			return await cancel();
		};
		const wait = waitFor(clock, order, { timeoutMs: 10_000, onSuccess: 'leave' });
		const result = await wait;
		expect(result).toMatchObject({ outcome: 'received', code: '847293', refunded: false });
		expect(order.log.slice(-3)).toEqual(['poll', 'cancel', 'poll']);
	});

	it('a cancel whose answer was lost is confirmed by the next poll', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null, clock.now() - 600_000);
		const cancel = order.cancel.bind(order);
		order.cancel = async () => {
			await cancel();
			throw new Error('socket hang up');
		};
		const result = await waitFor(clock, order, { timeoutMs: 10_000 });
		expect(result).toMatchObject({ outcome: 'timedOut', refunded: true, cancelUnconfirmed: true });
		expect(order.log.slice(-3)).toEqual(['poll', 'cancel', 'poll']);
	});

	it('fails when the cancel is refused and no code came either', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null, clock.now() - 600_000);
		order.refuseCancel = 'STATUS_ALREADY_CHANGED';
		await expect(waitFor(clock, order, { timeoutMs: 10_000 })).rejects.toMatchObject({
			kind: 'refused',
		});
	});

	it('ends at once, not refunded, when the provider cancels the order', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null);
		void clock.sleep(7000).then(() => (order.closed = 'cancelled'));
		const result = await waitFor(clock, order);
		expect(result).toMatchObject({ outcome: 'cancelled', refunded: false, polls: 3 });
	});

	it('leaves the order open, or fails, at the timeout when asked', async () => {
		const clock = new VirtualClock();
		const open = await waitFor(clock, new FakeOrder(clock, null), {
			timeoutMs: 20_000,
			onTimeout: 'leave',
		});
		expect(open).toMatchObject({ outcome: 'timedOut', leftOpen: true, refunded: false, polls: 5 });
		const failed = waitFor(clock, new FakeOrder(clock, null), {
			timeoutMs: 20_000,
			onTimeout: 'fail',
		});
		await expect(failed).rejects.toBeInstanceOf(WaitFailure);
		await expect(failed).rejects.toMatchObject({
			kind: 'timeout',
			message: 'No code arrived within 20 s',
		});
	});

	it('retries transient failures and gets the code after a long outage', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now());
		order.failures = [
			new Error('ECONNRESET'),
			providerError('ERROR_SQL'),
			new Error('ETIMEDOUT'),
			new Error('socket hang up'),
		];
		const result = await waitFor(clock, order);
		expect(result).toMatchObject({ outcome: 'received', polls: 5 });

		// Ten failed checks in a row (the old limit was five) do not end the wait: the code still comes.
		const broken = new FakeOrder(clock, clock.now());
		broken.failures = Array.from({ length: 10 }, () => new Error('ECONNREFUSED'));
		await expect(waitFor(clock, broken)).resolves.toMatchObject({
			outcome: 'received',
			code: '847293',
			polls: 11,
			completed: true,
		});
	});

	it('backs off while checks fail (growing, capped, never past the deadline), then still cancels and refunds', async () => {
		const clock = new VirtualClock();
		const t0 = clock.now();
		const order = new FakeOrder(clock, null, t0 - 600_000);
		const polledAt: number[] = [];
		order.poll = async () => {
			polledAt.push(clock.now());
			throw new Error('HTTP 502');
		};
		const result = await waitFor(clock, order, { timeoutMs: 180_000 });
		expect(result).toMatchObject({ outcome: 'timedOut', refunded: true, leftOpen: false });
		expect(order.closed).toBe('cancelled');
		const gaps = polledAt.slice(1).map((t, i) => t - polledAt[i]);
		expect(gaps).toEqual([5000, 10_000, 20_000, 30_000, 30_000, 30_000, 30_000, 25_000]);
		expect(polledAt[polledAt.length - 1]).toBe(t0 + 180_000);
		expect(backoffMs(5000, 50)).toBe(MAX_BACKOFF_MS);
		expect(backoffMs(60_000, 3)).toBe(60_000);
	});

	it('a cancel that keeps failing is tried maxFailures times, then the order is reported open with its id', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null, clock.now() - 600_000);
		order.cancel = async () => {
			order.log.push('cancel');
			throw new Error('HTTP 502');
		};
		const failure = (await waitFor(clock, order, { timeoutMs: 10_000 }).catch(
			(e: unknown) => e,
		)) as WaitFailure;
		expect(failure).toBeInstanceOf(WaitFailure);
		expect(failure.kind).toBe('failures');
		expect(failure.message).toMatch(
			/^Order abc123 may still be open: no code came and the cancel could not be confirmed \(5 cancel requests failed: HTTP 502\) — check it with SMS Activation → Get Status/,
		);
		expect(failure.state).toMatchObject({ orderId: 'abc123', code: null, open: 'maybe' });
		expect(order.log.filter((a) => a === 'cancel')).toHaveLength(5);
	});

	it('never completes an order with an empty code when the Code Pattern matches the empty string', async () => {
		const clock = new VirtualClock();
		const withCode = new FakeOrder(clock, clock.now());
		// The pattern finds "" in front of the code: the provider's own code is used, never "".
		expect(await waitFor(clock, withCode, { codePattern: 'x?' })).toMatchObject({
			outcome: 'received',
			code: '847293',
		});

		const noCode = new FakeOrder(clock, clock.now(), clock.now() - 600_000);
		noCode.poll = async () => {
			noCode.log.push('poll');
			return { state: 'received', messages: [{ code: null, text: 'Your number is ready' }] };
		};
		const failed = waitFor(clock, noCode, { codePattern: 'x?', timeoutMs: 20_000 });
		await expect(failed).rejects.toBeInstanceOf(WaitFailure);
		expect(noCode.log).not.toContain('complete');
		expect(noCode.closed).toBeUndefined();
	});
	it('fails at once on an error a retry cannot fix', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, null);
		order.failures = [providerError('NO_ACTIVATION')];
		await expect(waitFor(clock, order)).rejects.toMatchObject({ kind: 'error', polls: 1 });
	});

	it('still delivers the code when completing fails', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now());
		order.failures = [undefined, providerError('STATUS_ALREADY_CHANGED')];
		const result = await waitFor(clock, order);
		expect(result).toMatchObject({ outcome: 'received', code: '847293', completed: false });
		expect(result.completeError).toMatch(/already changed/);
	});

	it('reads the code with a custom pattern, keeping the full text', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now());
		order.poll = async () => ({
			state: 'received',
			messages: [{ code: null, text: 'G-4821 is your code. Ref 99812345' }],
		});
		const result = await waitFor(clock, order, { codePattern: 'G-(\\d{4})', onSuccess: 'leave' });
		expect(result).toMatchObject({ code: '4821', text: 'G-4821 is your code. Ref 99812345' });
	});
});

describe('OtpWait on the SMS protocol', () => {
	/** Answers each request from a script by action (the last answer repeats). */
	function scripted(answers: Record<string, string[]>, log: string[]): Call {
		return async (request, parse) => {
			const action = request.action;
			const status = request.params.status ? `:${String(request.params.status)}` : '';
			log.push(action + status);
			const list = answers[action];
			const body = list.length > 1 ? (list.shift() as string) : list[0];
			return decode({ status: 200, body }, parse, OTPGET);
		};
	}

	it('a BAD_STATUS answer to the cancel reads as "the code already arrived": it is read, never refunded', async () => {
		const clock = new VirtualClock();
		const log: string[] = [];
		// The status lags behind the cancel's answer by one check.
		const call = scripted(
			{
				getStatus: ['STATUS_WAIT_CODE', 'STATUS_WAIT_CODE', 'STATUS_WAIT_CODE', 'STATUS_OK:740279'],
				setStatus: ['BAD_STATUS', 'ACCESS_FINISH'],
			},
			log,
		);
		const result = await waitFor(clock, smsSource('abc123'), { timeoutMs: 5000 }, call);
		expect(result).toMatchObject({
			outcome: 'received',
			code: '740279',
			completed: true,
			refunded: false,
		});
		expect(log).toEqual([
			'getStatus',
			'getStatus',
			'setStatus:8',
			'getStatus',
			'getStatus',
			'setStatus:6',
		]);
	});

	it('stopped with Cancel & Refund: cancels an open order at once; within the first 2 minutes reports it still open', async () => {
		const clock = new VirtualClock();
		const open = new FakeOrder(clock, null, clock.now() - 600_000);
		const young = new FakeOrder(clock, null);
		const waits = [open, young].map(
			(o) =>
				new OtpWait(
					o,
					'abc123',
					settings(),
					{ call: noCall, classify, now: clock.now },
					clock.now(),
				),
		);
		const controller = new AbortController();
		void clock.sleep(12_000).then(() => controller.abort());
		await clock.run(
			runJobs(
				waits.map((job) => ({ job })),
				{ clock, signal: controller.signal },
			),
		);
		expect(waits.map((w) => w.stop(clock.now(), 'cancel'))).toEqual([true, true]);
		const [cancelled, refused] = await clock.run(
			runJobs(
				waits.map((job) => ({ job })),
				{ clock },
			),
		);
		expect(cancelled).toMatchObject({
			status: 'done',
			value: { outcome: 'timedOut', refunded: true },
		});
		expect(open.log.slice(-1)).toEqual(['cancel']);
		expect(refused.status).toBe('failed');
		const failure = (refused as { error: WaitFailure }).error;
		expect(failure.message).toMatch(
			/^Order abc123 is still open: the provider refused to cancel it at the stop/,
		);
		expect(failure.state).toMatchObject({ open: 'open', code: null });
		expect(young.log.filter((a) => a === 'cancel')).toHaveLength(1);
	});

	it('stopped with Leave Open: nothing more is sent, and a code already in is kept', async () => {
		const clock = new VirtualClock();
		const order = new FakeOrder(clock, clock.now());
		const wait = new OtpWait(
			order,
			'abc123',
			settings({ onSuccess: 'leave' }),
			{ call: noCall, classify, now: clock.now },
			clock.now(),
		);
		await clock.run(runJobs([{ job: wait }], { clock }));
		expect(wait.stop(clock.now(), 'leave')).toBe(false);
		expect(wait.state()).toMatchObject({ code: '847293', open: 'open', completed: false });
	});
});

describe('rental source', () => {
	const inbox = (messages: Array<{ text: string; timestamp: string; code?: string }>) =>
		JSON.stringify({
			status: '200',
			phone_number: '5812822291',
			order_id: '2673088748180000583',
			total: messages.length,
			messages: messages.map((m) => ({ from: 'Server 2', code: '', ...m })),
		});

	function rentalCall(
		clock: VirtualClock,
		script: Array<{ at: number; text: string; timestamp: string }>,
	): Call {
		return async (_request, parse) =>
			decode(
				{ status: 200, body: inbox(script.filter((m) => m.at <= clock.now())) },
				parse,
				OTPGET,
			);
	}

	it('ignores the messages already on the number and waits for a new one with a code', async () => {
		const clock = new VirtualClock(Date.parse('2026-03-09T21:00:00Z'));
		const t0 = clock.now();
		const script = [
			{
				at: t0 - 3_600_000,
				text: '<#> Your WhatsApp Business code 111-222',
				timestamp: '2026-03-09T20:00:00Z',
			},
			{ at: t0 + 4000, text: 'Welcome to the network!', timestamp: '2026-03-09T21:00:04Z' },
			{
				at: t0 + 9000,
				text: '<#> Your WhatsApp Business code 740-279',
				timestamp: '2026-03-09T21:00:09Z',
			},
		];
		const source = rentalSource('2673088748180000583', { startedAt: t0 });
		const result = await waitFor(clock, source, {}, rentalCall(clock, script));
		expect(result).toMatchObject({
			outcome: 'received',
			code: '740279',
			text: script[2].text,
			completed: false,
			polls: 3,
		});
		expect(result.receivedAt).toBe(Date.parse('2026-03-09T21:00:09Z'));
	});

	it('with New SMS Since, counts a message already there if it is recent enough', async () => {
		const clock = new VirtualClock(Date.parse('2026-03-09T21:00:00Z'));
		const script = [{ at: 0, text: 'code 5531', timestamp: '2026-03-09T20:58:00Z' }];
		const since = rentalSource('1', {
			since: Date.parse('2026-03-09T20:55:00Z'),
			startedAt: clock.now(),
		});
		expect(await waitFor(clock, since, {}, rentalCall(clock, script))).toMatchObject({
			code: '5531',
			polls: 1,
		});
		const later = rentalSource('1', {
			since: Date.parse('2026-03-09T20:59:00Z'),
			startedAt: clock.now(),
		});
		const timedOut = await waitFor(clock, later, { timeoutMs: 20_000 }, rentalCall(clock, script));
		// Rentals cannot be cancelled: "Cancel & Refund" leaves them as they are.
		expect(timedOut).toMatchObject({
			outcome: 'timedOut',
			refunded: false,
			leftOpen: true,
			polls: 5,
		});
	});

	it('with a since (New SMS Since or boughtAt), still counts a new message stamped before it', async () => {
		const clock = new VirtualClock(Date.parse('2026-03-09T21:00:00Z'));
		const t0 = clock.now();
		// The provider's clock runs 10 minutes behind: the new message is stamped before the purchase.
		const script = [{ at: t0 + 6000, text: 'new code 5678', timestamp: '2026-03-09T20:50:06Z' }];
		const source = rentalSource('1', { since: Date.parse('2026-03-09T20:59:00Z'), startedAt: t0 });
		expect(await waitFor(clock, source, {}, rentalCall(clock, script))).toMatchObject({
			code: '5678',
			polls: 3,
		});
	});

	it('counts a new message even when the provider clock runs behind ours', async () => {
		const clock = new VirtualClock(Date.parse('2026-03-09T21:00:00Z'));
		const t0 = clock.now();
		const script = [
			{ at: t0 - 60_000, text: 'old code 1234', timestamp: '2026-03-09T20:40:00Z' },
			// Arrives after the wait started, stamped 5 minutes in the past.
			{ at: t0 + 6000, text: 'new code 5678', timestamp: '2026-03-09T20:55:06Z' },
		];
		const result = await waitFor(
			clock,
			rentalSource('1', { startedAt: t0 }),
			{},
			rentalCall(clock, script),
		);
		expect(result).toMatchObject({ code: '5678', polls: 3 });
	});
});

/** Type check: a result carries everything the node outputs. */
export type Checked = Pick<
	WaitResult,
	'orderId' | 'code' | 'text' | 'receivedAt' | 'polls' | 'completed' | 'refunded'
>;
