import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { balanceCheck, failWhen, limitProperties, lowRateNotices, plainHttpNotice } from './common';
import { OTPGET, OTPGET_BRAND } from '../protocol/providers/otpget';

const INVALID_KEY = `Invalid API key (BAD_KEY): check the key in ${OTPGET_BRAND.keyWhere}`;
const BLOCKED = `Account blocked (ACCOUNT_BLOCKED): contact ${OTPGET_BRAND.support}`;

export class OtpGetApi implements ICredentialType {
	name = 'otpGetApi';

	displayName = 'OTPGet API';

	icon: Icon = { light: 'file:../icons/otpget.svg', dark: 'file:../icons/otpget.dark.svg' };

	documentationUrl = 'https://www.otpget.com/stubs/docs.php';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `Your ${OTPGET.name} API key, from the ${OTPGET.name} dashboard`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: OTPGET.defaultBaseUrl,
			description:
				'Folder that holds handler_api.php and the other endpoints. Point it at the local sandbox (e.g. http://127.0.0.1:8765) to dry-run workflows without spending money.',
		},
		plainHttpNotice,
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'Asia/Karachi',
			description:
				'Time zone of the times OTPGet sends without one (rental expiry, rental SMS and email times), as an IANA name. Expiry filters, hours left and the Rental Expiring Soon trigger read them in this zone.',
		},
		...limitProperties(OTPGET.currency),
		...lowRateNotices(),
	];

	// The key travels as the api_key query parameter on every call, added here so node code never sees it.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				api_key: '={{$credentials.apiKey}}',
			},
		},
	};
	// n8n's declarative test (CredentialsTester.runRequestTest) sends this through `authenticate`, fails on
	// any non-2xx answer, then fails on the first rule where lodash get(body, key) === value. getBalance is
	// free and exists at every compatible provider. It answers text, which stays a string body, so key '0' is
	// its first character: a good key gives ACCESS_BALANCE:<amount>, a wrong one BAD_KEY at HTTP 200.
	test: ICredentialTestRequest = {
		request: balanceCheck(OTPGET),
		rules: [
			// BAD_KEY and every other text answer starting with B is an error; '1' after a BOM or a stray blank.
			failWhen('0', 'B', INVALID_KEY),
			failWhen('1', 'B', INVALID_KEY),
			// ACCOUNT_BLOCKED starts like ACCESS_BALANCE; the fourth character tells them apart.
			failWhen('3', 'O', BLOCKED),
			failWhen('4', 'O', BLOCKED),
			// The docs also promise JSON errors on every API, {"status":"401","message":"BAD_KEY"}; a status
			// may come as a string or a number.
			failWhen('status', '401', INVALID_KEY),
			failWhen('status', 401, INVALID_KEY),
			failWhen('message', 'BAD_KEY', INVALID_KEY),
			failWhen('status', '403', BLOCKED),
			failWhen('status', 403, BLOCKED),
			failWhen('message', 'ACCOUNT_BLOCKED', BLOCKED),
			failWhen(
				'length',
				0,
				`Empty answer: check that the base URL points at the ${OTPGET.name} API`,
			),
		],
	};
}
