import type {
	IAuthenticateRuleResponseSuccessBody,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { Dialect } from '../protocol/providers/dialect';

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
 * The credential test's request: a free getBalance on the provider's handler_api.php, with the base URL handled
 * as the nodes handle it (protocol/request.ts endpointUrl): default, blanks, trailing slashes, a pasted script name.
 */
export function balanceCheck(d: Dialect): IHttpRequestOptions {
	const scripts = Object.values(d.endpoints)
		.map((script) => script.replace(/\.php$/, ''))
		.join('|');
	return {
		method: 'GET',
		url: `={{ ($credentials.baseUrl || '${d.defaultBaseUrl}').trim().replace(/[/]+$/, '').replace(/[/](${scripts})[.]php$/, '') }}/${d.endpoints.sms}`,
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

/**
 * Shown under Base URL when it is plain http:// to a host other than this machine (the sandbox and local proxies
 * stay quiet): the key then crosses the network unencrypted. Requests still go out; failures repeat the warning.
 */
export const plainHttpNotice: INodeProperties = {
	displayName:
		'This base URL uses plain http:// — the API key travels unencrypted to that host. Use https:// unless it is a proxy on your own network.',
	name: 'plainHttpNotice',
	type: 'notice',
	default: '',
	displayOptions: {
		show: { baseUrl: [{ _cnd: { regex: '^\\s*[Hh][Tt][Tt][Pp]://' } }] },
		hide: {
			baseUrl: [
				{
					_cnd: {
						regex:
							'^\\s*[Hh][Tt][Tt][Pp]://(localhost|127\\.[0-9.]+|\\[::1\\]|0\\.0\\.0\\.0|[^/:]+\\.localhost)([:/?#]|\\s*$)',
					},
				},
			],
		},
	},
};

/** Processes sharing the key up to which the low-rate notice is exact (see lowRateNotices). */
const NOTICE_PROCESSES = 10;

/**
 * Shown when "N8n Processes Sharing This Key" exceeds "Max Requests per Second": each process then sends one
 * request every processes / cap seconds, and in one second the cluster may still send one per process. n8n's
 * display conditions compare a field with a constant, not with another field, so one notice per process count
 * (2…10, then any count above 10 with a cap below 10).
 */
export function lowRateNotices(): INodeProperties[] {
	const text =
		'More processes than requests per second: each process sends one request every (processes ÷ cap) seconds, so every check, cancel and purchase of a process waits that long for its turn, and in one second the processes together may still send one request each. Lower the processes to those that run workflows with this key, or raise the cap if the provider allows it.';
	return Array.from({ length: NOTICE_PROCESSES }, (_, i) => i + 2).map((n) => ({
		displayName: text,
		name: `lowRateNotice${n}`,
		type: 'notice' as const,
		default: '',
		displayOptions: {
			show: {
				processes:
					n > NOTICE_PROCESSES ? [{ _cnd: { gt: NOTICE_PROCESSES } }] : [{ _cnd: { eq: n } }],
				maxRequestsPerSecond: [{ _cnd: { lt: Math.min(n, NOTICE_PROCESSES) } }],
			},
		},
	}));
}
