import type { IExecuteFunctions } from 'n8n-workflow';

import { DIALECTS, type Dialect, type ProviderId } from '../../../../../protocol/providers';
import { parseServices, smsRequestsFor, type Service } from '../../../../../protocol/sms';
import { CREDENTIAL_TYPES } from '../../../../shared/provider';
import { ledgerOf, readOnce } from '../../../../shared/spend';
import { apiRequest } from '../../../../shared/transport';
import type { ProviderChoice } from './bestOffer.fields';

/** One place a number can be bought: provider, country, server, and what its list says. */
export interface Offer {
	provider: ProviderId;
	currency: string;
	service: string;
	country?: string;
	providerType?: string;
	/** null: the provider lists no price for it (OTPX lists none). */
	price: number | null;
	stock: number | null;
}

/** An offer not tried (or tried and refused): where, and why. */
export interface Skip {
	provider: ProviderId;
	country?: string;
	providerType?: string;
	price?: number | null;
	code?: string;
	reason: string;
}

export type Ranking = 'cheapest' | 'order';

/** A services list, read once per execution and credential (the ledger's price cache). */
async function servicesList(
	ctx: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
	filter: { country?: string; providerType?: string },
): Promise<Service[]> {
	const ledger = ledgerOf(ctx, CREDENTIAL_TYPES[d.id]);
	const key = `offers:${d.id}:${filter.country ?? ''}:${filter.providerType ?? ''}`;
	return await readOnce(
		ledger,
		key,
		async () =>
			await apiRequest(
				ctx,
				smsRequestsFor(d).getServices(filter),
				(t) => parseServices(t, d),
				itemIndex,
			),
	);
}

/** A listed price in the wallet's currency, else null (a label in another currency is no wallet price). */
function walletPrice(d: Dialect, price: number | null, currency: string | null | undefined) {
	return price !== null && (!currency || currency.toUpperCase() === d.currency) ? price : null;
}

const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Every offer of one provider for the choice, from its price lists; what could not be read is a skip. */
export async function offersOf(
	ctx: IExecuteFunctions,
	d: Dialect,
	choice: ProviderChoice,
	itemIndex: number,
): Promise<{ offers: Offer[]; skipped: Skip[] }> {
	const offers: Offer[] = [];
	const skipped: Skip[] = [];
	const base = { provider: d.id, currency: d.currency, service: choice.service };
	const allowed = (country: string | undefined) =>
		choice.countries.length === 0 || (country !== undefined && choice.countries.includes(country));
	const onServer = (server: string | undefined) =>
		choice.servers.length === 0 || (server !== undefined && choice.servers.includes(server));

	if (!d.features.servicePrices) {
		// OTPX lists nothing: one offer per country, price unknown until bought.
		for (const country of choice.countries)
			offers.push({ ...base, country, providerType: choice.servers[0], price: null, stock: null });
		return { offers, skipped };
	}
	if (d.serviceIds === 'numericId') {
		// OTPGet lists services per country and provider type.
		for (const country of choice.countries) {
			for (const providerType of choice.servers.length
				? choice.servers
				: (d.providerValues ?? [])) {
				const where = { provider: d.id, country, providerType };
				try {
					const found = (await servicesList(ctx, d, itemIndex, { country, providerType })).find(
						(s) => s.id === choice.service,
					);
					if (!found) skipped.push({ ...where, reason: 'not in the price list here' });
					else
						offers.push({
							...base,
							...where,
							price: walletPrice(d, found.price, found.currency),
							stock: found.stock ?? null,
						});
				} catch (error) {
					skipped.push({ ...where, reason: `price list unreadable: ${why(error)}` });
				}
			}
		}
		return { offers, skipped };
	}
	let list: Service[];
	try {
		list = await servicesList(ctx, d, itemIndex, {});
	} catch (error) {
		return {
			offers,
			skipped: [{ provider: d.id, reason: `price list unreadable: ${why(error)}` }],
		};
	}
	for (const s of list.filter((s) => s.id === choice.service)) {
		// SastaOTP prices each country of a service; InstaOTP lists one entry per server and country.
		const places = s.countries?.length
			? s.countries.map((c) => ({ country: c.countryCode, price: c.price, stock: c.stock }))
			: [{ country: s.country, price: s.price, stock: s.stock ?? null }];
		for (const place of places) {
			if (!allowed(place.country) || !onServer(s.providerType)) continue;
			offers.push({
				...base,
				country: place.country,
				providerType: s.providerType,
				price: walletPrice(d, place.price, s.currency),
				stock: place.stock ?? null,
			});
		}
	}
	if (offers.length === 0)
		skipped.push({
			provider: d.id,
			reason: 'the service is not listed for the allowed countries or servers',
		});
	return { offers, skipped };
}

/**
 * In-stock offers in buying order. Cheapest first compares prices within a currency; across currencies it
 * uses `pkrPerInr` when given, else the providers' order decides between currencies. Unknown prices go last.
 * Explicit order: the providers' order, cheapest first within each provider.
 */
export function rank(
	offers: Offer[],
	providers: readonly ProviderId[],
	ranking: Ranking,
	pkrPerInr: number,
): { ranked: Offer[]; skipped: Skip[] } {
	const skipped: Skip[] = [];
	const inStock = offers.filter((o) => {
		if (o.stock !== 0) return true;
		skipped.push({ ...where(o), price: o.price, reason: 'out of stock (the list shows 0)' });
		return false;
	});
	const position = (o: Offer) => providers.indexOf(o.provider);
	const currencyRank = (o: Offer) =>
		providers.findIndex((p) => DIALECTS[p].currency === o.currency);
	const value = (o: Offer) =>
		o.price === null
			? Infinity
			: o.currency === 'INR' && pkrPerInr > 0
				? o.price * pkrPerInr
				: o.price;
	const ranked = [...inStock].sort((a, b) => {
		if (ranking === 'order' && position(a) !== position(b)) return position(a) - position(b);
		if (ranking === 'cheapest' && !(pkrPerInr > 0) && a.currency !== b.currency)
			return currencyRank(a) - currencyRank(b);
		return value(a) - value(b) || position(a) - position(b);
	});
	return { ranked, skipped };
}

export const where = (o: Offer): Omit<Skip, 'reason'> => ({
	provider: o.provider,
	country: o.country,
	providerType: o.providerType,
});
