import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ApiRequest, RequestKind } from '../../../../protocol/request';
import { toHttpCall } from '../../../../protocol/request';
import { decode } from '../../../../protocol/decode';
import { ProviderError } from '../../../../protocol/errors';
import { excerpt, normalizeBody, redact } from '../../../../protocol/text';

export type OtpGetContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export const CREDENTIAL_TYPE = 'otpGetApi';

/** Read-only calls get this many attempts on network errors and 5xx; purchases and writes get one. */
const READ_ATTEMPTS = 3;
/** n8n's default is 5 minutes; a hung read should be retried long before that, a purchase given longer. */
const TIMEOUT_MS = { read: 30_000, write: 60_000, purchase: 60_000 } as const;
const RETRY_BACKOFF_MS = [100, 300];

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Turns a typed protocol error into the n8n error users see: what happened, then what to do. */
export function toNodeApiError(
	ctx: OtpGetContext,
	error: ProviderError,
	itemIndex?: number,
	kind: RequestKind = 'read',
): NodeApiError {
	// After a purchase, an answer we cannot read may hide a paid order: say so, quote it whole, no retry hint.
	const moneyAtRisk = kind === 'purchase' && error.uncertain;
	const detail = error.detail && !error.uncertain ? ` (${excerpt(error.detail)})` : '';
	const todo = moneyAtRisk
		? 'the purchase may or may not have gone through; check your orders and balance before running again'
		: lowerFirst(error.hint);
	const retryable = error.retryable && !moneyAtRisk;
	const description = [
		`Provider answer: ${error.code}.`,
		retryable ? 'Retrying later may succeed.' : '',
		moneyAtRisk && error.detail ? `Full answer: ${excerpt(error.detail, 4000)}` : '',
	]
		.filter(Boolean)
		.join(' ');
	const apiError = new NodeApiError(
		ctx.getNode(),
		{ code: error.code, message: error.message, detail: error.detail ?? null } as JsonObject,
		{
			message: `${error.message}${detail} — ${todo}`,
			description,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		},
	);
	apiError.context.providerCode = error.code;
	apiError.context.retryable = retryable;
	return apiError;
}

function networkError(ctx: OtpGetContext, request: ApiRequest, error: unknown, apiKey: string, itemIndex?: number): NodeApiError {
	const raw = error instanceof Error ? error.message : String(error);
	const reason = redact(raw, [apiKey]);
	// A purchase whose answer was lost may still have been charged: say so instead of hiding it.
	const message =
		request.kind === 'purchase'
			? `Could not reach the provider while buying (${reason}) — the purchase may or may not have gone through; check your balance and orders before running again`
			: `Could not reach the provider (${reason}) — check the base URL in the credential and your network`;
	return new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, { message, itemIndex });
}

/**
 * The only place that sends HTTP. Reads the body whatever the status (compatible providers answer
 * BAD_KEY with 401), redacts the key before anything can quote it, and retries only read-only calls.
 */
export async function apiRequest<T>(
	ctx: OtpGetContext,
	request: ApiRequest,
	parse: (text: string) => T | undefined,
	itemIndex?: number,
): Promise<T> {
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const apiKey = String(credentials.apiKey ?? '');
	const call = toHttpCall(String(credentials.baseUrl ?? ''), request);
	const attempts = call.retryable ? READ_ATTEMPTS : 1;

	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
				method: 'GET',
				url: call.url,
				qs: call.qs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
				encoding: 'text',
				timeout: TIMEOUT_MS[request.kind],
			})) as FullResponse;
		} catch (error) {
			if (attempt < attempts) {
				await sleep(RETRY_BACKOFF_MS[attempt - 1] ?? 1000);
				continue;
			}
			throw networkError(ctx, request, error, apiKey, itemIndex);
		}
		const body = redact(normalizeBody(response.body), [apiKey]);
		try {
			return decode({ status: response.statusCode, body }, parse);
		} catch (error) {
			if (!(error instanceof ProviderError)) {
				const failure = new NodeApiError(ctx.getNode(), { message: String(error) } as JsonObject, { itemIndex });
				throw failure;
			}
			if (call.retryable && error.kind === 'server' && attempt < attempts) {
				await sleep(RETRY_BACKOFF_MS[attempt - 1] ?? 1000);
				continue;
			}
			throw toNodeApiError(ctx, error, itemIndex, request.kind);
		}
	}
}
