import type { Dialect } from '../providers';
import { numberOrNull, optionalString } from '../jsonAnswer';
import { isRecord, parseJsonLenient, scalarText, toNumber, toStringValue } from '../text';
import { okJson, bool } from './json';

export interface Country {
	id: string;
	name: string;
	providerType: string;
}

/**
 * OTPGet's `{"1":[{"id":"33","name":"Canada"}],…}` keyed by provider type, a bare array, or SastaOTP's
 * `{"status":"OK","countries":[{"id":91,"eng":"India","code":"91"}]}` (whose getNumber takes `code`).
 */
export function parseCountries(text: string): Country[] | undefined {
	const json = parseJsonLenient(text);
	const toCountry = (
		c: unknown,
		providerType: string,
		preferCode: boolean,
	): Country | undefined => {
		if (!isRecord(c)) return undefined;
		const id = preferCode
			? scalarText(c.code) || scalarText(c.id)
			: scalarText(c.id) || scalarText(c.code);
		const name = toStringValue(c.name ?? c.eng);
		return id ? { id, name, providerType } : undefined;
	};
	if (Array.isArray(json))
		return json.map((c) => toCountry(c, '', false)).filter((c): c is Country => !!c);
	if (!isRecord(json)) return undefined;
	if (json.status !== undefined) {
		const ok = okJson(text);
		if (!ok || !Array.isArray(ok.countries)) return undefined;
		return ok.countries.map((c) => toCountry(c, '', true)).filter((c): c is Country => !!c);
	}
	const out: Country[] = [];
	for (const [providerType, list] of Object.entries(json)) {
		if (!Array.isArray(list)) return undefined;
		for (const c of list) {
			const country = toCountry(c, providerType, false);
			if (country) out.push(country);
		}
	}
	return out;
}

export interface ServiceCountry {
	countryCode: string;
	countryName: string;
	price: number | null;
	stock: number | null;
}

export interface Service {
	id: string;
	name: string;
	price: number | null;
	currency: string | null;
	/** Numbers in stock (InstaOTP qty, SastaOTP available). */
	stock?: number | null;
	/** The server it is sold on (InstaOTP). */
	providerType?: string;
	country?: string;
	multiSms?: boolean;
	expiresInSeconds?: number | null;
	/** Per-country prices (SastaOTP). */
	countries?: ServiceCountry[];
}

/** `"Telegram - 45 PKR"` → name Telegram, price 45, currency PKR. A name with dashes keeps them. */
export function parseServiceLabel(label: string): Omit<Service, 'id'> {
	const m = /^(.*\S)\s+-\s+([\d.,]+)\s*([A-Za-z]{3})?\s*$/.exec(label.trim());
	if (!m) return { name: label.trim(), price: null, currency: null };
	return { name: m[1], price: toNumber(m[2]) ?? null, currency: m[3] ? m[3].toUpperCase() : null };
}

/** InstaOTP: `{"1":[{"id":"vk","service":"…","price":"3.12","qty":"1052","country":"22","provider":"1"}]}`. */
function serverServices(json: Record<string, unknown>, currency: string): Service[] | undefined {
	const out: Service[] = [];
	for (const [server, list] of Object.entries(json)) {
		if (!Array.isArray(list)) return undefined;
		for (const s of list) {
			if (!isRecord(s)) return undefined;
			const id = scalarText(s.id) || scalarText(s.code);
			if (!id) return undefined;
			const country = optionalString(s.country);
			out.push({
				id,
				name: toStringValue(s.service ?? s.name).trim() || id,
				price: numberOrNull(s.price),
				currency: optionalString(s.currency) ?? currency,
				stock: numberOrNull(s.qty ?? s.count ?? s.available),
				providerType: optionalString(s.provider) ?? server,
				...(country ? { country } : {}),
			});
		}
	}
	return out;
}

/** SastaOTP getServicesList: `{"status":"OK","services":{"tg":{"code","name","price","available",…}}}`. */
function listedServices(services: unknown, currency: string): Service[] | undefined {
	const entries: Array<[string, unknown]> = Array.isArray(services)
		? services.map((s) => [isRecord(s) ? scalarText(s.code) : '', s])
		: isRecord(services)
			? Object.entries(services)
			: [];
	if (!Array.isArray(services) && !isRecord(services)) return undefined;
	const out: Service[] = [];
	for (const [key, s] of entries) {
		if (!isRecord(s)) return undefined;
		const id = scalarText(s.code) || key.trim();
		if (!id) return undefined;
		const service: Service = {
			id,
			name: toStringValue(s.name).trim() || id,
			price: numberOrNull(s.price),
			currency: optionalString(s.currency) ?? currency,
			stock: numberOrNull(s.available ?? s.qty),
		};
		const multi = bool(s.multi_sms);
		if (multi !== undefined) service.multiSms = multi;
		if (s.expires_in !== undefined) service.expiresInSeconds = numberOrNull(s.expires_in);
		if (Array.isArray(s.countries)) {
			service.countries = s.countries.filter(isRecord).map((c) => ({
				countryCode: toStringValue(c.country_code ?? c.code).trim(),
				countryName: toStringValue(c.country_name ?? c.name),
				price: numberOrNull(c.price),
				stock: numberOrNull(c.qty ?? c.available),
			}));
		}
		out.push(service);
	}
	return out;
}

/**
 * Every documented services answer: OTPGet's `{"101":"Telegram - 45 PKR"}`, InstaOTP's lists keyed by server,
 * SastaOTP's `{"status":"OK","services":{…}}`. Prices without a currency are in `d`'s currency (OTPGet's labels
 * carry theirs).
 */
export function parseServices(text: string, d: Dialect): Service[] | undefined {
	const json = parseJsonLenient(text);
	// PHP's json_encode writes an empty map as [].
	if (Array.isArray(json) && json.length === 0) return [];
	if (!isRecord(json)) return undefined;
	if ('services' in json) {
		const ok = okJson(text);
		return ok ? listedServices(ok.services, d.currency) : undefined;
	}
	if (['status', 'error', 'message'].some((k) => k in json)) return undefined;
	const values = Object.values(json);
	if (values.length > 0 && values.every(Array.isArray)) return serverServices(json, d.currency);
	const out: Service[] = [];
	for (const [id, label] of Object.entries(json)) {
		if (typeof label !== 'string') return undefined;
		out.push({ id, ...parseServiceLabel(label) });
	}
	return out;
}
