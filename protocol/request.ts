import type { RequestKind } from './errors';
import type { ApiName, ProviderId } from './types';

export type { RequestKind };

export interface ApiRequest {
	api: ApiName;
	action: string;
	params: Record<string, string>;
	kind: RequestKind;
	/** Whose API this is (credential, base URL, error table); absent = OTPGet. */
	provider?: ProviderId;
}

export interface HttpCall {
	url: string;
	qs: Record<string, string>;
	retryable: boolean;
}

export const DEFAULT_BASE_URL = 'https://www.otpget.com/stubs';

export const ENDPOINTS: Record<ApiName, string> = {
	sms: 'handler_api.php',
	cheap: 'cheap_handler.php',
	rental: 'rental-handler.php',
	email: 'email_handler.php',
};

export function endpointUrl(
	baseUrl: string,
	api: ApiName,
	endpoints: Partial<Record<ApiName, string>> = ENDPOINTS,
): string {
	const path = endpoints[api];
	if (!path) throw new Error(`This provider has no ${api} API`);
	const base = (baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	// A base URL pasted with the script name still works.
	const withoutScript = base.replace(
		/\/(handler_api|cheap_handler|rental-handler|email_handler)\.php$/,
		'',
	);
	return `${withoutScript}/${path}`;
}

/** The API key is not here: the credential's `authenticate` adds it, so it never sits in node code. */
export function toHttpCall(
	baseUrl: string,
	request: ApiRequest,
	endpoints?: Partial<Record<ApiName, string>>,
): HttpCall {
	const qs: Record<string, string> = { action: request.action };
	for (const [key, value] of Object.entries(request.params)) {
		if (value !== undefined && value !== '') qs[key] = value;
	}
	return {
		url: endpointUrl(baseUrl, request.api, endpoints),
		qs,
		retryable: request.kind === 'read',
	};
}

export const read = (
	api: ApiName,
	action: string,
	params: Record<string, string> = {},
): ApiRequest => ({
	api,
	action,
	params,
	kind: 'read',
});
export const write = (
	api: ApiName,
	action: string,
	params: Record<string, string>,
): ApiRequest => ({
	api,
	action,
	params,
	kind: 'write',
});
export const purchase = (
	api: ApiName,
	action: string,
	params: Record<string, string>,
): ApiRequest => ({
	api,
	action,
	params,
	kind: 'purchase',
});
