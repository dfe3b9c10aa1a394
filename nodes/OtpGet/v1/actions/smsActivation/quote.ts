import type { IExecuteFunctions } from 'n8n-workflow';

import type { Dialect } from '../../../../../protocol/providers';
import { parseServices, smsRequestsFor, type Service } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import type { Quote } from '../purchase';

export interface NumberChoice {
	service: string;
	country?: string;
	providerType?: string;
}

/** A price in the wallet's currency, or why it is not one (a label in another currency is no wallet price). */
function inWallet(d: Dialect, price: number | null, currency: string | null | undefined): Quote {
	if (price === null) return { price: null, why: 'the services list shows no price for it' };
	if (currency && currency.toUpperCase() !== d.currency) {
		return {
			price: null,
			why: `the services list prices it in ${currency.toUpperCase()}, not in your wallet's ${d.currency}`,
		};
	}
	return { price };
}

/**
 * Without a country, the provider picks one (SastaOTP: "Omit for auto-select"; read as the cheapest in stock, but
 * a server may pick another): the quote spans the countries in stock, from the cheapest to the dearest.
 */
function autoSelected(d: Dialect, found: Service): Quote | undefined {
	const priced = (found.countries ?? []).filter((c) => c.price !== null);
	const inStock = priced.filter((c) => c.stock === null || c.stock > 0);
	const pool = inStock.length > 0 ? inStock : priced;
	if (pool.length === 0) return undefined;
	const prices = pool.map((c) => c.price as number);
	const least = inWallet(d, Math.min(...prices), found.currency);
	return least.price === null ? least : { price: least.price, most: Math.max(...prices) };
}

/** What a number of `choice` will cost, from the provider's services list (one read per execution and key). */
export async function serviceQuote(
	ctx: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
	choice: NumberChoice,
	quick: boolean,
): Promise<Quote> {
	const request = smsRequestsFor(d).getServices({
		country: d.params.servicesCountry ? choice.country : undefined,
		providerType: d.params.servicesProvider ? choice.providerType : undefined,
	});
	const services = await apiRequest(ctx, request, (t) => parseServices(t, d), itemIndex, {
		quick,
	});
	const found = services.find((s) => s.id === choice.service);
	if (!found) return { price: null, why: `"${choice.service}" is not in the services list` };
	if (choice.country && found.countries) {
		const here = found.countries.find((c) => c.countryCode === choice.country);
		if (here) return inWallet(d, here.price, found.currency);
	}
	if (!choice.country) return autoSelected(d, found) ?? inWallet(d, found.price, found.currency);
	return inWallet(d, found.price, found.currency);
}
