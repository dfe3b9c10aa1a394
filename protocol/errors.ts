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
 * What one provider's document says its error answers mean, in its own words and currency. Each provider
 * module (./providers) carries one; nothing here knows any provider's table.
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
	httpStatus: number | undefined,
	table: ErrorTable,
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

/** A 5xx whose body says nothing known: whose server it is, the caller's table does not matter. */
const SERVER_ERROR: ErrorEntry = e(
	'server',
	true,
	'Provider server error',
	'Retry in a few seconds',
);

/** Body that is neither a known success nor a known error: never a silent success. */
export function unexpectedResponse(text: string, httpStatus?: number): ProviderError {
	if (httpStatus !== undefined && httpStatus >= 500) {
		return new ProviderError(`HTTP_${httpStatus}`, SERVER_ERROR, {
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
