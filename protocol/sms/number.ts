import { numberOrNull, optionalString } from '../jsonAnswer';
import { scalarText, splitFirst, toNumber } from '../text';
import { okJson, bool } from './json';

/** `ACCESS_BALANCE:500.00`, or SastaOTP's `{"status":"OK","balance":125.50,"currency":"INR"}`. */
export function parseBalance(text: string): number | undefined {
	const [head, rest] = splitFirst(text);
	if (head === 'ACCESS_BALANCE' && rest !== undefined) return toNumber(rest);
	return toNumber(okJson(text)?.balance);
}

export interface NumberOrder {
	/** The id getStatus and setStatus take (SastaOTP's activation_id, not its order_id). */
	orderId: string;
	phone: string;
	/** Present only when the answer says (SastaOTP JSON). */
	price?: number | null;
	currency?: string;
	expiresInSeconds?: number | null;
	/** The service can deliver another code on this number (setStatus requestAnotherSms). */
	multiSms?: boolean;
	canGetAnotherSms?: boolean;
	service?: string;
	serviceCode?: string;
	country?: string;
	countryCode?: string;
	/** SastaOTP's own order number, shown in its dashboard (not for the API calls). */
	providerOrderId?: string;
	note?: string | null;
}

function plainNumber(text: string, word: string): NumberOrder | undefined {
	const [head, rest] = splitFirst(text);
	if (head !== word || rest === undefined) return undefined;
	const [orderId, phone] = splitFirst(rest);
	if (!orderId?.trim() || !phone?.trim()) return undefined;
	return { orderId: orderId.trim(), phone: phone.trim() };
}

/** Copies the optional fields a JSON purchase answer carries, leaving out the ones it does not. */
function jsonExtras(body: Record<string, unknown>): Omit<NumberOrder, 'orderId' | 'phone'> {
	const out: Omit<NumberOrder, 'orderId' | 'phone'> = {};
	if (body.price !== undefined) out.price = numberOrNull(body.price);
	const currency = optionalString(body.currency);
	if (currency) out.currency = currency;
	if (body.expires_in !== undefined) out.expiresInSeconds = numberOrNull(body.expires_in);
	const multi = bool(body.multi_sms);
	if (multi !== undefined) out.multiSms = multi;
	const another = bool(body.can_get_another_sms);
	if (another !== undefined) out.canGetAnotherSms = another;
	for (const [from, to] of [
		['service', 'service'],
		['service_code', 'serviceCode'],
		['country', 'country'],
		['country_code', 'countryCode'],
	] as const) {
		const value = optionalString(body[from]);
		if (value) out[to] = value;
	}
	if (body.note !== undefined) out.note = optionalString(body.note);
	return out;
}

/** The number of a JSON purchase answer: a string or number holding digits. */
function jsonPhone(body: Record<string, unknown>): string {
	return [body.number, body.phone_number].map(scalarText).find((phone) => /\d/.test(phone)) ?? '';
}

/** `ACCESS_NUMBER:id:phone`, or SastaOTP's JSON (format=json) where activation_id is the id to poll. */
export function parseNumber(text: string): NumberOrder | undefined {
	const plain = plainNumber(text, 'ACCESS_NUMBER');
	if (plain) return plain;
	const body = okJson(text);
	if (!body) return undefined;
	const orderId = scalarText(body.activation_id);
	const phone = jsonPhone(body);
	// A JSON "OK" without the activation id cannot be polled: decode() quotes it whole instead.
	if (!orderId || !phone) return undefined;
	const providerOrderId = scalarText(body.order_id);
	return { orderId, phone, ...(providerOrderId ? { providerOrderId } : {}), ...jsonExtras(body) };
}

/** SastaOTP regetNumber: `REGET_NUMBER_OK:NEW_ID:PHONE`, or JSON with new_activation_id. Charged again. */
export function parseRegetNumber(text: string): NumberOrder | undefined {
	const plain = plainNumber(text, 'REGET_NUMBER_OK');
	if (plain) return plain;
	const body = okJson(text);
	if (!body) return undefined;
	const orderId = scalarText(body.new_activation_id);
	const phone = jsonPhone(body);
	if (!orderId || !phone) return undefined;
	const providerOrderId = scalarText(body.new_order_id);
	return { orderId, phone, ...(providerOrderId ? { providerOrderId } : {}), ...jsonExtras(body) };
}
