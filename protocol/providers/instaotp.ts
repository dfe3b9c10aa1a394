import { FAMILY_ACTIONS, familyDialect, familyTable } from './family';
import { entry } from './familyErrors';
import type { ErrorEntry } from '../errors';
import type { Brand, Dialect } from './dialect';

export const INSTAOTP_BRAND: Brand = {
	id: 'instaotp',
	name: 'InstaOTP',
	credentialType: 'instaOtpApi',
	currency: 'INR',
	providerWord: 'server',
	keyWhere: 'your InstaOTP account',
	topUp: 'instaotp.in',
	support: 'InstaOTP support',
};

/** The error table of instaotp.txt (../shared/api-docs/instaotp.txt), in its words; the family's entries fill the rest. */
const INSTAOTP_DOCUMENTED: Record<string, ErrorEntry> = {
	NO_API_KEY: entry(
		'auth',
		false,
		'API key is missing in the request',
		'Enter the API key in the InstaOTP credential',
	),
	BAD_KEY: entry(
		'auth',
		false,
		'Invalid API key',
		'Check the API key in the InstaOTP credential (copy it again from your InstaOTP account)',
	),
	BAD_PARAMS: entry(
		'input',
		false,
		'Required parameters are missing',
		'Fill in the service, country and server',
	),
	BAD_ACTION: entry(
		'input',
		false,
		'Incorrect action',
		'InstaOTP does not support this operation — check the base URL in the credential (https://instaotp.in/api/v1)',
	),
	BAD_SERVICE: entry(
		'input',
		false,
		'Incorrect service name',
		'Use an InstaOTP service id such as wa, tg or vk (Get Services lists them)',
	),
	BAD_STATUS: entry(
		'input',
		false,
		'Invalid status value',
		"InstaOTP refused the status sent; its documentation names 'cancel' and 'finish'",
	),
	INVALID_STATUS: entry(
		'input',
		false,
		"InstaOTP accepts only the status 'cancel' or 'finish'",
		'Use Complete or Cancel & Refund',
	),
	NO_SERVICES: entry(
		'availability',
		true,
		'No services available, or InstaOTP failed to fetch them',
		'Try another country or server, or retry later',
	),
	NO_ACTIVATION: entry(
		'notFound',
		false,
		'Activation not found or invalid order ID',
		'Use the orderId returned by Get Number with this InstaOTP key',
	),
	ALREADY_CANCEL: entry(
		'state',
		false,
		'The order has already been cancelled',
		'Nothing to do: the order was already cancelled',
	),
	EARLY_CANCEL_DENIED: entry(
		'state',
		true,
		'Cancel refused during the first 2 minutes after purchase',
		'Wait until 2 minutes have passed since Get Number, then cancel again',
	),
	ERROR_SQL: entry(
		'server',
		true,
		'InstaOTP database server error',
		'Retry once; contact InstaOTP support if it persists',
	),
};

/**
 * instaotp.txt documents getBalance, getService and getNumber; getStatus and setStatus only through their
 * answers and errors (STATUS_OK, ACCESS_CANCEL, INVALID_STATUS...). The "id: 1 … 10" list closing the document
 * is its server list (10 inactive).
 */
export const INSTAOTP: Dialect = familyDialect(INSTAOTP_BRAND, {
	defaultBaseUrl: 'https://instaotp.in/api/v1',
	actions: {
		...FAMILY_ACTIONS,
		getServices: 'getService',
	},
	providerParam: 'server',
	providerText: {
		label: 'Server',
		option: 'Server',
		description:
			'InstaOTP server that supplies the number (1–9 active, 10 inactive). Stock and prices differ per server.',
	},
	offer: {
		serversLabel: 'Servers',
		countryHint:
			"InstaOTP's country numbers, comma-separated (22 = India); empty = every country its list has",
		countriesRequired: false,
	},
	providerRequired: true,
	providerValues: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
	inactiveProviders: ['10'],
	params: { servicesCountry: 'country', servicesProvider: 'server' },
	serviceIds: 'code',
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
	documentedErrors: Object.keys(INSTAOTP_DOCUMENTED),
	earlyCancelMs: 120_000,
	features: {
		getServices: true,
		servicePrices: true,
		serviceStock: true,
		complete: true,
	},
	errorTable: familyTable(
		INSTAOTP_BRAND,
		INSTAOTP_DOCUMENTED,
		// "Error responses typically begin with "ERROR_" or "BAD_" prefixes."
		{ errorPrefixes: ['ERROR_', 'BAD_'] },
	),
});
