import type { ICredentialsDecrypted } from 'n8n-workflow';

import { OtpGetApi } from '../../credentials/OtpGetApi.credentials';
import { BLOCKED_KEY, startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { runCredentialTest } from '../helpers/context';

// The credential's declarative `test`, judged by n8n's own CredentialsTester logic on n8n-core's RoutingNode
// (test/helpers/context.ts runCredentialTest) against the sandbox over real HTTP.
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.options.jsonErrors = false;
	sandbox.options.httpErrorStatus = false;
});

const credentialType = new OtpGetApi();
const credential = (apiKey: string, baseUrl = sandbox.url): ICredentialsDecrypted => ({
	id: '1',
	name: 'OTPGet',
	type: 'otpGetApi',
	data: { apiKey, baseUrl },
});
const check = (apiKey: string, baseUrl?: string) =>
	runCredentialTest(credentialType, credential(apiKey, baseUrl));
const invalidKey = { status: 'Error', message: expect.stringMatching(/^Invalid API key/) };
const blocked = { status: 'Error', message: expect.stringMatching(/^Account blocked/) };
const ok = { status: 'OK', message: 'Connection successful!' };
/** Scripts the next getBalance answer of handler_api.php. */
const nextBalanceAnswer = (body: string, status = 200, contentType?: string) =>
	sandbox.state.failNext('sms', 'getBalance', { status, body, contentType });

describe('otpGetApi credential', () => {
	it('puts the key in the api_key query parameter', () => {
		expect(credentialType.authenticate.properties.qs).toEqual({
			api_key: '={{$credentials.apiKey}}',
		});
	});

	it('is tested by a declarative request, not by a node method', () => {
		expect(credentialType.test.request).toMatchObject({
			method: 'GET',
			qs: { action: 'getBalance' },
		});
	});

	it('accepts a good key: one getBalance on handler_api.php, the key added by authenticate', async () => {
		const before = sandbox.requests.length;
		expect(await check(TEST_KEY)).toEqual(ok);
		const sent = sandbox.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			method: 'GET',
			path: '/handler_api.php',
			action: 'getBalance',
		});
		expect(sent[0].query.api_key).toBe(TEST_KEY);
	});

	it('rejects a wrong key although the API answers it with HTTP 200 and the text BAD_KEY', async () => {
		const result = await check('wrong-key-42');
		expect(result).toEqual(invalidKey);
		expect(JSON.stringify(result)).not.toContain('wrong-key-42');
	});

	it('rejects an empty key', async () => {
		expect(await check('')).toEqual(invalidKey);
	});

	it('rejects a blocked account, whose answer starts like a balance', async () => {
		expect(await check(BLOCKED_KEY)).toEqual(blocked);
	});

	it('rejects BAD_KEY after a BOM, a blank or with CRLF, and accepts a balance after a BOM', async () => {
		for (const body of ['\uFEFFBAD_KEY', ' BAD_KEY', 'BAD_KEY\r\n']) {
			nextBalanceAnswer(body);
			expect(await check(TEST_KEY)).toEqual(invalidKey);
		}
		nextBalanceAnswer('\uFEFFACCOUNT_BLOCKED');
		expect(await check(TEST_KEY)).toEqual(blocked);
		nextBalanceAnswer('\uFEFFACCESS_BALANCE:12.50\r\n');
		expect(await check(TEST_KEY)).toEqual(ok);
	});

	it('rejects a wrong key sent back as JSON {"status":"401"} with HTTP 200, status a string or a number', async () => {
		sandbox.options.jsonErrors = true;
		expect(await check('wrong-key-42')).toEqual(invalidKey);
		expect(await check(BLOCKED_KEY)).toEqual(blocked);
		// The rental API's wording, status as a string and as a number.
		nextBalanceAnswer('{"status":"401","message":"API key is required."}', 200, 'application/json');
		expect(await check(TEST_KEY)).toEqual(invalidKey);
		nextBalanceAnswer('{"status":401,"message":"Invalid API key."}', 200, 'application/json');
		expect(await check(TEST_KEY)).toEqual(invalidKey);
		nextBalanceAnswer(
			'{"status":"403","message":"Account is blocked or inactive."}',
			200,
			'application/json',
		);
		expect(await check(TEST_KEY)).toEqual(blocked);
		// Only the message names the problem.
		nextBalanceAnswer('{"status":"error","message":"BAD_KEY"}', 200, 'application/json');
		expect(await check(TEST_KEY)).toEqual(invalidKey);
		nextBalanceAnswer('{"status":"error","message":"ACCOUNT_BLOCKED"}', 200, 'application/json');
		expect(await check(TEST_KEY)).toEqual(blocked);
		nextBalanceAnswer('{"status":403}', 200, 'application/json');
		expect(await check(TEST_KEY)).toEqual(blocked);
		// A good key still passes in JSON-error mode: the balance stays plain text.
		expect(await check(TEST_KEY)).toEqual(ok);
	});

	it('rejects a wrong key behind HTTP 401, as text or as JSON', async () => {
		sandbox.options.httpErrorStatus = true;
		expect(await check('wrong-key-42')).toMatchObject({ status: 'Error' });
		sandbox.options.jsonErrors = true;
		expect(await check('wrong-key-42')).toMatchObject({ status: 'Error' });
		nextBalanceAnswer('{"status":"401","message":"BAD_KEY"}', 401, 'application/json');
		const result = await check('wrong-key-42');
		expect(result).toMatchObject({ status: 'Error' });
		expect(JSON.stringify(result)).not.toContain('wrong-key-42');
	});

	it('finds handler_api.php under the base URL as the nodes do: trailing slash, pasted script name, blanks', async () => {
		for (const baseUrl of [
			`${sandbox.url}/`,
			`${sandbox.url}/handler_api.php`,
			` ${sandbox.url} `,
			`${sandbox.url}/stubs`,
		]) {
			const before = sandbox.requests.length;
			expect(await check(TEST_KEY, baseUrl)).toEqual(ok);
			expect(sandbox.requests.slice(before).map((r) => r.action)).toEqual(['getBalance']);
		}
	});

	it('rejects a base URL that does not speak the protocol, an empty answer, and an unreachable host', async () => {
		expect(await check(TEST_KEY, `${sandbox.url}/nowhere`)).toMatchObject({ status: 'Error' });
		nextBalanceAnswer('');
		expect(await check(TEST_KEY)).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Empty answer/),
		});
		const down = await check(TEST_KEY, 'http://127.0.0.1:9');
		expect(down).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		expect(JSON.stringify(down)).not.toContain(TEST_KEY);
	});
});
