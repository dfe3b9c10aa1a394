import { codeFrom } from '../code';
import { numberOrNull, optionalString, toIsoTime } from '../jsonAnswer';
import { isRecord, parseJsonLenient, scalarText, toNumber, toStringValue } from '../text';
import { first, okJson } from './json';

export interface SmsOrder {
	/** The id for getStatus/setStatus (activation_id when given). */
	orderId: string;
	providerOrderId: string | null;
	phone: string | null;
	service: string | null;
	serviceCode: string | null;
	country: string | null;
	countryCode: string | null;
	price: number | null;
	status: string | null;
	code: string | null;
	createdAt: string | null;
	/** The provider's entry as sent: the document does not describe this answer. */
	raw: Record<string, unknown>;
}

export interface SmsOrdersPage {
	orders: SmsOrder[];
	total: number | null;
	page: number | null;
}

/**
 * SastaOTP getOrders. The document gives its filters but not its answer: an "OK" object holding a list under
 * orders / data / items (or a bare list) is read, with the field names its getNumber answer uses.
 */
export function parseOrders(text: string): SmsOrdersPage | undefined {
	const json = parseJsonLenient(text);
	let list: unknown;
	let meta: Record<string, unknown> = {};
	if (Array.isArray(json)) list = json;
	else {
		const ok = okJson(text);
		if (!ok) return undefined;
		meta = ok;
		list = first(ok, ['orders', 'data', 'items']);
		if (list === undefined && toNumber(ok.total) === 0) list = [];
	}
	if (!Array.isArray(list)) return undefined;
	const orders: SmsOrder[] = [];
	for (const r of list) {
		if (!isRecord(r)) return undefined;
		const orderId = scalarText(r.activation_id) || scalarText(r.id) || scalarText(r.order_id);
		if (!orderId) return undefined;
		const sms = isRecord(r.sms) ? r.sms : {};
		const text2 = toStringValue(first(r, ['sms_text', 'text']) ?? sms.text);
		const code = codeFrom(first(r, ['code', 'otp']) ?? sms.code, text2);
		orders.push({
			orderId,
			providerOrderId: scalarText(r.order_id) || null,
			phone: optionalString(first(r, ['number', 'phone_number', 'phone'])),
			service: optionalString(first(r, ['service', 'service_name'])),
			serviceCode: optionalString(r.service_code),
			country: optionalString(first(r, ['country', 'country_name'])),
			countryCode: optionalString(r.country_code),
			price: numberOrNull(r.price),
			status: optionalString(r.status),
			code,
			createdAt: toIsoTime(first(r, ['created_at', 'createdAt', 'date'])),
			raw: r,
		});
	}
	return { orders, total: numberOrNull(meta.total), page: numberOrNull(meta.page) };
}
