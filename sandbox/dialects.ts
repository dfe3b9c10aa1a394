/**
 * Catalog and documented vocabulary of the SMS-Activate-style providers the sandbox can speak besides OTPGet
 * (/work/shared/api-docs/otpx.txt, instaotp.txt, sastaotp.txt). Prices are in each module's currency (INR); the
 * error codes are the modules' own lists. Change only together with test/sandbox/dialects.test.ts and
 * sandbox/README.md.
 */
import { INSTAOTP, OTPX, SASTAOTP } from '../protocol/providers';
import type { ProviderId } from './types';

export type DialectId = Exclude<ProviderId, 'otpget'>;

export interface DialectService {
	code: string;
	name: string;
	/** In the dialect's currency (INR), in the cheapest country; see dialectPrice(). */
	base: number;
	/** Numbers in stock per country (0 = NO_NUMBERS). */
	qty: number;
	/** SastaOTP multi_sms: status 3 and regetNumber allowed. OTPX and InstaOTP allow status 3 for every service. */
	multiSms: boolean;
	/** Country keys (see DialectCountry.key) that do NOT offer the service. */
	notIn?: readonly string[];
	/** Never receives an SMS (to try cancel + refund). */
	noSms?: boolean;
}

export const DIALECT_SERVICES: readonly DialectService[] = [
	{ code: 'tg', name: 'Telegram', base: 18.5, qty: 8420, multiSms: false },
	{ code: 'wa', name: 'WhatsApp', base: 22, qty: 1200, multiSms: false, notIn: ['us'] },
	{ code: 'ig', name: 'Instagram', base: 12, qty: 640, multiSms: false },
	{ code: 'go', name: 'Google', base: 9.5, qty: 999, multiSms: true },
	{ code: 'am', name: 'Amazon', base: 7.25, qty: 310, multiSms: true },
	// InstaOTP's sample service, non-ASCII name included.
	{ code: 'vk', name: 'Вконтакте/VKConnect', base: 3.12, qty: 1052, multiSms: false },
	{ code: 'nosms', name: 'Sandbox No-SMS', base: 5, qty: 100, multiSms: false, noSms: true },
	{ code: 'soldout', name: 'Sandbox Sold-Out', base: 5, qty: 0, multiSms: false },
];

export interface DialectCountry {
	key: string;
	name: string;
	/** SMS-Activate country id (OTPX, InstaOTP: 22 = India in their samples). */
	smsActivateId: string;
	/** SastaOTP uses the dialling code as country code (91 = India in its samples). */
	dial: string;
	flag: string;
	localStart: string;
	localLength: number;
	/** INR added to every service's base price here. */
	surcharge: number;
	/** OTPX operators ('any' always works). */
	operators: readonly string[];
}

export const DIALECT_COUNTRIES: readonly DialectCountry[] = [
	{
		key: 'in',
		name: 'India',
		smsActivateId: '22',
		dial: '91',
		flag: '🇮🇳',
		localStart: '9',
		localLength: 10,
		surcharge: 0,
		operators: ['any', 'airtel', 'jio', 'vi'],
	},
	{
		key: 'id',
		name: 'Indonesia',
		smsActivateId: '6',
		dial: '62',
		flag: '🇮🇩',
		localStart: '8',
		localLength: 10,
		surcharge: 2,
		operators: ['any', 'telkomsel', 'indosat'],
	},
	{
		key: 'gb',
		name: 'United Kingdom',
		smsActivateId: '16',
		dial: '44',
		flag: '🇬🇧',
		localStart: '7',
		localLength: 10,
		surcharge: 10,
		operators: ['any', 'ee', 'vodafone'],
	},
	{
		key: 'us',
		name: 'USA',
		smsActivateId: '187',
		dial: '1',
		flag: '🇺🇸',
		localStart: '2',
		localLength: 10,
		surcharge: 15,
		operators: ['any'],
	},
];

/** InstaOTP's server list: ids 1-9 Active, 10 Inactive. Only servers 1-3 have stock in the sandbox. */
export const INSTAOTP_SERVERS: ReadonlyArray<{ id: string; active: boolean; stocked: boolean }> =
	Array.from({ length: 10 }, (_, i) => ({
		id: String(i + 1),
		active: i + 1 <= 9,
		stocked: i + 1 <= 3,
	}));

/** SastaOTP expires_in; also the SMS-Activate 20 minutes used for OTPX and InstaOTP (their docs say nothing). */
export const DIALECT_LIFETIME_MS = 20 * 60 * 1000;

/** INR: base + country surcharge + 0.50 per InstaOTP server above 1 (so the server sent is visible in the price). */
export function dialectPrice(s: DialectService, c: DialectCountry, server = '1'): number {
	return s.base + c.surcharge + 0.5 * (Number(server) - 1);
}

export function dialectService(code: string | undefined): DialectService | undefined {
	return DIALECT_SERVICES.find((s) => s.code === code);
}

/** Country by the dialect's own country code. */
export function dialectCountry(
	dialect: DialectId,
	code: string | undefined,
): DialectCountry | undefined {
	if (code === undefined || code === '') return undefined;
	return DIALECT_COUNTRIES.find(
		(c) => (dialect === 'sastaotp' ? c.dial : c.smsActivateId) === code,
	);
}

export function countryCode(dialect: DialectId, c: DialectCountry): string {
	return dialect === 'sastaotp' ? c.dial : c.smsActivateId;
}

export function offers(s: DialectService, c: DialectCountry): boolean {
	return !(s.notIn ?? []).includes(c.key);
}

/** Every error string each document lists, from the provider modules (the sandbox produces most; failNext reaches all). */
export const DOCUMENTED_ERRORS: Readonly<Record<DialectId, readonly string[]>> = {
	otpx: OTPX.documentedErrors,
	instaotp: INSTAOTP.documentedErrors,
	sastaotp: SASTAOTP.documentedErrors,
};

/** SastaOTP's own descriptions, used as "message" in its format=json errors. */
export const SASTAOTP_ERROR_TEXT: Readonly<Record<string, string>> = {
	BAD_KEY: "Invalid or missing API key — api_key param not sent or key doesn't exist.",
	KEY_INACTIVE: 'API key exists but has been disabled by admin.',
	ACCOUNT_BANNED: 'Your account has been suspended — all API calls will be rejected.',
	NO_BALANCE: 'Your wallet balance is too low to purchase this number.',
	NO_NUMBERS: 'No numbers available for the requested service/country combination right now.',
	MAX_PRICE_EXCEEDED: 'The current number price is higher than the maxPrice you specified.',
	SERVICE_UNAVAILABLE: 'The requested service is not available for that country at this time.',
	NO_ACTIVATION: 'The id (activation_id) was not found, or it belongs to a different account.',
	ALREADY_FINISHED:
		'The order is already in a terminal state — completed, cancelled, or expired. No further actions are possible.',
	BAD_STATUS: 'The status value sent is not a valid option for setStatus.',
	BAD_ACTION: 'The action name is unknown or misspelled.',
	MISSING_PARAMS: 'A required parameter is missing from the request.',
	CANCEL_FAILED:
		'Cancel could not be recorded — the order may already be in a terminal state in the database.',
	RETRY_FAILED: 'Request for the next OTP (status=3) was rejected by the provider.',
};
