import {
	BLOCKED_KEY,
	EMPTY_KEY,
	OTHER_KEY,
	TEST_KEY,
	startSandbox,
	type Sandbox,
} from '../../sandbox/server';
import { rental } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };
// The docs' sample: rented 2026-03-10 21:55:55 for 720 h expires 2026-04-09 21:55:55.
const START = Date.parse('2026-03-10T21:55:55Z');
const HOUR = 3_600_000;

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true, startTime: START });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.state.reset();
	sb.options.rentalHttpStatus = false;
});

interface Rented {
	status: string;
	order_id: string;
	phone: string;
}

async function rentCa(key = TEST_KEY): Promise<Rented> {
	return (
		await rental(sb, {
			api_key: key,
			action: 'rentNumber',
			country_code: 'ca',
			provider: 2,
			duration_hours: 720,
		})
	).json<Rented>();
}

describe('rental-handler.php auth and actions', () => {
	it('answers the documented key and action errors with HTTP 200', async () => {
		expect((await rental(sb, { action: 'getMyRentals' })).text).toBe(
			'{"status":"401","message":"API key is required."}',
		);
		expect((await rental(sb, { api_key: 'x', action: 'getMyRentals' })).text).toBe(
			'{"status":"401","message":"Invalid API key."}',
		);
		const blocked = await rental(sb, { api_key: BLOCKED_KEY, action: 'getMyRentals' });
		expect(blocked).toMatchObject({
			status: 200,
			text: '{"status":"403","message":"Account is blocked or inactive."}',
		});
		expect((await rental(sb, K)).text).toBe(
			'{"status":"400","message":"Action parameter is required."}',
		);
		expect((await rental(sb, { ...K, action: 'xyz' })).text).toBe(
			'{"status":"400","message":"Unknown action: xyz"}',
		);
	});

	it('mirrors the status in HTTP when rentalHttpStatus is on', async () => {
		sb.options.rentalHttpStatus = true;
		expect((await rental(sb, { api_key: 'x', action: 'getMyRentals' })).status).toBe(401);
		expect((await rental(sb, { ...K, action: 'getMyRentals' })).status).toBe(200);
	});
});

describe('catalog actions', () => {
	it('lists the docs countries for provider 2, and both servers without provider', async () => {
		expect((await rental(sb, { ...K, action: 'getRentalCountries', provider: 2 })).text).toBe(
			'{"status":"200","countries":[{"id":"1","provider":"2","name":"Canada","country_code":"ca"},' +
				'{"id":"2","provider":"2","name":"UNITED KINGDOM","country_code":"gb"},' +
				'{"id":"6","provider":"2","name":"United States of America","country_code":"us"}]}',
		);
		const all = (await rental(sb, { ...K, action: 'getRentalCountries' })).json<{
			countries: Array<{ provider: string }>;
		}>();
		expect(new Set(all.countries.map((c) => c.provider))).toEqual(new Set(['1', '2']));
	});

	it('prices Canada on Server 2 exactly like the docs, Server 1 in hours', async () => {
		expect(
			(await rental(sb, { ...K, action: 'getRentalPricing', country_code: 'ca', provider: 2 }))
				.text,
		).toBe(
			'{"status":"200","pricing":[' +
				'{"id":"1","duration_hours":"720","duration_preset":"oneMonth","price":"840.00","country_name":"Canada"},' +
				'{"id":"2","duration_hours":"4320","duration_preset":"sixMonths","price":"5040.00","country_name":"Canada"},' +
				'{"id":"3","duration_hours":"8640","duration_preset":"twelveMonths","price":"10080.00","country_name":"Canada"}]}',
		);
		const s1 = (
			await rental(sb, { ...K, action: 'getRentalPricing', country_code: 'us', provider: 1 })
		).json<{
			pricing: Array<{ duration_hours: string }>;
		}>();
		expect(s1.pricing.map((p) => p.duration_hours)).toEqual(['12', '24', '168', '720']);
		expect((await rental(sb, { ...K, action: 'getRentalPricing', provider: 2 })).json()).toEqual({
			status: '400',
			message: 'country_code is required.',
		});
		expect(
			(await rental(sb, { ...K, action: 'getRentalPricing', country_code: 'ca' })).json(),
		).toEqual({ status: '400', message: 'provider is required.' });
	});

	it('shows live stock, with min_month on Server 2 only', async () => {
		expect(
			(await rental(sb, { ...K, action: 'getAvailableRentals', country_code: 'ca', provider: 2 }))
				.text,
		).toBe(
			'{"status":"200","country_code":"ca","provider":"2","available":[{"area_code":"ca","area_title":"Canada","unit_price":200,"available":3338,"min_month":1}]}',
		);
		await rentCa();
		const after = (
			await rental(sb, { ...K, action: 'getAvailableRentals', country_code: 'ca', provider: 2 })
		).json<{
			available: Array<{ available: number }>;
		}>();
		expect(after.available[0].available).toBe(3337);
		const s1 = (
			await rental(sb, { ...K, action: 'getAvailableRentals', country_code: 'us', provider: 1 })
		).json<{
			available: Array<Record<string, unknown>>;
		}>();
		expect(s1.available[0]).not.toHaveProperty('min_month');
	});
});

describe('rentNumber', () => {
	it('rents like the docs sample', async () => {
		const r = await rental(sb, {
			...K,
			action: 'rentNumber',
			country_code: 'ca',
			provider: 2,
			duration_hours: 720,
		});
		const body = r.json<Record<string, unknown>>();
		expect(body).toEqual({
			status: '200',
			message: 'Number rented successfully',
			phone: expect.stringMatching(/^343\d{7}$/),
			order_id: expect.stringMatching(/^\d{19}$/),
			server: 'Server 2',
			duration_hours: 720,
			price_paid: '840.00',
			new_balance: '4160.00',
			expires: '2026-04-09 21:55:55',
		});
		expect(sb.state.ledger(TEST_KEY)).toEqual([
			expect.objectContaining({
				kind: 'purchase',
				api: 'rental',
				amount: -840,
				orderId: body.order_id,
			}),
		]);
	});

	it('validates in the documented order with the documented messages', async () => {
		const base = { ...K, action: 'rentNumber', country_code: 'ca', provider: 2 };
		expect((await rental(sb, base)).json()).toEqual({
			status: '400',
			message: 'duration_hours is required.',
		});
		expect((await rental(sb, { ...base, duration_hours: 12 })).json()).toEqual({
			status: '400',
			message: 'Server 2 only supports monthly durations (720, 4320, 8640 hours).',
		});
		expect((await rental(sb, { ...base, provider: 1, duration_hours: 720 })).json()).toEqual({
			status: '404',
			message: 'No pricing found for country_code=ca provider=1 duration_hours=720',
		});
		expect(
			(await rental(sb, { ...base, country_code: 'nl', provider: 1, duration_hours: 12 })).json(),
		).toEqual({
			status: '404',
			message: 'No pricing found for country_code=nl provider=1 duration_hours=12',
		});
		expect((await rental(sb, { ...base, api_key: EMPTY_KEY, duration_hours: 720 })).json()).toEqual(
			{ status: '402', message: 'Insufficient balance.' },
		);
		expect(sb.state.ledger()).toEqual([]);
	});
});

describe('getMyRentals / getRentalSMS / renewRental', () => {
	it('lists rentals newest first and turns them expired with the clock', async () => {
		const a = await rentCa();
		const b = (
			await rental(sb, {
				...K,
				action: 'rentNumber',
				country_code: 'us',
				provider: 1,
				duration_hours: 12,
			})
		).json<Rented>();
		const list = (await rental(sb, { ...K, action: 'getMyRentals' })).json<{
			total: number;
			rentals: Array<Record<string, string>>;
		}>();
		expect(list.total).toBe(2);
		expect(list.rentals.map((r) => r.order_id)).toEqual([b.order_id, a.order_id]);
		expect(list.rentals[1]).toEqual({
			id: '27',
			server: 'Server 2',
			phone_number: a.phone,
			order_id: a.order_id,
			status: 'active',
			country_code: 'ca',
			country_name: 'Canada',
			duration_hours: '720',
			price_paid: '840.00',
			expiry_time: '2026-04-09 21:55:55',
		});
		sb.clock.advance(12 * HOUR);
		const later = (await rental(sb, { ...K, action: 'getMyRentals' })).json<{
			rentals: Array<Record<string, string>>;
		}>();
		expect(later.rentals.map((r) => r.status)).toEqual(['expired', 'active']);
		expect((await rental(sb, { api_key: OTHER_KEY, action: 'getMyRentals' })).json()).toEqual({
			status: '200',
			total: 0,
			rentals: [],
		});
	});

	it('delivers a first SMS after otpDelayMs, and added ones after that', async () => {
		const a = await rentCa();
		const q = { ...K, action: 'getRentalSMS', order_id: a.order_id };
		expect((await rental(sb, q)).json()).toEqual({
			status: '200',
			phone_number: a.phone,
			order_id: a.order_id,
			total: 0,
			messages: [],
		});
		sb.clock.advance(15_000);
		const one = (await rental(sb, q)).json<{
			total: number;
			messages: Array<Record<string, string>>;
		}>();
		expect(one.total).toBe(1);
		expect(one.messages[0]).toEqual({
			from: 'Server 2',
			text: expect.stringMatching(/^<#> Your WhatsApp Business code \d{3}-\d{3}$/),
			code: '',
			timestamp: '2026-03-10T21:56:10Z',
		});
		sb.clock.advance(60_000);
		sb.state.addRentalSms(a.order_id, 'Your Telegram code is 55231', '55231');
		const two = (await rental(sb, q)).json<{
			total: number;
			messages: Array<Record<string, string>>;
		}>();
		expect(two.messages[1]).toEqual({
			from: 'Server 2',
			text: 'Your Telegram code is 55231',
			code: '55231',
			timestamp: '2026-03-10T21:57:10Z',
		});
		expect(
			(
				await rental(sb, { api_key: OTHER_KEY, action: 'getRentalSMS', order_id: a.order_id })
			).json(),
		).toEqual({
			status: '404',
			message: 'Order not found or access denied.',
		});
	});

	it('renews from the current expiry, not from now', async () => {
		await rentCa();
		sb.clock.advance(10 * 24 * HOUR);
		const r = (
			await rental(sb, { ...K, action: 'renewRental', rental_id: 27, duration_hours: 720 })
		).json();
		expect(r).toEqual({
			status: '200',
			message: 'Renewed successfully',
			rental_id: 27,
			phone_number: expect.any(String),
			duration_hours: 720,
			price_paid: '840.00',
			new_balance: '3320.00',
			new_expiry: '2026-05-09 21:55:55',
		});
		expect(sb.state.ledger(TEST_KEY).map((e) => e.kind)).toEqual(['purchase', 'renewal']);
		expect(sb.state.getRental(27)?.expiresAt).toBe(Date.parse('2026-05-09T21:55:55Z'));
	});

	it('answers the documented renew errors', async () => {
		await rentCa();
		const q = { ...K, action: 'renewRental', rental_id: 27, duration_hours: 720 };
		expect((await rental(sb, { ...q, rental_id: 99 })).json()).toEqual({
			status: '404',
			message: 'Rental not found or does not belong to you.',
		});
		expect((await rental(sb, { ...q, api_key: OTHER_KEY })).json()).toEqual({
			status: '404',
			message: 'Rental not found or does not belong to you.',
		});
		expect((await rental(sb, { ...q, duration_hours: 12 })).json()).toEqual({
			status: '404',
			message: 'No pricing found for this duration.',
		});
		sb.state.setBalance(TEST_KEY, 839.99);
		expect((await rental(sb, q)).json()).toEqual({
			status: '402',
			message: 'Insufficient balance.',
		});
		expect(sb.state.getRental(27)?.expiresAt).toBe(Date.parse('2026-04-09T21:55:55Z'));
	});
});
