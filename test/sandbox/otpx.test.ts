import {
	BLOCKED_KEY,
	EMPTY_KEY,
	OTHER_KEY,
	TEST_KEY,
	dialects,
	startSandbox,
	type Sandbox,
} from '../../sandbox/server';
import { call, type Params } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };
// OTPX's own base URL shape: https://otpx.in/api/stubs/handler_api.php
const otpx = (params: Params) => call(sb, 'api/stubs/handler_api.php', params);

beforeAll(async () => {
	sb = await startSandbox({
		provider: 'otpx',
		freezeClock: true,
		startTime: Date.UTC(2026, 2, 9, 12),
	});
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

async function buy(params: Params = {}): Promise<{ id: string; phone: string }> {
	const r = await otpx({
		...K,
		action: 'getNumber',
		service: 'wa',
		country: 22,
		operator: 'any',
		...params,
	});
	const m = /^ACCESS_NUMBER:(\d+):(\d+)$/.exec(r.text);
	if (!m) throw new Error(`unexpected getNumber answer ${r.text}`);
	return { id: m[1], phone: m[2] };
}

describe('OTPX keys, balance and actions', () => {
	it('answers the balance in INR in plain text, BAD_KEY, ACCOUNT_BAN and BAD_ACTION', async () => {
		expect(await otpx({ ...K, action: 'getBalance' })).toMatchObject({
			status: 200,
			text: 'ACCESS_BALANCE:5000.00',
		});
		expect((await otpx({ api_key: EMPTY_KEY, action: 'getBalance' })).text).toBe(
			'ACCESS_BALANCE:0.00',
		);
		expect((await otpx({ api_key: 'nope', action: 'getBalance' })).text).toBe('BAD_KEY');
		expect((await otpx({ action: 'getBalance' })).text).toBe('BAD_KEY');
		expect((await otpx({ api_key: BLOCKED_KEY, action: 'getBalance' })).text).toBe('ACCOUNT_BAN');
		expect((await otpx({ ...K, action: 'getService' })).text).toBe('BAD_ACTION');
	});

	it('lists countries, prices and operators the SMS-Activate way (its docs show none)', async () => {
		const countries = (await otpx({ ...K, action: 'getCountries' })).json<
			Record<string, { id: number; eng: string }>
		>();
		expect(countries['22']).toMatchObject({ id: 22, eng: 'India' });
		const prices = (await otpx({ ...K, action: 'getPrices', country: 22 })).json<
			Record<string, Record<string, { cost: number; count: number }>>
		>();
		expect(Object.keys(prices)).toEqual(['22']);
		expect(prices['22'].wa).toEqual({ cost: 22, count: 1200 });
		const ops = (await otpx({ ...K, action: 'getOperators', country: 22 })).json<{
			countryOperators: Record<string, string[]>;
		}>();
		expect(ops.countryOperators['22']).toEqual(['any', 'airtel', 'jio', 'vi']);
	});
});

describe('OTPX getNumber', () => {
	it('buys with string service codes and operator, answers ACCESS_NUMBER:id:phone without "+", charges INR', async () => {
		const { id, phone } = await buy();
		expect(phone).toMatch(/^919\d{9}$/);
		expect(sb.state.balance(TEST_KEY)).toBe(4978);
		expect(sb.state.getActivation(id)).toMatchObject({
			status: 'waiting',
			service: 'wa',
			country: '22',
			price: 22,
		});
		expect(sb.state.activations.get(id)?.operator).toBe('any');
		await buy({ operator: 'jio' });
		// Operator omitted = any.
		await buy({ operator: '' });
		expect(sb.state.balance(TEST_KEY)).toBe(5000 - 3 * 22);
	});

	it('answers BAD_SERVICE, BAD_COUNTRY, NO_NUMBERS (sold out, not offered, unknown operator) and NO_BALANCE without charging', async () => {
		const base = { ...K, action: 'getNumber', service: 'wa', country: 22, operator: 'any' };
		expect((await otpx({ ...base, service: 'xx' })).text).toBe('BAD_SERVICE');
		expect((await otpx({ ...base, service: '' })).text).toBe('BAD_SERVICE');
		expect((await otpx({ ...base, country: 999 })).text).toBe('BAD_COUNTRY');
		expect((await otpx({ ...base, service: 'soldout' })).text).toBe('NO_NUMBERS');
		expect((await otpx({ ...base, country: 187 })).text).toBe('NO_NUMBERS');
		expect((await otpx({ ...base, operator: 'ee' })).text).toBe('NO_NUMBERS');
		expect((await otpx({ ...base, api_key: EMPTY_KEY })).text).toBe('NO_BALANCE');
		expect(sb.state.ledger()).toEqual([]);
	});
});

describe('OTPX status', () => {
	it('waits, then STATUS_OK; 3 asks for another SMS: STATUS_WAIT_RETRY:<old> then STATUS_OK:<new>', async () => {
		const { id } = await buy();
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		sb.clock.advance(15_000);
		const first = sb.state.getActivation(id)?.code;
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${first}`);
		expect((await otpx({ ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'ACCESS_RETRY_GET',
		);
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe(`STATUS_WAIT_RETRY:${first}`);
		sb.clock.advance(15_000);
		const second = sb.state.activations.get(id)?.retries?.[0].code;
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${second}`);
		expect((await otpx({ ...K, action: 'setStatus', id, status: 6 })).text).toBe(
			'ACCESS_ACTIVATION',
		);
		expect((await otpx({ ...K, action: 'setStatus', id, status: 8 })).text).toBe('BAD_STATUS');
		expect(sb.state.balance(TEST_KEY)).toBe(4978);
	});

	it('refuses cancel for 2 minutes (SMS-Activate rule), then 8 -> ACCESS_CANCEL, refund once, STATUS_CANCEL', async () => {
		const { id } = await buy({ service: 'nosms' });
		expect((await otpx({ ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'EARLY_CANCEL_DENIED',
		);
		sb.clock.advance(120_000);
		expect((await otpx({ ...K, action: 'setStatus', id, status: 8 })).text).toBe('ACCESS_CANCEL');
		expect((await otpx({ ...K, action: 'setStatus', id, status: 8 })).text).toBe('BAD_STATUS');
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect(sb.state.ledger(TEST_KEY).map((e) => [e.kind, e.amount])).toEqual([
			['purchase', -5],
			['refund', 5],
		]);
	});

	it('answers NO_ACTIVATION for unknown, missing or foreign ids, BAD_STATUS for unknown values and completing without a code', async () => {
		const { id } = await buy();
		expect((await otpx({ ...K, action: 'getStatus', id: 'zzz' })).text).toBe('NO_ACTIVATION');
		expect((await otpx({ ...K, action: 'getStatus' })).text).toBe('NO_ACTIVATION');
		expect((await otpx({ api_key: OTHER_KEY, action: 'getStatus', id })).text).toBe(
			'NO_ACTIVATION',
		);
		expect((await otpx({ ...K, action: 'setStatus', id, status: 5 })).text).toBe('BAD_STATUS');
		expect((await otpx({ ...K, action: 'setStatus', id, status: 6 })).text).toBe('BAD_STATUS');
		expect((await otpx({ ...K, action: 'setStatus', id, status: 3 })).text).toBe('BAD_STATUS');
		expect((await otpx({ ...K, action: 'setStatus', id, status: 1 })).text).toBe('ACCESS_READY');
	});

	it('cancels and refunds an order by itself after 20 minutes without a code', async () => {
		const { id } = await buy({ service: 'nosms' });
		sb.clock.advance(20 * 60_000);
		expect((await otpx({ ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
	});

	it('reaches every documented error string through failNext', async () => {
		for (const body of dialects.DOCUMENTED_ERRORS.otpx) {
			sb.state.failNext('sms', 'getNumber', { body });
			expect((await otpx({ ...K, action: 'getNumber', service: 'wa', country: 22 })).text).toBe(
				body,
			);
		}
		expect(sb.state.ledger()).toEqual([]);
	});

	it('serves handler_api.php at /, /stubs, /api/stubs and /api/v1 only', async () => {
		for (const dir of ['', 'stubs/', 'api/stubs/', 'api/v1/'])
			expect((await call(sb, `${dir}handler_api.php`, { ...K, action: 'getBalance' })).text).toBe(
				'ACCESS_BALANCE:5000.00',
			);
		expect((await call(sb, 'nowhere/handler_api.php', { ...K, action: 'getBalance' })).status).toBe(
			404,
		);
	});

	it('has no cheap, rental or email API', async () => {
		expect((await call(sb, 'cheap_handler.php', { ...K, action: 'getBalance' })).status).toBe(404);
		expect((await call(sb, 'rental-handler.php', { ...K, action: 'getMyRentals' })).status).toBe(
			404,
		);
	});
});
