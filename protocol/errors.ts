import type { Sentence } from './errorShapes';

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
