import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	DIALECTS,
	PROVIDER_IDS,
	type Dialect,
	type StatusIntent,
} from '../../../../../protocol/providers';
import {
	requireNumericId,
	requireOneOf,
	requirePattern,
	requireString,
} from '../../../../shared/parameters';
import type { OtpGetType } from '../node.type';

type SmsOperation = OtpGetType['smsActivation'];

/**
 * The fields of one SMS Activation operation, built per provider from its dialect and shown for that provider
 * only. OTPGet's keep the names, types and defaults they always had, so saved workflows read the same.
 */
export function perProvider(
	operation: SmsOperation,
	build: (d: Dialect) => INodeProperties[],
): INodeProperties[] {
	return PROVIDER_IDS.flatMap((p) =>
		updateDisplayOptions(
			{ show: { resource: ['smsActivation'], operation: [operation], apiProvider: [p] } },
			build(DIALECTS[p]),
		),
	);
}

/** The provider-type field (OTPGet type, OTPX/SastaOTP operator, InstaOTP server); `optional` for list filters. */
export function providerTypeFieldOf(d: Dialect, optional = false): INodeProperties {
	const text = d.providerText;
	const values = d.providerValues;
	if (values) {
		const all = optional ? [{ name: `All ${text.option}s`, value: '' }] : [];
		const initial = optional ? '' : values[0];
		return {
			displayName: text.label,
			name: 'providerType',
			type: 'options',
			options: [...all, ...values.map((v) => ({ name: `${text.option} ${v}`, value: v }))],
			default: initial,
			description: text.description,
		};
	}
	const initial = optional ? '' : (d.defaultProvider ?? '');
	return {
		displayName: text.label,
		name: 'providerType',
		type: 'string',
		default: initial,
		placeholder: values ? values[0] : 'any',
		description: optional ? `Optional filter. ${text.description}` : text.description,
	};
}

/** The value to send, checked before any request: one of the listed values, or free text where none are listed. */
export function readProviderType(
	this: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
	optional = false,
): string | undefined {
	const label = d.providerText.label;
	const raw = this.getNodeParameter('providerType', itemIndex, '') as unknown;
	const empty = raw === undefined || raw === null || String(raw).trim() === '';
	if (empty && (optional || !d.providerRequired)) return undefined;
	if (d.providerValues)
		return requireOneOf.call(this, 'providerType', label, d.providerValues, itemIndex);
	return requirePattern.call(
		this,
		'providerType',
		label,
		/^[\w.-]+$/,
		'a single word such as any',
		itemIndex,
	);
}

/**
 * The country: a dropdown where the provider lists its countries, else the number its document uses (22 =
 * India at OTPX and InstaOTP). Optional where the provider picks one itself (SastaOTP), or for list filters.
 */
export function countryFieldOf(d: Dialect, optional = false): INodeProperties {
	const required = !optional && !d.countryOptional;
	if (d.features.getCountries && required) {
		return {
			displayName: 'Country Name or ID',
			name: 'country',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getSmsCountries',
				loadOptionsDependsOn: ['apiProvider', 'providerType'],
			},
			default: '',
			required: true,
			description:
				'Country of the number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		};
	}
	if (d.features.getCountries) {
		return {
			displayName: 'Country Name or ID',
			name: 'country',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getSmsCountries',
				loadOptionsDependsOn: ['apiProvider', 'providerType'],
			},
			default: '',
			description:
				'Country of the number; empty lets the provider choose one. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		};
	}
	return {
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		required,
		placeholder: '22',
		description: `${d.name}'s country number (e.g. 22 = India, 6 = Indonesia, 16 = United Kingdom, 187 = USA)${required ? '' : '; empty for all countries'}`,
	};
}

/** Country ids are numbers at every provider; `optional` allows an empty one (undefined). */
export function readCountry(
	this: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
	optional = false,
): string | undefined {
	const raw = this.getNodeParameter('country', itemIndex, '') as unknown;
	const empty = raw === undefined || raw === null || String(raw).trim() === '';
	if (empty && (optional || d.countryOptional)) return undefined;
	return requireNumericId.call(this, 'country', 'Country', itemIndex);
}

/** The service: a dropdown with price and stock where the provider lists its services, else its code (wa, tg). */
export function serviceFieldOf(d: Dialect): INodeProperties {
	if (d.features.getServices) {
		return {
			displayName: 'Service Name or ID',
			name: 'service',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getSmsServices',
				loadOptionsDependsOn: ['apiProvider', 'providerType', 'country'],
			},
			default: '',
			required: true,
			description:
				'Service you need the code for; the list shows the price (and the numbers in stock where the provider says). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		};
	}
	return {
		displayName: 'Service Code',
		name: 'service',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wa',
		description: `${d.name}'s service code, e.g. wa (WhatsApp), tg (Telegram), ig (Instagram)`,
	};
}

/** OTPGet's services are database ids (101); the others' are codes like tg or wa. */
export function readService(this: IExecuteFunctions, d: Dialect, itemIndex: number): string {
	if (d.serviceIds === 'numericId')
		return requireNumericId.call(this, 'service', 'Service', itemIndex);
	return requirePattern.call(
		this,
		'service',
		'Service',
		/^[\w.-]+$/,
		'a service code such as tg or wa',
		itemIndex,
	);
}

/** Price ceiling on Get Number, where the provider has one; 0 or empty = any price. */
/** Spend Limits → Max Price, also sent to a provider that takes its own (SastaOTP maxPrice). */
export function readMaxPrice(
	this: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
): number | undefined {
	if (!d.features.maxPrice) return undefined;
	const raw = this.getNodeParameter('spendLimits.maxPrice', itemIndex, 0) as unknown;
	if (raw === undefined || raw === null || raw === '' || raw === 0 || raw === '0') return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`"Max Price" must be a positive amount in ${d.currency} (got "${String(raw)}")`,
			{ itemIndex },
		);
	}
	return n === 0 ? undefined : n;
}

/** The Set Status choices, in this order, where the provider's dialect has a value for them. */
const INTENTS: ReadonlyArray<{
	intent: StatusIntent;
	name: string;
	description: (d: Dialect) => string;
}> = [
	{
		intent: 'complete',
		name: 'Complete',
		description: () => 'Finish the order; the code must already have arrived',
	},
	{
		intent: 'cancel',
		name: 'Cancel & Refund',
		description: (d) =>
			`Cancel and get the money back; only while no code has arrived${d.earlyCancelMs > 0 ? `, and from ${d.earlyCancelMs / 60_000} minutes after purchase` : ''}`,
	},
	{
		intent: 'requestAnotherSms',
		name: 'Request Another SMS',
		description: (d) =>
			`Ask for another code on the same number (after the first arrived). Wait for OTP then waits for the new one.${d.features.multiSms ? ` Only for ${d.name} services with multi-SMS.` : ''}`,
	},
	{
		intent: 'ready',
		name: 'Mark SMS Sent',
		description: (d) => `Tell ${d.name} the code has been requested on the number (status 1)`,
	},
];

export function intentsOf(d: Dialect): StatusIntent[] {
	return INTENTS.filter((i) => d.status[i.intent] !== undefined).map((i) => i.intent);
}

export function statusFieldOf(d: Dialect): INodeProperties {
	const options = INTENTS.filter((i) => d.status[i.intent] !== undefined).map((i) => ({
		name: i.name,
		value: i.intent,
		description: i.description(d),
	}));
	const initial = options[0].value;
	return { displayName: 'Status', name: 'status', type: 'options', options, default: initial };
}

export function readIntent(this: IExecuteFunctions, d: Dialect, itemIndex: number): StatusIntent {
	return requireOneOf.call(this, 'status', 'Status', intentsOf(d), itemIndex) as StatusIntent;
}

export { requireString };
