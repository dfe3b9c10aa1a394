import type {
	IAuthenticateRuleResponseSuccessBody,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** A declarative credential-test rule: the test fails with `message` when lodash get(body, key) === value. */
export const failWhen = (
	key: string,
	value: string | number,
	message: string,
): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key, value, message },
});

/**
 * The credential test's request: a free getBalance on handler_api.php, with the base URL handled as the nodes
 * handle it (protocol/request.ts endpointUrl): default, blanks, trailing slashes, a pasted script name.
 */
export function balanceCheck(defaultBaseUrl: string, scripts = 'handler_api'): IHttpRequestOptions {
	return {
		method: 'GET',
		url: `={{ ($credentials.baseUrl || '${defaultBaseUrl}').trim().replace(/[/]+$/, '').replace(/[/](${scripts})[.]php$/, '') }}/handler_api.php`,
		qs: { action: 'getBalance' },
	};
}

/**
 * What every provider credential sets once for everyone who uses it: the spend guard's defaults (the node's own
 * limits apply too; the stricter wins) and the request cap the provider sees from all n8n processes together.
 */
export function limitProperties(currency: string): INodeProperties[] {
	return [
		{
			displayName: 'Max Spend per Execution',
			name: 'maxSpendPerExecution',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `Most one execution may spend with this credential, across all its nodes and AI Agent tool calls, in ${currency} (0 = no limit). A purchase whose price cannot be known before buying (OTPX numbers, OTPGet cheap numbers) is refused while this is set: bound those with Max Purchases.`,
		},
		{
			displayName: 'Max Purchases per Execution',
			name: 'maxPurchasesPerExecution',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Most purchases one execution may make with this credential, across all its nodes and AI Agent tool calls (0 = no limit)',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 2 },
			default: 10,
			description:
				"The provider's cap for everything sent with this key (purchases, checks, cancels), from all n8n processes together",
		},
		{
			displayName: 'N8n Processes Sharing This Key',
			name: 'processes',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description:
				'Queue mode: main + workers that run workflows with this key. Each process sends at most its share of the cap.',
		},
	];
}
