import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiRequest } from '../../protocol/request';
import { toHttpCall } from '../../protocol/request';
import { decode, type RawResponse } from '../../protocol/decode';
import { DIALECTS, type Dialect } from '../../protocol/providers';
import { unexpectedResponse } from '../../protocol/classify';
import { ConnectionError, ProviderError } from '../../protocol/errors';
import { normalizeBody, redact } from '../../protocol/text';
import { CREDENTIAL_TYPES } from './provider';
import { gated } from './gate';

export type OtpGetContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** OTPGet's credential type; the other providers' are in CREDENTIAL_TYPES. */
export const CREDENTIAL_TYPE = CREDENTIAL_TYPES.otpget;

/** Read-only calls get this many attempts on network errors and 5xx; purchases and writes get one. */
const READ_ATTEMPTS = 3;
/** n8n's default is 5 minutes; a hung read should be retried long before that, a purchase given longer. */
const TIMEOUT_MS = { read: 30_000, write: 60_000, purchase: 60_000 } as const;
const RETRY_BACKOFF_MS = [100, 300];

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** A read whose answer only decorates an output (a price shown next to a purchase): one short try. */
const QUICK_READ_MS = 5_000;

export interface RequestOptions {
	/** One attempt of at most 5 s: for a read a purchase must not wait long for. */
	quick?: boolean;
}

/** Our own words for the network failures n8n words as advice ("You can retry the request immediately"). */
const NETWORK_REASONS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before the answer arrived',
	ECONNREFUSED: 'the server refused the connection',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'no answer in time',
	ESOCKETTIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	EHOSTUNREACH: 'the host is unreachable',
	EPIPE: 'the connection was closed while sending',
};

/** The system error code (ECONNRESET...) anywhere in a helper error's cause chain. */
function systemCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && NETWORK_REASONS[code]) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Why a request failed, in facts only: n8n's helper error carries the request options (and the key), and its
 * message may be n8n's advice to retry, which after a purchase would invite a second one.
 */
function networkReason(error: unknown, secrets: string[]): string {
	const code = systemCode(error);
	if (code) return `${code}: ${NETWORK_REASONS[code]}`;
	return redact(error instanceof Error ? error.message : String(error), secrets);
}

/**
 * The credential's Base URL as typed: blank or only spaces means the provider's default (not "Invalid URL"), and
 * a query string (?lang=en) is kept as parameters instead of being glued before the endpoint's name.
 */
export function splitBaseUrl(value: unknown): { url: string; query: Record<string, string> } {
	const text = (typeof value === 'string' ? value : '').trim().replace(/#.*$/, '');
	const at = text.indexOf('?');
	if (at < 0) return { url: text, query: {} };
	const query: Record<string, string> = {};
	for (const [key, val] of new URLSearchParams(text.slice(at + 1))) {
		// The key travels only the credential's way; a stray copy in the URL is dropped, not sent twice.
		if (key !== 'api_key' && key !== 'action') query[key] = val;
	}
	return { url: text.slice(0, at), query };
}

/** Hosts a plain-http base URL may name without a warning: this machine (the sandbox, a local proxy). */
const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0|.+\.localhost)$/i;

/**
 * What a failed request over plain http:// to another host adds to its error (the credential shows the same as
 * a notice): the key crossed the network unencrypted. Empty for https:// and for this machine.
 */
export function plainHttpHint(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return '';
	}
	if (parsed.protocol !== 'http:' || LOOPBACK.test(parsed.hostname)) return '';
	return `the base URL is plain http:// to ${parsed.hostname}, so the API key travels unencrypted: use https:// unless that host is a proxy on your own network`;
}

function isTimeout(error: unknown): boolean {
	const text =
		error instanceof Error
			? `${(error as { code?: unknown }).code ?? ''} ${error.message}`
			: String(error);
	return /ETIMEDOUT|ESOCKETTIMEDOUT|ECONNABORTED|timeout/i.test(text);
}

/**
 * The only place that sends HTTP. Reads the body whatever the status (compatible providers answer BAD_KEY
 * with 401), redacts the key before anything can quote it, retries only read-only calls, and throws only typed
 * protocol errors (ProviderError, ConnectionError): the node edge (shared/errors.ts) turns them into n8n errors.
 */
export async function apiRequest<T>(
	ctx: OtpGetContext,
	request: ApiRequest,
	parse: (text: string) => T | undefined,
	itemIndex?: number,
	options: RequestOptions = {},
): Promise<T> {
	// The request says whose API it is: credential, base URL, scripts and error table follow from that.
	const dialect: Dialect = DIALECTS[request.provider];
	const credentialType = CREDENTIAL_TYPES[dialect.id];
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(
		credentialType,
		itemIndex,
	);
	// redact() covers every encoding of the key a server might echo back.
	const secrets = [String(credentials.apiKey ?? '')];
	const base = splitBaseUrl(credentials.baseUrl);
	const call = toHttpCall(base.url, request);
	const qs = { ...base.query, ...call.qs };
	const attempts = call.retryable && !options.quick ? READ_ATTEMPTS : 1;
	const timeout = options.quick ? QUICK_READ_MS : TIMEOUT_MS[request.kind];
	const insecure = plainHttpHint(call.url);

	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		try {
			// Every request, purchases and cancels included, takes a slot of the credential's one cap (cancels first).
			response = (await gated(
				ctx,
				credentialType,
				credentials,
				request.kind,
				{
					method: 'GET',
					url: call.url,
					qs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					json: false,
					encoding: 'text',
					timeout,
				},
				async (options) =>
					await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options),
			)) as FullResponse;
		} catch (error) {
			if (attempt < attempts) {
				await sleep(RETRY_BACKOFF_MS[attempt - 1] ?? 1000);
				continue;
			}
			const reason = networkReason(error, secrets);
			const said = insecure ? `${reason}; ${insecure}` : reason;
			throw new ConnectionError(said, isTimeout(error)).from(request.kind);
		}
		const body = redact(normalizeBody(response.body), secrets);
		const outcome = decodeTyped({ status: response.statusCode, body }, parse, dialect);
		if (!(outcome instanceof ProviderError)) return outcome.value;
		if (call.retryable && outcome.kind === 'server' && attempt < attempts) {
			await sleep(RETRY_BACKOFF_MS[attempt - 1] ?? 1000);
			continue;
		}
		if (insecure)
			Object.assign(outcome, { hint: `${outcome.hint.replace(/\.$/, '')}; ${insecure}` });
		throw outcome.from(request.kind);
	}
}

/** decode(), with a parser's own bug read as an unreadable answer: nothing untyped leaves the transport. */
function decodeTyped<T>(
	raw: RawResponse,
	parse: (text: string) => T | undefined,
	dialect: Dialect,
): { value: T } | ProviderError {
	try {
		return { value: decode(raw, parse, dialect) };
	} catch (error) {
		return error instanceof ProviderError
			? error
			: unexpectedResponse(normalizeBody(raw.body), raw.status);
	}
}
