/**
 * What happens to money and secrets when answers go wrong: purchases are sent once whatever happens,
 * an unreadable answer to a purchase says the money may be spent and quotes the whole answer, and the
 * API key never comes back in an error, in any form a server might echo it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeApiError } from 'n8n-workflow';

import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

const node = new OtpGet();
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ otpDelayMs: 1_000 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.state.reset());

async function fail(
	params: Record<string, unknown>,
	baseUrl = sandbox.url,
	apiKey = TEST_KEY,
): Promise<NodeApiError> {
	try {
		await runNode(node, { params, credentials: { apiKey, baseUrl } });
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected a failure');
}

const purchases: Array<[string, Record<string, unknown>]> = [
	[
		'getNumber',
		{
			resource: 'smsActivation',
			operation: 'getNumber',
			providerType: '1',
			country: '61',
			service: '101',
		},
	],
	['buyNumber', { resource: 'cheapNumber', operation: 'buyNumber', serverType: '1', server: '1' }],
	[
		'rentNumber',
		{
			resource: 'rental',
			operation: 'rentNumber',
			provider: '2',
			countryCode: 'ca',
			durationHours: '720',
		},
	],
	['buyEmail', { resource: 'email', operation: 'buyEmail', domain: 'gmail.com', serviceId: 'ig' }],
];

describe('a purchase whose connection drops', () => {
	let server: Server;
	let hits: string[];
	let baseUrl: string;
	beforeAll(async () => {
		server = createServer((req) => {
			hits.push(new URL(req.url ?? '/', 'http://x').searchParams.get('action') ?? '');
			req.socket.destroy();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	beforeEach(() => {
		hits = [];
	});

	it.each(purchases)(
		'%s is sent exactly once and the error says it may have gone through',
		async (action, params) => {
			const error = await fail(params, baseUrl);
			expect(hits.filter((a) => a === action)).toEqual([action]);
			expect(error.message).toMatch(
				/purchase may or may not have gone through; check your balance and orders/,
			);
		},
	);

	it('a read-only call is retried on a dropped connection', async () => {
		const error = await fail({ resource: 'account', operation: 'getBalance' }, baseUrl);
		expect(hits).toEqual(['getBalance', 'getBalance', 'getBalance']);
		expect(error.message).toMatch(/Could not reach the provider/);
	});
});

describe('a request that hangs', () => {
	it("is given up after the transport timeout instead of n8n's 5 minutes", async () => {
		const read = await runNode(node, {
			params: { resource: 'account', operation: 'getBalance' },
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		});
		expect(read.http.map((r) => r.timeout)).toEqual([30_000]);
		const buy = await runNode(node, {
			params: purchases[0][1],
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		});
		// Without a limit the listed price only decorates the output: one short read (5 s), then the purchase gets 60 s.
		expect(buy.http.map((r) => r.timeout)).toEqual([5_000, 60_000]);
	});
});

describe('an unreadable answer to a purchase', () => {
	it('says the money may be spent, is not "retryable" and quotes the whole answer', async () => {
		const gateway = `<html><head><title>504 Gateway Time-out</title></head><body>${'x'.repeat(400)} ACCESS_NUMBER:98765</body></html>`;
		sandbox.state.failNext('sms', 'getNumber', { status: 504, body: gateway });
		const error = await fail(purchases[0][1]);
		expect(error.message).toMatch(
			/^Provider server error \(HTTP 504\).* — the purchase may or may not have gone through/,
		);
		expect(error.message).not.toMatch(/retry in a few seconds/);
		expect(error.description).toContain('ACCESS_NUMBER:98765');
		expect(error.description).not.toMatch(/Retrying later may succeed/);
	});

	it('a JSON 5xx the docs do not list is uncertain too', async () => {
		sandbox.state.failNext('rental', 'rentNumber', {
			body: '{"status":"504","message":"Gateway timeout"}',
		});
		const error = await fail(purchases[2][1]);
		expect(error.message).toMatch(/may or may not have gone through/);
		expect(error.message).not.toMatch(/nothing was charged|not deducted/);
	});

	it('a documented failure keeps its own advice', async () => {
		sandbox.state.failNext('sms', 'getNumber', { body: 'NO_NUMBERS' });
		expect((await fail(purchases[0][1])).message).toMatch(
			/No numbers available .* — try another country/,
		);
	});

	it('finds the order behind a PHP notice printed before it', async () => {
		sandbox.state.failNext('sms', 'getNumber', {
			body: '<br />\n<b>Warning</b>: Undefined index: x in /var/www/stubs/handler_api.php on line 12<br />\nACCESS_NUMBER:98765:923001112233',
		});
		const { output } = await runNode(node, {
			params: purchases[0][1],
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		});
		expect(jsonOf(output)[0]).toMatchObject({ orderId: '98765', phone: '923001112233' });
	});
});

describe('set status answers that do not confirm what was asked', () => {
	it.each([
		['cancel', 'ACCESS_FINISH'],
		['cancel', 'ACCESS_RETRY_GET'],
		['complete', 'ACCESS_CANCEL'],
		['complete', 'ACCESS_READY'],
	])('%s answered %s is an error quoting it, never a silent success', async (status, body) => {
		sandbox.state.failNext('sms', 'setStatus', { body });
		const error = await fail({
			resource: 'smsActivation',
			operation: 'setStatus',
			orderId: 'abc',
			status,
		});
		expect(error.message).toContain(`"${body}"`);
	});
});

describe('the API key never comes back', () => {
	const key = 'Key With/Special+Chars=42';
	const encoded = encodeURIComponent(key);
	it.each([
		['an unexpected body', 200, `Unknown request api_key=${key}`],
		[
			'an unexpected body with the key URL-encoded',
			200,
			`GET /handler_api.php?api_key=${encoded}&action=getBalance`,
		],
		['a 5xx page', 500, `<pre>Fatal error at handler_api.php?api_key=${encoded}</pre>`],
		['an error payload', 200, `ERROR_PROVIDER_1:upstream rejected ${key}`],
		['a JSON error', 200, `{"status":"400","message":"Bad request for key ${key}"}`],
	])('in %s', async (_label, status, body) => {
		sandbox.state.failNext('sms', 'getBalance', { status, body });
		sandbox.state.failNext('sms', 'getBalance', { status, body });
		sandbox.state.failNext('sms', 'getBalance', { status, body });
		const error = await fail({ resource: 'account', operation: 'getBalance' }, sandbox.url, key);
		const shown = JSON.stringify([error.message, error.description, error.context]);
		expect(shown).not.toContain(key);
		expect(shown).not.toContain(encoded);
		expect(shown).toContain('***');
	});

	it('a key pasted with spaces is redacted too', async () => {
		sandbox.state.failNext('sms', 'getBalance', { body: 'echo: secret-key-99' });
		const error = await fail(
			{ resource: 'account', operation: 'getBalance' },
			sandbox.url,
			'  secret-key-99 ',
		);
		expect(error.message).not.toContain('secret-key-99');
	});
});
