// Small helpers shared by the queue test and the n8n benchmark: n8n REST as the owner, the sandbox's control
// API, the proxy's log, and rate arithmetic.
import { login } from '../../scripts/lib/n8n-owner.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class N8n {
	constructor(url, email, password) {
		this.url = url;
		this.email = email;
		this.password = password;
	}
	async request(method, path, body) {
		this.cookie ??= await login(this.url, this.email, this.password);
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: { cookie: `n8n-auth=${this.cookie}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 400)}`);
		return text ? JSON.parse(text) : undefined;
	}
	async create(workflow) {
		return (await this.request('POST', '/rest/workflows', workflow)).data;
	}
	/** Publishes (activates) and waits until n8n reports it published (webhooks registered). */
	async publish(wf, timeoutMs = 60_000) {
		await this.request('POST', `/rest/workflows/${wf.id}/activate`, { versionId: wf.versionId });
		const end = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.request('GET', `/rest/workflows/${wf.id}/publication-status`).catch(
				() => undefined,
			);
			if (status?.data?.status === 'published') return;
			if (Date.now() > end)
				throw new Error(
					`workflow ${wf.id} not published after ${timeoutMs} ms: ${JSON.stringify(status)}`,
				);
			await sleep(250);
		}
	}
	async unpublish(id) {
		await this.request('POST', `/rest/workflows/${id}/deactivate`, {}).catch(() => {});
	}
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		return (await this.request('GET', `/rest/executions?filter=${filter}&limit=500`)).data.results;
	}
	/** A saved execution with its run data parsed (n8n stores it "flatted"); also the stored size in bytes. */
	async execution(id) {
		const { data } = await this.request('GET', `/rest/executions/${id}`);
		const raw = typeof data.data === 'string' ? data.data : JSON.stringify(data.data);
		return {
			...data,
			bytes: Buffer.byteLength(raw),
			data: typeof data.data === 'string' ? parseFlatted(data.data) : data.data,
		};
	}
}

export function parseFlatted(text) {
	const input = JSON.parse(text);
	const done = new Map();
	const revive = (index) => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (done.has(index)) return done.get(index);
		const out = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [k, v] of Object.entries(value))
			out[k] = typeof v === 'string' ? revive(Number(v)) : v;
		return out;
	};
	return revive(0);
}

export async function getJson(url) {
	const res = await fetch(url);
	const text = await res.text();
	if (!res.ok)
		throw new Error(
			`GET ${url.replace(/api_key=[^&]*/g, 'api_key=***')} answered ${res.status}: ${text.slice(0, 300)}`,
		);
	return JSON.parse(text);
}

export const proxyLog = async (proxyUrl) => (await getJson(`${proxyUrl}/__proxy/log`)).requests;

/** Most entries within any window of `windowMs` (start inclusive, end exclusive); { max, at }. */
export function peakPerWindow(times, windowMs = 1000) {
	const t = [...times].sort((a, b) => a - b);
	let max = 0;
	let at;
	for (let i = 0, j = 0; i < t.length; i++) {
		while (j < t.length && t[j] < t[i] + windowMs) j++;
		if (j - i > max) {
			max = j - i;
			at = t[i];
		}
	}
	return { max, at };
}

export function countBy(list, key) {
	const out = {};
	for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
	return out;
}

export function quantile(sorted, q) {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i];
}
