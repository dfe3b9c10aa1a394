import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { EMPTY_KEY, formatDateTime, TEST_KEY } from '../../sandbox/server';
import { nodeHarness, parameter, type Params } from './harness';

// Frozen at the docs' sample: a 720 h rental made now expires "2026-04-09 21:55:55".
const START = Date.parse('2026-03-10T21:55:55Z');
const h = nodeHarness('rental', { otpDelayMs: 15_000, freezeClock: true, startTime: START });
const HOUR = 3_600_000;
const rent = (countryCode: string, provider: string, durationHours: string) => ({
	operation: 'rentNumber',
	countryCode,
	provider,
	durationHours,
});

// The node's "now" is the sandbox clock, so moving the clock moves the expiry maths of both sides.
beforeEach(() => {
	jest.spyOn(Date, 'now').mockImplementation(() => h.sandbox.clock.now());
	h.sandbox.options.otpDelayMs = 15_000;
});
afterEach(() => jest.restoreAllMocks());

const iso = (ms: number) =>
	new Date(Date.parse(`${formatDateTime(ms).replace(' ', 'T')}Z`)).toISOString();

describe('Rental › catalog', () => {
	it('Get Countries: all servers, or one, for each input item', async () => {
		const { json, paired } = await h.run([
			{ operation: 'getCountries', providerFilter: 'all' },
			{ operation: 'getCountries', providerFilter: '2' },
		]);
		expect(json).toHaveLength(6 + 3);
		expect(json.slice(6)).toEqual([
			{ id: '1', provider: '2', name: 'Canada', countryCode: 'ca' },
			{ id: '2', provider: '2', name: 'UNITED KINGDOM', countryCode: 'gb' },
			{ id: '6', provider: '2', name: 'United States of America', countryCode: 'us' },
		]);
		expect(paired.filter((i) => i === 1)).toHaveLength(3);
		expect(h.sent()).toEqual([
			{ path: '/rental-handler.php', action: 'getRentalCountries', api_key: TEST_KEY },
			{
				path: '/rental-handler.php',
				action: 'getRentalCountries',
				provider: '2',
				api_key: TEST_KEY,
			},
		]);
	});

	it('Get Pricing lists the tiers with labels and prices', async () => {
		const { json } = await h.run([
			{ operation: 'getPricing', provider: '2', countryCode: 'ca' },
			{ operation: 'getPricing', provider: '1', countryCode: 'US' },
		]);
		expect(json.slice(0, 3)).toEqual([
			{
				durationHours: 720,
				duration: '1 Month',
				durationPreset: 'oneMonth',
				price: 840,
				currency: 'PKR',
				countryCode: 'ca',
				countryName: 'Canada',
				provider: '2',
			},
			{
				durationHours: 4320,
				duration: '6 Months',
				durationPreset: 'sixMonths',
				price: 5040,
				currency: 'PKR',
				countryCode: 'ca',
				countryName: 'Canada',
				provider: '2',
			},
			{
				durationHours: 8640,
				duration: '12 Months',
				durationPreset: 'twelveMonths',
				price: 10080,
				currency: 'PKR',
				countryCode: 'ca',
				countryName: 'Canada',
				provider: '2',
			},
		]);
		expect(json.slice(3).map((t) => t.duration)).toEqual([
			'12 Hours',
			'1 Day',
			'1 Week',
			'1 Month',
		]);
		expect(h.sent().map((r) => [r.action, r.country_code, r.provider])).toEqual([
			['getRentalPricing', 'ca', '2'],
			['getRentalPricing', 'us', '1'],
		]);
	});

	it("Check Availability shows live stock and Server 2's minimum months", async () => {
		const { json } = await h.run([
			{ operation: 'checkAvailability', provider: '2', countryCode: 'ca' },
			{ operation: 'checkAvailability', provider: '1', countryCode: 'nl' },
		]);
		expect(json).toEqual([
			{
				countryCode: 'ca',
				provider: '2',
				areaCode: 'ca',
				areaTitle: 'Canada',
				unitPrice: 200,
				available: 3338,
				minMonths: 1,
				inStock: true,
			},
			{
				countryCode: 'nl',
				provider: '1',
				areaCode: 'nl',
				areaTitle: 'Netherlands',
				unitPrice: 70,
				available: 15,
				minMonths: null,
				inStock: true,
			},
		]);
		expect(h.sent()[0]).toMatchObject({
			action: 'getAvailableRentals',
			country_code: 'ca',
			provider: '2',
		});
	});

	it('dropdowns: countries per server, durations with prices per country', async () => {
		expect(await h.loadOptions('getRentalCountries', { provider: '1' })).toEqual([
			{ name: 'Netherlands (nl)', value: 'nl' },
			{ name: 'United Kingdom (gb)', value: 'gb' },
			{ name: 'United States (us)', value: 'us' },
		]);
		expect(await h.loadOptions('getRentalDurations', { provider: '2', countryCode: 'ca' })).toEqual(
			[
				{ name: '1 Month — 840.00 PKR', value: '720' },
				{ name: '6 Months — 5040.00 PKR', value: '4320' },
				{ name: '12 Months — 10080.00 PKR', value: '8640' },
			],
		);
		h.sandbox.requests.length = 0;
		expect(await h.loadOptions('getRentalDurations', { provider: '2', countryCode: '' })).toEqual(
			[],
		);
		expect(h.sandbox.requests).toHaveLength(0);
	});
});

describe('Rental dropdowns of your rentals', () => {
	it('Renew lists rentals by rentalId, Get SMS by smsOrderId, active first', async () => {
		const { json } = await h.run([rent('ca', '2', '720'), rent('us', '1', '12')]);
		const mine = await h.run({
			operation: 'getMyRentals',
			rentalStatus: 'all',
			expiringWithinHours: 0,
		});
		const byId = await h.loadOptions('getRentalsById', {});
		const bySms = await h.loadOptions('getRentalsBySmsOrderId', {});
		expect(byId.map((o) => o.value).sort()).toEqual(mine.json.map((r) => r.rentalId).sort());
		expect(bySms.map((o) => o.value).sort()).toEqual(json.map((r) => r.smsOrderId).sort());
		// The shorter rental expires first.
		expect(bySms[0]).toEqual({
			name: expect.stringMatching(new RegExp(`^${json[1].phone} — .* — Server 1 — expires `)),
			value: json[1].smsOrderId,
		});
		expect(h.sandbox.requests.at(-1)?.query).toMatchObject({ action: 'getMyRentals' });
	});
});

describe('Rental › Rent Number', () => {
	it('rents one number per item, charges each once, and names the SMS id smsOrderId', async () => {
		const now = START;
		const { json, paired } = await h.run([rent('ca', '2', '720'), rent('us', '1', '12')]);
		expect(paired).toEqual([0, 1]);
		expect(json[0]).toEqual({
			smsOrderId: expect.stringMatching(/^26730\d{14}$/),
			phone: expect.stringMatching(/^343\d{7}$/),
			server: 'Server 2',
			provider: '2',
			countryCode: 'ca',
			durationHours: 720,
			duration: '1 Month',
			pricePaid: 840,
			price: 840,
			currency: 'PKR',
			balance: 4160,
			expiryTime: '2026-04-09 21:55:55',
			expiresAt: '2026-04-09T21:55:55.000Z',
			source: 'rental',
			boughtAt: new Date(now).toISOString(),
		});
		expect(json[1]).toMatchObject({
			provider: '1',
			durationHours: 12,
			pricePaid: 60,
			balance: 4100,
			expiresAt: iso(now + 12 * HOUR),
		});
		expect(
			h
				.sent()
				.filter((r) => r.action !== 'getMyRentals')
				.map((r) => [r.action, r.country_code, r.provider, r.duration_hours]),
		).toEqual([
			['rentNumber', 'ca', '2', '720'],
			['rentNumber', 'us', '1', '12'],
		]);
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(5000 - 840 - 60);
		expect(h.sandbox.state.ledger(TEST_KEY).map((e) => [e.kind, e.amount])).toEqual([
			['purchase', -840],
			['purchase', -60],
		]);
		expect(h.sandbox.state.getRental(String(json[0].smsOrderId))?.phone).toBe(json[0].phone);
	});

	it('refuses what the provider would refuse before buying anything', async () => {
		const server2Daily = await h.failure(rent('ca', '2', '24'));
		expect(server2Daily).toBeInstanceOf(NodeOperationError);
		expect(server2Daily.message).toBe(
			'"Duration" must be 720 (1 Month), 4320 (6 Months) or 8640 (12 Months): Server 2 only rents by the month (got "24")',
		);
		expect((await h.failure(rent('ca', '1', '100'))).message).toMatch(
			/^"Duration" must be one of 12, 24, 168, 720, 4320, 8640 hours/,
		);
		expect((await h.failure(rent('Canada', '2', '720'))).message).toBe(
			'"Country" must be a country code such as ca, us or gb (got "Canada")',
		);
		expect((await h.failure(rent('ca', '3', '720'))).message).toMatch(
			/^"Server" must be one of 1, 2/,
		);
		expect((await h.failure(rent('ca', '2', ''))).message).toBe('"Duration" is required');
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it('explains a missing price tier, a low balance, and never retries a purchase', async () => {
		expect((await h.failure(rent('nl', '1', '12'))).message).toBe(
			'No rental price for this country, server and duration: country_code=nl provider=1 duration_hours=12 — pick a duration from the Duration list, which shows the prices of the selected country and server',
		);
		const poor = await h.failure(rent('ca', '2', '720'), { apiKey: EMPTY_KEY });
		expect(poor).toBeInstanceOf(NodeApiError);
		expect(poor.message).toBe('Insufficient balance — top up your OTPGet wallet, then run again');
		h.sandbox.requests.length = 0;
		h.sandbox.state.failNext('rental', 'rentNumber', {
			status: 200,
			body: '{"status":"502","message":"Provider returned an empty phone number."}',
		});
		expect((await h.failure(rent('ca', '2', '720'))).message).toMatch(
			/^The provider returned no phone number — check Get My Rentals/,
		);
		expect(h.sandbox.requests.filter((r) => r.action === 'rentNumber')).toHaveLength(1);
		expect(h.sandbox.state.ledger()).toHaveLength(0);
	});
});

describe('Rental › Get My Rentals → Renew', () => {
	async function rentThree() {
		return (await h.run([rent('us', '1', '12'), rent('us', '1', '24'), rent('ca', '2', '720')]))
			.json;
	}
	const mine = async (rentalStatus: string, expiringWithinHours = 0) =>
		(await h.run({ operation: 'getMyRentals', rentalStatus, expiringWithinHours })).json;

	it('returns one item per rental with rentalId, smsOrderId, ISO expiry and hours left', async () => {
		const rented = await rentThree();
		const now = h.sandbox.clock.now();
		const list = await mine('active');
		expect(list).toHaveLength(3);
		// Newest first, as the API lists them.
		expect(list.map((r) => [r.rentalId, r.smsOrderId, r.hoursLeft])).toEqual([
			['29', rented[2].smsOrderId, 720],
			['28', rented[1].smsOrderId, 24],
			['27', rented[0].smsOrderId, 12],
		]);
		expect(list[2]).toEqual({
			rentalId: '27',
			smsOrderId: rented[0].smsOrderId,
			phone: rented[0].phone,
			status: 'active',
			server: 'Server 1',
			provider: '1',
			countryCode: 'us',
			countryName: 'United States',
			durationHours: 12,
			pricePaid: 60,
			expiryTime: formatDateTime(now + 12 * HOUR),
			expiresAt: iso(now + 12 * HOUR),
			hoursLeft: 12,
		});
		expect(h.sent().at(-1)).toEqual({
			path: '/rental-handler.php',
			action: 'getMyRentals',
			api_key: TEST_KEY,
		});
	});

	it('filters by status and by "Expiring Within (Hours)"', async () => {
		await rentThree();
		expect((await mine('active', 48)).map((r) => r.rentalId)).toEqual(['28', '27']);
		h.sandbox.clock.advance(13 * HOUR);
		expect((await mine('active')).map((r) => [r.rentalId, r.hoursLeft])).toEqual([
			['29', 707],
			['28', 11],
		]);
		expect((await mine('active', 48)).map((r) => r.rentalId)).toEqual(['28']);
		expect((await mine('expired')).map((r) => [r.rentalId, r.hoursLeft])).toEqual([['27', 0]]);
		expect(await mine('all')).toHaveLength(3);
		expect(
			(
				await h.failure({
					operation: 'getMyRentals',
					rentalStatus: 'active',
					expiringWithinHours: -1,
				})
			).message,
		).toMatch(/"Expiring Within \(Hours\)" must be a whole number of at least 0/);
	});

	it('Schedule → Get My Rentals (expiring within 48 h) → Renew: each item renews its own rental', async () => {
		await rentThree();
		expect(parameter('rental', 'renew', 'rentalId')?.default).toBe('={{ $json.rentalId }}');
		const expiring = await mine('active', 48);
		const before = h.sandbox.state.balance(TEST_KEY);
		// What `={{ $json.rentalId }}` resolves to for each incoming item.
		const renewed = await h.run(
			expiring.map((r): Params => ({
				operation: 'renew',
				rentalId: r.rentalId,
				durationHours: '24',
			})),
		);
		expect(renewed.json.map((r) => [r.rentalId, r.durationHours, r.pricePaid])).toEqual([
			['28', 24, 100],
			['27', 24, 100],
		]);
		// The new expiry counts from the old one, not from now.
		expect(renewed.json[1]).toMatchObject({
			duration: '1 Day',
			newExpiry: formatDateTime(START + 36 * HOUR),
			expiresAt: iso(START + 36 * HOUR),
			balance: before - 200,
		});
		expect(
			h
				.sent()
				.slice(-2)
				.map((r) => [r.action, r.rental_id, r.duration_hours]),
		).toEqual([
			['renewRental', '28', '24'],
			['renewRental', '27', '24'],
		]);
		expect(h.sandbox.state.ledger(TEST_KEY).filter((e) => e.kind === 'renewal')).toHaveLength(2);
		expect((await mine('active', 48)).map((r) => [r.rentalId, r.hoursLeft])).toEqual([
			['28', 48],
			['27', 36],
		]);
	});

	it('Renew explains an SMS order id used as rental id, and a duration the rental has no price for', async () => {
		const [first] = await rentThree();
		const wrongId = await h.failure({
			operation: 'renew',
			rentalId: first.smsOrderId,
			durationHours: '720',
		});
		expect(wrongId.message).toBe(
			'Rental not found — use the rentalId of Get My Rentals (the API\'s "id"), not the smsOrderId',
		);
		const noTier = await h.failure({ operation: 'renew', rentalId: '29', durationHours: '12' });
		expect(noTier.message).toMatch(
			/^This duration is not sold for the rental's country and server — pick another duration/,
		);
		expect(
			(await h.failure({ operation: 'renew', rentalId: '27', durationHours: '36' })).message,
		).toMatch(/^"Duration" must be one of/);
		expect(
			(await h.failure({ operation: 'renew', rentalId: 'abc', durationHours: '24' })).message,
		).toMatch(/^"Rental ID" must be a numeric ID/);
		expect(h.sandbox.state.ledger(TEST_KEY).filter((e) => e.kind === 'renewal')).toHaveLength(0);
	});
});

describe('Rental › Get SMS', () => {
	it('returns one item per message with the code, for each rental given', async () => {
		const [a, b] = (await h.run([rent('ca', '2', '720'), rent('us', '1', '24')])).json;
		h.sandbox.clock.advance(16_000);
		h.sandbox.state.addRentalSms(String(b.smsOrderId), 'Your Telegram code: 55 12 90', '551290');
		const { json, paired } = await h.run([
			{ operation: 'getSms', smsOrderId: a.smsOrderId },
			{ operation: 'getSms', smsOrderId: b.smsOrderId },
		]);
		expect(paired).toEqual([0, 1, 1]);
		const first = h.sandbox.state.getRental(String(a.smsOrderId))?.messages[0];
		expect(json[0]).toEqual({
			smsOrderId: a.smsOrderId,
			phone: a.phone,
			from: 'Server 2',
			text: first?.text,
			// The sandbox, like the docs' sample, leaves "code" empty: the node reads it from "740-279".
			code: first?.text.replace(/^.* (\d{3})-(\d{3})$/, '$1$2'),
			receivedAt: new Date(Math.floor((first?.at ?? 0) / 1000) * 1000).toISOString(),
		});
		expect(first?.code).toBe('');
		expect(json[2]).toMatchObject({
			smsOrderId: b.smsOrderId,
			text: 'Your Telegram code: 55 12 90',
			code: '551290',
		});
		expect(
			h
				.sent()
				.slice(-2)
				.map((r) => [r.action, r.order_id]),
		).toEqual([
			['getRentalSMS', a.smsOrderId],
			['getRentalSMS', b.smsOrderId],
		]);
	});

	it('"Only Messages Since" keeps messages from that time on; none left means no item', async () => {
		const [a] = (await h.run([rent('ca', '2', '720')])).json;
		h.sandbox.clock.advance(60_000);
		const since = new Date(h.sandbox.clock.now()).toISOString();
		h.sandbox.clock.advance(5_000);
		h.sandbox.state.addRentalSms(String(a.smsOrderId), 'Code 123456');
		const newer = await h.run({
			operation: 'getSms',
			smsOrderId: a.smsOrderId,
			options: { since },
		});
		expect(newer.json.map((m) => m.code)).toEqual(['123456']);
		// Timestamps have whole seconds, so the message's own second still counts.
		const sameSecond = new Date(h.sandbox.clock.now() + 500).toISOString();
		expect(
			(
				await h.run({
					operation: 'getSms',
					smsOrderId: a.smsOrderId,
					options: { since: sameSecond },
				})
			).json,
		).toHaveLength(1);
		const later = new Date(h.sandbox.clock.now() + 1000).toISOString();
		expect(
			(await h.run({ operation: 'getSms', smsOrderId: a.smsOrderId, options: { since: later } }))
				.json,
		).toEqual([]);
		expect(
			(
				await h.failure({
					operation: 'getSms',
					smsOrderId: a.smsOrderId,
					options: { since: 'yesterday' },
				})
			).message,
		).toMatch(/^"Only Messages Since" must be a date and time/);
	});

	it('explains a rental id used as SMS order id', async () => {
		await h.run([rent('ca', '2', '720')]);
		expect((await h.failure({ operation: 'getSms', smsOrderId: '27' })).message).toBe(
			'Rental order not found — use the smsOrderId of Rent Number or Get My Rentals (the API\'s "order_id"), not the rentalId',
		);
		expect(parameter('rental', 'getSms', 'smsOrderId')?.default).toBe('={{ $json.smsOrderId }}');
	});
});

// Every row of the docs' Rental error table, made reachable with failNext.
const ROWS: Array<[string, string, RegExp]> = [
	['401', 'Invalid API key.', /^Invalid API key — check the API key in the OTPGet credential/],
	['401', 'API key is required.', /^API key is missing — enter the API key/],
	[
		'403',
		'Account is blocked or inactive.',
		/^Account blocked or inactive — your account has been suspended/,
	],
	['400', 'Action parameter is required.', /^The provider received no action — check the base URL/],
	['400', 'Unknown action: getMyRentals', /^Unknown API action: getMyRentals — /],
	['400', 'country_code is required.', /^A required parameter is missing: country_code — fill in/],
	['400', 'provider is required.', /missing: provider — /],
	['400', 'duration_hours is required.', /missing: duration_hours — /],
	[
		'400',
		'Server 2 only supports monthly durations…',
		/^Server 2 only rents by the month — choose 1 Month \(720\)/,
	],
	[
		'404',
		'No pricing found for country_code=ca provider=2 duration_hours=720',
		/^No rental price for this country, server and duration: country_code=ca/,
	],
	['404', 'Rental not found or does not belong to you.', /^Rental not found — use the rentalId/],
	['404', 'No pricing found for this duration.', /^This duration is not sold/],
	['404', 'Order not found or access denied.', /^Rental order not found — use the smsOrderId/],
	['402', 'Insufficient balance.', /^Insufficient balance — top up your OTPGet wallet/],
	[
		'503',
		'Server 2 is currently unavailable.',
		/^Rental server disabled by OTPGet for now: Server 2 — choose the other server/,
	],
	[
		'502',
		'Server 2 error: upstream timeout',
		/^The upstream rental provider returned an error; nothing was rented: Server 2 error: upstream timeout — retry/,
	],
	['502', 'Provider returned an empty phone number.', /^The provider returned no phone number — /],
	[
		'500',
		'Database error: lock wait timeout',
		/^Provider database error; the balance was not deducted: lock wait timeout — retry/,
	],
];

describe('Rental › every documented error', () => {
	it.each(ROWS)('%s %s', async (status, message, shown) => {
		const body = JSON.stringify({ status, message });
		h.sandbox.state.failNext('rental', 'rentNumber', { body });
		const error = await h.failure(rent('ca', '2', '720'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(shown);
		expect(error.description).toContain(`HTTP_${status}`);
		// A purchase is sent once whatever the answer.
		expect(h.sandbox.requests.filter((r) => r.action === 'rentNumber')).toHaveLength(1);
		expect(h.sandbox.state.ledger()).toHaveLength(0);
	});

	it('reads the same errors behind a mirrored HTTP status', async () => {
		h.sandbox.options.rentalHttpStatus = true;
		try {
			expect(
				(
					await h.failure(
						{ operation: 'getMyRentals', rentalStatus: 'all', expiringWithinHours: 0 },
						{ apiKey: 'nope' },
					)
				).message,
			).toMatch(/^Invalid API key/);
			expect((await h.failure({ operation: 'getSms', smsOrderId: '1' })).message).toMatch(
				/^Rental order not found/,
			);
		} finally {
			h.sandbox.options.rentalHttpStatus = false;
		}
	});

	it('Continue On Fail: failing items carry the error, the rest still rent', async () => {
		const { json } = await h.run(
			[rent('ca', '2', '720'), rent('ca', '2', '24'), rent('nl', '1', '12'), rent('us', '1', '24')],
			{
				continueOnFail: true,
			},
		);
		expect(json).toHaveLength(4);
		expect(json[0].smsOrderId).toBeDefined();
		expect(json[1]).toMatchObject({ error: expect.stringContaining('"Duration"') });
		expect(json[2]).toMatchObject({
			error: expect.stringMatching(/^No rental price/),
			code: 'HTTP_404',
		});
		expect(json[3].smsOrderId).toBeDefined();
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(5000 - 840 - 100);
		expect(JSON.stringify(json)).not.toContain(TEST_KEY);
	});
});
