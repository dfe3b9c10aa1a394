import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { ApiRequest } from '../../../../protocol/request';

import { cheapRequests, parseCheapServers } from '../../../../protocol/cheap';
import { OTPGET } from '../../../../protocol/providers';
import { emailRequests, parseEmailServices } from '../../../../protocol/email';
import type { Rental } from '../../../../protocol/rental';
import {
	parseMyRentals,
	parseRentalCountries,
	parseRentalPricing,
	rentalRequests,
} from '../../../../protocol/rental';
import { parseCountries, parseServices, smsRequestsFor } from '../../../../protocol/sms';
import { currentDialectOf } from '../../../shared/provider';
import { currentDomain } from '../actions/email/fields';
import { toNodeError } from '../../../shared/errors';
import { apiRequest } from '../../../shared/transport';

/** A dropdown's request: its failure is shown in the editor as an n8n error, like an execution's. */
export async function load<T>(
	ctx: ILoadOptionsFunctions,
	request: ApiRequest,
	parse: (text: string) => T | undefined,
): Promise<T> {
	try {
		return await apiRequest(ctx, request, parse);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

function currentString(ctx: ILoadOptionsFunctions, name: string, fallback: string): string {
	const value = ctx.getCurrentNodeParameter(name);
	return value === undefined || value === null || value === '' ? fallback : String(value);
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export async function getSmsCountries(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const d = currentDialectOf(this);
	const providerType = d.params.countriesProvider
		? currentString(this, 'providerType', d.providerValues?.[0] ?? '')
		: undefined;
	const countries = await load(this, smsRequestsFor(d).getCountries(providerType), parseCountries);
	const options = countries
		.filter(
			(c) => providerType === undefined || c.providerType === '' || c.providerType === providerType,
		)
		.map((c) => ({ name: `${c.name} (${c.id})`, value: c.id }))
		.sort(byName);
	// Where the provider picks a country itself, "none" is a choice too.
	return d.countryOptional
		? [{ name: `Any Country (${d.name} Chooses)`, value: '' }, ...options]
		: options;
}

/** "Telegram — 18.5 INR (8420 in stock)": in the chosen country's price where the list gives one per country. */
export async function getSmsServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const d = currentDialectOf(this);
	const providerType = d.params.servicesProvider
		? currentString(
				this,
				'providerType',
				d.serviceIds === 'numericId' ? (d.providerValues?.[0] ?? '') : '',
			)
		: '';
	const country = currentString(this, 'country', '');
	if (country.startsWith('=')) return [];
	// OTPGet lists services per country only; the others list them all.
	if (d.serviceIds === 'numericId' && !country) return [];
	const request = smsRequestsFor(d).getServices({
		country: d.params.servicesCountry ? country || undefined : undefined,
		providerType: providerType || undefined,
	});
	const services = await load(this, request, (t) => parseServices(t, d));
	return services
		.map((s) => {
			const here = country ? s.countries?.find((c) => c.countryCode === country) : undefined;
			const price = here?.price ?? s.price;
			const stock = here ? here.stock : s.stock;
			const server = s.providerType && !providerType ? ` — ${s.providerType}` : '';
			const inStock =
				stock === undefined || stock === null
					? ''
					: stock > 0
						? ` (${stock} in stock)`
						: ' (out of stock)';
			const label =
				price === null ? s.name : `${s.name} — ${price} ${s.currency ?? d.currency}`.trim();
			return { name: `${label}${inStock}${server}`, value: s.id };
		})
		.sort(byName);
}

export async function getCheapServers(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const type = currentString(this, 'serverType', '1');
	const servers = await load(this, cheapRequests.getServers(type), parseCheapServers);
	return servers
		.filter((s) => s.type === '' || s.type === type)
		.map((s) => ({ name: s.name, value: s.id }))
		.sort(byName);
}

export async function getRentalCountries(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const provider = currentString(this, 'provider', '2');
	const countries = await load(
		this,
		rentalRequests.getRentalCountries(provider),
		parseRentalCountries,
	);
	return countries
		.filter((c) => !c.provider || c.provider === provider)
		.map((c) => ({ name: `${c.name} (${c.countryCode})`, value: c.countryCode }))
		.sort(byName);
}

/** "1 Month — 840.00 PKR", shortest first; the value is duration_hours. */
export async function getRentalDurations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const provider = currentString(this, 'provider', '2');
	const countryCode = currentString(this, 'countryCode', '');
	if (!countryCode || countryCode.startsWith('=')) return [];
	const tiers = await load(
		this,
		rentalRequests.getRentalPricing(countryCode, provider),
		parseRentalPricing,
	);
	return tiers
		.sort((a, b) => Number(a.durationHours) - Number(b.durationHours))
		.map((t) => ({
			name:
				t.price === null
					? t.durationLabel
					: `${t.durationLabel} — ${t.price.toFixed(2)} ${OTPGET.currency}`,
			value: t.durationHours,
		}));
}

/** "Instagram — 120.00 PKR (48 in stock)". */
export async function getEmailServices(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const domain = currentDomain(
		currentString(this, 'domain', ''),
		currentString(this, 'customDomain', ''),
	);
	const services = await load(this, emailRequests.getEmailServices(domain), parseEmailServices);
	return services
		.map((s) => {
			const price = s.price === null ? '' : ` — ${s.price.toFixed(2)} ${OTPGET.currency}`;
			const stock =
				s.stock === null ? '' : s.stock > 0 ? ` (${s.stock} in stock)` : ' (out of stock)';
			return { name: `${s.name}${price}${stock}`, value: s.serviceId };
		})
		.sort(byName);
}

/** "3434337545 — Canada — Server 2 — expires 2026-04-09 21:55:55", active rentals first. */
async function rentalOptions(
	ctx: ILoadOptionsFunctions,
	value: (r: Rental) => string,
): Promise<INodePropertyOptions[]> {
	const rentals = await load(ctx, rentalRequests.getMyRentals(), parseMyRentals);
	const rank = (r: Rental) => (r.status === 'active' ? 0 : 1);
	return [...rentals]
		.sort((a, b) => rank(a) - rank(b) || a.expiryTime.localeCompare(b.expiryTime))
		.map((r) => ({
			name: [
				r.phone,
				r.countryName || r.countryCode,
				r.server,
				`${r.status === 'active' ? 'expires' : 'expired'} ${r.expiryTime}`,
			]
				.filter(Boolean)
				.join(' — '),
			value: value(r),
		}));
}

/** Renew takes the rental's "id". */
export async function getRentalsById(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await rentalOptions(this, (r) => r.rentalId);
}

/** Get SMS takes the rental's "order_id". */
export async function getRentalsBySmsOrderId(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await rentalOptions(this, (r) => r.smsOrderId);
}
