import type { ErrorEntry, ErrorKind } from '../errors';
import type { Brand } from './dialect';

/** One error entry: what went wrong, what to do, and whether the same request may succeed later. */
export const entry = (
	kind: ErrorKind,
	retryable: boolean,
	message: string,
	hint: string,
): ErrorEntry => ({ kind, retryable, message, hint });

/**
 * Strings of the SMS-Activate family a compatible server may send though its own document does not list them:
 * still classified, in the provider's own words. Each document's table then overrides these.
 */
export function familyErrors(b: Brand): Record<string, ErrorEntry> {
	const fill = 'Fill in every required field of the operation';
	return {
		BAD_KEY: entry(
			'auth',
			false,
			'Invalid API key',
			`Check the API key in the ${b.name} credential (copy it again from ${b.keyWhere})`,
		),
		NO_API_KEY: entry(
			'auth',
			false,
			'API key is missing',
			`Enter the API key in the ${b.name} credential`,
		),
		KEY_INACTIVE: entry(
			'auth',
			false,
			'API key has been disabled',
			`Contact ${b.support} to re-enable your API key`,
		),
		ACCOUNT_BLOCKED: entry(
			'auth',
			false,
			'Account blocked',
			`Your ${b.name} account has been suspended — contact ${b.support}`,
		),
		ACCOUNT_BAN: entry(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account has been banned — contact ${b.support}`,
		),
		ACCOUNT_BANNED: entry(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account has been suspended — contact ${b.support}`,
		),
		BANNED: entry(
			'auth',
			false,
			'Account banned',
			`Your ${b.name} account is banned until the date shown — contact ${b.support}`,
		),
		BAD_ACTION: entry(
			'input',
			false,
			'Unknown API action',
			`${b.name} does not support this operation — check the base URL in the credential`,
		),
		BAD_SERVICE: entry(
			'input',
			false,
			'Service not found',
			`Check the service code (e.g. tg, wa) for ${b.name}`,
		),
		BAD_COUNTRY: entry('input', false, 'Country not found', `Check the country code for ${b.name}`),
		BAD_ID: entry(
			'input',
			false,
			'Order ID missing',
			'Map the order ID from the Get Number output (e.g. {{ $json.orderId }})',
		),
		BAD_STATUS: entry(
			'input',
			false,
			'Invalid status value',
			`${b.name} refused the status value sent`,
		),
		INVALID_STATUS: entry(
			'input',
			false,
			'Invalid status value',
			`${b.name} refused the status value sent`,
		),
		BAD_PARAMS: entry('input', false, 'Required parameters are missing', fill),
		MISSING_PARAMS: entry('input', false, 'Required parameters are missing', fill),
		NO_BALANCE: entry(
			'balance',
			false,
			'Insufficient balance',
			`Top up your ${b.name} wallet (${b.currency}) at ${b.topUp}`,
		),
		WRONG_MAX_PRICE: entry(
			'input',
			false,
			'Maximum price is below the current price',
			`Raise the maximum price (${b.currency}) to at least the amount shown`,
		),
		MAX_PRICE_EXCEEDED: entry(
			'availability',
			true,
			'Current price is above your maximum price',
			`Raise the maximum price (${b.currency}) or try again later`,
		),
		NO_NUMBERS: entry(
			'availability',
			true,
			'No numbers available for this service and country right now',
			`Try another country or ${b.providerWord}, or retry in a few minutes`,
		),
		NO_SERVICES: entry(
			'availability',
			true,
			'No services available',
			`Try another country or ${b.providerWord}, or retry later`,
		),
		SERVICE_UNAVAILABLE: entry(
			'availability',
			true,
			'Service not available for this country right now',
			'Pick another country or retry later',
		),
		NO_ACTIVATION: entry(
			'notFound',
			false,
			'Order not found',
			`The order ID does not exist or belongs to another ${b.name} account — use the orderId returned by Get Number`,
		),
		STATUS_CANCEL: entry(
			'state',
			false,
			'The order was cancelled',
			'Buy a new number; no SMS can arrive on a cancelled order',
		),
		ALREADY_CANCEL: entry(
			'state',
			false,
			'The order was already cancelled',
			'Nothing to do: the order was already cancelled',
		),
		ALREADY_FINISHED: entry(
			'state',
			false,
			'The order is already finished',
			'Nothing to do: the order is completed, cancelled or expired',
		),
		STATUS_ALREADY_CHANGED: entry(
			'state',
			false,
			'The order status was already changed',
			'Complete or cancel an order only once',
		),
		EARLY_CANCEL_DENIED: entry(
			'state',
			true,
			'Cancel refused: the order is too recent',
			'Wait a few minutes after Get Number, then cancel again',
		),
		NO_SMS_RECEIVED: entry(
			'state',
			true,
			'No SMS received yet, so the order cannot be completed',
			'Wait for the code before completing, or cancel for a refund',
		),
		CANCEL_FAILED: entry(
			'state',
			false,
			'Cancel could not be recorded',
			'Check the order with Get Status before cancelling again',
		),
		RETRY_FAILED: entry(
			'state',
			false,
			`${b.name} refused to send another SMS`,
			'Cancel the order and buy a new number',
		),
		ERROR_PROVIDER: entry(
			'provider',
			true,
			`${b.name}'s upstream provider returned an unexpected response`,
			`Retry in a few seconds or choose another ${b.providerWord}`,
		),
		PROVIDER_ERROR: entry(
			'provider',
			true,
			`${b.name}'s upstream provider returned an unexpected response`,
			'Retry in a few seconds or choose another country or service',
		),
		ERROR_SQL: entry(
			'server',
			true,
			`${b.name} database error`,
			`Retry once; contact ${b.support} if it persists`,
		),
		SERVER_ERROR: entry(
			'server',
			true,
			`${b.name} internal error`,
			`Retry once; contact ${b.support} if it persists`,
		),
	};
}

export function familyHttpErrors(
	b: Brand,
	errors: Record<string, ErrorEntry>,
): Record<string, ErrorEntry> {
	return {
		'400': entry(
			'input',
			false,
			'The request was rejected as invalid',
			"Check the operation's fields",
		),
		'401': errors.BAD_KEY,
		'402': errors.NO_BALANCE,
		'403': entry(
			'auth',
			false,
			'Account blocked or inactive',
			`Your ${b.name} account or key has been suspended — contact ${b.support}`,
		),
		'404': entry('notFound', false, 'Not found', 'Check the IDs and options you selected'),
		'500': entry('server', true, `${b.name} server error`, 'Retry in a few seconds'),
		'502': errors.PROVIDER_ERROR,
		'503': entry('availability', true, `${b.name} is unavailable right now`, 'Retry later'),
	};
}
