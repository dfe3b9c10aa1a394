/**
 * The sandbox's fixed catalog. Tests and docs rely on these facts, so change them only
 * together with test/sandbox and the README. Names and ids follow the provider docs'
 * samples where the docs give them (countries 61/12/21..., services 101-103, cheap servers,
 * rental ca/gb/us on Server 2, email ig/tg/fb on gmail.com).
 */

export const TEST_KEY = 'sandbox-test-key';
/** A second valid key with the same start balance: its orders are invisible to TEST_KEY (NO_ACTIVATION). */
export const OTHER_KEY = 'sandbox-other-key';
export const EMPTY_KEY = 'sandbox-empty-key';
export const BLOCKED_KEY = 'sandbox-blocked-key';
/** Exists but disabled (SastaOTP KEY_INACTIVE; BAD_KEY elsewhere). */
export const INACTIVE_KEY = 'sandbox-inactive-key';

// ---------------------------------------------------------------- SMS OTP (handler_api.php)

export interface SmsCountry {
	id: string;
	name: string;
	/** International prefix without '+'; phones are answered as prefix + local digits. */
	dial: string;
	/** First digit(s) of the local number and its total length. */
	localStart: string;
	localLength: number;
	/** Added to every service's base price in this country. */
	surcharge: number;
}

export const SMS_COUNTRIES: readonly SmsCountry[] = [
	{ id: '33', name: 'Canada', dial: '1', localStart: '4', localLength: 10, surcharge: 50 },
	{ id: '15', name: 'England', dial: '44', localStart: '7', localLength: 10, surcharge: 40 },
	{ id: '21', name: 'India', dial: '91', localStart: '9', localLength: 10, surcharge: 5 },
	{ id: '6', name: 'Indonesia', dial: '62', localStart: '8', localLength: 10, surcharge: 10 },
	{ id: '61', name: 'Pakistan', dial: '92', localStart: '30', localLength: 10, surcharge: 0 },
	{ id: '5', name: 'Philippines', dial: '63', localStart: '9', localLength: 10, surcharge: 10 },
	{ id: '12', name: 'USA', dial: '1', localStart: '2', localLength: 10, surcharge: 60 },
	{ id: '10', name: 'Vietnam', dial: '84', localStart: '9', localLength: 9, surcharge: 5 },
];

/** Provider type -> country ids it serves (type 1 = the docs' sample list). */
export const SMS_TYPES: Readonly<Record<string, readonly string[]>> = {
	'1': ['33', '15', '21', '6', '61', '5', '12', '10'],
	'2': ['15', '21', '61', '12'],
	'3': ['6', '61', '5'],
	'4': ['33', '12', '10'],
	'5': ['61', '12'],
};

export interface SmsService {
	id: string;
	name: string;
	/** PKR for Pakistan on type 1; see smsPrice(). */
	base: number;
	/** Test services: flat price, no surcharges. */
	flat?: boolean;
}

/** Never receives an SMS: the code never arrives, so cancel (status 8) and refunds can be shown. */
export const NO_SMS_SERVICE = '198';
/** Zero stock everywhere: getNumber answers NO_NUMBERS. */
export const SOLD_OUT_SERVICE = '199';

export const SMS_SERVICES: readonly SmsService[] = [
	{ id: '101', name: 'Telegram', base: 45 },
	{ id: '102', name: 'WhatsApp', base: 60 },
	{ id: '103', name: 'Instagram', base: 55 },
	{ id: '104', name: 'Facebook', base: 50 },
	{ id: '105', name: 'Google', base: 40 },
	{ id: '106', name: 'TikTok', base: 35 },
	{ id: NO_SMS_SERVICE, name: 'Sandbox No-SMS', base: 10, flat: true },
	{ id: SOLD_OUT_SERVICE, name: 'Sandbox Sold-Out', base: 10, flat: true },
];

/** PKR: base + country surcharge + 5 per provider type above 1 (so the type sent is visible in the price). */
export function smsPrice(service: SmsService, country: SmsCountry, type: string): number {
	if (service.flat) return service.base;
	return service.base + country.surcharge + 5 * (Number(type) - 1);
}

export function smsCountry(id: string): SmsCountry | undefined {
	return SMS_COUNTRIES.find((c) => c.id === id);
}

export function smsService(id: string): SmsService | undefined {
	return SMS_SERVICES.find((s) => s.id === id);
}

// ---------------------------------------------------------------- Cheap numbers (cheap_handler.php)

export interface CheapServer {
	id: string;
	name: string;
	type: '1' | '2';
	price: number;
	dial: string;
	localStart: string;
	localLength: number;
}

export const CHEAP_SERVERS: readonly CheapServer[] = [
	{
		id: '1',
		name: 'Pakistan Server 1',
		type: '1',
		price: 20,
		dial: '92',
		localStart: '30',
		localLength: 10,
	},
	{
		id: '2',
		name: 'Pakistan Server 2',
		type: '1',
		price: 25,
		dial: '92',
		localStart: '31',
		localLength: 10,
	},
	{
		id: '3',
		name: 'India Server',
		type: '2',
		price: 30,
		dial: '91',
		localStart: '9',
		localLength: 10,
	},
];

/** Numbers stay active for 15 minutes (docs); the first buyNumber answer says 900. */
export const CHEAP_LIFETIME_MS = 15 * 60 * 1000;

// ---------------------------------------------------------------- Rentals (rental-handler.php)

export interface RentalCountry {
	id: string;
	provider: '1' | '2';
	name: string;
	countryCode: string;
	/** Local phone start and length (rental phones are answered without country prefix, as in the docs). */
	localStart: string;
	localLength: number;
	unitPrice: number;
	available: number;
	/** Server 2 only. */
	minMonth?: number;
}

export const RENTAL_COUNTRIES: readonly RentalCountry[] = [
	{
		id: '1',
		provider: '2',
		name: 'Canada',
		countryCode: 'ca',
		localStart: '343',
		localLength: 10,
		unitPrice: 200,
		available: 3338,
		minMonth: 1,
	},
	{
		id: '2',
		provider: '2',
		name: 'UNITED KINGDOM',
		countryCode: 'gb',
		localStart: '7',
		localLength: 10,
		unitPrice: 245,
		available: 1200,
		minMonth: 1,
	},
	{
		id: '6',
		provider: '2',
		name: 'United States of America',
		countryCode: 'us',
		localStart: '2',
		localLength: 10,
		unitPrice: 175,
		available: 5000,
		minMonth: 1,
	},
	{
		id: '7',
		provider: '1',
		name: 'United States',
		countryCode: 'us',
		localStart: '3',
		localLength: 10,
		unitPrice: 60,
		available: 850,
	},
	{
		id: '8',
		provider: '1',
		name: 'United Kingdom',
		countryCode: 'gb',
		localStart: '7',
		localLength: 10,
		unitPrice: 80,
		available: 420,
	},
	{
		id: '9',
		provider: '1',
		name: 'Netherlands',
		countryCode: 'nl',
		localStart: '6',
		localLength: 9,
		unitPrice: 70,
		available: 15,
	},
];

export interface RentalPrice {
	id: string;
	provider: '1' | '2';
	countryCode: string;
	durationHours: number;
	price: number;
}

export const DURATION_PRESETS: Readonly<Record<number, string>> = {
	12: 'twelveHours',
	24: 'oneDay',
	168: 'oneWeek',
	720: 'oneMonth',
	4320: 'sixMonths',
	8640: 'twelveMonths',
};

/** Server 2 only sells months (docs' error table). */
export const SERVER2_DURATIONS: readonly number[] = [720, 4320, 8640];

/** Server 2 ca is the docs' sample. nl on Server 1 has no 12 h and no 720 h tier, to reach the "No pricing" errors. */
export const RENTAL_PRICING: readonly RentalPrice[] = [
	{ id: '1', provider: '2', countryCode: 'ca', durationHours: 720, price: 840 },
	{ id: '2', provider: '2', countryCode: 'ca', durationHours: 4320, price: 5040 },
	{ id: '3', provider: '2', countryCode: 'ca', durationHours: 8640, price: 10080 },
	{ id: '4', provider: '2', countryCode: 'gb', durationHours: 720, price: 980 },
	{ id: '5', provider: '2', countryCode: 'gb', durationHours: 4320, price: 5880 },
	{ id: '6', provider: '2', countryCode: 'gb', durationHours: 8640, price: 11760 },
	{ id: '7', provider: '2', countryCode: 'us', durationHours: 720, price: 700 },
	{ id: '8', provider: '2', countryCode: 'us', durationHours: 4320, price: 4200 },
	{ id: '9', provider: '2', countryCode: 'us', durationHours: 8640, price: 8400 },
	{ id: '10', provider: '1', countryCode: 'us', durationHours: 12, price: 60 },
	{ id: '11', provider: '1', countryCode: 'us', durationHours: 24, price: 100 },
	{ id: '12', provider: '1', countryCode: 'us', durationHours: 168, price: 450 },
	{ id: '13', provider: '1', countryCode: 'us', durationHours: 720, price: 1500 },
	{ id: '14', provider: '1', countryCode: 'gb', durationHours: 12, price: 80 },
	{ id: '15', provider: '1', countryCode: 'gb', durationHours: 24, price: 130 },
	{ id: '16', provider: '1', countryCode: 'gb', durationHours: 168, price: 550 },
	{ id: '17', provider: '1', countryCode: 'gb', durationHours: 720, price: 1800 },
	{ id: '18', provider: '1', countryCode: 'nl', durationHours: 24, price: 90 },
	{ id: '19', provider: '1', countryCode: 'nl', durationHours: 168, price: 400 },
];

export function rentalCountry(provider: string, countryCode: string): RentalCountry | undefined {
	return RENTAL_COUNTRIES.find((c) => c.provider === provider && c.countryCode === countryCode);
}

export function rentalPrice(
	provider: string,
	countryCode: string,
	durationHours: string | number,
): RentalPrice | undefined {
	return RENTAL_PRICING.find(
		(p) =>
			p.provider === provider &&
			p.countryCode === countryCode &&
			String(p.durationHours) === String(durationHours),
	);
}

export function serverName(provider: string): string {
	return `Server ${provider}`;
}

// ---------------------------------------------------------------- Email (email_handler.php)

export interface EmailService {
	code: string;
	name: string;
	price: number;
	stock: number;
}

export const DEFAULT_EMAIL_DOMAIN = 'gmail.com';

/** One zero-stock service per domain where listed (count 0 -> "No stock available for this service"). */
export const EMAIL_CATALOG: Readonly<Record<string, readonly EmailService[]>> = {
	'gmail.com': [
		{ code: 'ig', name: 'Instagram', price: 120, stock: 48 },
		{ code: 'tg', name: 'Telegram', price: 95, stock: 120 },
		{ code: 'fb', name: 'Facebook', price: 110, stock: 60 },
		{ code: 'go', name: 'Google', price: 130, stock: 25 },
		{ code: 'ds', name: 'Discord', price: 87.5, stock: 33 },
		{ code: 'tw', name: 'Twitter', price: 100, stock: 0 },
	],
	'mailnestpro.com': [
		{ code: 'ig', name: 'Instagram', price: 45, stock: 500 },
		{ code: 'tg', name: 'Telegram', price: 35, stock: 800 },
		{ code: 'fb', name: 'Facebook', price: 40, stock: 300 },
		{ code: 'ds', name: 'Discord', price: 30, stock: 250 },
		{ code: 'tt', name: 'TikTok', price: 38, stock: 0 },
	],
	'hihinail.com': [
		{ code: 'ig', name: 'Instagram', price: 40, stock: 200 },
		{ code: 'tg', name: 'Telegram', price: 30, stock: 150 },
	],
	'flytempbox.com': [
		{ code: 'tg', name: 'Telegram', price: 25, stock: 90 },
		{ code: 'ds', name: 'Discord', price: 22.5, stock: 70 },
	],
	'mailburstx.com': [
		{ code: 'ig', name: 'Instagram', price: 42, stock: 60 },
		{ code: 'fb', name: 'Facebook', price: 39, stock: 0 },
	],
};

export const EMAILS_PER_PAGE = 20;
