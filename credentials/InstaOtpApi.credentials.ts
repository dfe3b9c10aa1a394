import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { balanceCheck, failWhen, limitProperties, lowRateNotices, plainHttpNotice } from './common';
import { INSTAOTP, INSTAOTP_BRAND } from '../protocol/providers/instaotp';

const INVALID_KEY = `Invalid API key (BAD_KEY): check the key in ${INSTAOTP_BRAND.keyWhere}`;
const MISSING_KEY = `API key is missing (NO_API_KEY): enter the key from ${INSTAOTP_BRAND.keyWhere}`;
const FAILED = `${INSTAOTP.name} refused the balance check: check the base URL and the key`;

export class InstaOtpApi implements ICredentialType {
	name = 'instaOtpApi';

	displayName = 'InstaOTP API';

	icon: Icon = { light: 'file:../icons/instaotp.svg', dark: 'file:../icons/instaotp.dark.svg' };

	documentationUrl = 'https://instaotp.in';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `Your ${INSTAOTP.name} API key, from ${INSTAOTP_BRAND.keyWhere}`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: INSTAOTP.defaultBaseUrl,
			description:
				'Folder that holds handler_api.php. Point it at the local sandbox (e.g. http://127.0.0.1:8765) to dry-run workflows without spending money.',
		},
		plainHttpNotice,
		...limitProperties(INSTAOTP.currency),
		...lowRateNotices(),
	];

	// The key travels as the api_key query parameter (the only way instaotp.txt documents), added here so node code never sees it.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				api_key: '={{$credentials.apiKey}}',
			},
		},
	};
	// n8n's declarative test sends this through `authenticate`, fails on any non-2xx answer, then on the first
	// rule where lodash get(body, key) === value. getBalance is free; a text answer stays a string body, so key
	// '0' is its first character: a good key gives ACCESS_BALANCE:<amount>.
	test: ICredentialTestRequest = {
		request: balanceCheck(INSTAOTP),
		rules: [
			// BAD_KEY, NO_API_KEY, and "error responses typically begin with ERROR_ or BAD_" (after a BOM or a blank too).
			failWhen('0', 'B', INVALID_KEY),
			failWhen('1', 'B', INVALID_KEY),
			failWhen('0', 'N', MISSING_KEY),
			failWhen('1', 'N', MISSING_KEY),
			failWhen('0', 'E', FAILED),
			failWhen('1', 'E', FAILED),
			// The family's JSON error forms, {"status":"401","message":"BAD_KEY"} or {"status":"ERROR","error":"BAD_KEY"}.
			failWhen('status', '401', INVALID_KEY),
			failWhen('status', 401, INVALID_KEY),
			failWhen('message', 'BAD_KEY', INVALID_KEY),
			failWhen('error', 'BAD_KEY', INVALID_KEY),
			failWhen('message', 'NO_API_KEY', MISSING_KEY),
			failWhen('error', 'NO_API_KEY', MISSING_KEY),
			failWhen(
				'length',
				0,
				`Empty answer: check that the base URL points at the ${INSTAOTP.name} API`,
			),
		],
	};
}
