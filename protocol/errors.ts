import { jsonErrorParts, lookupSentence, type Sentence } from './errorShapes';
import { excerpt, isRecord, parseJsonLenient, splitFirst, toStringValue } from './text';

export type ErrorKind =
	| 'auth'
	| 'balance'
	| 'input'
	| 'notFound'
	| 'state'
	| 'availability'
	| 'provider'
	| 'server'
	| 'unexpected';

export interface ErrorEntry {
	message: string;
	hint: string;
	kind: ErrorKind;
	/** The same request may succeed later and cannot charge twice (nothing was bought). */
	retryable: boolean;
}

/**
 * `read` may be retried on network errors and 5xx. `write` changes an order (cancel, complete) and
 * `purchase` spends money: a lost response must never buy twice, so neither is retried automatically.
 */
export type RequestKind = 'read' | 'write' | 'purchase';

/**
 * What every typed failure of a request knows about itself, as fields (the way openai-node's APIError carries
 * status and body): the node edge, the spend guard and the batch report read these, never a side table.
 */
export abstract class RequestFailure extends Error {
	abstract readonly code: string;
	/** The answer does not tell what the provider did (lost, unreadable, an undocumented 5xx). */
	abstract readonly uncertain: boolean;
	/** The kind of request that failed, set once by the transport; an error not from a request reads as 'read'. */
	requestKind: RequestKind = 'read';

	/** Stamps the request's kind (the transport calls this once, before throwing). */
	from(kind: RequestKind): this {
		this.requestKind = kind;
		return this;
	}

	/** A purchase whose outcome is unknown: the money may be spent, so it counts and is never retried. */
	get moneyAtRisk(): boolean {
		return this.requestKind === 'purchase' && this.uncertain;
	}

	/** The same request may succeed later and cannot spend twice. */
	abstract get transient(): boolean;
}

/** A provider answer that is not the success the caller asked for. */
export class ProviderError extends RequestFailure {
	readonly code: string;
	readonly hint: string;
	readonly kind: ErrorKind;
	readonly retryable: boolean;
	/** Text after the code's colon (a price, a date, the upstream provider's raw answer). */
	readonly detail?: string;
	readonly httpStatus?: number;
	/**
	 * The answer does not tell what happened (an unknown body, an undocumented 5xx). After a purchase this
	 * means the money may be spent: never say "nothing was charged", never invite a blind retry.
	 */
	readonly uncertain: boolean;

	constructor(
		code: string,
		entry: ErrorEntry,
		extra: { detail?: string; httpStatus?: number; message?: string; uncertain?: boolean } = {},
	) {
		super(extra.message ?? entry.message);
		this.name = 'ProviderError';
		this.code = code;
		this.hint = entry.hint;
		this.kind = entry.kind;
		this.retryable = entry.retryable;
		this.detail = extra.detail;
		this.httpStatus = extra.httpStatus;
		this.uncertain = extra.uncertain ?? false;
	}

	get transient(): boolean {
		return this.retryable && !this.moneyAtRisk;
	}
}

const e = (kind: ErrorKind, retryable: boolean, message: string, hint: string): ErrorEntry => ({
	kind,
	retryable,
	message,
	hint,
});

/**
 * Plain-text codes of handler_api.php (OTPGet's table) and the common SMS-Activate-protocol strings the
 * compatible providers send. Keyed by the part before the first colon.
 */
export const SMS_ERRORS: Record<string, ErrorEntry> = {
	BAD_KEY: e(
		'auth',
		false,
		'Invalid API key',
		'Check the API key in the OTPGet credential (copy it again from your OTPGet dashboard)',
	),
	NO_API_KEY: e('auth', false, 'API key is missing', 'Enter the API key in the OTPGet credential'),
	KEY_INACTIVE: e(
		'auth',
		false,
		'API key has been disabled',
		'Contact the provider to re-enable your API key',
	),
	ACCOUNT_BLOCKED: e(
		'auth',
		false,
		'Account blocked',
		'Your account has been suspended by the provider — contact their support',
	),
	ACCOUNT_BAN: e(
		'auth',
		false,
		'Account banned',
		'Your account has been banned by the provider — contact their support',
	),
	ACCOUNT_BANNED: e(
		'auth',
		false,
		'Account banned',
		'Your account has been banned by the provider — contact their support',
	),
	BANNED: e(
		'auth',
		false,
		'Account banned',
		'Your account is banned until the date shown — contact the provider',
	),
	BAD_ACTION: e(
		'input',
		false,
		'Unknown API action',
		'The provider does not support this operation — check the base URL in the credential',
	),
	BAD_SERVICE: e(
		'input',
		false,
		'Service not found for this country and provider type',
		'Pick the service from the list for the selected country and provider type',
	),
	BAD_COUNTRY: e(
		'input',
		false,
		'Country not found',
		'Pick a country from the list for the selected provider type',
	),
	BAD_TYPE: e('input', false, 'Invalid provider type', 'Provider type must be 1, 2, 3, 4 or 5'),
	BAD_ID: e(
		'input',
		false,
		'Order ID missing',
		'Map the order ID from the Get Number output (e.g. {{ $json.orderId }})',
	),
	BAD_STATUS: e('input', false, 'Invalid status value', 'Use Complete or Cancel & Refund'),
	BAD_PARAMS: e(
		'input',
		false,
		'Required parameters are missing',
		'Fill in every required field of the operation',
	),
	MISSING_PARAMS: e(
		'input',
		false,
		'Required parameters are missing',
		'Fill in every required field of the operation',
	),
	INVALID_STATUS: e('input', false, 'Invalid status value', 'Use Complete or Cancel & Refund'),
	NO_BALANCE: e('balance', false, 'Insufficient balance', 'Top up your OTPGet wallet'),
	NO_BALANCE_FOR_NEW_PRICE: e(
		'balance',
		false,
		'The provider raised the price above your balance; the number was cancelled automatically and nothing was charged',
		'Top up your OTPGet wallet or choose a cheaper service',
	),
	ERROR_PRICE_CHANGE: e(
		'availability',
		true,
		'The provider price rose above your balance; the number was cancelled automatically and nothing was charged',
		'Top up your wallet or try again later',
	),
	WRONG_MAX_PRICE: e(
		'input',
		false,
		'Maximum price is below the current price',
		'Raise the maximum price to at least the amount shown',
	),
	MAX_PRICE_EXCEEDED: e(
		'availability',
		true,
		'Current price is above your maximum price',
		'Raise the maximum price or try again later',
	),
	NO_NUMBERS: e(
		'availability',
		true,
		'No numbers available for this service and country right now',
		'Try another country or provider type, or retry in a few minutes',
	),
	NO_SERVICES: e(
		'availability',
		true,
		'No services available',
		'Try another country or provider type, or retry later',
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
		'The order ID does not exist or belongs to another account — use the orderId returned by Get Number',
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
	// A documented setStatus answer with no explanation: the change was refused, by the order's or the account's state.
	BLOCKED: e(
		'state',
		false,
		'OTPGet refused the status change: BLOCKED (the order or the account is blocked)',
		'Check the order with Get Status and your account in the OTPGet dashboard; contact OTPGet support if it stays open',
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
		'Cancel refused during the first 2 minutes after purchase',
		'Wait until 2 minutes have passed since Get Number, then cancel again',
	),
	NO_SMS_RECEIVED: e(
		'state',
		true,
		'No SMS received yet, so the order cannot be completed',
		'Wait for the code (Get Status or Wait for OTP) before completing, or cancel for a refund',
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
		'The provider refused to send another SMS',
		'Cancel the order and buy a new number',
	),
	ERROR_PROVIDER: e(
		'provider',
		true,
		'The upstream provider returned an unexpected response',
		'Retry in a few seconds or choose another provider type',
	),
	PROVIDER_ERROR: e(
		'provider',
		true,
		'The upstream provider returned an unexpected response',
		'Retry in a few seconds or choose another country or service',
	),
	ERROR_SQL: e(
		'server',
		true,
		'Provider database error',
		'Retry once; contact the provider if it persists',
	),
	SERVER_ERROR: e(
		'server',
		true,
		'Provider internal error',
		'Retry once; contact the provider if it persists',
	),
};

/** Rental/Email answers are JSON with an HTTP-like status; messages are sentences, so fall back on the status. */
export const STATUS_ERRORS: Record<string, ErrorEntry> = {
	'400': e('input', false, 'The request was rejected as invalid', "Check the operation's fields"),
	'401': e(
		'auth',
		false,
		'Invalid API key',
		'Check the API key in the OTPGet credential (copy it again from your OTPGet dashboard)',
	),
	'402': e('balance', false, 'Insufficient balance', 'Top up your OTPGet wallet'),
	'403': e(
		'auth',
		false,
		'Account blocked or inactive',
		'Your account has been suspended — contact OTPGet support',
	),
	'404': e('notFound', false, 'Not found', 'Check the IDs and options you selected'),
	'500': e('server', true, 'Provider server error', 'Retry in a few seconds'),
	'502': e(
		'provider',
		true,
		'The upstream provider returned an error',
		'Retry in a few seconds or choose the other server',
	),
	'503': e(
		'availability',
		true,
		'Service currently unavailable',
		'The provider disabled this service for now — retry later or choose the other server',
	),
};

/**
 * The sentences of the Rental and Email error tables, each with what it means for the user. Matched on the
 * JSON "message" before the generic STATUS_ERRORS; group 1, when present, is detail worth showing.
 */
export const JSON_MESSAGE_ERRORS: ReadonlyArray<Sentence<ErrorEntry>> = [
	{ match: /^Invalid API key\.?$/i, entry: STATUS_ERRORS['401'] },
	{ match: /^API key is required\.?$/i, entry: SMS_ERRORS.NO_API_KEY },
	{ match: /^Account is blocked or inactive\.?$/i, entry: STATUS_ERRORS['403'] },
	{
		match: /^Action parameter is required\.?$/i,
		entry: e(
			'input',
			false,
			'The provider received no action',
			'Check the base URL in the credential: it must be the folder that holds the OTPGet endpoints',
		),
	},
	{ match: /^Unknown action:\s*(.*)$/i, entry: SMS_ERRORS.BAD_ACTION },
	{
		match: /^(\w+) is required\.?$/i,
		entry: e(
			'input',
			false,
			'A required parameter is missing',
			'Fill in every required field of the operation',
		),
	},
	{
		match: /^Server 2 only supports monthly durations/i,
		entry: e(
			'input',
			false,
			'Server 2 only rents by the month',
			'Choose 1 Month (720), 6 Months (4320) or 12 Months (8640) as the duration',
		),
	},
	{
		match: /^No pricing found for (country_code=.*)$/i,
		entry: e(
			'notFound',
			false,
			'No rental price for this country, server and duration',
			'Pick a duration from the Duration list, which shows the prices of the selected country and server',
		),
	},
	{
		match: /^Rental not found or does not belong to you\.?$/i,
		entry: e(
			'notFound',
			false,
			'Rental not found',
			'Use the rentalId of Get My Rentals (the API\'s "id"), not the smsOrderId',
		),
	},
	{
		match: /^No pricing found for this duration\.?$/i,
		entry: e(
			'notFound',
			false,
			"This duration is not sold for the rental's country and server",
			'Pick another duration: Get Pricing lists the ones on sale',
		),
	},
	{
		match: /^Order not found or access denied\.?$/i,
		entry: e(
			'notFound',
			false,
			'Rental order not found',
			'Use the smsOrderId of Rent Number or Get My Rentals (the API\'s "order_id"), not the rentalId',
		),
	},
	{ match: /^Insufficient balance\.?\s*(.*)$/i, entry: STATUS_ERRORS['402'] },
	{
		match: /^(Server \S+) is currently (?:unavailable|disabled)/i,
		entry: e(
			'availability',
			true,
			'Rental server disabled by OTPGet for now',
			'Choose the other server, or retry later',
		),
	},
	{
		match: /^(Server \S+ error:.*)$/i,
		entry: e(
			'provider',
			true,
			'The upstream rental provider returned an error; nothing was rented',
			'Retry in a few seconds or choose the other server',
		),
	},
	{
		match: /^Provider returned an empty phone number/i,
		entry: e(
			'provider',
			true,
			'The provider returned no phone number',
			'Check Get My Rentals and your balance, then try again',
		),
	},
	{
		// The Email row: the address was bought, then the database failed; whether the charge was undone is unknown.
		match: /^Database error\.\s*Email cancelled/i,
		uncertain: true,
		entry: e(
			'server',
			false,
			'OTPGet bought the email, then its database failed and it cancelled the email; whether you were charged is unknown',
			'Check Email → Get History and Account → Get Balance before buying again',
		),
	},
	{
		match: /^Database error[.:]?\s*(.*)$/i,
		entry: e(
			'server',
			true,
			'Provider database error; the balance was not deducted',
			'Retry in a few seconds',
		),
	},
	{
		match: /^Service not available for this domain/i,
		entry: e(
			'notFound',
			false,
			'This service is not offered on this email domain',
			'Pick the service from the list of the selected domain (Get Services)',
		),
	},
	{
		match: /^No stock available for this service/i,
		entry: e(
			'availability',
			true,
			'No email addresses left for this service',
			'Try another domain, or retry later',
		),
	},
	{
		match: /^Email activation not found/i,
		entry: e(
			'notFound',
			false,
			'Email activation not found',
			'Use the emailId returned by Buy Email, with the same API key',
		),
	},
	{
		match: /^API connection error/i,
		entry: e(
			'server',
			true,
			'OTPGet could not reach its mail provider; nothing was charged',
			'Retry in a few seconds',
		),
	},
	{
		match: /^No email available:?\s*(.*)$/i,
		entry: e(
			'availability',
			true,
			'No email address available; nothing was charged',
			'Try another domain or service, or retry later',
		),
	},
	{
		match: /^Email service not configured/i,
		entry: e(
			'availability',
			false,
			'The email service is not configured at OTPGet',
			'Contact OTPGet support',
		),
	},
	{
		match: /^Email service is currently disabled/i,
		entry: e('availability', true, 'The email service is temporarily disabled', 'Retry later'),
	},
];

/** OTPGet's own table: handler_api.php codes, JSON statuses and the Rental/Email sentences. */
export const OTPGET_ERRORS: ErrorTable = {
	errors: SMS_ERRORS,
	httpErrors: STATUS_ERRORS,
	sentences: JSON_MESSAGE_ERRORS,
	name: 'OTPGet',
};

/**
 * What one provider's document says its error answers mean, in its own words and currency. Each dialect
 * (./dialects.ts) carries one; OTPGet's is the default so existing callers read OTPGet's answers unchanged.
 */
export interface ErrorTable {
	/** Plain-text codes, keyed by the part before the first colon. */
	errors: Readonly<Record<string, ErrorEntry>>;
	/** JSON answers whose "status" is an HTTP-like code. */
	httpErrors: Readonly<Record<string, ErrorEntry>>;
	/** Sentences in a JSON "message" (OTPGet's Rental and Email tables, SastaOTP's descriptions). */
	sentences?: ReadonlyArray<Sentence<ErrorEntry>>;
	/**
	 * Prefixes the document says its errors begin with (InstaOTP: "ERROR_" or "BAD_"): an unlisted code with one
	 * is still an error, though an unexplained one, so it stays `uncertain`.
	 */
	errorPrefixes?: readonly string[];
	/** Shown in the message of such an unlisted code. */
	name?: string;
}

/** Codes like ERROR_PROVIDER_1..5 share one entry; NO_BALANCE_FOR_NEW_PRICE:X and BANNED:date carry a payload. */
function lookupCode(
	code: string,
	table: ErrorTable,
): { key: string; entry: ErrorEntry; uncertain?: boolean } | undefined {
	const upper = code.toUpperCase();
	if (!/^[A-Z0-9_]+$/.test(upper)) return undefined;
	// Own-property lookups only: a body reading "constructor" or "__proto__" is no error code.
	if (Object.prototype.hasOwnProperty.call(table.errors, upper))
		return { key: upper, entry: table.errors[upper] };
	if (/^ERROR_PROVIDER_\d+$/.test(upper)) {
		const entry = table.errors.ERROR_PROVIDER ?? table.errors.PROVIDER_ERROR;
		if (entry) return { key: upper, entry };
	}
	if (
		table.errorPrefixes?.some((prefix) => upper.startsWith(prefix) && upper.length > prefix.length)
	) {
		const who = table.name ?? 'The provider';
		const entry = e(
			'unexpected',
			false,
			`${who} answered ${upper}, an error its documentation does not explain`,
			`Look up ${upper} with ${who} support; if this was a purchase, check your orders and balance before running again`,
		);
		return { key: upper, entry, uncertain: true };
	}
	return undefined;
}

function entryForStatus(status: string, table: ErrorTable): ErrorEntry | undefined {
	if (Object.prototype.hasOwnProperty.call(table.httpErrors, status))
		return table.httpErrors[status];
	const n = Number(status);
	if (n >= 500) return table.httpErrors['500'];
	if (n >= 400) return table.httpErrors['400'];
	return undefined;
}

const SUCCESS_JSON_STATUS = new Set(['200', '202', '300', 'ok', 'success']);

/**
 * Recognises an error answer in any of the forms providers use: a plain code (`NO_BALANCE`), a code with a
 * payload (`NO_BALANCE_FOR_NEW_PRICE:55.00`), JSON `{"status":"401","message":"BAD_KEY"}` / a sentence, or
 * (SastaOTP's format=json, whose error form is undocumented) `{"status":"NO_BALANCE"}`.
 * Returns undefined for anything that is not a known error form. `table` is the provider's (dialect.errorTable).
 */
export function classifyError(
	text: string,
	httpStatus?: number,
	table: ErrorTable = OTPGET_ERRORS,
): ProviderError | undefined {
	const json = parseJsonLenient(text);
	if (isRecord(json)) {
		const rawStatus = toStringValue(json.status).trim();
		const status = rawStatus.toLowerCase();
		const parts = jsonErrorParts(json, status === '');
		if ((status === '' || SUCCESS_JSON_STATUS.has(status)) && !parts.flagged) return undefined;
		const message = parts.message;
		const [head, detail] = splitFirst(message);
		const known =
			lookupCode(head.trim(), table) ??
			parts.codes.map((c) => lookupCode(c, table)).find(Boolean) ??
			(message === '' ? lookupCode(rawStatus, table) : undefined);
		const numeric = Number(status);
		const jsonStatus = Number.isFinite(numeric) && numeric > 0 ? numeric : undefined;
		if (known) {
			return new ProviderError(known.key, known.entry, {
				detail: detail?.trim() || undefined,
				httpStatus: jsonStatus ?? httpStatus,
				uncertain: known.uncertain,
			});
		}
		const sentence = lookupSentence(message, table.sentences);
		if (sentence) {
			const shown = sentence.detail
				? `${sentence.entry.message}: ${sentence.detail}`
				: sentence.entry.message;
			const code = sentence.code ?? `HTTP_${jsonStatus ?? httpStatus}`;
			return new ProviderError(code, sentence.entry, {
				uncertain: sentence.uncertain,
				httpStatus: jsonStatus ?? httpStatus,
				message: shown,
			});
		}
		const entry = entryForStatus(status, table) ?? entryForStatus(String(httpStatus ?? ''), table);
		if (!entry) return undefined;
		// The provider's sentence is more precise than our generic status text; keep both.
		const text2 = message ? `${entry.message}: ${excerpt(message)}` : entry.message;
		const code = entryForStatus(status, table) ? jsonStatus : httpStatus;
		return new ProviderError(`HTTP_${code}`, entry, {
			httpStatus: code,
			message: text2,
			uncertain: (code ?? 0) >= 500,
		});
	}
	const [head, detail] = splitFirst(text);
	const known = lookupCode(head.trim(), table);
	if (known) {
		return new ProviderError(known.key, known.entry, {
			detail: detail?.trim() || undefined,
			httpStatus,
			uncertain: known.uncertain,
		});
	}
	return undefined;
}

export const UNEXPECTED: ErrorEntry = e(
	'unexpected',
	false,
	'Unexpected answer from the provider',
	'Check the base URL in the credential; if it is right, the provider may have changed its API',
);

/** Body that is neither a known success nor a known error: never a silent success. */
export function unexpectedResponse(text: string, httpStatus?: number): ProviderError {
	if (httpStatus !== undefined && httpStatus >= 500) {
		return new ProviderError(`HTTP_${httpStatus}`, STATUS_ERRORS['500'], {
			httpStatus,
			message: `Provider server error (HTTP ${httpStatus})${text ? `: "${excerpt(text)}"` : ''}`,
			detail: text || undefined,
			uncertain: true,
		});
	}
	const shown = text === '' ? 'an empty body' : `"${excerpt(text)}"`;
	return new ProviderError('UNEXPECTED_RESPONSE', UNEXPECTED, {
		httpStatus,
		message: `Unexpected answer from the provider${httpStatus && httpStatus !== 200 ? ` (HTTP ${httpStatus})` : ''}: ${shown}`,
		detail: text,
		uncertain: true,
	});
}

/**
 * The provider could not be reached, or its answer never arrived (reset, refused, timed out). Nothing is
 * known of what the provider did: after a purchase the money may be spent, so this is never "retry".
 */
export class ConnectionError extends RequestFailure {
	/** CONNECTION_TIMEOUT when the client gave up waiting, CONNECTION_FAILED otherwise. */
	readonly code: 'CONNECTION_TIMEOUT' | 'CONNECTION_FAILED';
	readonly uncertain = true;
	/** The transport's reason, already redacted of the key. */
	readonly reason: string;

	constructor(reason: string, timedOut: boolean) {
		super(timedOut ? 'The provider did not answer in time' : 'Could not reach the provider');
		this.name = 'ConnectionError';
		this.code = timedOut ? 'CONNECTION_TIMEOUT' : 'CONNECTION_FAILED';
		this.reason = reason;
	}

	get transient(): boolean {
		return this.requestKind !== 'purchase';
	}
}

/** Either typed failure a request can end in; the node edge turns it into an n8n error once. */
export type RequestError = ProviderError | ConnectionError;
