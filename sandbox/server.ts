import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { SandboxClock } from './clock';
import { OTPGET } from '../protocol/providers';
import { handleCheap } from './handlers/cheap';
import { handleControl } from './handlers/control';
import { handleInstaotp, handleOtpx } from './handlers/dialect';
import { handleEmail } from './handlers/email';
import { handleRental } from './handlers/rental';
import { handleSastaotp } from './handlers/sastaotp';
import { bareBigIds, DEFAULT_READINGS } from './readings';
import { handleSms } from './handlers/sms';
import { defaultFaultConfig, faultReply, UNPROCESSED } from './faults';
import { JSON_TYPE, PHP_TEXT, text } from './reply';
import { SandboxState } from './state';
import {
	PROVIDER_IDS,
	type ApiName,
	type FaultConfig,
	type FaultKind,
	type ProviderId,
	type Reply,
	type SandboxConfig,
	type SandboxOptions,
} from './types';

export { BLOCKED_KEY, EMPTY_KEY, INACTIVE_KEY, OTHER_KEY, TEST_KEY } from './catalog';
export * as catalog from './catalog';
export * as dialects from './dialects';
export { FAULT_KINDS, PROVIDER_IDS } from './types';
export { PHP_WARNING, defaultFaultConfig, phpJsonString } from './faults';
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

/** Script name → API, from OTPGet's module (the others serve its handler_api.php only). */
const FILES: Readonly<Record<string, ApiName>> = Object.fromEntries(
	Object.entries(OTPGET.endpoints).map(([api, file]) => [file, api as ApiName]),
);

type Handler = (state: SandboxState, q: Record<string, string>) => Reply;

const HANDLERS: Readonly<Record<ApiName, Handler>> = {
	sms: handleSms,
	cheap: handleCheap,
	rental: handleRental,
	email: handleEmail,
};

/** handler_api.php per dialect; the other three files exist only on OTPGet. */
const SMS_HANDLERS: Readonly<Record<ProviderId, Handler>> = {
	otpget: handleSms,
	otpx: handleOtpx,
	instaotp: handleInstaotp,
	sastaotp: handleSastaotp,
};

/** SastaOTP documents no early-cancel rule (and no error string for one); the others' is 2 minutes. */
export function defaultEarlyCancelMs(provider: ProviderId): number {
	return provider === 'sastaotp' ? 0 : 120000;
}

export function resolveOptions(opts: SandboxOptions = {}): SandboxConfig {
	const provider = opts.provider ?? 'otpget';
	if (!PROVIDER_IDS.includes(provider))
		throw new Error(
			`provider must be one of ${PROVIDER_IDS.join(', ')}, got "${String(provider)}"`,
		);
	const seed = opts.seed ?? 20260309;
	const range = opts.otpDelayMsRange;
	if (
		range &&
		!(
			range.length === 2 &&
			Number.isFinite(range[0]) &&
			Number.isFinite(range[1]) &&
			range[0] >= 0 &&
			range[0] <= range[1]
		)
	) {
		throw new Error(
			`otpDelayMsRange must be [min, max] with 0 <= min <= max, got ${JSON.stringify(range)}`,
		);
	}
	const faults: FaultConfig = defaultFaultConfig(seed);
	if (typeof opts.faults === 'number') faults.rate = opts.faults;
	else if (opts.faults) Object.assign(faults, opts.faults);
	return {
		port: opts.port ?? 0,
		host: opts.host ?? '127.0.0.1',
		otpDelayMs: opts.otpDelayMs ?? 15000,
		earlyCancelMs: opts.earlyCancelMs ?? defaultEarlyCancelMs(provider),
		startBalance: opts.startBalance ?? 5000,
		seed,
		jsonErrors: opts.jsonErrors ?? false,
		httpErrorStatus: opts.httpErrorStatus ?? false,
		cancelAnswer: opts.cancelAnswer ?? 'ACCESS_READY',
		cancelAfterOtpAnswer: opts.cancelAfterOtpAnswer ?? 'BAD_STATUS',
		rentalHttpStatus: opts.rentalHttpStatus ?? false,
		emailHttpStatus: opts.emailHttpStatus ?? false,
		provider,
		otpDelayMsRange: range ? [range[0], range[1]] : null,
		faults,
		readings: { ...DEFAULT_READINGS, ...opts.readings },
	};
}

/**
 * '/handler_api.php' and each provider's production directory: OTPGet's and SastaOTP's '/stubs/...', OTPX's
 * '/api/stubs/...', InstaOTP's '/api/v1/...'. Any other directory is a 404, as a wrong base URL is in production.
 * Outside OTPGet only handler_api.php exists.
 */
function apiOf(pathname: string, provider: ProviderId): ApiName | undefined {
	const m = /^(?:\/stubs|\/api\/stubs|\/api\/v1)?\/([^/]+)$/.exec(pathname);
	const api = m ? FILES[m[1]] : undefined;
	return api === 'sms' || provider === 'otpget' ? api : undefined;
}

/** SastaOTP also takes the key as `Authorization: Bearer KEY` or `X-API-Key: KEY`; the query wins when both are sent. */
function headerKey(headers: IncomingHttpHeaders): string | undefined {
	const auth = headers.authorization;
	const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
	if (m) return m[1];
	const x = headers['x-api-key'];
	return (Array.isArray(x) ? x[0] : x) || undefined;
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
	if (res.destroyed || res.headersSent) return;
	const body = Buffer.from(reply.body, 'utf8');
	res.writeHead(reply.status, {
		...reply.headers,
		'Content-Type': reply.contentType,
		'Content-Length': body.length,
	});
	res.end(body);
}

function home(provider: ProviderId): string {
	return provider === 'otpget'
		? `OTPGet sandbox: /handler_api.php /cheap_handler.php /rental-handler.php /email_handler.php, control under /__sandbox/\n`
		: `Sandbox speaking ${provider}: /handler_api.php (any directory before it), control under /__sandbox/\n`;
}

/** What the server does with one request: send `reply` (null: send nothing), after the socket-level `fault` if any. */
export interface Outcome {
	reply: Reply | null;
	fault?: FaultKind;
}

export function serve(
	state: SandboxState,
	method: string,
	url: URL,
	body: string,
	headers: IncomingHttpHeaders = {},
): Outcome {
	const q = paramsOf(url, body, headers['content-type']);
	const path = url.pathname;
	if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
		return {
			reply: handleControl(state, path.replace(/^\/__sandbox\/?/, '').replace(/\/$/, ''), q),
		};
	}
	const provider = state.config.provider;
	const api = apiOf(path, provider);
	if (!api) return { reply: path === '/' ? text(home(provider)) : text('Not Found', 404) };
	const action = q.action ?? '';
	const rec = state.record(method, path, api, action, q);
	const scripted = state.takeFailure(api, action);
	if (scripted) {
		const contentType =
			scripted.contentType ?? (api === 'sms' || api === 'cheap' ? PHP_TEXT : JSON_TYPE);
		return { reply: { status: scripted.status ?? 200, body: scripted.body, contentType } };
	}
	const fault = state.faults.take(rec.seq, rec.at, api, action);
	if (fault) rec.fault = fault;
	const sent = { key: q.api_key ?? headerKey(headers), seq: rec.seq };
	if (fault && UNPROCESSED.has(fault))
		return { reply: faultReply(fault, null, state.config.faults, sent), fault };
	state.settle();
	const keyIn = state.config.readings.sastaotpKeyIn;
	let handlerQuery = keyIn === 'header' && provider === 'sastaotp' ? { ...q, api_key: '' } : q;
	if (provider === 'sastaotp' && !handlerQuery.api_key && keyIn !== 'query') {
		const key = headerKey(headers);
		// A copy: the recorded query never holds a header key.
		if (key) handlerQuery = { ...q, api_key: key };
	}
	const handler = api === 'sms' ? SMS_HANDLERS[provider] : HANDLERS[api];
	const real = bareBigIds(handler(state, handlerQuery), state.config.readings.bareBigIds);
	return fault
		? { reply: faultReply(fault, real, state.config.faults, sent), fault }
		: { reply: real };
}

/** serve() without faults' socket effects: the answer as a Reply (an empty 200 when the fault sends nothing). */
export function route(
	state: SandboxState,
	method: string,
	url: URL,
	body: string,
	contentType?: string,
	headers: IncomingHttpHeaders = {},
): Reply {
	const out = serve(
		state,
		method,
		url,
		body,
		contentType === undefined ? headers : { ...headers, 'content-type': contentType },
	);
	return out.reply ?? { status: 200, body: '', contentType: PHP_TEXT };
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const config = resolveOptions(opts);
	const clock = new SandboxClock(opts.startTime, opts.freezeClock ?? false);
	const state = new SandboxState(config, clock);
	// Held answers (hang, slow); cleared on close so a test run never waits for them.
	const timers = new Set<NodeJS.Timeout>();
	const later = (ms: number, fn: () => void) => {
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, ms);
		timers.add(t);
	};

	const server = createServer((req, res) => {
		readBody(req)
			.then((body) => {
				const url = new URL(req.url ?? '/', 'http://sandbox.local');
				const { reply, fault } = serve(state, req.method ?? 'GET', url, body, req.headers);
				const f = config.faults;
				if (fault === 'reset-before' || fault === 'reset-after') {
					// A TCP RST: the client sees ECONNRESET, with or without the purchase having happened.
					req.socket.resetAndDestroy();
				} else if (fault === 'hang' || fault === 'slow') {
					later(fault === 'hang' ? f.hangMs : f.slowMs, () => reply && send(res, reply));
				} else if (reply) {
					send(res, reply);
				}
			})
			.catch((e: unknown) => {
				// A sandbox bug must show up as a 500, not a hung test.
				send(res, {
					status: 500,
					body: `Sandbox error: ${e instanceof Error ? e.message : String(e)}`,
					contentType: PHP_TEXT,
				});
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
				for (const t of timers) clearTimeout(t);
				timers.clear();
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
