import { FAMILY_ACTIONS, familyDialect, familyTable } from './family';
import { entry } from './familyErrors';
import type { ErrorEntry } from '../errors';
import type { Brand, Dialect } from './dialect';

export const OTPX_BRAND: Brand = {
	id: 'otpx',
	name: 'OTPX',
	credentialType: 'otpxApi',
	currency: 'INR',
	providerWord: 'operator',
	keyWhere: 'your OTPX account',
	topUp: 'otpx.in',
	support: 'OTPX support',
};

/** The error table of otpx.txt (../shared/api-docs/otpx.txt), in its words; the family's entries fill the rest. */
const OTPX_DOCUMENTED: Record<string, ErrorEntry> = {
	BAD_KEY: entry(
		'auth',
		false,
		'Invalid or missing API key',
		'Check the API key in the OTPX credential (copy it again from your OTPX account)',
	),
	BAD_ACTION: entry(
		'input',
		false,
		'Unknown API action',
		'OTPX does not support this operation — check the base URL in the credential (https://otpx.in/api/stubs)',
	),
	BAD_SERVICE: entry(
		'input',
		false,
		'Invalid service code',
		'Use an OTPX service code such as wa or tg (see the reference data in your OTPX account)',
	),
	BAD_COUNTRY: entry(
		'input',
		false,
		'Invalid country code',
		'Use an OTPX country number such as 22 for India (see the reference data in your OTPX account)',
	),
	NO_BALANCE: entry(
		'balance',
		false,
		'Insufficient account balance',
		'Top up your OTPX wallet (INR)',
	),
	NO_NUMBERS: entry(
		'availability',
		true,
		'No numbers available for this service',
		'Try another country or operator, or retry in a few minutes',
	),
	NO_ACTIVATION: entry(
		'notFound',
		false,
		'Invalid activation ID',
		'Use the orderId returned by Get Number with this OTPX key',
	),
	ACCOUNT_BAN: entry('auth', false, 'Your OTPX account has been banned', 'Contact OTPX support'),
};

/** otpx.txt documents getBalance, getNumber, getStatus and setStatus only; its reference data is behind a login. */
export const OTPX: Dialect = familyDialect(OTPX_BRAND, {
	defaultBaseUrl: 'https://otpx.in/api/stubs',
	actions: FAMILY_ACTIONS,
	providerParam: 'operator',
	providerText: {
		label: 'Operator',
		option: 'Operator',
		description: 'Network operator of the number (e.g. any, airtel, jio); any lets OTPX choose',
	},
	offer: {
		countryHint:
			"OTPX's country numbers, comma-separated (22 = India); OTPX lists no prices, so its offers rank last",
		countriesRequired: true,
		operatorHint: 'Network operator (any lets OTPX choose)',
	},
	providerRequired: false,
	defaultProvider: 'any',
	params: {},
	serviceIds: 'code',
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
	documentedErrors: Object.keys(OTPX_DOCUMENTED),
	earlyCancelMs: 0,
	features: {
		requestAnotherSms: true,
	},
	errorTable: familyTable(OTPX_BRAND, OTPX_DOCUMENTED),
});
