import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { parseCountries, parseServices, smsRequests } from '../../../../protocol/sms';
import { apiRequest } from '../transport';

function currentString(ctx: ILoadOptionsFunctions, name: string, fallback: string): string {
	const value = ctx.getCurrentNodeParameter(name);
	return value === undefined || value === null || value === '' ? fallback : String(value);
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export async function getSmsCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const providerType = currentString(this, 'providerType', '1');
	const countries = await apiRequest(this, smsRequests.getCountries(providerType), parseCountries);
	return countries
		.filter((c) => c.providerType === '' || c.providerType === providerType)
		.map((c) => ({ name: `${c.name} (${c.id})`, value: c.id }))
		.sort(byName);
}

export async function getSmsServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const providerType = currentString(this, 'providerType', '1');
	const country = currentString(this, 'country', '');
	if (!country || country.startsWith('=')) return [];
	const services = await apiRequest(this, smsRequests.getServices(country, providerType), parseServices);
	return services
		.map((s) => ({
			name: s.price === null ? s.name : `${s.name} — ${s.price} ${s.currency ?? ''}`.trim(),
			value: s.id,
		}))
		.sort(byName);
}
