import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SandboxClock } from './clock';
import { handleCheap } from './handlers/cheap';
import { handleControl } from './handlers/control';
import { handleEmail } from './handlers/email';
import { handleRental } from './handlers/rental';
import { handleSms } from './handlers/sms';
import { JSON_TYPE, PHP_TEXT, text } from './reply';
import { SandboxState } from './state';
import type { ApiName, Reply, SandboxConfig, SandboxOptions } from './types';

export { BLOCKED_KEY, EMPTY_KEY, OTHER_KEY, TEST_KEY } from './catalog';
export * as catalog from './catalog';
export { SandboxClock, formatDateTime, formatIso } from './clock';
export { maskedRequests } from './handlers/control';
export { SandboxState } from './state';
export type * from './types';

export interface Sandbox {
	/** e.g. http://127.0.0.1:PORT: the credential's base URL (endpoints are url + '/handler_api.php' etc.; '/stubs/...' works too). */
	url: string;
	port: number;
	state: SandboxState;
	clock: SandboxClock;
	/** Every API request (control endpoints excluded), in arrival order. Same array as state.requests. */
	requests: SandboxState['requests'];
	/** Resolved options; mutable at run time. */
	options: SandboxConfig;
	/** Peak API requests within any 1 s of wall-clock time. */
	peakRequestsPerSecond(windowMs?: number): number;
	close(): Promise<void>;
}

const FILES: Readonly<Record<string, ApiName>> = {
	'handler_api.php': 'sms',
	'cheap_handler.php': 'cheap',
	'rental-handler.php': 'rental',
	'email_handler.php': 'email',
};

const HANDLERS: Readonly<Record<ApiName, (state: SandboxState, q: Record<string, string>) => Reply>> = {
	sms: handleSms,
	cheap: handleCheap,
	rental: handleRental,
	email: handleEmail,
};

export function resolveOptions(opts: SandboxOptions = {}): SandboxConfig {
	return {
		port: opts.port ?? 0,
		host: opts.host ?? '127.0.0.1',
		otpDelayMs: opts.otpDelayMs ?? 15000,
		earlyCancelMs: opts.earlyCancelMs ?? 120000,
		startBalance: opts.startBalance ?? 5000,
		seed: opts.seed ?? 20260309,
		jsonErrors: opts.jsonErrors ?? false,
		httpErrorStatus: opts.httpErrorStatus ?? false,
		cancelAnswer: opts.cancelAnswer ?? 'ACCESS_READY',
		cancelAfterOtpAnswer: opts.cancelAfterOtpAnswer ?? 'BAD_STATUS',
		rentalHttpStatus: opts.rentalHttpStatus ?? false,
		emailHttpStatus: opts.emailHttpStatus ?? false,
	};
}

/** '/handler_api.php' or '/stubs/handler_api.php' (the production path), so either base URL works. */
function apiOf(pathname: string): ApiName | undefined {
	const m = /^(?:\/stubs)?\/([^/]+)$/.exec(pathname);
	return m ? FILES[m[1]] : undefined;
}

/** PHP's $_GET keeps the last value of a repeated parameter; so do we. POST form fields fill in the rest. */
function paramsOf(url: URL, body: string, contentType: string | undefined): Record<string, string> {
	const q: Record<string, string> = {};
	for (const [k, v] of url.searchParams) q[k] = v;
	if (body && (contentType ?? '').includes('application/x-www-form-urlencoded')) {
		for (const [k, v] of new URLSearchParams(body)) if (!(k in q)) q[k] = v;
	}
	return q;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, reply: Reply): void {
	const body = Buffer.from(reply.body, 'utf8');
	res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': body.length });
	res.end(body);
}

const HOME = `OTPGet sandbox: /handler_api.php /cheap_handler.php /rental-handler.php /email_handler.php, control under /__sandbox/\n`;

export function route(state: SandboxState, method: string, url: URL, body: string, contentType?: string): Reply {
	const q = paramsOf(url, body, contentType);
	const path = url.pathname;
	if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
		return handleControl(state, path.replace(/^\/__sandbox\/?/, '').replace(/\/$/, ''), q);
	}
	const api = apiOf(path);
	if (!api) return path === '/' ? text(HOME) : text('Not Found', 404);
	const action = q.action ?? '';
	state.requests.push({ at: state.clock.now(), realAt: Date.now(), method, path, api, action, query: q });
	const scripted = state.takeFailure(api, action);
	if (scripted) {
		const contentType = scripted.contentType ?? (api === 'sms' || api === 'cheap' ? PHP_TEXT : JSON_TYPE);
		return { status: scripted.status ?? 200, body: scripted.body, contentType };
	}
	state.settle();
	return HANDLERS[api](state, q);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const config = resolveOptions(opts);
	const clock = new SandboxClock(opts.startTime, opts.freezeClock ?? false);
	const state = new SandboxState(config, clock);

	const server = createServer((req, res) => {
		readBody(req)
			.then((body) => {
				const url = new URL(req.url ?? '/', 'http://sandbox.local');
				send(res, route(state, req.method ?? 'GET', url, body, req.headers['content-type']));
			})
			.catch((e: unknown) => {
				// A sandbox bug must show up as a 500, not a hung test.
				send(res, { status: 500, body: `Sandbox error: ${e instanceof Error ? e.message : String(e)}`, contentType: PHP_TEXT });
			});
	});
	// Polling clients keep connections alive; close() must not wait for them.
	server.keepAliveTimeout = 5000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	config.port = port;
	const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;

	return {
		url: `http://${hostForUrl}:${port}`,
		port,
		state,
		clock,
		requests: state.requests,
		options: config,
		peakRequestsPerSecond: (windowMs?: number) => state.peakRequestsPerSecond(windowMs),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
