import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// Tested by the nodes' methods.credentialTest (testedBy: 'otpGetApiTest'): a wrong key is HTTP 200 + BAD_KEY,
// which a declarative test cannot see.
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
			description: 'Your OTPGet API key, from the OTPGet dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.otpget.com/stubs',
			description:
				'Folder that holds handler_api.php and the other endpoints. Point it at the local sandbox (e.g. http://127.0.0.1:8765) to dry-run workflows without spending money.',
		},
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
}
