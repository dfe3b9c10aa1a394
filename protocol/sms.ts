import { codeFrom, DEFAULT_CODE_PATTERN, extractCode } from './code';
import type { Dialect, SmsAction, StatusIntent } from './providers';
import { ProviderError, type ErrorEntry } from './errors';
import { numberOrNull, optionalString, toIsoTime } from './jsonAnswer';
import {
	isRecord,
	parseJsonLenient,
	scalarText,
	splitFirst,
	toNumber,
	toStringValue,
} from './text';
import { requestsOf, type ApiRequest, type RequestKind } from './request';

/** Raised before anything is sent: the provider's document offers no such operation or option. */
export function notSupported(d: Dialect, what: string): ProviderError {
	const entry: ErrorEntry = {
		kind: 'input',
		retryable: false,
		message: `${d.name} does not offer ${what}`,
		hint: `Choose an operation ${d.name}'s API documents`,
	};
	return new ProviderError('NOT_SUPPORTED', entry);
}

function invalidInput(message: string, hint: string): ProviderError {
	return new ProviderError('INVALID_INPUT', { kind: 'input', retryable: false, message, hint });
}

export interface GetNumberOptions {
	/** OTPGet: the numeric id from getServices (101); the others: a code (tg, wa). */
	service: string;
	/** Optional where the dialect says so (SastaOTP auto-selects). */
	country?: string;
	/** The dialect's providerParam value: OTPGet type, OTPX/SastaOTP operator, InstaOTP server. */
	providerType?: string;
	/** Price ceiling in the dialect's currency; only where `features.maxPrice`. Never dropped silently. */
	maxPrice?: number | string;
}

export interface GetServicesOptions {
	country?: string;
	providerType?: string;
	/** One service code (SastaOTP). */
	service?: string;
}

export interface GetOrdersOptions {
	limit?: number;
	page?: number;
	/** pending | completed | cancelled | expired (SastaOTP). */
	status?: string;
}

export interface SmsRequests {
	getBalance(): ApiRequest;
	getCountries(providerType?: string): ApiRequest;
	getServices(options?: GetServicesOptions): ApiRequest;
	getNumber(options: GetNumberOptions): ApiRequest;
	getNumberV2(options: GetNumberOptions): ApiRequest;
	getStatus(id: string): ApiRequest;
	getStatusV2(id: string): ApiRequest;
	/** `value`: another form the dialect accepts for the intent (statusFallback.ts). */
	setStatus(id: string, intent: StatusIntent, value?: string): ApiRequest;
	getOrders(options?: GetOrdersOptions): ApiRequest;
	/** A new code on the number of a completed multi-SMS order: charged again. */
	regetNumber(id: string): ApiRequest;
}

const KIND_OF: Record<SmsAction, RequestKind> = {
	getBalance: 'read',
	getCountries: 'read',
	getServices: 'read',
	getNumber: 'purchase',
	getNumberV2: 'purchase',
	getStatus: 'read',
	getStatusV2: 'read',
	setStatus: 'write',
	getOrders: 'read',
	regetNumber: 'purchase',
};

/** Only parameters the dialect names are sent; empty values are dropped by toHttpCall. */
function named(name: string | undefined, value: string | undefined): Record<string, string> {
	return name && value !== undefined && value !== '' ? { [name]: value } : {};
}

/** handler_api.php requests in one provider's dialect: action names, parameter names and status values. */
export function smsRequestsFor(d: Dialect): SmsRequests {
	const builders = requestsOf(d.id);
	const build = (action: SmsAction, params: Record<string, string>, what: string): ApiRequest => {
		const name = d.actions[action];
		if (!name) throw notSupported(d, what);
		const format =
			d.jsonFormat && d.jsonFormat.actions.includes(action)
				? { [d.jsonFormat.param]: d.jsonFormat.value }
				: {};
		return builders[KIND_OF[action]]('sms', name, { ...params, ...format });
	};
	const numberParams = (o: GetNumberOptions): Record<string, string> => {
		const maxPrice =
			o.maxPrice === undefined || o.maxPrice === '' ? undefined : String(o.maxPrice).trim();
		if (maxPrice !== undefined) {
			// Dropping a price ceiling the user set could spend more than they allowed.
			if (!d.params.maxPrice) throw notSupported(d, 'a maximum price on Get Number');
			const n = Number(maxPrice);
			if (!Number.isFinite(n) || n <= 0)
				throw invalidInput(
					`Max Price must be a positive amount in ${d.currency} (got "${maxPrice}")`,
					'Enter a number such as 20, or leave Max Price empty',
				);
		}
		return {
			service: o.service,
			...named('country', o.country),
			...named(d.providerParam, o.providerType || d.defaultProvider),
			...named(d.params.maxPrice, maxPrice),
		};
	};
	return {
		getBalance: () => build('getBalance', {}, 'a balance check'),
		getCountries: (providerType) =>
			build('getCountries', named(d.params.countriesProvider, providerType), 'a countries list'),
		getServices: (o = {}) =>
			build(
				'getServices',
				{
					...named(d.params.servicesCountry, o.country),
					...named(d.params.servicesProvider, o.providerType),
					...named(d.params.serviceFilter, o.service),
				},
				'a services list',
			),
		getNumber: (o) => build('getNumber', numberParams(o), 'Get Number'),
		getNumberV2: (o) => build('getNumberV2', numberParams(o), 'Get Number V2'),
		getStatus: (id) => build('getStatus', { id }, 'Get Status'),
		getStatusV2: (id) => build('getStatusV2', { id }, 'Get Status V2'),
		setStatus: (id, intent, value) => {
			const status = value ?? d.status[intent];
			if (status === undefined) throw notSupported(d, STATUS_WHAT[intent]);
			return build('setStatus', { id, status }, 'Set Status');
		},
		getOrders: (o = {}) => {
			const orders = d.orders;
			if (!orders) throw notSupported(d, 'an order history');
			if (o.status !== undefined && o.status !== '' && !orders.statuses.includes(o.status)) {
				throw invalidInput(
					`Order status must be one of ${orders.statuses.join(', ')} (got "${o.status}")`,
					'Pick a status from the list, or leave it empty for all orders',
				);
			}
			if (
				o.limit !== undefined &&
				!(Number.isInteger(o.limit) && o.limit >= 1 && o.limit <= orders.maxLimit)
			) {
				throw invalidInput(
					`Limit must be a whole number from 1 to ${orders.maxLimit} (got ${o.limit})`,
					`${d.name} returns at most ${orders.maxLimit} orders per page`,
				);
			}
			if (o.page !== undefined && !(Number.isInteger(o.page) && o.page >= 1)) {
				throw invalidInput(
					`Page must be a whole number from 1 (got ${o.page})`,
					'Pages start at 1',
				);
			}
			return build(
				'getOrders',
				{
					...named('limit', o.limit === undefined ? undefined : String(o.limit)),
					...named('page', o.page === undefined ? undefined : String(o.page)),
					...named('status', o.status),
				},
				'an order history',
			);
		},
		regetNumber: (id) => build('regetNumber', { id }, 'a new code on the same number'),
	};
}

const STATUS_WHAT: Record<StatusIntent, string> = {
	complete: 'completing an order (its orders finish on their own)',
	cancel: 'cancelling an order',
	requestAnotherSms: 'asking for another SMS on the same number',
	ready: 'a "number ready" status',
};

/** The first of `keys` that holds a value. */
const first = (r: Record<string, unknown>, keys: readonly string[]): unknown =>
	keys.map((k) => r[k]).find((v) => v !== undefined && v !== null && v !== '');

const SUCCESS_WORDS = new Set(['ok', 'success', 'true', '200']);

/** A JSON object whose "status" says OK (SastaOTP's format=json), or undefined. */
function okJson(text: string): Record<string, unknown> | undefined {
	const json = parseJsonLenient(text);
	if (!isRecord(json)) return undefined;
	return SUCCESS_WORDS.has(toStringValue(json.status).trim().toLowerCase()) ? json : undefined;
}

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

const bool = (value: unknown): boolean | undefined =>
	typeof value === 'boolean'
		? value
		: value === 1 || value === '1' || value === 'true'
			? true
			: value === 0 || value === '0' || value === 'false'
				? false
				: undefined;

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

export type ActivationState = 'waiting' | 'received' | 'cancelled';

export interface ActivationStatus {
	status: ActivationState;
	/** The code alone ("123456"), or null when none could be read from what arrived. */
	code: string | null;
	/** What the provider sent after STATUS_OK: the code, or on some providers the whole SMS. */
	text?: string;
	/** STATUS_WAIT_RETRY:<code> carries the previous code while the next one is awaited. */
	lastCode?: string;
	raw: string;
}

/** A payload without spaces is the code as sent (codes may hold letters or colons); 740-279 is typed 740279. */
const BARE_CODE = /^\S{1,32}$/;

/**
 * The code in STATUS_OK's payload. Providers send the code, or the SMS itself ("Your WhatsApp code is
 * 123-456. Don't share"): the code is then read from the text, never the whole text returned as the code.
 */
export function codeOfPayload(payload: string, pattern?: string): string | null {
	const text = payload.trim();
	if (text === '') return null;
	const bare = BARE_CODE.test(text) ? text : null;
	if (pattern && pattern !== DEFAULT_CODE_PATTERN) return extractCode(text, pattern) ?? bare;
	if (bare) {
		const found = extractCode(bare);
		// Only when the pattern covers the whole payload: "G-1234" stays as sent.
		return found !== null && found === bare.replace(/[- ]/g, '') ? found : bare;
	}
	return extractCode(text);
}

/** Plain getStatus. `codePattern` (a user's) reads the code from the payload; the default pattern otherwise. */
export function parseStatus(text: string, codePattern?: string): ActivationStatus | undefined {
	const [head, rest] = splitFirst(text);
	switch (head) {
		case 'STATUS_OK': {
			const payload = rest?.trim();
			if (!payload) return undefined;
			return {
				status: 'received',
				code: codeOfPayload(payload, codePattern),
				text: payload,
				raw: text,
			};
		}
		case 'STATUS_WAIT_CODE':
		case 'STATUS_WAIT_RESEND':
		case 'ACCESS_RETRY_GET':
			return { status: 'waiting', code: null, raw: text };
		case 'STATUS_WAIT_RETRY':
			return { status: 'waiting', code: null, lastCode: rest?.trim() || undefined, raw: text };
		// ACCESS_CANCEL: InstaOTP's table, "Order cancelled/banned successfully".
		case 'STATUS_CANCEL':
		case 'ACCESS_CANCEL':
			return { status: 'cancelled', code: null, raw: text };
		default:
			return undefined;
	}
}

/**
 * SastaOTP getStatusV2: `{"verificationType":2,"sms":null}` waits, `"sms":{"code","text"}` received. The
 * document shows no cancelled form: a plain STATUS_* answer (or one in "status") is read like getStatus.
 */
export function parseStatusV2(text: string, codePattern?: string): ActivationStatus | undefined {
	const json = parseJsonLenient(text);
	if (!isRecord(json)) return parseStatus(text, codePattern);
	if ('sms' in json) {
		const list = Array.isArray(json.sms)
			? json.sms.filter(isRecord)
			: isRecord(json.sms)
				? [json.sms]
				: [];
		if (
			json.sms === null ||
			json.sms === undefined ||
			(Array.isArray(json.sms) && list.length === 0)
		) {
			return { status: 'waiting', code: null, raw: text };
		}
		// The latest message holds the code asked for last.
		const sms = list[list.length - 1];
		if (!sms) return undefined;
		const smsText = toStringValue(sms.text ?? sms.message).trim();
		const given = toStringValue(sms.code).trim();
		const code = codePattern
			? (extractCode(smsText, codePattern) ?? (given || null))
			: codeFrom(given, smsText);
		return { status: 'received', code: code || null, text: smsText || given, raw: text };
	}
	const status = typeof json.status === 'string' ? json.status.trim() : '';
	return status.startsWith('STATUS_') ? parseStatus(status, codePattern) : undefined;
}

export type SetStatusOutcome = 'completed' | 'cancelled';
export type StatusOutcome = SetStatusOutcome | 'retrying' | 'ready';

const OUTCOME: Record<StatusIntent, StatusOutcome> = {
	complete: 'completed',
	cancel: 'cancelled',
	requestAnotherSms: 'retrying',
	ready: 'ready',
};

/**
 * The same word means different things per requested status and provider (ACCESS_READY is OTPGet's refund,
 * SastaOTP's "ready"). An answer that does not confirm what was asked (ACCESS_RETRY_GET to a cancel) is not a success.
 */
export function parseSetStatus(
	text: string,
	action: 'complete' | 'cancel',
	d: Dialect,
): SetStatusOutcome | undefined;
export function parseSetStatus(
	text: string,
	action: StatusIntent,
	d: Dialect,
): StatusOutcome | undefined;
export function parseSetStatus(
	text: string,
	action: StatusIntent,
	d: Dialect,
): StatusOutcome | undefined {
	// OTPGet's "ACCESS_READY" and "Balance refunded" may come on one line.
	const word = splitFirst(text)[0].split(/[ \t]+/)[0];
	return d.setStatusAnswers[action].includes(word) ? OUTCOME[action] : undefined;
}

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
