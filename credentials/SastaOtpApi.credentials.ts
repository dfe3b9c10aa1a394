import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { balanceCheck, failWhen, limitProperties, lowRateNotices, plainHttpNotice } from './common';
import { SASTAOTP, SASTAOTP_BRAND } from '../protocol/providers/sastaotp';

const INVALID_KEY = `Invalid API key (BAD_KEY): copy it again from ${SASTAOTP_BRAND.keyWhere}`;
const INACTIVE = `API key disabled (KEY_INACTIVE): contact ${SASTAOTP.name} support to re-enable it`;
const BANNED = `Account suspended (ACCOUNT_BANNED): contact ${SASTAOTP_BRAND.support}`;

export class SastaOtpApi implements ICredentialType {
	name = 'sastaOtpApi';

	displayName = 'SastaOTP API';

	icon: Icon = { light: 'file:../icons/sastaotp.svg', dark: 'file:../icons/sastaotp.dark.svg' };

	documentationUrl = 'https://sastaotp.com';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `Your ${SASTAOTP.name} API key, from ${SASTAOTP_BRAND.keyWhere}`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SASTAOTP.defaultBaseUrl,
			description:
				'Folder that holds handler_api.php. Point it at the local sandbox (e.g. http://127.0.0.1:8765) to dry-run workflows without spending money.',
		},
		plainHttpNotice,
		{
			displayName: 'Send Key As',
			name: 'sendKeyAs',
			type: 'options',
			options: [
				{
					name: 'Header (X-API-Key)',
					value: 'header',
					description: 'Keeps the key out of every URL, and so out of proxy and server logs',
				},
				{
					name: 'Query (api_key)',
					value: 'query',
					description: 'For a server or proxy that drops the header',
				},
			],
			default: 'header',
			description:
				'sastaotp.txt takes the key either way ("Pass your API key with every request as ?api_key=… Or via header: X-API-Key"). The credential test sends it the chosen way.',
		},
		...limitProperties(SASTAOTP.currency),
		...lowRateNotices(),
	];

	// The key goes one way only (never an empty other one a server might read first). Added here so node code
	// never sees it; the credential test goes through this too, so it checks the chosen way.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '');
		if (credentials.sendKeyAs === 'query')
			return { ...requestOptions, qs: { ...requestOptions.qs, api_key: key } };
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-API-Key': key } };
	}
	// n8n's declarative test sends this through `authenticate`, fails on any non-2xx answer, then on the first
	// rule where lodash get(body, key) === value. getBalance is free; a text answer stays a string body, so key
	// '0' is its first character: a good key gives ACCESS_BALANCE:<amount>.
	test: ICredentialTestRequest = {
		request: balanceCheck(SASTAOTP),
		rules: [
			// BAD_KEY, KEY_INACTIVE (after a BOM or a stray blank too).
			failWhen('0', 'B', INVALID_KEY),
			failWhen('1', 'B', INVALID_KEY),
			failWhen('0', 'K', INACTIVE),
			failWhen('1', 'K', INACTIVE),
			// ACCOUNT_BANNED starts like ACCESS_BALANCE; the fourth character tells them apart.
			failWhen('3', 'O', BANNED),
			failWhen('4', 'O', BANNED),
			// The family's JSON error forms, {"status":"401","message":"BAD_KEY"} or {"status":"ERROR","error":"BAD_KEY"}.
			failWhen('status', '401', INVALID_KEY),
			failWhen('status', 401, INVALID_KEY),
			failWhen('message', 'BAD_KEY', INVALID_KEY),
			failWhen('error', 'BAD_KEY', INVALID_KEY),
			failWhen('error', 'KEY_INACTIVE', INACTIVE),
			failWhen('message', 'KEY_INACTIVE', INACTIVE),
			failWhen('error', 'ACCOUNT_BANNED', BANNED),
			failWhen('message', 'ACCOUNT_BANNED', BANNED),
			failWhen(
				'length',
				0,
				`Empty answer: check that the base URL points at the ${SASTAOTP.name} API`,
			),
		],
	};
}
