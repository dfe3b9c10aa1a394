import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	durationLabel,
	durationProblem,
	parseRentalPricing,
	rentalRequests,
	RENTAL_DURATIONS,
	RENTAL_PROVIDERS,
} from '../../../../../protocol/rental';
import { requireOneOf, requirePattern, requireString } from '../../../../shared/parameters';
import { apiRequest } from '../../../../shared/transport';
import type { Quote } from '../purchase';

export const providerField: INodeProperties = {
	displayName: 'Server',
	name: 'provider',
	type: 'options',
	options: RENTAL_PROVIDERS.map((p) => ({ name: `Server ${p}`, value: p })),
	default: '2',
	description: 'Rental server (the API\'s "provider"). Server 2 only rents by the month.',
};

export const countryField: INodeProperties = {
	displayName: 'Country Name or ID',
	name: 'countryCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRentalCountries', loadOptionsDependsOn: ['provider'] },
	default: '',
	required: true,
	description:
		'Country of the number, as its code (ca, us, gb…). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const durationField: INodeProperties = {
	displayName: 'Duration Name or ID',
	name: 'durationHours',
	type: 'options',
	typeOptions: {
		loadOptionsMethod: 'getRentalDurations',
		loadOptionsDependsOn: ['provider', 'countryCode'],
	},
	default: '',
	required: true,
	description:
		'Rental period with its price, in hours (12, 24, 168, 720, 4320, 8640; Server 2: 720, 4320, 8640 only). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Renewing knows no server or country up front, so it offers every documented duration. */
export const anyDurationField: INodeProperties = {
	displayName: 'Duration',
	name: 'durationHours',
	type: 'options',
	options: Object.keys(RENTAL_DURATIONS).map((hours) => ({
		name: `${durationLabel(hours)} (${hours} h)`,
		value: hours,
	})),
	default: '720',
	description: 'How long to extend the rental. Server 2 rentals take 1, 6 or 12 months only.',
};

export function readProvider(this: IExecuteFunctions, itemIndex: number): string {
	return requireOneOf.call(this, 'provider', 'Server', RENTAL_PROVIDERS, itemIndex);
}

/** Codes are sent lower-case, as in the docs (ca, us, gb). */
export function readCountry(this: IExecuteFunctions, itemIndex: number): string {
	return requirePattern
		.call(
			this,
			'countryCode',
			'Country',
			/^[A-Za-z]{2,3}$/,
			'a country code such as ca, us or gb',
			itemIndex,
		)
		.toLowerCase();
}

/** Refuses a duration the provider would refuse (Server 2 rents by the month) before anything is bought. */
export function readDuration(this: IExecuteFunctions, provider: string, itemIndex: number): string {
	const hours = requireString.call(this, 'durationHours', 'Duration', itemIndex);
	const problem = durationProblem(provider, hours);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `"Duration" ${problem} (got "${hours}")`, {
			itemIndex,
		});
	}
	return hours;
}

/** The listed price of a country, server and duration (Get Pricing). */
export function rentalPrice(
	ctx: IExecuteFunctions,
	itemIndex: number,
	countryCode: string,
	provider: string,
	hours: string,
): { key: string; read: (quick: boolean) => Promise<Quote> } {
	return {
		key: `rental:${countryCode}:${provider}:${hours}`,
		read: async (quick) => {
			const prices = await apiRequest(
				ctx,
				rentalRequests.getRentalPricing(countryCode, provider),
				parseRentalPricing,
				itemIndex,
				{ quick },
			);
			const price = prices.find((p) => p.durationHours === hours)?.price ?? null;
			return price === null
				? {
						price: null,
						why: `Get Pricing lists no ${durationLabel(hours)} price for ${countryCode} on server ${provider}`,
					}
				: { price };
		},
	};
}
