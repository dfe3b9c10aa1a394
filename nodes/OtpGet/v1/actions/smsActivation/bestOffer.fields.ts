import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DIALECTS,
	PROVIDER_IDS,
	type Dialect,
	type ProviderId,
} from '../../../../../protocol/providers';
import { PROVIDER_LIST_PARAMETER } from '../../../../shared/provider';

/** Per-provider fields of Best Offer: providers use their own service and country codes. */
export const fieldName = (p: ProviderId, what: 'Service' | 'Countries' | 'Servers') =>
	`${p}${what}`;

/** The listed provider values' name in the plural ("Servers"), from the module. */
const serversWord = (d: Dialect) => d.offer.serversLabel ?? d.providerText.label;

function providerFields(d: Dialect): INodeProperties[] {
	const show = { displayOptions: { show: { [PROVIDER_LIST_PARAMETER]: [d.id] } } };
	const service: INodeProperties = d.features.getServices
		? {
				displayName: `${d.name} Service Name or ID`,
				name: fieldName(d.id, 'Service'),
				type: 'options',
				typeOptions: {
					loadOptionsMethod: `getOfferServices_${d.id}`,
					loadOptionsDependsOn: [fieldName(d.id, 'Countries'), fieldName(d.id, 'Servers')],
				},
				default: '',
				required: true,
				description: `The service at ${d.name} (each provider has its own codes), with price and stock. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
				...show,
			}
		: {
				displayName: `${d.name} Service Code`,
				name: fieldName(d.id, 'Service'),
				type: 'string',
				default: '',
				required: true,
				placeholder: 'wa',
				description: `${d.name}'s service code, e.g. wa (WhatsApp), tg (Telegram)`,
				...show,
			};
	const countries: INodeProperties = d.features.getCountries
		? {
				displayName: `${d.name} Country Names or IDs`,
				name: fieldName(d.id, 'Countries'),
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: `getOfferCountries_${d.id}` },
				default: [],
				required: d.offer.countriesRequired,
				description: `${d.offer.countryHint}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
				...show,
			}
		: {
				displayName: `${d.name} Countries`,
				name: fieldName(d.id, 'Countries'),
				type: 'string',
				default: '',
				required: d.offer.countriesRequired,
				placeholder: '22, 6',
				description: d.offer.countryHint,
				...show,
			};
	const fields = [service, countries];
	if (d.providerValues) {
		fields.push({
			displayName: `${d.name} ${serversWord(d)}`,
			name: fieldName(d.id, 'Servers'),
			type: 'multiOptions',
			options: d.providerValues.map((v) => ({
				name: `${serversWord(d).replace(/s$/, '')} ${v}`,
				value: v,
			})),
			default: [],
			description: `Which ${serversWord(d).toLowerCase()} may sell; empty = all. Prices and stock differ per ${serversWord(d).toLowerCase().replace(/s$/, '')}.`,
			...show,
		});
	} else if (d.offer.operatorHint) {
		const operator = d.defaultProvider ?? '';
		fields.push({
			displayName: `${d.name} ${d.providerText.label}`,
			name: fieldName(d.id, 'Servers'),
			type: 'string',
			default: operator,
			description: d.offer.operatorHint,
			...show,
		});
	}
	return fields;
}

export const offerFields: INodeProperties[] = PROVIDER_IDS.flatMap((p) =>
	providerFields(DIALECTS[p]),
);

/** One provider's choice for one item: service code, allowed countries and servers (empty = all). */
export interface ProviderChoice {
	service: string;
	countries: string[];
	servers: string[];
}

function list(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
	return values.map((v) => String(v).trim()).filter(Boolean);
}

export function readChoice(ctx: IExecuteFunctions, d: Dialect, itemIndex: number): ProviderChoice {
	const service = String(ctx.getNodeParameter(fieldName(d.id, 'Service'), itemIndex, '')).trim();
	const countries = list(ctx.getNodeParameter(fieldName(d.id, 'Countries'), itemIndex, []));
	const servers = list(ctx.getNodeParameter(fieldName(d.id, 'Servers'), itemIndex, []));
	const fail = (message: string) => {
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
	};
	if (!/^[\w.-]+$/.test(service)) fail(`Choose the ${d.name} service (got "${service}")`);
	if (d.serviceIds === 'numericId' && !/^\d+$/.test(service))
		fail(`The ${d.name} service must be a number such as 101 (got "${service}")`);
	const bad = countries.find((c) => !/^\d+$/.test(c));
	if (bad !== undefined) fail(`${d.name} countries must be numbers (got "${bad}")`);
	if (d.offer.countriesRequired && countries.length === 0)
		fail(`Choose at least one ${d.name} country: ${d.offer.countryHint}`);
	if (d.providerValues) {
		const wrong = servers.find((s) => !d.providerValues?.includes(s));
		if (wrong !== undefined) fail(`${d.name} has no ${serversWord(d)} "${wrong}"`);
	}
	return { service, countries, servers };
}

/** Every currency a provider prices in (OTPGet PKR, the others INR), each once, in provider order. */
const CURRENCIES: ReadonlyArray<Dialect['currency']> = [
	...new Set(PROVIDER_IDS.map((p) => DIALECTS[p].currency)),
];

/** Best Offer's limits: an amount per currency (providers price in PKR or INR); the pipeline reads one. */
export const bestOfferLimitsField: INodeProperties = {
	displayName: 'Spend Limits',
	name: 'spendLimits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	description:
		"Refuse a purchase before any money moves; a refused offer is skipped for the next. The credential's limits also apply (the stricter one). OTPGet prices in PKR, the others in INR.",
	options: [
		...CURRENCIES.map((c) => ({
			displayName: `Max Price (${c})`,
			name: `maxPrice${c}`,
			type: 'number' as const,
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `Skip offers in ${c} that cost more than this (0 = no limit). An offer with no listed price is skipped under it.`,
		})),
		{
			displayName: 'Max Purchases per Execution',
			name: 'maxPurchases',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Most purchases this node may make in one execution, across every provider (0 = no limit). Reaching it stops the search.',
		},
		...CURRENCIES.map((c) => ({
			displayName: `Max Spend per Execution (${c})`,
			name: `maxSpend${c}`,
			type: 'number' as const,
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `Most this node may spend in ${c} in one execution, across every provider priced in ${c} (0 = no limit). Reaching it stops the search.`,
		})),
	],
};

/** The limits of one currency, in the shape the purchase pipeline reads (spendLimits.maxPrice...). */
export function limitsIn(raw: IDataObject, currency: string): IDataObject {
	return {
		maxPrice: raw[`maxPrice${currency}`],
		maxSpend: raw[`maxSpend${currency}`],
		maxPurchases: raw.maxPurchases,
	};
}
