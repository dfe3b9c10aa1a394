import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireString } from '../../../../shared/parameters';
import { requirePattern } from '../../../../shared/parameters';

const CUSTOM = 'custom';
const DOMAIN =
	/^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/** The documented domains, plus any other one OTPGet gives you ("contact admin for full list"). */
export const domainFields: INodeProperties[] = [
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'options',
		// Written out (not mapped from EMAIL_DOMAINS) so the n8n linter can check the default.
		options: [
			{ name: 'Custom Domain', value: 'custom', description: 'A domain that is not in this list' },
			{ name: 'flytempbox.com', value: 'flytempbox.com' },
			{ name: 'gmail.com', value: 'gmail.com' },
			{ name: 'hihinail.com', value: 'hihinail.com' },
			{ name: 'mailburstx.com', value: 'mailburstx.com' },
			{ name: 'mailnestpro.com', value: 'mailnestpro.com' },
		],
		default: 'gmail.com',
		description: 'Email domain of the address',
	},
	{
		displayName: 'Custom Domain',
		name: 'customDomain',
		type: 'string',
		default: '',
		placeholder: 'example.com',
		required: true,
		displayOptions: { show: { domain: [CUSTOM] } },
		description: 'Any other domain OTPGet offers you',
	},
];

/** The selected domain; expressions may give any domain name, which is checked like a custom one. */
export function readDomain(this: IExecuteFunctions, itemIndex: number): string {
	const domain = requireString.call(this, 'domain', 'Domain', itemIndex);
	if (domain === CUSTOM) {
		return requirePattern
			.call(
				this,
				'customDomain',
				'Custom Domain',
				DOMAIN,
				'a domain name such as example.com',
				itemIndex,
			)
			.toLowerCase();
	}
	return requirePattern
		.call(this, 'domain', 'Domain', DOMAIN, 'a domain name such as gmail.com', itemIndex)
		.toLowerCase();
}

/** For load options: the domain the form currently shows (undefined = the API default). */
export function currentDomain(domain: string, customDomain: string): string | undefined {
	const chosen = domain === CUSTOM ? customDomain.trim() : domain.trim();
	return chosen && !chosen.startsWith('=') ? chosen.toLowerCase() : undefined;
}

export function emailIdField(): INodeProperties {
	return {
		displayName: 'Email ID',
		name: 'emailId',
		type: 'string',
		default: '={{ $json.emailId }}',
		required: true,
		description: 'The emailId returned by Buy Email',
	};
}
