import { TEST_KEY } from '../../sandbox/server';
import { FAST, until, waitHarness } from './waitForOtp.harness';

const h = waitHarness();
const sms = (orderId: string, options: Record<string, unknown> = {}) => ({
	source: 'sms',
	orderId,
	options: { ...FAST, ...options },
});
const cheap = (orderId: string, options: Record<string, unknown> = {}) => ({
	source: 'cheap',
	orderId,
	options: { ...FAST, ...options },
});
/** 150 ms: short enough for a test, long enough for a few checks. */
const SHORT = 0.0025;

describe('Wait for OTP › SMS Activation', () => {
	it('outputs the code on Received and completes the activation', async () => {
		const id = await h.buySms('101', 100);
		const { received, other, paired } = await h.run(sms(id));
		expect(other).toEqual([]);
		expect(received).toEqual([
			{
				orderId: id,
				source: 'sms',
				code: expect.stringMatching(/^\d{6}$/),
				text: expect.stringMatching(/^\d{6}$/),
				receivedAt: expect.any(String),
				waitedSeconds: expect.any(Number),
				polls: expect.any(Number),
				completed: true,
				refunded: false,
			},
		]);
		expect(paired[0]).toEqual([0]);
		const order = h.sandbox.state.getActivation(id);
		expect(order).toMatchObject({ status: 'finished', code: received[0].code });
		expect(Date.parse(String(received[0].receivedAt))).toBeGreaterThanOrEqual(
			order?.arrivalAt ?? Infinity,
		);
		expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual(['6']);
		expect(h.ledger(id)).toEqual(['purchase']);
	});

	it('leaves the activation open on success when asked', async () => {
		const id = await h.buySms('101', 0);
		const { received } = await h.run(sms(id, { onSuccess: 'leave' }));
		expect(received[0]).toMatchObject({ completed: false, polls: 1 });
		expect(h.requestsFor(id, 'setStatus')).toEqual([]);
		expect(h.sandbox.state.getActivation(id)?.status).toBe('received');
	});

	it('as an AI tool, a refunded timeout reaches the model on the first output (an agent reads no other)', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const id = await h.buySms('198');
		const { received, other } = await h.run(sms(id, { timeout: SHORT }), {
			nodeType: 'n8n-nodes-otpget.otpGetWaitForOtpTool',
		});
		expect(other).toEqual([]);
		expect(received).toEqual([
			expect.objectContaining({ orderId: id, status: 'timedOut', received: false, refunded: true }),
		]);
	});

	it('cancels and refunds at the timeout when no code came', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const id = await h.buySms('198');
		const before = h.sandbox.state.balance(TEST_KEY);
		const { received, other, paired } = await h.run(sms(id, { timeout: SHORT }));
		expect(received).toEqual([]);
		expect(other).toEqual([
			expect.objectContaining({
				orderId: id,
				status: 'timedOut',
				reason: 'No code within 0.2 s; cancelled and refunded',
				code: null,
				completed: false,
				refunded: true,
				leftOpen: false,
			}),
		]);
		expect(paired[1]).toEqual([0]);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(before + 10);
	});

	it('within the first 2 minutes keeps checking until the cancel is allowed, then refunds', async () => {
		const id = await h.buySms('198');
		const run = h.run(sms(id, { timeout: SHORT }));
		await until(() => h.requestsFor(id, 'setStatus').length >= 2);
		// It keeps polling while the cancel is refused (waited for, not sampled: a loaded machine may be between polls).
		const polled = h.requestsFor(id, 'getStatus').length;
		await until(() => h.requestsFor(id, 'getStatus').length > polled);
		h.sandbox.clock.advance(120_000);
		const { other } = await run;
		expect(other[0]).toMatchObject({ status: 'timedOut', refunded: true });
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('a code arriving during the early-cancel window goes to Received and is never refunded', async () => {
		const id = await h.buySms('198');
		const run = h.run(sms(id, { timeout: SHORT }));
		await until(() => h.requestsFor(id, 'setStatus').length >= 2);
		const code = h.sandbox.state.deliverSms(id, '740279');
		const { received, other } = await run;
		expect(other).toEqual([]);
		expect(received[0]).toMatchObject({ orderId: id, code, completed: true, refunded: false });
		expect(h.ledger(id)).toEqual(['purchase']);
		expect(h.sandbox.state.getActivation(id)?.status).toBe('finished');
	});

	it('ends at once on STATUS_CANCEL, saying it was not refunded by this node', async () => {
		const id = await h.buySms('198');
		const run = h.run(sms(id));
		await until(() => h.requestsFor(id, 'getStatus').length >= 2);
		h.sandbox.clock.advance(120_000);
		expect(await h.api('handler_api.php', { action: 'setStatus', id, status: '8' })).toBe(
			'ACCESS_READY',
		);
		const { other } = await run;
		expect(other[0]).toMatchObject({
			status: 'cancelled',
			reason: 'The provider cancelled the order (STATUS_CANCEL)',
			refunded: false,
			leftOpen: false,
		});
		expect(h.requestsFor(id, 'setStatus')).toHaveLength(1);
	});

	it('leaves the order open on timeout when asked, or fails the item', async () => {
		const id = await h.buySms('198');
		const { other } = await h.run(sms(id, { timeout: SHORT, onTimeout: 'leave' }));
		expect(other[0]).toMatchObject({
			status: 'timedOut',
			leftOpen: true,
			refunded: false,
			reason: 'No code within 0.2 s; the order was left open',
		});
		expect(h.requestsFor(id, 'setStatus')).toEqual([]);

		await expect(h.run(sms(id, { timeout: SHORT, onTimeout: 'fail' }))).rejects.toThrow(
			'No code arrived within 0.2 s',
		);
		const failed = await h.run(sms(id, { timeout: SHORT, onTimeout: 'fail' }), {
			continueOnFail: true,
		});
		expect(failed.other).toEqual([
			expect.objectContaining({
				orderId: id,
				status: 'error',
				error: 'No code arrived within 0.2 s',
				polls: expect.any(Number),
			}),
		]);
		expect(failed.output[1][0].error).toBeDefined();
		expect(failed.paired[1]).toEqual([0]);
		expect(h.sandbox.state.getActivation(id)?.status).toBe('waiting');
	});

	it('a cancel refused because the code arrived (BAD_STATUS) reads as "the code is in": it is read and completed', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const id = await h.buySms('198');
		const code = h.sandbox.state.deliverSms(id, '740279');
		// Two checks before the timeout and one after the cancel still say "waiting" (a lagging status).
		for (let i = 0; i < 3; i++)
			h.sandbox.state.failNext('sms', 'getStatus', { body: 'STATUS_WAIT_CODE' });
		const { received, other } = await h.run(sms(id, { timeout: SHORT, pollInterval: 1 }));
		expect(other).toEqual([]);
		expect(received[0]).toMatchObject({ orderId: id, code, completed: true, refunded: false });
		expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual(['8', '6']);
		expect(h.ledger(id)).toEqual(['purchase']);
	});

	it('a Code Pattern that matches the empty string never yields an empty code', async () => {
		const id = await h.buySms('101');
		h.sandbox.state.deliverSms(id, '123456');
		const { received } = await h.run(sms(id, { codePattern: '[a-z]*' }));
		expect(received[0]).toMatchObject({ code: '123456', completed: true });
	});

	it('applies a custom code pattern and keeps the provider text', async () => {
		const id = await h.buySms('101');
		h.sandbox.state.deliverSms(id, '123456');
		const { received } = await h.run(sms(id, { codePattern: '\\d{3}$', onSuccess: 'leave' }));
		expect(received[0]).toMatchObject({ code: '456', text: '123456' });
	});
});

describe('Wait for OTP › Cheap Number', () => {
	it('outputs the code and finishes the number with status 3', async () => {
		const id = await h.buyCheap(100);
		const { received } = await h.run(cheap(id));
		expect(received[0]).toMatchObject({
			orderId: id,
			source: 'cheap',
			code: expect.stringMatching(/^\d{6}$/),
			completed: true,
		});
		expect(h.requestsFor(id, 'setStatus').map((r) => [r.path, r.query.status])).toEqual([
			['/cheap_handler.php', '3'],
		]);
		expect(h.sandbox.state.getActivation(id)?.status).toBe('finished');
	});

	it('cancels and refunds at the timeout', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const id = await h.buyCheap();
		const { other } = await h.run(cheap(id, { timeout: SHORT }));
		expect(other[0]).toMatchObject({ source: 'cheap', status: 'timedOut', refunded: true });
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('ends when the number expires (STATUS_CANCEL) without claiming a refund of its own', async () => {
		const id = await h.buyCheap();
		const run = h.run(cheap(id));
		await until(() => h.requestsFor(id, 'getStatus').length >= 2);
		h.sandbox.clock.advance(15 * 60_000);
		const { other } = await run;
		expect(other[0]).toMatchObject({ source: 'cheap', status: 'cancelled', refunded: false });
		expect(h.requestsFor(id, 'setStatus')).toEqual([]);
	});
});
