import type { Dialect } from './dialects';
import { OTPGET } from './dialects';
import { isRecord, parseJsonLenient, splitFirst, toNumber, toStringValue } from './text';
import { purchase, read, write, type ApiRequest } from './request';

/** handler_api.php: the SMS-Activate protocol as OTPGet speaks it. */
export const smsRequests = {
	getBalance: (): ApiRequest => read('sms', 'getBalance'),
	getCountries: (providerType: string, d: Dialect = OTPGET): ApiRequest =>
		read('sms', 'getCountries', d.providerParam ? { [d.providerParam]: providerType } : {}),
	getServices: (country: string, providerType: string, d: Dialect = OTPGET): ApiRequest =>
		read('sms', 'getServices', { country, ...(d.providerParam ? { [d.providerParam]: providerType } : {}) }),
	getNumber: (service: string, country: string, providerType: string, d: Dialect = OTPGET): ApiRequest =>
		purchase('sms', 'getNumber', {
			service,
			country,
			...(d.providerParam ? { [d.providerParam]: providerType } : {}),
		}),
	getStatus: (id: string): ApiRequest => read('sms', 'getStatus', { id }),
	setStatus: (id: string, action: 'complete' | 'cancel', d: Dialect = OTPGET): ApiRequest =>
		write('sms', 'setStatus', { id, status: action === 'complete' ? d.status.complete : d.status.cancel }),
};

export function parseBalance(text: string): number | undefined {
	const [head, rest] = splitFirst(text);
	if (head !== 'ACCESS_BALANCE' || rest === undefined) return undefined;
	return toNumber(rest);
}

export interface NumberOrder {
	orderId: string;
	phone: string;
}

export function parseNumber(text: string): NumberOrder | undefined {
	const [head, rest] = splitFirst(text);
	if (head !== 'ACCESS_NUMBER' || rest === undefined) return undefined;
	const [orderId, phone] = splitFirst(rest);
	if (!orderId || !phone) return undefined;
	return { orderId: orderId.trim(), phone: phone.trim() };
}

export type ActivationState = 'waiting' | 'received' | 'cancelled';

export interface ActivationStatus {
	status: ActivationState;
	code: string | null;
	/** STATUS_WAIT_RETRY:<code> carries the previous code while the next one is awaited. */
	lastCode?: string;
	raw: string;
}

export function parseStatus(text: string): ActivationStatus | undefined {
	const [head, rest] = splitFirst(text);
	switch (head) {
		case 'STATUS_OK':
			return rest ? { status: 'received', code: rest.trim(), raw: text } : undefined;
		case 'STATUS_WAIT_CODE':
		case 'STATUS_WAIT_RESEND':
		case 'ACCESS_RETRY_GET':
			return { status: 'waiting', code: null, raw: text };
		case 'STATUS_WAIT_RETRY':
			return { status: 'waiting', code: null, lastCode: rest?.trim() || undefined, raw: text };
		case 'STATUS_CANCEL':
			return { status: 'cancelled', code: null, raw: text };
		default:
			return undefined;
	}
}

export type SetStatusOutcome = 'completed' | 'cancelled';

/**
 * The same word means different things per requested status (ACCESS_READY is OTPGet's refund answer).
 * An answer that does not confirm what was asked (ACCESS_RETRY_GET to a cancel) is not a success.
 */
export function parseSetStatus(text: string, action: 'complete' | 'cancel', d: Dialect = OTPGET): SetStatusOutcome | undefined {
	const word = splitFirst(text)[0];
	if (action === 'complete' && d.setStatusAnswers.completed.includes(word)) return 'completed';
	if (action === 'cancel' && d.setStatusAnswers.cancelled.includes(word)) return 'cancelled';
	return undefined;
}

export interface Country {
	id: string;
	name: string;
	providerType: string;
}

/** `{"1":[{"id":"33","name":"Canada"}],…}` keyed by provider type; a bare array is accepted too. */
export function parseCountries(text: string): Country[] | undefined {
	const json = parseJsonLenient(text);
	const toCountry = (c: unknown, providerType: string): Country | undefined => {
		if (!isRecord(c)) return undefined;
		const id = toStringValue(c.id ?? c.code);
		const name = toStringValue(c.name ?? c.eng);
		return id ? { id, name, providerType } : undefined;
	};
	if (Array.isArray(json)) return json.map((c) => toCountry(c, '')).filter((c): c is Country => !!c);
	if (!isRecord(json) || json.status !== undefined) return undefined;
	const out: Country[] = [];
	for (const [providerType, list] of Object.entries(json)) {
		if (!Array.isArray(list)) return undefined;
		for (const c of list) {
			const country = toCountry(c, providerType);
			if (country) out.push(country);
		}
	}
	return out;
}

export interface Service {
	id: string;
	name: string;
	price: number | null;
	currency: string | null;
}

/** `"Telegram - 45 PKR"` → name Telegram, price 45, currency PKR. A name with dashes keeps them. */
export function parseServiceLabel(label: string): Omit<Service, 'id'> {
	const m = /^(.*\S)\s+-\s+([\d.,]+)\s*([A-Za-z]{3})?\s*$/.exec(label.trim());
	if (!m) return { name: label.trim(), price: null, currency: null };
	return { name: m[1], price: toNumber(m[2]) ?? null, currency: m[3] ? m[3].toUpperCase() : null };
}

export function parseServices(text: string): Service[] | undefined {
	const json = parseJsonLenient(text);
	// PHP's json_encode writes an empty map as [].
	if (Array.isArray(json) && json.length === 0) return [];
	if (!isRecord(json) || ['status', 'error', 'message'].some((k) => k in json)) return undefined;
	const out: Service[] = [];
	for (const [id, label] of Object.entries(json)) {
		if (typeof label !== 'string') return undefined;
		out.push({ id, ...parseServiceLabel(label) });
	}
	return out;
}
