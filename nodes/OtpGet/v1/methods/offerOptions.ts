import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { DIALECTS, PROVIDER_IDS, type Dialect } from '../../../../protocol/providers';
import { parseCountries, parseServices, smsRequestsFor } from '../../../../protocol/sms';
import { load } from './loadOptions';

/** Best Offer's dropdowns: one per provider, each with that provider's credential and codes. */

function first(ctx: ILoadOptionsFunctions, name: string): string {
	const raw = ctx.getCurrentNodeParameter(name);
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value === null ? '' : String(value).split(',')[0].trim();
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

async function countries(ctx: ILoadOptionsFunctions, d: Dialect): Promise<INodePropertyOptions[]> {
	const type = d.params.countriesProvider
		? first(ctx, `${d.id}Servers`) || (d.providerValues?.[0] ?? '')
		: undefined;
	const list = await load(ctx, smsRequestsFor(d).getCountries(type), parseCountries);
	return list.map((c) => ({ name: `${c.name} (${c.id})`, value: c.id })).sort(byName);
}

/** Price and stock in the label; OTPGet's list is per country and type: the first chosen of each. */
async function services(ctx: ILoadOptionsFunctions, d: Dialect): Promise<INodePropertyOptions[]> {
	const perCountry = d.serviceIds === 'numericId';
	const country = perCountry ? first(ctx, `${d.id}Countries`) : '';
	if (perCountry && !/^\d+$/.test(country)) return [];
	const type = perCountry ? first(ctx, `${d.id}Servers`) || (d.providerValues?.[0] ?? '') : '';
	const request = smsRequestsFor(d).getServices({
		country: country || undefined,
		providerType: type || undefined,
	});
	const list = await load(ctx, request, (t) => parseServices(t, d));
	const seen = new Set<string>();
	return list
		.filter((s) => !seen.has(s.id) && !!seen.add(s.id))
		.map((s) => {
			const price = s.price === null ? '' : ` — from ${s.price} ${s.currency ?? d.currency}`;
			return { name: `${s.name}${price} (${s.id})`, value: s.id };
		})
		.sort(byName);
}

type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/**
 * One dropdown per provider that lists countries or services, named after it (bestOffer.fields.ts asks for
 * getOfferCountries_<id> / getOfferServices_<id>): a new provider module gets its own from its features.
 */
export const offerMethods: Readonly<Record<string, LoadOptionsMethod>> = Object.fromEntries(
	PROVIDER_IDS.flatMap((p) => {
		const d = DIALECTS[p];
		const methods: Array<[string, LoadOptionsMethod]> = [];
		if (d.features.getCountries)
			methods.push([
				`getOfferCountries_${p}`,
				async function (this: ILoadOptionsFunctions) {
					return await countries(this, d);
				},
			]);
		if (d.features.getServices)
			methods.push([
				`getOfferServices_${p}`,
				async function (this: ILoadOptionsFunctions) {
					return await services(this, d);
				},
			]);
		return methods;
	}),
);
