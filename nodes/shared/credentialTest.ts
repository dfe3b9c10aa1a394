import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { decode } from '../../protocol/decode';
import { ProviderError } from '../../protocol/errors';
import { toHttpCall } from '../../protocol/request';
import { parseBalance, smsRequests } from '../../protocol/sms';
import { normalizeBody, redact } from '../../protocol/text';

interface LegacyFullResponse {
	statusCode: number;
	body: unknown;
}

/**
 * OTPGet answers a wrong key with HTTP 200 and the text BAD_KEY, so only reading the body can tell a
 * good key from a bad one: call getBalance and decode it like any other answer.
 */
export async function otpGetApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const apiKey = String(credential.data?.apiKey ?? '');
	if (!apiKey.trim()) return { status: 'Error', message: 'Enter the API key' };
	const call = toHttpCall(String(credential.data?.baseUrl ?? ''), smsRequests.getBalance());
	try {
		// ICredentialTestFunctions offers only `request`; httpRequest is not available in a credential test.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({
			method: 'GET',
			uri: call.url,
			qs: { ...call.qs, api_key: apiKey },
			resolveWithFullResponse: true,
			simple: false,
			json: false,
		})) as LegacyFullResponse;
		const balance = decode(
			{ status: response.statusCode, body: redact(normalizeBody(response.body), [apiKey]) },
			parseBalance,
		);
		return { status: 'OK', message: `Connection successful — balance ${balance.toFixed(2)}` };
	} catch (error) {
		if (error instanceof ProviderError) return { status: 'Error', message: `${error.message} — ${error.hint}` };
		const reason = redact(error instanceof Error ? error.message : String(error), [apiKey]);
		return { status: 'Error', message: `Could not reach the provider: ${reason}` };
	}
}
