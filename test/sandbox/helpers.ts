import type { Sandbox } from '../../sandbox/server';

export interface Answer {
	status: number;
	text: string;
	contentType: string;
	json<T = Record<string, unknown>>(): T;
}

export type Params = Record<string, string | number>;

/** GET url + '/' + file with the params, the way the nodes call the provider. */
export async function call(
	sb: Sandbox,
	file: string,
	params: Params = {},
	headers: Record<string, string> = {},
): Promise<Answer> {
	const url = new URL(`${sb.url}/${file}`);
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
	const res = await fetch(url, { headers });
	const text = await res.text();
	return {
		status: res.status,
		text,
		contentType: res.headers.get('content-type') ?? '',
		json: <T>() => JSON.parse(text) as T,
	};
}

export const sms = (sb: Sandbox, params: Params) => call(sb, 'handler_api.php', params);
export const cheap = (sb: Sandbox, params: Params) => call(sb, 'cheap_handler.php', params);
export const rental = (sb: Sandbox, params: Params) => call(sb, 'rental-handler.php', params);
export const email = (sb: Sandbox, params: Params) => call(sb, 'email_handler.php', params);

/** GET /__sandbox/<path> and parse the JSON answer. */
export async function control<T = Record<string, unknown>>(sb: Sandbox, path: string): Promise<T> {
	const res = await fetch(`${sb.url}/__sandbox/${path}`);
	return (await res.json()) as T;
}
