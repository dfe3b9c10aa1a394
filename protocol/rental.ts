import { codeFrom } from './code';
import {
	numberOrNull,
	optionalString,
	recordsOf,
	successJson,
	successList,
	toIsoTime,
} from './jsonAnswer';
import { OTPGET } from './providers/otpget';
import { requestsOf, type ApiRequest } from './request';
import { toNumber, toStringValue } from './text';

/** Rental is OTPGet's own API: every request names OTPGet. */
const { purchase, read } = requestsOf(OTPGET.id);

/** rental-handler.php: long-term numbers. Every answer is JSON; "status":"200" is success. */

export const RENTAL_PROVIDERS = ['1', '2'] as const;

/** Every duration_hours the docs list, with their labels. */
export const RENTAL_DURATIONS: Readonly<Record<string, string>> = {
	'12': '12 Hours',
	'24': '1 Day',
	'168': '1 Week',
	'720': '1 Month',
	'4320': '6 Months',
	'8640': '12 Months',
};

/** Server 2 only rents by the month (docs' error table: "Server 2 only supports monthly durations"). */
export const SERVER2_DURATIONS = ['720', '4320', '8640'] as const;

export function durationLabel(hours: string | number): string {
	const key = String(hours);
	return RENTAL_DURATIONS[key] ?? `${key} Hours`;
}

/** Throws nothing: returns why a duration cannot be sent to this provider, or undefined when it can. */
export function durationProblem(provider: string, hours: string): string | undefined {
	if (!(hours in RENTAL_DURATIONS))
		return `must be one of ${Object.keys(RENTAL_DURATIONS).join(', ')} hours`;
	if (provider === '2' && !(SERVER2_DURATIONS as readonly string[]).includes(hours)) {
		return 'must be 720 (1 Month), 4320 (6 Months) or 8640 (12 Months): Server 2 only rents by the month';
	}
	return undefined;
}

export const rentalRequests = {
	getRentalCountries: (provider?: string): ApiRequest =>
		read('rental', 'getRentalCountries', provider ? { provider } : {}),
	getRentalPricing: (countryCode: string, provider: string): ApiRequest =>
		read('rental', 'getRentalPricing', { country_code: countryCode, provider }),
	getAvailableRentals: (countryCode: string, provider: string): ApiRequest =>
		read('rental', 'getAvailableRentals', { country_code: countryCode, provider }),
	rentNumber: (countryCode: string, provider: string, durationHours: string): ApiRequest =>
		purchase('rental', 'rentNumber', {
			country_code: countryCode,
			provider,
			duration_hours: durationHours,
		}),
	getMyRentals: (): ApiRequest => read('rental', 'getMyRentals'),
	getRentalSMS: (orderId: string): ApiRequest =>
		read('rental', 'getRentalSMS', { order_id: orderId }),
	renewRental: (rentalId: string, durationHours: string): ApiRequest =>
		purchase('rental', 'renewRental', { rental_id: rentalId, duration_hours: durationHours }),
};

const str = toStringValue;
const num = numberOrNull;
/** "Server 2" → '2'. */
const providerOf = (server: unknown, provider?: unknown): string =>
	str(provider).trim() || (/(\d+)\s*$/.exec(str(server))?.[1] ?? '');

export interface RentalCountry {
	id: string;
	provider: string;
	name: string;
	countryCode: string;
}

export function parseRentalCountries(text: string): RentalCountry[] | undefined {
	return successList(text, 'countries', (c) => ({
		id: str(c.id),
		provider: str(c.provider),
		name: str(c.name),
		countryCode: str(c.country_code),
	}));
}

export interface RentalPrice {
	id: string;
	durationHours: string;
	durationLabel: string;
	durationPreset: string | null;
	price: number | null;
	countryName: string;
}

export function parseRentalPricing(text: string): RentalPrice[] | undefined {
	return successList(text, 'pricing', (p) => ({
		id: str(p.id),
		durationHours: str(p.duration_hours),
		durationLabel: durationLabel(str(p.duration_hours)),
		durationPreset: optionalString(p.duration_preset),
		price: num(p.price),
		countryName: str(p.country_name),
	}));
}

export interface RentalAvailability {
	countryCode: string;
	provider: string;
	areas: Array<{
		areaCode: string;
		areaTitle: string;
		unitPrice: number | null;
		available: number | null;
		/** Server 2 only: the shortest rental it accepts, in months. */
		minMonths: number | null;
	}>;
}

export function parseAvailableRentals(text: string): RentalAvailability | undefined {
	const body = successJson(text);
	const list = body && recordsOf(body, 'available');
	if (!body || !list) return undefined;
	return {
		countryCode: str(body.country_code),
		provider: str(body.provider),
		areas: list.map((a) => ({
			areaCode: str(a.area_code),
			areaTitle: str(a.area_title),
			unitPrice: num(a.unit_price),
			available: num(a.available),
			minMonths: num(a.min_month),
		})),
	};
}

export interface RentedNumber {
	/** order_id: the id for getRentalSMS. Renewing needs getMyRentals' `id` instead. */
	smsOrderId: string;
	phone: string;
	server: string;
	provider: string;
	durationHours: number | null;
	pricePaid: number | null;
	balance: number | null;
	expiryTime: string;
	expiresAt: string | null;
	message: string;
}

export function parseRentNumber(text: string): RentedNumber | undefined {
	const body = successJson(text);
	const smsOrderId = str(body?.order_id).trim();
	const phone = str(body?.phone).trim();
	// A 200 without order or phone bought nothing we could use: let decode() quote it.
	if (!body || !smsOrderId || !phone) return undefined;
	return {
		smsOrderId,
		phone,
		server: str(body.server),
		provider: providerOf(body.server),
		durationHours: num(body.duration_hours),
		pricePaid: num(body.price_paid),
		balance: num(body.new_balance),
		expiryTime: str(body.expires),
		expiresAt: toIsoTime(body.expires),
		message: str(body.message),
	};
}

export interface Rental {
	/** `id`: what renewRental takes as rental_id. */
	rentalId: string;
	/** `order_id`: what getRentalSMS takes. */
	smsOrderId: string;
	phone: string;
	status: string;
	server: string;
	provider: string;
	countryCode: string;
	countryName: string;
	durationHours: number | null;
	pricePaid: number | null;
	expiryTime: string;
	expiresAt: string | null;
}

export function parseMyRentals(text: string): Rental[] | undefined {
	return successList(text, 'rentals', (r) => ({
		rentalId: str(r.id),
		smsOrderId: str(r.order_id),
		phone: str(r.phone_number),
		status: str(r.status),
		server: str(r.server),
		provider: providerOf(r.server, r.provider),
		countryCode: str(r.country_code),
		countryName: str(r.country_name),
		durationHours: num(r.duration_hours),
		pricePaid: num(r.price_paid),
		expiryTime: str(r.expiry_time),
		expiresAt: toIsoTime(r.expiry_time),
	}));
}

export interface RentalMessage {
	from: string;
	text: string;
	/** The provider's code, or the one found in the text when the provider leaves it empty ('740-279' → '740279'). */
	code: string | null;
	receivedAt: string | null;
	/** The provider's own timestamp, as sent. */
	timestamp: string;
}

export interface RentalInbox {
	phone: string;
	smsOrderId: string;
	messages: RentalMessage[];
}

/** getRentalSMS. The docs' sample misses a comma after "code":""; parseJsonLenient repairs that. */
export function parseRentalInbox(text: string): RentalInbox | undefined {
	const body = successJson(text);
	const list =
		body && (recordsOf(body, 'messages') ?? (toNumber(body.total) === 0 ? [] : undefined));
	if (!body || !list) return undefined;
	return {
		phone: str(body.phone_number),
		smsOrderId: str(body.order_id),
		messages: list.map((m) => ({
			from: str(m.from),
			text: str(m.text),
			code: codeFrom(m.code, str(m.text)),
			receivedAt: toIsoTime(m.timestamp),
			timestamp: str(m.timestamp),
		})),
	};
}

export function parseRentalSms(text: string): RentalMessage[] | undefined {
	return parseRentalInbox(text)?.messages;
}

export interface RenewedRental {
	rentalId: string;
	phone: string;
	durationHours: number | null;
	pricePaid: number | null;
	balance: number | null;
	newExpiry: string;
	expiresAt: string | null;
	message: string;
}

export function parseRenewRental(text: string): RenewedRental | undefined {
	const body = successJson(text);
	if (!body || body.new_expiry === undefined) return undefined;
	return {
		rentalId: str(body.rental_id),
		phone: str(body.phone_number),
		durationHours: num(body.duration_hours),
		pricePaid: num(body.price_paid),
		balance: num(body.new_balance),
		newExpiry: str(body.new_expiry),
		expiresAt: toIsoTime(body.new_expiry),
		message: str(body.message),
	};
}

/** Hours from `now` until an ISO time, one decimal, never negative; null when the time is unknown. */
export function hoursUntil(iso: string | null, now: number): number | null {
	if (!iso) return null;
	const hours = (Date.parse(iso) - now) / 3_600_000;
	return Math.max(0, Math.round(hours * 10) / 10);
}
