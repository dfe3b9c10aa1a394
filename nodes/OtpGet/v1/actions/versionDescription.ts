import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as cheapNumber from './cheapNumber/CheapNumber.resource';
import * as email from './email/Email.resource';
import * as rental from './rental/Rental.resource';
import * as smsActivation from './smsActivation/SmsActivation.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'OTPGet',
	// n8n resolves a version's icon relative to the main node file (dist/nodes/OtpGet/OtpGet.node.js), not this one.
	icon: { light: 'file:../../icons/otpget.svg', dark: 'file:../../icons/otpget.dark.svg' },
	name: 'otpGet',
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Buy virtual numbers and temporary emails and receive OTP codes with OTPGet',
	defaults: { name: 'OTPGet' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'otpGetApi', required: true, testedBy: 'otpGetApiTest' }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Account', value: 'account' },
				{ name: 'Cheap Number', value: 'cheapNumber' },
				{ name: 'Email', value: 'email' },
				{ name: 'Rental', value: 'rental' },
				{ name: 'SMS Activation', value: 'smsActivation' },
			],
			default: 'smsActivation',
		},
		...account.description,
		...smsActivation.description,
		...cheapNumber.description,
		...rental.description,
		...email.description,
	],
};
