import type { ICredentialsDecrypted } from 'n8n-workflow';

import { otpGetApiTest } from '../../nodes/shared/credentialTest';
import { OtpGetApi } from '../../credentials/OtpGetApi.credentials';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { credentialTestContext } from '../helpers/context';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

const credential = (apiKey: string, baseUrl = sandbox.url): ICredentialsDecrypted => ({
	id: '1',
	name: 'OTPGet',
	type: 'otpGetApi',
	data: { apiKey, baseUrl },
});

describe('otpGetApi credential', () => {
	it('puts the key in the api_key query parameter', () => {
		expect(new OtpGetApi().authenticate.properties.qs).toEqual({ api_key: '={{$credentials.apiKey}}' });
	});

	it('accepts a good key', async () => {
		const result = await otpGetApiTest.call(credentialTestContext(), credential(TEST_KEY));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful — balance 5000.00' });
	});

	it('rejects a wrong key although the API answers it with HTTP 200', async () => {
		const result = await otpGetApiTest.call(credentialTestContext(), credential('wrong-key-42'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Invalid API key/);
		expect(result.message).not.toContain('wrong-key-42');
	});

	it('rejects a wrong key sent back as JSON behind HTTP 401', async () => {
		sandbox.state.failNext('sms', 'getBalance', { status: 401, body: '{"status":"401","message":"BAD_KEY"}' });
		const result = await otpGetApiTest.call(credentialTestContext(), credential(TEST_KEY));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/Invalid API key/) });
	});

	it('rejects a base URL that does not speak the protocol, and an unreachable one', async () => {
		const notApi = await otpGetApiTest.call(credentialTestContext(), credential(TEST_KEY, `${sandbox.url}/nowhere`));
		expect(notApi.status).toBe('Error');
		const down = await otpGetApiTest.call(credentialTestContext(), credential(TEST_KEY, 'http://127.0.0.1:9'));
		expect(down).toMatchObject({ status: 'Error', message: expect.stringMatching(/Could not reach the provider/) });
		expect(JSON.stringify(down)).not.toContain(TEST_KEY);
	});

	it('refuses an empty key without calling the API', async () => {
		const before = sandbox.requests.length;
		expect(await otpGetApiTest.call(credentialTestContext(), credential(''))).toEqual({ status: 'Error', message: 'Enter the API key' });
		expect(sandbox.requests.length).toBe(before);
	});
});
