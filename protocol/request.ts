import type { RequestKind } from './errors';
import { DIALECTS } from './providers';
import type { ApiName, ProviderId } from './types';

export type { RequestKind };

export interface ApiRequest {
	api: ApiName;
	action: string;
	params: Record<string, string>;
	kind: RequestKind;
	/** Whose API this is: its credential, base URL, scripts and error table follow from it. */
	provider: ProviderId;
}

export interface HttpCall {
	url: string;
	qs: Record<string, string>;
	retryable: boolean;
}

export function endpointUrl(
	baseUrl: string,
	api: ApiName,
	endpoints: Partial<Record<ApiName, string>>,
): string {
	const path = endpoints[api];
	if (!path) throw new Error(`This provider has no ${api} API`);
	const base = baseUrl.trim().replace(/\/+$/, '');
	// A base URL pasted with the script name still works.
	const withoutScript = base.replace(
		/\/(handler_api|cheap_handler|rental-handler|email_handler)\.php$/,
		'',
	);
	return `${withoutScript}/${path}`;
}

/**
 * The API key is not here: the credential's `authenticate` adds it, so it never sits in node code. A blank base
 * URL is the request's provider's own; `endpoints` overrides its scripts.
 */
export function toHttpCall(
	baseUrl: string,
	request: ApiRequest,
	endpoints: Partial<Record<ApiName, string>> = DIALECTS[request.provider].endpoints,
): HttpCall {
	const qs: Record<string, string> = { action: request.action };
	for (const [key, value] of Object.entries(request.params)) {
		if (value !== undefined && value !== '') qs[key] = value;
	}
	const base = baseUrl.trim() || DIALECTS[request.provider].defaultBaseUrl;
	return {
		url: endpointUrl(base, request.api, endpoints),
		qs,
		retryable: request.kind === 'read',
	};
}

/** Request builders for one provider: every request names whose API it is. */
export function requestsOf(provider: ProviderId) {
	const build =
		(kind: RequestKind) =>
		(api: ApiName, action: string, params: Record<string, string> = {}): ApiRequest => ({
			api,
			action,
			params,
			kind,
			provider,
		});
	return { read: build('read'), write: build('write'), purchase: build('purchase') };
}
