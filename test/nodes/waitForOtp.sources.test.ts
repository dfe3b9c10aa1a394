import { FAST, until, waitHarness } from './waitForOtp.harness';

const h = waitHarness();
const SHORT = 0.0025;
const email = (emailId: string, options: Record<string, unknown> = {}) => ({
	source: 'email',
	emailId,
	options: { ...FAST, ...options },
});
const rental = (
	smsOrderId: string,
	extra: Record<string, unknown> = {},
	options: Record<string, unknown> = {},
) => ({
	source: 'rental',
	smsOrderId,
	...extra,
	options: { ...FAST, ...options },
});

/** Rents a number whose first SMS ("<#> Your WhatsApp Business code 123-456") came an hour ago. */
async function rentWithOldSms(): Promise<string> {
	h.sandbox.clock.set(Date.now() - 3_600_000);
	const id = await h.rent(0);
	h.sandbox.clock.reset();
	return id;
}

describe('Wait for OTP › Email', () => {
	it('outputs the code and the mail text', async () => {
		const id = await h.buyEmail(100);
		const { received } = await h.run(email(id));
		expect(received[0]).toMatchObject({
			orderId: id,
			source: 'email',
			code: expect.stringMatching(/^\d{6}$/),
			text: expect.stringMatching(/^Your verification code is \d{6}$/),
			completed: false,
			refunded: false,
		});
		expect(h.requestsFor(id, 'cancelEmail')).toEqual([]);
	});

	it('cancels and refunds at the timeout', async () => {
		const id = await h.buyEmail();
		const { other } = await h.run(email(id, { timeout: SHORT }));
		expect(other[0]).toMatchObject({
			source: 'email',
			status: 'timedOut',
			refunded: true,
			reason: 'No code within 0.2 s; cancelled and refunded',
		});
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('a code that came just before the cancel is returned by it: Received, not refunded', async () => {
		const id = await h.buyEmail(0);
		// Every check still says "waiting", so the wait times out; the cancel then finds the code.
		for (let i = 0; i < 50; i++) {
			h.sandbox.state.failNext('email', 'getEmailCode', {
				body: '{"status":"202","message":"Waiting for code..."}',
			});
		}
		const { received, other } = await h.run(email(id, { timeout: SHORT }));
		expect(other).toEqual([]);
		expect(received[0]).toMatchObject({
			code: h.sandbox.state.getEmail(id)?.code,
			completed: true,
			refunded: false,
		});
		expect(h.ledger(id)).toEqual(['purchase']);
	});

	it('ends at once when the activation is cancelled (status 300)', async () => {
		const id = await h.buyEmail();
		const run = h.run(email(id));
		await until(() => h.requestsFor(id, 'getEmailCode').length >= 2);
		await h.api('email_handler.php', { action: 'cancelEmail', email_id: id });
		const { other } = await run;
		expect(other[0]).toMatchObject({
			status: 'cancelled',
			refunded: false,
			reason: 'The provider cancelled the email activation (status 300)',
		});
	});
});

describe('Wait for OTP › Rental SMS', () => {
	it('ignores the messages already on the number and returns the next one with a code', async () => {
		const id = await rentWithOldSms();
		const run = h.run(rental(id));
		await until(() => h.requestsFor(id, 'getRentalSMS').length >= 2);
		h.sandbox.state.addRentalSms(id, 'Welcome to your new number');
		await until(() => h.requestsFor(id, 'getRentalSMS').length >= 4);
		h.sandbox.state.addRentalSms(id, '<#> Your WhatsApp Business code 740-279');
		const { received } = await run;
		expect(received).toEqual([
			expect.objectContaining({
				orderId: id,
				source: 'rental',
				code: '740279',
				text: '<#> Your WhatsApp Business code 740-279',
				completed: false,
				refunded: false,
			}),
		]);
	});

	it('with New SMS Since, takes a message already there if it is recent enough', async () => {
		const id = await rentWithOldSms();
		const old = h.sandbox.state.getRental(id)?.messages[0];
		const since = new Date(Date.now() - 2 * 3_600_000).toISOString();
		const { received } = await h.run(rental(id, { newSmsSince: since }));
		expect(received[0]).toMatchObject({
			text: old?.text,
			receivedAt: new Date(Math.floor((old?.at ?? 0) / 1000) * 1000).toISOString(),
			polls: 1,
		});
	});

	it("without New SMS Since, counts a code that came between Rent Number and the wait (the item's boughtAt, zone-less = UTC)", async () => {
		// Rented (and its SMS came) 5 s before the wait; read in local time (+05:00) boughtAt would be 5 h later.
		const boughtAt = new Date(Date.now() - 6000).toISOString().slice(0, 19).replace('T', ' ');
		h.sandbox.clock.set(Date.now() - 5000);
		const id = await h.rent(0);
		h.sandbox.clock.reset();
		const text = h.sandbox.state.getRental(id)?.messages[0]?.text;
		const { received } = await h.run(rental(id, {}, { timeout: SHORT }), {
			items: [{ smsOrderId: id, boughtAt }],
		});
		expect(received[0]).toMatchObject({ orderId: id, text, polls: 1 });
	});

	it('times out without cancelling: a rental cannot be refunded', async () => {
		const id = await rentWithOldSms();
		const { other } = await h.run(rental(id, {}, { timeout: SHORT }));
		expect(other[0]).toMatchObject({
			source: 'rental',
			status: 'timedOut',
			refunded: false,
			reason: 'No new SMS with a code within 0.2 s',
		});
		expect(
			h.sandbox.requests.every((r) => r.action === 'rentNumber' || r.action === 'getRentalSMS'),
		).toBe(true);
	});

	it("reads a New SMS Since without a zone as UTC, not in the server's zone (TZ=Asia/Karachi)", async () => {
		expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-300);
		const id = await rentWithOldSms();
		const at = h.sandbox.state.getRental(id)?.messages[0]?.at ?? 0;
		// One hour after the message, written without a zone: read in local time it would be 4 hours before it.
		const since = new Date(at + 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
		const { other } = await h.run(rental(id, { newSmsSince: since }, { timeout: SHORT }));
		expect(other[0]).toMatchObject({ source: 'rental', status: 'timedOut' });
	});

	it('refuses a New SMS Since that is not a date', async () => {
		const id = await rentWithOldSms();
		await expect(h.run(rental(id, { newSmsSince: 'yesterday-ish' }))).rejects.toThrow(
			'"New SMS Since" must be a date and time',
		);
	});
});
