import { EMPTY_KEY, TEST_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { call, cheap, email, rental, sms } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.state.reset();
	Object.assign(sb.options, { jsonErrors: false, httpErrorStatus: false, otpDelayMs: 15_000 });
});

async function control<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<T> {
	const res = await fetch(`${sb.url}/__sandbox/${path}`, init);
	return (await res.json()) as T;
}

describe('failNext', () => {
	it('answers the scripted body and status once, byte for byte, then behaves normally', async () => {
		sb.state.failNext('sms', 'getNumber', { body: '\ufeffACCESS_NUMBER:abc:923001234567\r\n' });
		sb.state.failNext('sms', 'getNumber', {
			status: 500,
			body: '<html>Internal Server Error</html>',
		});
		const buy = { ...K, action: 'getNumber', service: 101, country: 61, type: 1 };
		const first = await fetch(
			`${sb.url}/handler_api.php?api_key=${TEST_KEY}&action=getNumber&service=101&country=61&type=1`,
		);
		const bytes = Buffer.from(await first.arrayBuffer());
		expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(bytes.subarray(-2).toString()).toBe('\r\n');
		expect(await sms(sb, buy)).toMatchObject({
			status: 500,
			text: '<html>Internal Server Error</html>',
		});
		expect((await sms(sb, buy)).text).toMatch(/^ACCESS_NUMBER:/);
		// Scripted answers do not touch the wallet.
		expect(sb.state.ledger(TEST_KEY)).toHaveLength(1);
	});

	it('reaches every documented error string, per API, and * matches any action', async () => {
		for (const body of [
			'ERROR_PROVIDER_2:timeout',
			'NO_BALANCE_FOR_NEW_PRICE:55.00',
			'ERROR_SQL',
			'BANNED:2026-12-01',
			'STATUS_WAIT_RETRY:1234',
		]) {
			sb.state.failNext('sms', 'getStatus', { body });
			expect((await sms(sb, { ...K, action: 'getStatus', id: 'x' })).text).toBe(body);
		}
		sb.state.failNext('cheap', '*', { body: 'ERROR_PRICE_CHANGE' });
		expect((await cheap(sb, { ...K, action: 'buyNumber', server: 1, type: 1 })).text).toBe(
			'ERROR_PRICE_CHANGE',
		);
		sb.state.failNext('rental', 'rentNumber', {
			body: '{"status":"503","message":"Server 2 is currently unavailable/disabled."}',
		});
		expect((await rental(sb, { ...K, action: 'rentNumber' })).json()).toEqual({
			status: '503',
			message: 'Server 2 is currently unavailable/disabled.',
		});
		// Other actions of the same API are not affected.
		sb.state.failNext('email', 'buyEmail', { status: 502, body: 'Bad Gateway' });
		expect((await email(sb, { ...K, action: 'getBalance' })).json()).toEqual({
			status: '200',
			balance: '5000.00',
		});
		expect(await email(sb, { ...K, action: 'buyEmail', service_id: 'ig' })).toMatchObject({
			status: 502,
			text: 'Bad Gateway',
		});
	});
});

describe('error formats', () => {
	it('jsonErrors answers handler_api.php errors as JSON, httpErrorStatus mirrors them in HTTP', async () => {
		sb.options.jsonErrors = true;
		expect(await sms(sb, { api_key: 'x', action: 'getBalance' })).toMatchObject({
			status: 200,
			text: '{"status":"401","message":"BAD_KEY"}',
		});
		expect((await sms(sb, { ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:5000.00');
		sb.options.jsonErrors = false;
		sb.options.httpErrorStatus = true;
		expect(await sms(sb, { api_key: 'x', action: 'getBalance' })).toMatchObject({
			status: 401,
			text: 'BAD_KEY',
		});
		expect(await sms(sb, { ...K, action: 'getStatus', id: 'zzz' })).toMatchObject({
			status: 404,
			text: 'NO_ACTIVATION',
		});
		expect(
			await cheap(sb, { api_key: EMPTY_KEY, action: 'buyNumber', server: 1, type: 1 }),
		).toMatchObject({ status: 402, text: 'NO_BALANCE' });
		expect(await sms(sb, { ...K, action: 'getCountries', type: 9 })).toMatchObject({
			status: 400,
			text: 'BAD_TYPE',
		});
		const id = (
			await sms(sb, { ...K, action: 'getNumber', service: 198, country: 61, type: 1 })
		).text.split(':')[1];
		expect(await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).toMatchObject({
			status: 403,
			text: 'EARLY_CANCEL_DENIED',
		});
		expect(await sms(sb, { ...K, action: 'getStatus', id })).toMatchObject({
			status: 200,
			text: 'STATUS_WAIT_CODE',
		});
	});
});

describe('routing and recording', () => {
	it('serves /stubs/ paths and POST forms too; unknown paths are 404', async () => {
		expect((await call(sb, 'stubs/handler_api.php', { ...K, action: 'getBalance' })).text).toBe(
			'ACCESS_BALANCE:5000.00',
		);
		const posted = await fetch(`${sb.url}/handler_api.php`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `api_key=${TEST_KEY}&action=getBalance`,
		});
		expect(await posted.text()).toBe('ACCESS_BALANCE:5000.00');
		expect((await call(sb, 'nothing.php')).status).toBe(404);
	});

	it('records every API call with its exact parameters', async () => {
		await sms(sb, { ...K, action: 'getServices', country: 61, type: 1 });
		await email(sb, { ...K, action: 'getEmailServices' });
		await control('state');
		expect(sb.requests).toHaveLength(2);
		expect(sb.requests[0]).toMatchObject({
			method: 'GET',
			path: '/handler_api.php',
			api: 'sms',
			action: 'getServices',
			query: { api_key: TEST_KEY, action: 'getServices', country: '61', type: '1' },
		});
		expect(sb.requests[1]).toMatchObject({ api: 'email', action: 'getEmailServices' });
		const logged = await control<{
			count: number;
			requests: Array<{ query: Record<string, string> }>;
		}>('requests');
		expect(logged.count).toBe(2);
		expect(logged.requests[0].query.api_key).toBe('***');
		expect(sb.peakRequestsPerSecond()).toBe(2);
	});
});

describe('/__sandbox control endpoints', () => {
	it('advances time, delivers codes and shows the state of a key', async () => {
		const id = (
			await sms(sb, { ...K, action: 'getNumber', service: 101, country: 61, type: 1 })
		).text.split(':')[1];
		const delivered = await control<{ code: string; api: string }>(`deliver?id=${id}&code=424242`);
		expect(delivered).toMatchObject({ ok: true, api: 'sms', code: '424242' });
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_OK:424242');

		const before = sb.clock.now();
		await control('advance?ms=60000', { method: 'POST' });
		expect(sb.clock.now()).toBe(before + 60_000);

		const st = await control<{
			balance: number;
			ledger: unknown[];
			orders: { activations: Array<{ id: string; status: string }> };
		}>(`state?key=${TEST_KEY}`);
		expect(st.balance).toBe(4955);
		expect(st.ledger).toHaveLength(1);
		expect(st.orders.activations).toEqual([expect.objectContaining({ id, status: 'received' })]);
		expect(await control('deliver?id=nope')).toEqual({ error: 'no activation nope' });
	});

	it('scripts failures, sets balances and options, seeds activations, resets', async () => {
		await control(
			`fail-next?api=cheap&action=getStatus&status=503&body=${encodeURIComponent('Service Unavailable')}`,
		);
		expect(await cheap(sb, { ...K, action: 'getStatus', id: 'x' })).toMatchObject({
			status: 503,
			text: 'Service Unavailable',
		});

		await control(`set-balance?key=${TEST_KEY}&amount=12.34`);
		expect((await sms(sb, { ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:12.34');

		await control('config?json_errors=1&otp_delay_ms=1000');
		expect(sb.options).toMatchObject({ jsonErrors: true, otpDelayMs: 1000 });

		const seeded = await control<{ ids: string[] }>('seed?n=3&arrival_ms=0,5000');
		expect(seeded.ids).toHaveLength(3);
		expect((await sms(sb, { ...K, action: 'getStatus', id: seeded.ids[0] })).text).toMatch(
			/^STATUS_OK:\d{6}$/,
		);
		expect((await sms(sb, { ...K, action: 'getStatus', id: seeded.ids[1] })).text).toBe(
			'STATUS_WAIT_CODE',
		);

		await control('reset');
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
		expect(sb.requests).toHaveLength(0);
		expect(sb.state.getActivation(seeded.ids[0])).toBeUndefined();
	});
});

describe('benchmark support', () => {
	it('seeds 1000 pending activations whose codes arrive on the clock', async () => {
		const arrivals = Array.from({ length: 1000 }, (_, i) => 1_000 + i * 100);
		const ids = sb.state.seedActivations(1000, arrivals);
		expect(new Set(ids).size).toBe(1000);
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
		sb.clock.advance(1_000 + 499 * 100);
		const answers = await Promise.all(
			ids
				.slice(498, 502)
				.map(async (id) => (await sms(sb, { ...K, action: 'getStatus', id })).text),
		);
		expect(answers.map((a) => a.startsWith('STATUS_OK:'))).toEqual([true, true, false, false]);
		expect(
			sb.state.orders(TEST_KEY).activations.filter((a) => a.status === 'received'),
		).toHaveLength(500);
	});
});
