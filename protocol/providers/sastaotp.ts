import { FAMILY_ACTIONS, familyDialect, familyTable } from './family';
import { entry } from './familyErrors';
import type { ErrorEntry } from '../errors';
import type { Brand, Dialect } from './dialect';

/**
 * The opening words of each error's description in sastaotp.txt (../shared/api-docs/sastaotp.txt, "Error
 * Codes"). A JSON error that carries only the sentence is still that code's refusal, not an unknown answer.
 */
export const SASTAOTP_SENTENCES: Readonly<Record<string, string>> = {
	BAD_KEY: 'Invalid or missing API key',
	KEY_INACTIVE: 'API key exists but has been disabled by admin',
	ACCOUNT_BANNED: 'Your account has been suspended',
	NO_BALANCE: 'Your wallet balance is too low to purchase this number',
	NO_NUMBERS: 'No numbers available for the requested service/country combination',
	MAX_PRICE_EXCEEDED: 'The current number price is higher than the maxPrice you specified',
	SERVICE_UNAVAILABLE: 'The requested service is not available for that country',
	NO_ACTIVATION: 'The id (activation_id) was not found, or it belongs to a different account',
	ALREADY_FINISHED: 'The order is already in a terminal state',
	BAD_STATUS: 'The status value sent is not a valid option for setStatus',
	BAD_ACTION: 'The action name is unknown or misspelled',
	MISSING_PARAMS: 'A required parameter is missing from the request',
	ERROR_SQL: 'Internal database error',
	PROVIDER_ERROR: 'The upstream provider (Grizzly/Meow) returned an unexpected response',
	CANCEL_FAILED: 'Cancel could not be recorded',
	RETRY_FAILED: 'Request for the next OTP (status=3) was rejected by the provider',
	SERVER_ERROR: 'Unhandled internal exception',
};

export const SASTAOTP_BRAND: Brand = {
	id: 'sastaotp',
	name: 'SastaOTP',
	credentialType: 'sastaOtpApi',
	currency: 'INR',
	providerWord: 'operator',
	keyWhere: 'SastaOTP Dashboard → Settings → API Key',
	topUp: 'SastaOTP Dashboard → Add Balance',
	support: 'support@sastaotp.com',
	// The document shows no JSON error: one carrying only its sentence is still that code's refusal.
	sentences: SASTAOTP_SENTENCES,
};

/** The error table of sastaotp.txt (../shared/api-docs/sastaotp.txt), in its words; the family's entries fill the rest. */
const SASTAOTP_DOCUMENTED: Record<string, ErrorEntry> = {
	BAD_KEY: entry(
		'auth',
		false,
		'Invalid or missing API key',
		'Copy your key again from SastaOTP Dashboard → Settings → API Key into the credential',
	),
	KEY_INACTIVE: entry(
		'auth',
		false,
		'Your SastaOTP API key has been disabled by the admin',
		'Contact SastaOTP support to re-enable your key',
	),
	ACCOUNT_BANNED: entry(
		'auth',
		false,
		'Your SastaOTP account has been suspended',
		'Contact support@sastaotp.com to appeal',
	),
	NO_BALANCE: entry(
		'balance',
		false,
		'Your SastaOTP wallet balance is too low for this number',
		'Top up your SastaOTP wallet (INR) at Dashboard → Add Balance',
	),
	NO_NUMBERS: entry(
		'availability',
		true,
		'No numbers available for this service and country right now',
		'Try a different country code, or retry in a few minutes',
	),
	MAX_PRICE_EXCEEDED: entry(
		'availability',
		true,
		'The current price is higher than your Max Price',
		'Raise Max Price (INR), or leave it empty to accept any price',
	),
	SERVICE_UNAVAILABLE: entry(
		'availability',
		true,
		'This service is not available for that country right now',
		'Get Services lists the countries each service is sold in',
	),
	NO_ACTIVATION: entry(
		'notFound',
		false,
		'Activation not found, or it belongs to another account',
		'Use the exact orderId (activation_id) returned by Get Number for this API key',
	),
	ALREADY_FINISHED: entry(
		'state',
		false,
		'The order is already completed, cancelled or expired',
		'Nothing more can be done with this order; check it with Get Status',
	),
	BAD_STATUS: entry(
		'input',
		false,
		'Invalid status value',
		'SastaOTP takes 8 or -1 (cancel), 1 (ready), 3 (next code) or 6 (complete)',
	),
	BAD_ACTION: entry(
		'input',
		false,
		'Unknown API action',
		'SastaOTP does not support this operation — check the base URL in the credential (https://sastaotp.com/stubs)',
	),
	MISSING_PARAMS: entry(
		'input',
		false,
		'A required parameter is missing',
		'Fill in every required field of the operation',
	),
	ERROR_SQL: entry(
		'server',
		true,
		'SastaOTP internal database error, not caused by your request',
		'Retry once; if it persists, contact SastaOTP support with the time of the call',
	),
	PROVIDER_ERROR: entry(
		'provider',
		true,
		"SastaOTP's upstream provider returned an unexpected response while buying a number",
		'Retry after a few seconds, or try a different country or service',
	),
	CANCEL_FAILED: entry(
		'state',
		false,
		'SastaOTP could not record the cancel; the order may already be finished',
		'Check the order with Get Status before cancelling again',
	),
	RETRY_FAILED: entry(
		'state',
		false,
		'SastaOTP refused to wait for another code on this number',
		'The number is no longer eligible: cancel it and buy a new one',
	),
	SERVER_ERROR: entry(
		'server',
		true,
		'SastaOTP internal error, not caused by your request',
		'Retry once; if it persists, contact SastaOTP support with the time of the call',
	),
};

/** sastaotp.txt: the richest dialect (JSON answers, V2 actions, maxPrice, orders, multi-SMS). */
export const SASTAOTP: Dialect = familyDialect(SASTAOTP_BRAND, {
	defaultBaseUrl: 'https://sastaotp.com/stubs',
	// getPrices is in BAD_ACTION's list of valid actions but documented nowhere, so it is not built.
	actions: {
		...FAMILY_ACTIONS,
		getCountries: 'getCountries',
		getServices: 'getServicesList',
		getNumberV2: 'getNumberV2',
		getStatusV2: 'getStatusV2',
		getOrders: 'getOrders',
		regetNumber: 'regetNumber',
	},
	// "Pin a specific country — use country_code from getServicesList → countries[]": optional.
	providerParam: 'operator',
	providerText: {
		label: 'Operator',
		option: 'Operator',
		description:
			'Optional. Pins a country when Country is empty: use a country_code from Get Services → countries.',
	},
	offer: {
		countryHint: 'Empty = every country SastaOTP lists for the service',
		countriesRequired: false,
	},
	providerRequired: false,
	params: { maxPrice: 'maxPrice', serviceFilter: 'service' },
	// JSON (the document's recommendation) where the plain answer drops what a paid order needs (price, expiry).
	jsonFormat: {
		param: 'format',
		value: 'json',
		actions: ['getNumber', 'getNumberV2', 'regetNumber'],
	},
	serviceIds: 'code',
	countryOptional: true,
	// The status table: -1 or 8 cancel, 1 ready, 3 next code, 6 complete. BAD_STATUS's hint ("status=6 (cancel)
	// or status=1 (received)") contradicts it; the table is followed. 8 is sent: the value the whole family shares.
	status: { complete: '6', cancel: '8', requestAnotherSms: '3', ready: '1' },
	statusValues: { complete: ['6'], cancel: ['8', '-1'], requestAnotherSms: ['3'], ready: ['1'] },
	setStatusAnswers: {
		complete: ['ACCESS_ACTIVATION'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: ['ACCESS_READY'],
	},
	documentedErrors: Object.keys(SASTAOTP_DOCUMENTED),
	earlyCancelMs: 0,
	cancelRefunds: true,
	features: {
		getCountries: true,
		getServices: true,
		servicePrices: true,
		serviceStock: true,
		getNumberV2: true,
		getStatusV2: true,
		complete: true,
		requestAnotherSms: true,
		multiSms: true,
		regetNumber: true,
		maxPrice: true,
		getOrders: true,
	},
	orders: {
		statuses: ['pending', 'completed', 'cancelled', 'expired'],
		defaultLimit: 20,
		maxLimit: 100,
	},
	key: {
		query: 'api_key',
		headers: [
			{ name: 'Authorization', prefix: 'Bearer ' },
			{ name: 'X-API-Key', prefix: '' },
		],
	},
	errorTable: familyTable(SASTAOTP_BRAND, SASTAOTP_DOCUMENTED),
});
