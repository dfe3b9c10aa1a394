import {
	BLOCKED_KEY,
	EMPTY_KEY,
	INACTIVE_KEY,
	OTHER_KEY,
	TEST_KEY,
	dialects,
	startSandbox,
	type Sandbox,
} from '../../sandbox/server';
import { call, control, type Params } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };
const sasta = (params: Params, headers: Record<string, string> = {}) =>
	call(sb, 'stubs/handler_api.php', params, headers);

beforeAll(async () => {
	sb = await startSandbox({
		provider: 'sastaotp',
		freezeClock: true,
		startTime: Date.UTC(2026, 2, 9, 12),
	});
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

interface NumberJson {
	status: string;
	order_id: number;
	activation_id: string;
	number: string;
	price: number;
	multi_sms: boolean;
	[k: string]: unknown;
}

async function buyJson(params: Params = {}): Promise<NumberJson> {
	return (
		await sasta({
			...K,
			action: 'getNumber',
			service: 'tg',
			country: 91,
			format: 'json',
			...params,
		})
	).json<NumberJson>();
}

describe('SastaOTP keys', () => {
	it('takes the key in the query, as Authorization: Bearer, or as X-API-Key, and never logs a header key', async () => {
		expect((await sasta({ ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:5000.00');
		expect(
			(await sasta({ action: 'getBalance' }, { Authorization: `Bearer ${TEST_KEY}` })).text,
		).toBe('ACCESS_BALANCE:5000.00');
		expect((await sasta({ action: 'getBalance' }, { 'X-API-Key': EMPTY_KEY })).text).toBe(
			'ACCESS_BALANCE:0.00',
		);
		// The query wins over a header.
		expect(
			(await sasta({ api_key: EMPTY_KEY, action: 'getBalance' }, { 'X-API-Key': TEST_KEY })).text,
		).toBe('ACCESS_BALANCE:0.00');
		expect((await sasta({ action: 'getBalance' }, { Authorization: 'Bearer nope' })).text).toBe(
			'BAD_KEY',
		);
		expect((await sasta({ action: 'getBalance' })).text).toBe('BAD_KEY');
		const log =
			JSON.stringify(await control(sb, 'request-log')) +
			JSON.stringify(await control(sb, 'requests'));
		expect(log).not.toContain(TEST_KEY);
		expect(log).not.toContain(EMPTY_KEY);
	});

	it('answers KEY_INACTIVE and ACCOUNT_BANNED, as JSON with format=json', async () => {
		expect((await sasta({ api_key: INACTIVE_KEY, action: 'getBalance' })).text).toBe(
			'KEY_INACTIVE',
		);
		expect((await sasta({ api_key: BLOCKED_KEY, action: 'getBalance' })).text).toBe(
			'ACCOUNT_BANNED',
		);
		expect(
			(await sasta({ api_key: 'x', action: 'getBalance', format: 'json' })).json(),
		).toMatchObject({ status: 'ERROR', error: 'BAD_KEY' });
	});

	it('answers the balance in JSON with INR and two decimals', async () => {
		const r = await sasta({ ...K, action: 'getBalance', format: 'json' });
		expect(r.text).toBe('{"status":"OK","balance":5000.00,"currency":"INR"}');
	});
});

describe('SastaOTP catalog', () => {
	it('getServicesList (and its alias getServices) answers the documented shape, optionally one service', async () => {
		const r = (await sasta({ ...K, action: 'getServicesList' })).json<{
			status: string;
			total: number;
			services: Record<string, Record<string, unknown>>;
		}>();
		expect(r.status).toBe('OK');
		expect(r.total).toBe(Object.keys(r.services).length);
		expect(r.services.tg).toMatchObject({
			code: 'tg',
			name: 'Telegram',
			price: 18.5,
			currency: 'INR',
			multi_sms: false,
			expires_in: 1200,
		});
		expect(r.services.go.multi_sms).toBe(true);
		expect(r.services.tg.countries).toContainEqual({
			country_code: '91',
			country_name: 'India',
			flag: '🇮🇳',
			price: 18.5,
			qty: 8420,
		});
		const one = (await sasta({ ...K, action: 'getServices', service: 'wa' })).json<{
			services: Record<string, { countries: Array<{ country_code: string }> }>;
		}>();
		expect(Object.keys(one.services)).toEqual(['wa']);
		expect(one.services.wa.countries.map((c) => c.country_code)).not.toContain('1');
	});

	it('getCountries answers {"status":"OK","countries":[{id,eng,code}],"total"}', async () => {
		const r = (await sasta({ ...K, action: 'getCountries' })).json<{
			status: string;
			countries: unknown[];
			total: number;
		}>();
		expect(r.status).toBe('OK');
		expect(r.countries).toContainEqual({ id: 91, eng: 'India', code: '91' });
		expect(r.total).toBe(r.countries.length);
	});
});

describe('SastaOTP getNumber', () => {
	it('plain text by default: ACCESS_NUMBER:activation_id:phone', async () => {
		const r = await sasta({ ...K, action: 'getNumber', service: 'tg', country: 91 });
		expect(r.text).toMatch(/^ACCESS_NUMBER:\d+:919\d{9}$/);
		expect(sb.state.balance(TEST_KEY)).toBe(4981.5);
	});

	it('format=json and getNumberV2 answer the unified JSON', async () => {
		const j = await buyJson();
		expect(j).toEqual({
			status: 'OK',
			order_id: 1234,
			activation_id: expect.stringMatching(/^\d+$/),
			number: expect.stringMatching(/^919\d{9}$/),
			phone_number: j.number,
			service: 'Telegram',
			service_code: 'tg',
			country: 'India',
			country_code: '91',
			price: 18.5,
			multi_sms: false,
			can_get_another_sms: false,
			expires_in: 1200,
			note: null,
		});
		const v2 = (await sasta({ ...K, action: 'getNumberV2', service: 'go' })).json<NumberJson>();
		expect(v2).toMatchObject({
			status: 'OK',
			order_id: 1235,
			country_code: '91',
			price: 9.5,
			multi_sms: true,
		});
	});

	it('picks a country from operator, or the cheapest one when neither is given', async () => {
		expect((await buyJson({ country: '', operator: 44 })).country_code).toBe('44');
		expect((await buyJson({ country: '' })).country_code).toBe('91');
	});

	it('answers MISSING_PARAMS, SERVICE_UNAVAILABLE, MAX_PRICE_EXCEEDED, NO_NUMBERS, NO_BALANCE without charging', async () => {
		const base = { ...K, action: 'getNumber', service: 'tg', country: 91 };
		expect((await sasta({ ...K, action: 'getNumber' })).text).toBe('MISSING_PARAMS');
		expect((await sasta({ ...base, service: 'xx' })).text).toBe('SERVICE_UNAVAILABLE');
		expect((await sasta({ ...base, country: 999 })).text).toBe('SERVICE_UNAVAILABLE');
		expect((await sasta({ ...base, service: 'wa', country: 1 })).text).toBe('SERVICE_UNAVAILABLE');
		expect((await sasta({ ...base, maxPrice: 18.49 })).text).toBe('MAX_PRICE_EXCEEDED');
		expect((await sasta({ ...base, maxPrice: 'cheap' })).text).toBe('MAX_PRICE_EXCEEDED');
		expect((await sasta({ ...base, service: 'soldout' })).text).toBe('NO_NUMBERS');
		expect((await sasta({ ...base, api_key: EMPTY_KEY, format: 'json' })).json()).toMatchObject({
			status: 'ERROR',
			error: 'NO_BALANCE',
		});
		expect(sb.state.ledger()).toEqual([]);
		expect((await sasta({ ...base, maxPrice: 18.5 })).text).toMatch(/^ACCESS_NUMBER:/);
	});
});

describe('SastaOTP status', () => {
	it('getStatus and getStatusV2 while waiting and after the code', async () => {
		const { activation_id: id } = await buyJson();
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		expect((await sasta({ ...K, action: 'getStatusV2', id })).json()).toEqual({
			verificationType: 2,
			sms: null,
		});
		sb.state.deliverSms(id, '012345');
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe('STATUS_OK:012345');
		expect((await sasta({ ...K, action: 'getStatusV2', id })).json()).toEqual({
			verificationType: 2,
			sms: { code: '012345', text: '012345' },
		});
		expect((await sasta({ ...K, action: 'getStatus', id, format: 'json' })).json()).toEqual({
			status: 'OK',
			activation_id: id,
			state: 'STATUS_OK',
			code: '012345',
		});
		expect((await sasta({ ...K, action: 'getStatus', id: 'nope' })).text).toBe('NO_ACTIVATION');
		expect((await sasta({ api_key: OTHER_KEY, action: 'getStatusV2', id })).text).toBe(
			'NO_ACTIVATION',
		);
	});

	it('cancels with -1 or 8 at once (no early-cancel rule documented): ACCESS_CANCEL, refund, then ALREADY_FINISHED', async () => {
		const a = await buyJson();
		expect((await sasta({ ...K, action: 'setStatus', id: a.activation_id, status: -1 })).text).toBe(
			'ACCESS_CANCEL',
		);
		const b = await buyJson();
		expect(
			(
				await sasta({ ...K, action: 'setStatus', id: b.activation_id, status: 8, format: 'json' })
			).json(),
		).toEqual({
			status: 'OK',
			activation_id: b.activation_id,
			result: 'ACCESS_CANCEL',
		});
		expect((await sasta({ ...K, action: 'setStatus', id: b.activation_id, status: 8 })).text).toBe(
			'ALREADY_FINISHED',
		);
		expect((await sasta({ ...K, action: 'getStatus', id: b.activation_id })).text).toBe(
			'STATUS_CANCEL',
		);
		expect((await sasta({ ...K, action: 'getStatusV2', id: b.activation_id })).text).toBe(
			'STATUS_CANCEL',
		);
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
	});

	it('1 -> ACCESS_READY, 6 -> ACCESS_ACTIVATION after the code (BAD_STATUS before), cancel after the code -> CANCEL_FAILED', async () => {
		const { activation_id: id } = await buyJson();
		expect((await sasta({ ...K, action: 'setStatus', id, status: 1 })).text).toBe('ACCESS_READY');
		expect((await sasta({ ...K, action: 'setStatus', id, status: 6 })).text).toBe('BAD_STATUS');
		sb.clock.advance(15_000);
		expect((await sasta({ ...K, action: 'setStatus', id, status: 8 })).text).toBe('CANCEL_FAILED');
		expect((await sasta({ ...K, action: 'setStatus', id, status: 6 })).text).toBe(
			'ACCESS_ACTIVATION',
		);
		expect((await sasta({ ...K, action: 'setStatus', id, status: 6 })).text).toBe(
			'ALREADY_FINISHED',
		);
		// An invalid value is BAD_STATUS even on a finished order.
		expect((await sasta({ ...K, action: 'setStatus', id, status: 5 })).text).toBe('BAD_STATUS');
		expect(sb.state.balance(TEST_KEY)).toBe(4981.5);
	});

	it('3 on a multi_sms service: ACCESS_RETRY_GET, STATUS_WAIT_RETRY:<old>, then STATUS_OK:<new>; RETRY_FAILED otherwise', async () => {
		const single = await buyJson();
		sb.state.deliverSms(single.activation_id);
		expect(
			(await sasta({ ...K, action: 'setStatus', id: single.activation_id, status: 3 })).text,
		).toBe('RETRY_FAILED');

		const multi = await buyJson({ service: 'go' });
		const id = multi.activation_id;
		expect((await sasta({ ...K, action: 'setStatus', id, status: 3 })).text).toBe('RETRY_FAILED');
		sb.state.deliverSms(id, '111111');
		expect((await sasta({ ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'ACCESS_RETRY_GET',
		);
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_RETRY:111111');
		expect((await sasta({ ...K, action: 'getStatusV2', id })).json()).toEqual({
			verificationType: 2,
			sms: null,
		});
		sb.clock.advance(15_000);
		const second = sb.state.activations.get(id)?.retries?.[0].code ?? '';
		expect(second).toMatch(/^\d{6}$/);
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${second}`);
		expect((await sasta({ ...K, action: 'getStatusV2', id })).json()).toEqual({
			verificationType: 2,
			sms: { code: second, text: second },
		});
	});

	it('answers MISSING_PARAMS, BAD_STATUS and NO_ACTIVATION on setStatus', async () => {
		const { activation_id: id } = await buyJson();
		expect((await sasta({ ...K, action: 'setStatus', id })).text).toBe('MISSING_PARAMS');
		expect((await sasta({ ...K, action: 'setStatus', status: 8 })).text).toBe('MISSING_PARAMS');
		expect((await sasta({ ...K, action: 'setStatus', id, status: 7 })).text).toBe('BAD_STATUS');
		expect((await sasta({ ...K, action: 'setStatus', id, status: 'cancel' })).text).toBe(
			'BAD_STATUS',
		);
		expect((await sasta({ ...K, action: 'setStatus', id: 'x', status: 8 })).text).toBe(
			'NO_ACTIVATION',
		);
	});

	it('expires after expires_in without a code: STATUS_CANCEL and a refund', async () => {
		const { activation_id: id } = await buyJson({ service: 'nosms' });
		sb.clock.advance(1_199_000);
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		sb.clock.advance(1_000);
		expect((await sasta({ ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
	});
});

describe('SastaOTP getOrders and regetNumber', () => {
	it('lists my orders newest first with status filters, limit (max 100) and page', async () => {
		const a = await buyJson(); // pending
		const b = await buyJson(); // cancelled
		await sasta({ ...K, action: 'setStatus', id: b.activation_id, status: 8 });
		const c = await buyJson(); // completed
		sb.state.deliverSms(c.activation_id, '999999');
		await sasta({ ...K, action: 'setStatus', id: c.activation_id, status: 6 });
		const d = await buyJson({ service: 'nosms' }); // expires
		sb.clock.advance(20 * 60_000);
		await sasta({ api_key: OTHER_KEY, action: 'getNumber', service: 'tg' });

		type Orders = {
			status: string;
			total: number;
			page: number;
			limit: number;
			orders: Array<{
				activation_id: string;
				status: string;
				code: string | null;
				order_id: number;
			}>;
		};
		const all = (await sasta({ ...K, action: 'getOrders' })).json<Orders>();
		expect(all).toMatchObject({ status: 'OK', total: 4, page: 1, limit: 20 });
		// a got its code at 15 s and its 20 minutes are over: completed.
		expect(all.orders.map((o) => [o.activation_id, o.status])).toEqual([
			[d.activation_id, 'expired'],
			[c.activation_id, 'completed'],
			[b.activation_id, 'cancelled'],
			[a.activation_id, 'completed'],
		]);
		expect(all.orders[1]).toMatchObject({ code: '999999', order_id: c.order_id });
		const cancelled = (
			await sasta({ ...K, action: 'getOrders', status: 'cancelled' })
		).json<Orders>();
		expect(cancelled.orders.map((o) => o.activation_id)).toEqual([b.activation_id]);
		const page2 = (await sasta({ ...K, action: 'getOrders', limit: 3, page: 2 })).json<Orders>();
		expect(page2.orders.map((o) => o.activation_id)).toEqual([a.activation_id]);
		expect((await sasta({ ...K, action: 'getOrders', limit: 500 })).json<Orders>().limit).toBe(100);
		expect(
			(await sasta({ ...K, action: 'getOrders', status: 'pending' })).json<Orders>().total,
		).toBe(0);
	});

	it('regets a completed multi_sms number at the same price on the same phone', async () => {
		const first = await buyJson({ service: 'go' });
		expect((await sasta({ ...K, action: 'regetNumber', id: first.activation_id })).text).toBe(
			'RETRY_FAILED',
		);
		sb.state.deliverSms(first.activation_id);
		await sasta({ ...K, action: 'setStatus', id: first.activation_id, status: 6 });
		const plain = await sasta({ ...K, action: 'regetNumber', id: first.activation_id });
		const m = /^REGET_NUMBER_OK:([A-Za-z0-9]+):(\d+)$/.exec(plain.text);
		expect(m?.[2]).toBe(first.number);
		expect((await sasta({ ...K, action: 'getStatus', id: m?.[1] ?? '' })).text).toBe(
			'STATUS_WAIT_CODE',
		);
		const json = (
			await sasta({ ...K, action: 'regetNumber', id: first.activation_id, format: 'json' })
		).json();
		expect(json).toMatchObject({
			status: 'OK',
			number: first.number,
			price: 9.5,
			currency: 'INR',
			expires_in: 1200,
		});
		expect(sb.state.balance(TEST_KEY)).toBe(5000 - 3 * 9.5);
		expect((await sasta({ ...K, action: 'regetNumber' })).text).toBe('MISSING_PARAMS');
	});

	it('reaches every documented error string through failNext, and rejects unknown actions', async () => {
		for (const body of dialects.DOCUMENTED_ERRORS.sastaotp) {
			sb.state.failNext('sms', '*', { body });
			expect((await sasta({ ...K, action: 'getNumber', service: 'tg' })).text).toBe(body);
		}
		expect(sb.state.ledger()).toEqual([]);
		expect((await sasta({ ...K, action: 'getService' })).text).toBe('BAD_ACTION');
	});
});
