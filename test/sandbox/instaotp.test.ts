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
// InstaOTP's own base URL shape: https://instaotp.in/api/v1/handler_api.php
const insta = (params: Params) => call(sb, 'api/v1/handler_api.php', params);

beforeAll(async () => {
	sb = await startSandbox({ provider: 'instaotp', freezeClock: true });
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

async function buy(params: Params = {}): Promise<{ id: string; phone: string }> {
	const r = await insta({
		...K,
		action: 'getNumber',
		service: 'vk',
		country: 22,
		server: 1,
		...params,
	});
	const m = /^ACCESS_NUMBER:(\d+):(\+\d+)$/.exec(r.text);
	if (!m) throw new Error(`unexpected getNumber answer ${r.text}`);
	return { id: m[1], phone: m[2] };
}

describe('InstaOTP keys and balance', () => {
	it('answers ACCESS_BALANCE, NO_API_KEY without a key, BAD_KEY otherwise, BAD_ACTION', async () => {
		expect((await insta({ ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:5000.00');
		expect((await insta({ action: 'getBalance' })).text).toBe('NO_API_KEY');
		expect((await insta({ api_key: 'nope', action: 'getBalance' })).text).toBe('BAD_KEY');
		expect((await insta({ api_key: BLOCKED_KEY, action: 'getBalance' })).text).toBe('BAD_KEY');
		// InstaOTP's action is getService, not getServices.
		expect((await insta({ ...K, action: 'getServices' })).text).toBe('BAD_ACTION');
	});
});

describe('InstaOTP getService', () => {
	it('answers the documented shape, keyed by server, all values strings', async () => {
		const all = (await insta({ ...K, action: 'getService', country: 22 })).json<
			Record<string, Array<Record<string, string>>>
		>();
		expect(Object.keys(all)).toEqual(['1', '2', '3']);
		expect(all['1']).toContainEqual({
			id: 'vk',
			service: 'Вконтакте/VKConnect',
			price: '3.12',
			qty: '1052',
			country: '22',
			provider: '1',
		});
		expect(all['2'].find((s) => s.id === 'vk')?.price).toBe('3.62');
		const one = (await insta({ ...K, action: 'getService', server: 2, country: 22 })).json();
		expect(Object.keys(one)).toEqual(['2']);
	});

	it('answers NO_SERVICES when nothing matches (inactive server 10, server without stock, unknown country)', async () => {
		expect((await insta({ ...K, action: 'getService', server: 10 })).text).toBe('NO_SERVICES');
		expect((await insta({ ...K, action: 'getService', server: 5 })).text).toBe('NO_SERVICES');
		expect((await insta({ ...K, action: 'getService', country: 999 })).text).toBe('NO_SERVICES');
	});
});

describe('InstaOTP getNumber', () => {
	it('buys with service, country and server; phone with "+"; price depends on the server', async () => {
		const { id, phone } = await buy();
		expect(phone).toMatch(/^\+919\d{9}$/);
		expect(sb.state.getActivation(id)).toMatchObject({ price: 3.12, server: '1', service: 'vk' });
		await buy({ server: 3 });
		expect(sb.state.balance(TEST_KEY)).toBeCloseTo(5000 - 3.12 - 4.12, 2);
	});

	it('answers BAD_PARAMS, BAD_SERVICE, NO_SERVICES, NO_NUMBERS and NO_BALANCE without charging', async () => {
		const base = { ...K, action: 'getNumber', service: 'vk', country: 22, server: 1 };
		expect((await insta({ ...base, server: '' })).text).toBe('BAD_PARAMS');
		expect((await insta({ ...K, action: 'getNumber', service: 'vk', country: 22 })).text).toBe(
			'BAD_PARAMS',
		);
		expect((await insta({ ...base, service: 'xx' })).text).toBe('BAD_SERVICE');
		expect((await insta({ ...base, server: 10 })).text).toBe('NO_SERVICES');
		expect((await insta({ ...base, server: 42 })).text).toBe('NO_SERVICES');
		expect((await insta({ ...base, service: 'wa', country: 187 })).text).toBe('NO_SERVICES');
		expect((await insta({ ...base, service: 'soldout' })).text).toBe('NO_NUMBERS');
		expect((await insta({ ...base, api_key: EMPTY_KEY })).text).toBe('NO_BALANCE');
		expect(sb.state.ledger()).toEqual([]);
	});
});

describe('InstaOTP setStatus', () => {
	it('accepts the words cancel / finish and answers ACCESS_CANCEL / ACCESS_ACTIVATION', async () => {
		const a = await buy({ service: 'nosms' });
		expect((await insta({ ...K, action: 'setStatus', id: a.id, status: 'cancel' })).text).toBe(
			'EARLY_CANCEL_DENIED',
		);
		sb.clock.advance(120_000);
		expect((await insta({ ...K, action: 'setStatus', id: a.id, status: 'cancel' })).text).toBe(
			'ACCESS_CANCEL',
		);
		expect((await insta({ ...K, action: 'setStatus', id: a.id, status: 'cancel' })).text).toBe(
			'ALREADY_CANCEL',
		);
		expect((await insta({ ...K, action: 'getStatus', id: a.id })).text).toBe('STATUS_CANCEL');

		const b = await buy();
		sb.state.deliverSms(b.id, '054321');
		expect((await insta({ ...K, action: 'getStatus', id: b.id })).text).toBe('STATUS_OK:054321');
		expect((await insta({ ...K, action: 'setStatus', id: b.id, status: 'finish' })).text).toBe(
			'ACCESS_ACTIVATION',
		);
		expect((await insta({ ...K, action: 'setStatus', id: b.id, status: 'finish' })).text).toBe(
			'BAD_STATUS',
		);
		expect(sb.state.balance(TEST_KEY)).toBeCloseTo(5000 - 3.12, 2);
	});

	it('accepts the numeric forms 8, 6, 1 and 3 (another SMS)', async () => {
		const a = await buy({ service: 'nosms' });
		sb.clock.advance(120_000);
		expect((await insta({ ...K, action: 'setStatus', id: a.id, status: 1 })).text).toBe(
			'ACCESS_READY',
		);
		expect((await insta({ ...K, action: 'setStatus', id: a.id, status: 8 })).text).toBe(
			'ACCESS_CANCEL',
		);
		const b = await buy();
		sb.state.deliverSms(b.id, '111111');
		expect((await insta({ ...K, action: 'setStatus', id: b.id, status: 3 })).text).toBe(
			'ACCESS_RETRY_GET',
		);
		expect((await insta({ ...K, action: 'getStatus', id: b.id })).text).toBe(
			'STATUS_WAIT_RETRY:111111',
		);
		sb.state.deliverSms(b.id, '222222');
		expect((await insta({ ...K, action: 'getStatus', id: b.id })).text).toBe('STATUS_OK:222222');
		expect((await insta({ ...K, action: 'setStatus', id: b.id, status: 6 })).text).toBe(
			'ACCESS_ACTIVATION',
		);
	});

	it('answers BAD_PARAMS, INVALID_STATUS for an unknown word, BAD_STATUS for an unknown number, NO_ACTIVATION', async () => {
		const { id } = await buy();
		expect((await insta({ ...K, action: 'setStatus', id })).text).toBe('BAD_PARAMS');
		expect((await insta({ ...K, action: 'setStatus', status: 'cancel' })).text).toBe('BAD_PARAMS');
		expect((await insta({ ...K, action: 'setStatus', id, status: 'done' })).text).toBe(
			'INVALID_STATUS',
		);
		expect((await insta({ ...K, action: 'setStatus', id, status: 7 })).text).toBe('BAD_STATUS');
		expect((await insta({ ...K, action: 'setStatus', id, status: 'finish' })).text).toBe(
			'BAD_STATUS',
		);
		expect(
			(await insta({ api_key: OTHER_KEY, action: 'setStatus', id, status: 'cancel' })).text,
		).toBe('NO_ACTIVATION');
		expect((await insta({ ...K, action: 'getStatus', id: '1' })).text).toBe('NO_ACTIVATION');
	});

	it('reaches every documented error string through failNext', async () => {
		for (const body of dialects.DOCUMENTED_ERRORS.instaotp) {
			sb.state.failNext('sms', 'setStatus', { body });
			expect((await insta({ ...K, action: 'setStatus', id: '1', status: 'cancel' })).text).toBe(
				body,
			);
		}
	});
});
