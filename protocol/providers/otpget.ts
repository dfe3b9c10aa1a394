import type { ApiName } from '../types';
import type { ErrorTable } from '../errors';
import { FAMILY_ACTIONS, familyDialect, familyTable } from './family';
import { entry } from './familyErrors';
import type { Brand, Dialect } from './dialect';
import { otpgetSentences } from './otpget.sentences';

/** OTPGet: the SMS-Activate family's handler_api.php plus its own Cheap, Rental and Email APIs. */
export const OTPGET_BRAND: Brand = {
	id: 'otpget',
	name: 'OTPGet',
	credentialType: 'otpGetApi',
	currency: 'PKR',
	providerWord: 'provider type',
	keyWhere: 'your OTPGet dashboard',
	topUp: 'www.otpget.com',
	support: 'OTPGet support',
};

/** The document's base URL: every script below sits in this folder. */
export const OTPGET_BASE_URL = 'https://www.otpget.com/stubs';

/** OTPGet's four scripts (../shared/api-docs/otpget-sms-rental-email.txt). */
export const OTPGET_ENDPOINTS: Record<ApiName, string> = {
	sms: 'handler_api.php',
	cheap: 'cheap_handler.php',
	rental: 'rental-handler.php',
	email: 'email_handler.php',
};

/**
 * handler_api.php codes where OTPGet's wording differs from the family's (the OTPGet node's messages, which
 * predate the other providers), and the codes only OTPGet's document lists (BAD_TYPE, BLOCKED, the price change).
 */
const OTPGET_OWN_ERRORS = {
	KEY_INACTIVE: entry(
		'auth',
		false,
		'API key has been disabled',
		'Contact the provider to re-enable your API key',
	),
	ACCOUNT_BLOCKED: entry(
		'auth',
		false,
		'Account blocked',
		'Your account has been suspended by the provider — contact their support',
	),
	ACCOUNT_BAN: entry(
		'auth',
		false,
		'Account banned',
		'Your account has been banned by the provider — contact their support',
	),
	ACCOUNT_BANNED: entry(
		'auth',
		false,
		'Account banned',
		'Your account has been banned by the provider — contact their support',
	),
	BANNED: entry(
		'auth',
		false,
		'Account banned',
		'Your account is banned until the date shown — contact the provider',
	),
	BAD_ACTION: entry(
		'input',
		false,
		'Unknown API action',
		'The provider does not support this operation — check the base URL in the credential',
	),
	BAD_SERVICE: entry(
		'input',
		false,
		'Service not found for this country and provider type',
		'Pick the service from the list for the selected country and provider type',
	),
	BAD_COUNTRY: entry(
		'input',
		false,
		'Country not found',
		'Pick a country from the list for the selected provider type',
	),
	BAD_TYPE: entry('input', false, 'Invalid provider type', 'Provider type must be 1, 2, 3, 4 or 5'),
	BAD_STATUS: entry('input', false, 'Invalid status value', 'Use Complete or Cancel & Refund'),
	INVALID_STATUS: entry('input', false, 'Invalid status value', 'Use Complete or Cancel & Refund'),
	NO_BALANCE: entry('balance', false, 'Insufficient balance', 'Top up your OTPGet wallet'),
	NO_BALANCE_FOR_NEW_PRICE: entry(
		'balance',
		false,
		'The provider raised the price above your balance; the number was cancelled automatically and nothing was charged',
		'Top up your OTPGet wallet or choose a cheaper service',
	),
	ERROR_PRICE_CHANGE: entry(
		'availability',
		true,
		'The provider price rose above your balance; the number was cancelled automatically and nothing was charged',
		'Top up your wallet or try again later',
	),
	WRONG_MAX_PRICE: entry(
		'input',
		false,
		'Maximum price is below the current price',
		'Raise the maximum price to at least the amount shown',
	),
	MAX_PRICE_EXCEEDED: entry(
		'availability',
		true,
		'Current price is above your maximum price',
		'Raise the maximum price or try again later',
	),
	NO_ACTIVATION: entry(
		'notFound',
		false,
		'Order not found',
		'The order ID does not exist or belongs to another account — use the orderId returned by Get Number',
	),
	// A documented setStatus answer with no explanation: the change was refused, by the order's or the account's state.
	BLOCKED: entry(
		'state',
		false,
		'OTPGet refused the status change: BLOCKED (the order or the account is blocked)',
		'Check the order with Get Status and your account in the OTPGet dashboard; contact OTPGet support if it stays open',
	),
	EARLY_CANCEL_DENIED: entry(
		'state',
		true,
		'Cancel refused during the first 2 minutes after purchase',
		'Wait until 2 minutes have passed since Get Number, then cancel again',
	),
	NO_SMS_RECEIVED: entry(
		'state',
		true,
		'No SMS received yet, so the order cannot be completed',
		'Wait for the code (Get Status or Wait for OTP) before completing, or cancel for a refund',
	),
	RETRY_FAILED: entry(
		'state',
		false,
		'The provider refused to send another SMS',
		'Cancel the order and buy a new number',
	),
	ERROR_PROVIDER: entry(
		'provider',
		true,
		'The upstream provider returned an unexpected response',
		'Retry in a few seconds or choose another provider type',
	),
	PROVIDER_ERROR: entry(
		'provider',
		true,
		'The upstream provider returned an unexpected response',
		'Retry in a few seconds or choose another country or service',
	),
	ERROR_SQL: entry(
		'server',
		true,
		'Provider database error',
		'Retry once; contact the provider if it persists',
	),
	SERVER_ERROR: entry(
		'server',
		true,
		'Provider internal error',
		'Retry once; contact the provider if it persists',
	),
};

/** Rental and Email answer JSON with an HTTP-like status; these are OTPGet's words for those statuses. */
const OTPGET_OWN_HTTP = {
	'403': entry(
		'auth',
		false,
		'Account blocked or inactive',
		'Your account has been suspended — contact OTPGet support',
	),
	'500': entry('server', true, 'Provider server error', 'Retry in a few seconds'),
	'502': entry(
		'provider',
		true,
		'The upstream provider returned an error',
		'Retry in a few seconds or choose the other server',
	),
	'503': entry(
		'availability',
		true,
		'Service currently unavailable',
		'The provider disabled this service for now — retry later or choose the other server',
	),
};

const SMS_TABLE = familyTable(OTPGET_BRAND, OTPGET_OWN_ERRORS, { http: OTPGET_OWN_HTTP });

/** OTPGet's table: handler_api.php codes, JSON statuses and the Rental/Email sentences. */
export const OTPGET_ERRORS: ErrorTable = { ...SMS_TABLE, sentences: otpgetSentences(SMS_TABLE) };

export const OTPGET: Dialect = familyDialect(OTPGET_BRAND, {
	defaultBaseUrl: OTPGET_BASE_URL,
	endpoints: OTPGET_ENDPOINTS,
	actions: { ...FAMILY_ACTIONS, getCountries: 'getCountries', getServices: 'getServices' },
	providerParam: 'type',
	providerText: {
		label: 'Provider Type',
		option: 'Provider',
		description:
			'Upstream provider that supplies the number. Countries and prices differ per provider.',
	},
	offer: {
		serversLabel: 'Provider Types',
		countryHint: 'OTPGet lists prices per country: choose at least one',
		countriesRequired: true,
	},
	providerRequired: true,
	providerValues: ['1', '2', '3', '4', '5'],
	params: { servicesCountry: 'country', servicesProvider: 'type', countriesProvider: 'type' },
	serviceIds: 'numericId',
	countryOptional: false,
	// 3 and 6 both complete on OTPGet (3 is NOT "another SMS" here); 6 is the SMS-Activate meaning, so 6 is sent.
	status: { complete: '6', cancel: '8' },
	statusValues: { complete: ['6', '3'], cancel: ['8'] },
	// The docs show ACCESS_READY ("Balance refunded") for status 8; SMS-Activate itself says ACCESS_CANCEL.
	setStatusAnswers: {
		complete: ['ACCESS_FINISH', 'ACCESS_ACTIVATION'],
		cancel: ['ACCESS_READY', 'ACCESS_CANCEL'],
		requestAnotherSms: [],
		ready: [],
	},
	// The SMS OTP table of its "Error Codes" section, and BLOCKED from its setStatus answers.
	documentedErrors: [
		'BAD_KEY',
		'ACCOUNT_BLOCKED',
		'BAD_ACTION',
		'BAD_SERVICE',
		'BAD_COUNTRY',
		'BAD_TYPE',
		'BAD_ID',
		'BAD_STATUS',
		'NO_BALANCE',
		'NO_ACTIVATION',
		'STATUS_CANCEL',
		'STATUS_ALREADY_CHANGED',
		'EARLY_CANCEL_DENIED',
		'NO_SMS_RECEIVED',
		'ERROR_PRICE_CHANGE',
		'NO_BALANCE_FOR_NEW_PRICE',
		'ERROR_PROVIDER',
		'BLOCKED',
	],
	earlyCancelMs: 120_000,
	features: {
		getCountries: true,
		getServices: true,
		servicePrices: true,
		complete: true,
	},
	errorTable: OTPGET_ERRORS,
});
