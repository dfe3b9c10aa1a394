import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { balanceCheck, failWhen, limitProperties, lowRateNotices, plainHttpNotice } from './common';
import { OTPX, OTPX_BRAND } from '../protocol/providers/otpx';

const INVALID_KEY = `Invalid API key (BAD_KEY): check the key in ${OTPX_BRAND.keyWhere}`;
const BANNED = `Account banned (ACCOUNT_BAN): contact ${OTPX_BRAND.support}`;

export class OtpxApi implements ICredentialType {
	name = 'otpxApi';

	displayName = 'OTPX API';

	icon: Icon = { light: 'file:../icons/otpx.svg', dark: 'file:../icons/otpx.dark.svg' };

	documentationUrl = 'https://otpx.in';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `Your ${OTPX.name} API key, from ${OTPX_BRAND.keyWhere}`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: OTPX.defaultBaseUrl,
			description:
				'Folder that holds handler_api.php. Point it at the local sandbox (e.g. http://127.0.0.1:8765) to dry-run workflows without spending money.',
		},
		plainHttpNotice,
		...limitProperties(OTPX.currency),
		...lowRateNotices(),
	];

	// The key travels as the api_key query parameter (the only way otpx.txt documents), added here so node code never sees it.
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
		request: balanceCheck(OTPX),
		rules: [
			// BAD_KEY (after a BOM or a stray blank too).
			failWhen('0', 'B', INVALID_KEY),
			failWhen('1', 'B', INVALID_KEY),
			// ACCOUNT_BAN starts like ACCESS_BALANCE; the fourth character tells them apart.
			failWhen('3', 'O', BANNED),
			failWhen('4', 'O', BANNED),
			// The family's JSON error forms, {"status":"401","message":"BAD_KEY"} or {"status":"ERROR","error":"BAD_KEY"}.
			failWhen('status', '401', INVALID_KEY),
			failWhen('status', 401, INVALID_KEY),
			failWhen('message', 'BAD_KEY', INVALID_KEY),
			failWhen('error', 'BAD_KEY', INVALID_KEY),
			failWhen('message', 'ACCOUNT_BAN', BANNED),
			failWhen('error', 'ACCOUNT_BAN', BANNED),
			failWhen('length', 0, `Empty answer: check that the base URL points at the ${OTPX.name} API`),
		],
	};
}
