import type { ApiName } from './request';
import { OTPGET_ERRORS, type ErrorEntry, type ErrorKind, type ErrorTable } from './errors';
import { SASTAOTP_SENTENCES, withSentences } from './sastaotpSentences';

/**
 * OTPGet and the SMS-Activate-compatible providers the package speaks to. Everything that differs between them
 * is data below: request builders and parsers read these fields and never branch on the provider's name.
 * Sources: /work/shared/api-docs/{otpget-sms-rental-email,otpx,instaotp,sastaotp}.txt.
 */
export type ProviderId = 'otpget' | 'otpx' | 'instaotp' | 'sastaotp';

/** What a setStatus call is meant to do. */
export type StatusIntent = 'complete' | 'cancel' | 'requestAnotherSms' | 'ready';

/** The handler_api.php operations a document may list (each dialect names the action it sends). */
export type SmsAction =
	| 'getBalance'
	| 'getCountries'
	| 'getServices'
	| 'getNumber'
	| 'getNumberV2'
	| 'getStatus'
	| 'getStatusV2'
	| 'setStatus'
	| 'getOrders'
	| 'regetNumber';

export interface Dialect {
	id: ProviderId;
	name: string;
	/** Every price and balance of this provider is in this currency. */
	currency: 'PKR' | 'INR';
	/** The document's base URL, without the script name. */
	defaultBaseUrl: string;
	/** Scripts under the base URL; the compatible providers only have `sms`. */
	endpoints: Partial<Record<ApiName, string>>;
	/** The `action` value sent for each documented operation; an operation missing here is not offered. */
	actions: Partial<Record<SmsAction, string>>;
	/** Query parameter that selects the upstream provider/server/operator (OTPGet `type`, OTPX `operator`...). */
	providerParam?: string;
	/** getNumber refuses a request without providerParam (OTPGet's type, InstaOTP's server). */
	providerRequired: boolean;
	/** Values the document lists for providerParam; absent = free text. */
	providerValues?: readonly string[];
	/** Values its document lists as inactive (InstaOTP's server 10). */
	inactiveProviders?: readonly string[];
	/** The value its examples send when the user picks none (OTPX `any`). */
	defaultProvider?: string;
	/** Query parameter names that differ between documents. */
	params: {
		/** Price ceiling on getNumber (SastaOTP `maxPrice`, INR). */
		maxPrice?: string;
		/** Filter of the services list by one service code (SastaOTP `service`). */
		serviceFilter?: string;
		/** Filter of the services list by country (InstaOTP `country`; OTPGet requires it). */
		servicesCountry?: string;
		/** Filter of the services list by provider (InstaOTP `server`, OTPGet `type`). */
		servicesProvider?: string;
		/** Filter of the countries list by provider (OTPGet `type`). */
		countriesProvider?: string;
	};
	/** Ask for JSON answers: `param=value` added to the listed actions (SastaOTP `format=json`). */
	jsonFormat?: { param: string; value: string; actions: readonly SmsAction[] };
	/** `numericId`: OTPGet's service is a database id from getServices (101); `code`: a code like `tg`, `wa`. */
	serviceIds: 'numericId' | 'code';
	/** Countries are numbers everywhere (OTPGet 61, OTPX/InstaOTP 22 = India, SastaOTP 91 = India's dial code). */
	countryIds: 'numeric';
	/** getNumber may omit the country (SastaOTP auto-selects one). */
	countryOptional: boolean;
	/** The setStatus value SENT for each supported intent; a missing intent cannot be asked of this provider. */
	status: Partial<Record<StatusIntent, string>> & { cancel: string };
	/** Every value the document accepts per intent (sent value first). */
	statusValues: Partial<Record<StatusIntent, readonly string[]>>;
	/** A complete the document does not list but the family takes (OTPX: 6): Wait for OTP tries it. */
	tryComplete?: string;
	/** Answers to setStatus that confirm each intent. */
	setStatusAnswers: Record<StatusIntent, readonly string[]>;
	/** Minimum age of an order before the provider accepts a cancel, in ms (0 = none documented). */
	earlyCancelMs: number;
	/** STATUS_CANCEL (the provider's cancel or expiry) comes with a refund (SastaOTP: "Auto-refund on STATUS_CANCEL"). */
	cancelRefunds?: boolean;
	features: {
		getCountries: boolean;
		getServices: boolean;
		/** The services list carries a price and a stock count. */
		servicePrices: boolean;
		serviceStock: boolean;
		getNumberV2: boolean;
		getStatusV2: boolean;
		/** setStatus can complete an order (OTPX documents only 3 and 8: it cannot). */
		complete: boolean;
		requestAnotherSms: boolean;
		/** Services may deliver several codes on one number (SastaOTP `multi_sms`). */
		multiSms: boolean;
		regetNumber: boolean;
		maxPrice: boolean;
		getOrders: boolean;
	};
	/** Filters of getOrders (SastaOTP). */
	orders?: { statuses: readonly string[]; defaultLimit: number; maxLimit: number };
	/** Where the API key may travel: the query parameter, and headers where documented. */
	key: { query: string; headers?: ReadonlyArray<{ name: string; prefix: string }> };
	/** This provider's error answers, in its own words, currency and dashboard. */
	errorTable: ErrorTable;
}

const e = (kind: ErrorKind, retryable: boolean, message: string, hint: string): ErrorEntry => ({
	kind,
	retryable,
	message,
	hint,
});

/** What the providerParam is called on screen, per provider. */
interface Brand {
	name: string;
	currency: string;
	/** "operator", "server". */
	providerWord: string;
	/** Where the key is copied from. */
	keyWhere: string;
	/** Where the wallet is topped up. */
	topUp: string;
	support: string;
	/** The document's error sentences by code, for answers that carry only the sentence. */
	sentences?: Readonly<Record<string, string>>;
}

/**
 * Strings of the SMS-Activate family a compatible server may send though its own document does not list them:
 * still classified, in the provider's own words. Each document's table then overrides these.
 */
function familyErrors(b: Brand): Record<string, ErrorEntry> {
	const fill = 'Fill in every required field of the operation';
	return {
		BAD_KEY: e(
			'auth',
			false,
			'Invalid API key',
			`Check the API key in the ${b.name} credential (copy it again from ${b.keyWhere})`,
		),
		NO_API_KEY: e(
			'auth',
			false,
			'API key is missing',
			`Enter the API key in the ${b.name} credential`,
		),
		KEY_INACTIVE: e(
			'auth',
			false,
			'API key has been disabled',
			`Contact ${b.support} to re-enable your API key`,
		),
		ACCOUNT_BLOCKED: e(
			'auth',
			false,
			'Account blocked',
			`Your ${b.name} account has been suspended — contact ${b.support}`,
		),
		ACCOUNT_BAN: e(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account has been banned — contact ${b.support}`,
		),
		ACCOUNT_BANNED: e(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account has been suspended — contact ${b.support}`,
		),
		BANNED: e(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account is banned until the date shown — contact ${b.support}`,
		),
		BAD_ACTION: e(
			'input',
			false,
			'Unknown API action',
			`${b.name} does not support this operation — check the base URL in the credential`,
		),
		BAD_SERVICE: e(
			'input',
			false,
			'Service not found',
			`Check the service code (e.g. tg, wa) for ${b.name}`,
		),
		BAD_COUNTRY: e('input', false, 'Country not found', `Check the country code for ${b.name}`),
		BAD_ID: e(
			'input',
			false,
			'Order ID missing',
			'Map the order ID from the Get Number output (e.g. {{ $json.orderId }})',
		),
		BAD_STATUS: e(
			'input',
			false,
			'Invalid status value',
			`${b.name} refused the status value sent`,
		),
		INVALID_STATUS: e(
			'input',
			false,
			'Invalid status value',
			`${b.name} refused the status value sent`,
		),
		BAD_PARAMS: e('input', false, 'Required parameters are missing', fill),
		MISSING_PARAMS: e('input', false, 'Required parameters are missing', fill),
		NO_BALANCE: e(
			'balance',
			false,
			'Insufficient balance',
			`Top up your ${b.name} wallet (${b.currency}) at ${b.topUp}`,
		),
		WRONG_MAX_PRICE: e(
			'input',
			false,
			'Maximum price is below the current price',
			`Raise the maximum price (${b.currency}) to at least the amount shown`,
		),
		MAX_PRICE_EXCEEDED: e(
			'availability',
			true,
			'Current price is above your maximum price',
			`Raise the maximum price (${b.currency}) or try again later`,
		),
		NO_NUMBERS: e(
			'availability',
			true,
			'No numbers available for this service and country right now',
			`Try another country or ${b.providerWord}, or retry in a few minutes`,
		),
		NO_SERVICES: e(
			'availability',
			true,
			'No services available',
			`Try another country or ${b.providerWord}, or retry later`,
		),
		SERVICE_UNAVAILABLE: e(
			'availability',
			true,
			'Service not available for this country right now',
			'Pick another country or retry later',
		),
		NO_ACTIVATION: e(
			'notFound',
			false,
			'Order not found',
			`The order ID does not exist or belongs to another ${b.name} account — use the orderId returned by Get Number`,
		),
		STATUS_CANCEL: e(
			'state',
			false,
			'The order was cancelled',
			'Buy a new number; no SMS can arrive on a cancelled order',
		),
		ALREADY_CANCEL: e(
			'state',
			false,
			'The order was already cancelled',
			'Nothing to do: the order was already cancelled',
		),
		ALREADY_FINISHED: e(
			'state',
			false,
			'The order is already finished',
			'Nothing to do: the order is completed, cancelled or expired',
		),
		STATUS_ALREADY_CHANGED: e(
			'state',
			false,
			'The order status was already changed',
			'Complete or cancel an order only once',
		),
		EARLY_CANCEL_DENIED: e(
			'state',
			true,
			'Cancel refused: the order is too recent',
			'Wait a few minutes after Get Number, then cancel again',
		),
		NO_SMS_RECEIVED: e(
			'state',
			true,
			'No SMS received yet, so the order cannot be completed',
			'Wait for the code before completing, or cancel for a refund',
		),
		CANCEL_FAILED: e(
			'state',
			false,
			'Cancel could not be recorded',
			'Check the order with Get Status before cancelling again',
		),
		RETRY_FAILED: e(
			'state',
			false,
			`${b.name} refused to send another SMS`,
			'Cancel the order and buy a new number',
		),
		ERROR_PROVIDER: e(
			'provider',
			true,
			`${b.name}'s upstream provider returned an unexpected response`,
			`Retry in a few seconds or choose another ${b.providerWord}`,
		),
		PROVIDER_ERROR: e(
			'provider',
			true,
			`${b.name}'s upstream provider returned an unexpected response`,
			'Retry in a few seconds or choose another country or service',
		),
		ERROR_SQL: e(
			'server',
			true,
			`${b.name} database error`,
			`Retry once; contact ${b.support} if it persists`,
		),
		SERVER_ERROR: e(
			'server',
			true,
			`${b.name} internal error`,
			`Retry once; contact ${b.support} if it persists`,
		),
	};
}

function httpErrors(b: Brand, errors: Record<string, ErrorEntry>): Record<string, ErrorEntry> {
	return {
		'400': e('input', false, 'The request was rejected as invalid', "Check the operation's fields"),
		'401': errors.BAD_KEY,
		'402': errors.NO_BALANCE,
		'403': e(
			'auth',
			false,
			'Account blocked or inactive',
			`Your ${b.name} account or key has been suspended — contact ${b.support}`,
		),
		'404': e('notFound', false, 'Not found', 'Check the IDs and options you selected'),
		'500': e('server', true, `${b.name} server error`, 'Retry in a few seconds'),
		'502': errors.PROVIDER_ERROR,
		'503': e('availability', true, `${b.name} is unavailable right now`, 'Retry later'),
	};
}

function table(
	b: Brand,
	documented: Record<string, ErrorEntry>,
	errorPrefixes?: readonly string[],
): ErrorTable {
	const errors = { ...familyErrors(b), ...documented };
	const t = { errors, httpErrors: httpErrors(b, errors), errorPrefixes, name: b.name };
	return b.sentences ? withSentences(t, b.sentences) : t;
}

const OTPX_BRAND: Brand = {
	name: 'OTPX',
	currency: 'INR',
	providerWord: 'operator',
	keyWhere: 'your OTPX account',
	topUp: 'otpx.in',
	support: 'OTPX support',
};

const INSTAOTP_BRAND: Brand = {
	name: 'InstaOTP',
	currency: 'INR',
	providerWord: 'server',
	keyWhere: 'your InstaOTP account',
	topUp: 'instaotp.in',
	support: 'InstaOTP support',
};

const SASTAOTP_BRAND: Brand = {
	name: 'SastaOTP',
	currency: 'INR',
	providerWord: 'operator',
	keyWhere: 'SastaOTP Dashboard → Settings → API Key',
	topUp: 'SastaOTP Dashboard → Add Balance',
	support: 'support@sastaotp.com',
	// The document shows no JSON error: one carrying only its sentence is still that code's refusal.
	sentences: SASTAOTP_SENTENCES,
};

export const OTPGET: Dialect = {
	id: 'otpget',
	name: 'OTPGet',
	defaultBaseUrl: 'https://www.otpget.com/stubs',
	currency: 'PKR',
	endpoints: {
		sms: 'handler_api.php',
		cheap: 'cheap_handler.php',
		rental: 'rental-handler.php',
		email: 'email_handler.php',
	},
	actions: {
		getBalance: 'getBalance',
		getCountries: 'getCountries',
		getServices: 'getServices',
		getNumber: 'getNumber',
		getStatus: 'getStatus',
		setStatus: 'setStatus',
	},
	providerParam: 'type',
	providerRequired: true,
	providerValues: ['1', '2', '3', '4', '5'],
	params: { servicesCountry: 'country', servicesProvider: 'type', countriesProvider: 'type' },
	serviceIds: 'numericId',
	countryIds: 'numeric',
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
	earlyCancelMs: 120_000,
	features: {
		getCountries: true,
		getServices: true,
		servicePrices: true,
		serviceStock: false,
		getNumberV2: false,
		getStatusV2: false,
		complete: true,
		requestAnotherSms: false,
		multiSms: false,
		regetNumber: false,
		maxPrice: false,
		getOrders: false,
	},
	key: { query: 'api_key' },
	errorTable: OTPGET_ERRORS,
};

/** otpx.txt documents getBalance, getNumber, getStatus and setStatus only; its reference data is behind a login. */
export const OTPX: Dialect = {
	id: 'otpx',
	name: 'OTPX',
	defaultBaseUrl: 'https://otpx.in/api/stubs',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	actions: {
		getBalance: 'getBalance',
		getNumber: 'getNumber',
		getStatus: 'getStatus',
		setStatus: 'setStatus',
	},
	providerParam: 'operator',
	providerRequired: false,
	defaultProvider: 'any',
	params: {},
	serviceIds: 'code',
	countryIds: 'numeric',
	countryOptional: false,
	// "Status code: 3 (request new SMS) or 8 (cancel)": nothing completes an order, so `complete` is absent.
	status: { cancel: '8', requestAnotherSms: '3' },
	statusValues: { cancel: ['8'], requestAnotherSms: ['3'] },
	// Yet its Set Status says "cancel, complete, or request new SMS": completing moves no money, so 6 is tried.
	tryComplete: '6',
	setStatusAnswers: {
		complete: ['ACCESS_ACTIVATION'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: [],
	},
	earlyCancelMs: 0,
	features: {
		getCountries: false,
		getServices: false,
		servicePrices: false,
		serviceStock: false,
		getNumberV2: false,
		getStatusV2: false,
		complete: false,
		requestAnotherSms: true,
		multiSms: false,
		regetNumber: false,
		maxPrice: false,
		getOrders: false,
	},
	key: { query: 'api_key' },
	errorTable: table(OTPX_BRAND, {
		BAD_KEY: e(
			'auth',
			false,
			'Invalid or missing API key',
			'Check the API key in the OTPX credential (copy it again from your OTPX account)',
		),
		BAD_ACTION: e(
			'input',
			false,
			'Unknown API action',
			'OTPX does not support this operation — check the base URL in the credential (https://otpx.in/api/stubs)',
		),
		BAD_SERVICE: e(
			'input',
			false,
			'Invalid service code',
			'Use an OTPX service code such as wa or tg (see the reference data in your OTPX account)',
		),
		BAD_COUNTRY: e(
			'input',
			false,
			'Invalid country code',
			'Use an OTPX country number such as 22 for India (see the reference data in your OTPX account)',
		),
		NO_BALANCE: e(
			'balance',
			false,
			'Insufficient account balance',
			'Top up your OTPX wallet (INR)',
		),
		NO_NUMBERS: e(
			'availability',
			true,
			'No numbers available for this service',
			'Try another country or operator, or retry in a few minutes',
		),
		NO_ACTIVATION: e(
			'notFound',
			false,
			'Invalid activation ID',
			'Use the orderId returned by Get Number with this OTPX key',
		),
		ACCOUNT_BAN: e('auth', false, 'Your OTPX account has been banned', 'Contact OTPX support'),
	}),
};

/**
 * instaotp.txt documents getBalance, getService and getNumber; getStatus and setStatus only through their
 * answers and errors (STATUS_OK, ACCESS_CANCEL, INVALID_STATUS...). The "id: 1 … 10" list closing the document
 * is its server list (10 inactive).
 */
export const INSTAOTP: Dialect = {
	id: 'instaotp',
	name: 'InstaOTP',
	defaultBaseUrl: 'https://instaotp.in/api/v1',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	actions: {
		getBalance: 'getBalance',
		getServices: 'getService',
		getNumber: 'getNumber',
		getStatus: 'getStatus',
		setStatus: 'setStatus',
	},
	providerParam: 'server',
	providerRequired: true,
	providerValues: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
	inactiveProviders: ['10'],
	params: { servicesCountry: 'country', servicesProvider: 'server' },
	serviceIds: 'code',
	countryIds: 'numeric',
	countryOptional: false,
	// The only sentence naming the values is INVALID_STATUS: "Status must be either 'cancel' or 'finish'", so the
	// words are sent. A server reading SMS-Activate numbers answers BAD_STATUS/INVALID_STATUS (nothing changed):
	// statusValues keeps 8 / 6, sent once after such a refusal (statusFallback.ts); both forms' answers are accepted.
	status: { complete: 'finish', cancel: 'cancel' },
	statusValues: { complete: ['finish', '6'], cancel: ['cancel', '8'] },
	// ACCESS_ACTIVATION is its "Service activated successfully"; ACCESS_FINISH is the family's word for "finish".
	// ACCESS_READY is "Numbers readiness confirmed" here, never a refund.
	setStatusAnswers: {
		complete: ['ACCESS_ACTIVATION', 'ACCESS_FINISH'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: ['ACCESS_READY'],
	},
	earlyCancelMs: 120_000,
	features: {
		getCountries: false,
		getServices: true,
		servicePrices: true,
		serviceStock: true,
		getNumberV2: false,
		getStatusV2: false,
		complete: true,
		requestAnotherSms: false,
		multiSms: false,
		regetNumber: false,
		maxPrice: false,
		getOrders: false,
	},
	key: { query: 'api_key' },
	errorTable: table(
		INSTAOTP_BRAND,
		{
			NO_API_KEY: e(
				'auth',
				false,
				'API key is missing in the request',
				'Enter the API key in the InstaOTP credential',
			),
			BAD_KEY: e(
				'auth',
				false,
				'Invalid API key',
				'Check the API key in the InstaOTP credential (copy it again from your InstaOTP account)',
			),
			BAD_PARAMS: e(
				'input',
				false,
				'Required parameters are missing',
				'Fill in the service, country and server',
			),
			BAD_ACTION: e(
				'input',
				false,
				'Incorrect action',
				'InstaOTP does not support this operation — check the base URL in the credential (https://instaotp.in/api/v1)',
			),
			BAD_SERVICE: e(
				'input',
				false,
				'Incorrect service name',
				'Use an InstaOTP service id such as wa, tg or vk (Get Services lists them)',
			),
			BAD_STATUS: e(
				'input',
				false,
				'Invalid status value',
				"InstaOTP refused the status sent; its documentation names 'cancel' and 'finish'",
			),
			INVALID_STATUS: e(
				'input',
				false,
				"InstaOTP accepts only the status 'cancel' or 'finish'",
				'Use Complete or Cancel & Refund',
			),
			NO_SERVICES: e(
				'availability',
				true,
				'No services available, or InstaOTP failed to fetch them',
				'Try another country or server, or retry later',
			),
			NO_ACTIVATION: e(
				'notFound',
				false,
				'Activation not found or invalid order ID',
				'Use the orderId returned by Get Number with this InstaOTP key',
			),
			ALREADY_CANCEL: e(
				'state',
				false,
				'The order has already been cancelled',
				'Nothing to do: the order was already cancelled',
			),
			EARLY_CANCEL_DENIED: e(
				'state',
				true,
				'Cancel refused during the first 2 minutes after purchase',
				'Wait until 2 minutes have passed since Get Number, then cancel again',
			),
			ERROR_SQL: e(
				'server',
				true,
				'InstaOTP database server error',
				'Retry once; contact InstaOTP support if it persists',
			),
		},
		// "Error responses typically begin with "ERROR_" or "BAD_" prefixes."
		['ERROR_', 'BAD_'],
	),
};

/** sastaotp.txt: the richest dialect (JSON answers, V2 actions, maxPrice, orders, multi-SMS). */
export const SASTAOTP: Dialect = {
	id: 'sastaotp',
	name: 'SastaOTP',
	defaultBaseUrl: 'https://sastaotp.com/stubs',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	// getPrices is in BAD_ACTION's list of valid actions but documented nowhere, so it is not built.
	actions: {
		getBalance: 'getBalance',
		getCountries: 'getCountries',
		getServices: 'getServicesList',
		getNumber: 'getNumber',
		getNumberV2: 'getNumberV2',
		getStatus: 'getStatus',
		getStatusV2: 'getStatusV2',
		setStatus: 'setStatus',
		getOrders: 'getOrders',
		regetNumber: 'regetNumber',
	},
	// "Pin a specific country — use country_code from getServicesList → countries[]": optional.
	providerParam: 'operator',
	providerRequired: false,
	params: { maxPrice: 'maxPrice', serviceFilter: 'service' },
	// JSON (the document's recommendation) where the plain answer drops what a paid order needs (price, expiry).
	jsonFormat: {
		param: 'format',
		value: 'json',
		actions: ['getNumber', 'getNumberV2', 'regetNumber'],
	},
	serviceIds: 'code',
	countryIds: 'numeric',
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
	errorTable: table(SASTAOTP_BRAND, {
		BAD_KEY: e(
			'auth',
			false,
			'Invalid or missing API key',
			'Copy your key again from SastaOTP Dashboard → Settings → API Key into the credential',
		),
		KEY_INACTIVE: e(
			'auth',
			false,
			'Your SastaOTP API key has been disabled by the admin',
			'Contact SastaOTP support to re-enable your key',
		),
		ACCOUNT_BANNED: e(
			'auth',
			false,
			'Your SastaOTP account has been suspended',
			'Contact support@sastaotp.com to appeal',
		),
		NO_BALANCE: e(
			'balance',
			false,
			'Your SastaOTP wallet balance is too low for this number',
			'Top up your SastaOTP wallet (INR) at Dashboard → Add Balance',
		),
		NO_NUMBERS: e(
			'availability',
			true,
			'No numbers available for this service and country right now',
			'Try a different country code, or retry in a few minutes',
		),
		MAX_PRICE_EXCEEDED: e(
			'availability',
			true,
			'The current price is higher than your Max Price',
			'Raise Max Price (INR), or leave it empty to accept any price',
		),
		SERVICE_UNAVAILABLE: e(
			'availability',
			true,
			'This service is not available for that country right now',
			'Get Services lists the countries each service is sold in',
		),
		NO_ACTIVATION: e(
			'notFound',
			false,
			'Activation not found, or it belongs to another account',
			'Use the exact orderId (activation_id) returned by Get Number for this API key',
		),
		ALREADY_FINISHED: e(
			'state',
			false,
			'The order is already completed, cancelled or expired',
			'Nothing more can be done with this order; check it with Get Status',
		),
		BAD_STATUS: e(
			'input',
			false,
			'Invalid status value',
			'SastaOTP takes 8 or -1 (cancel), 1 (ready), 3 (next code) or 6 (complete)',
		),
		BAD_ACTION: e(
			'input',
			false,
			'Unknown API action',
			'SastaOTP does not support this operation — check the base URL in the credential (https://sastaotp.com/stubs)',
		),
		MISSING_PARAMS: e(
			'input',
			false,
			'A required parameter is missing',
			'Fill in every required field of the operation',
		),
		ERROR_SQL: e(
			'server',
			true,
			'SastaOTP internal database error, not caused by your request',
			'Retry once; if it persists, contact SastaOTP support with the time of the call',
		),
		PROVIDER_ERROR: e(
			'provider',
			true,
			"SastaOTP's upstream provider returned an unexpected response while buying a number",
			'Retry after a few seconds, or try a different country or service',
		),
		CANCEL_FAILED: e(
			'state',
			false,
			'SastaOTP could not record the cancel; the order may already be finished',
			'Check the order with Get Status before cancelling again',
		),
		RETRY_FAILED: e(
			'state',
			false,
			'SastaOTP refused to wait for another code on this number',
			'The number is no longer eligible: cancel it and buy a new one',
		),
		SERVER_ERROR: e(
			'server',
			true,
			'SastaOTP internal error, not caused by your request',
			'Retry once; if it persists, contact SastaOTP support with the time of the call',
		),
	}),
};

export const DIALECTS: Record<ProviderId, Dialect> = {
	otpget: OTPGET,
	otpx: OTPX,
	instaotp: INSTAOTP,
	sastaotp: SASTAOTP,
};

export const PROVIDER_IDS = Object.keys(DIALECTS) as ProviderId[];

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIALECTS, value);
}
