/**
 * The matrix of the secrets tests (test/secrets.*.test.ts, one file per key). The API key never reaches a user in any encoding. Every operation of OTPGet, Wait for OTP (each source, also
 * stopped), the Trigger (each event, live and manual) and every dropdown is run over real HTTP against the
 * sandbox while its requests fail in each way a server fails: answers that quote the key back (plain, URL- and
 * RFC 3986-encoded, + for spaces, lower-case hex, base64, JSON-escaped as PHP's json_encode writes it) under
 * 200/401/403/500/502, lost and hung connections,
 * empty, cut and PHP-polluted answers, a rejected key. Whatever comes out (thrown errors with their cause
 * chains, errorResponse, context and messages, error items, output items, log lines) is serialised with
 * JSON.stringify and util.inspect and searched for every form of the key.
 */
import { inspect } from 'node:util';

import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OtpGet } from '../nodes/OtpGet/OtpGet.node';
import type { OtpGetV1 } from '../nodes/OtpGet/v1/OtpGetV1';
import { OtpGetTrigger } from '../nodes/OtpGetTrigger/OtpGetTrigger.node';
import { OtpGetWaitForOtp } from '../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import {
	startSandbox,
	type ApiName,
	type FailResponse,
	type FaultKind,
	type Sandbox,
	phpJsonString,
} from '../sandbox/server';
import { createContext } from './helpers/context';

// Back-offs and poll intervals shrink to at most 5 ms of real time: hundreds of failing runs stay fast.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<{ sleep: (ms: number, signal?: AbortSignal) => Promise<void> }>(
		'n8n-workflow',
	);
	return {
		...actual,
		sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 5), signal),
	};
});

jest.setTimeout(60_000);

/**
 * Keys with the characters each encoder treats differently: ' * ( ) ! (RFC 3986 only), space, + / = (all),
 * and " \ / and non-ASCII, which JSON escapes (`\"`, `\\`, `\/`, `\u00e9`).
 */
export const KEYS = ["it's-a*key(1)!", 'a b+c/d=e', 'Zk9/aQ2+"b\\X7/é€=='];

/** Every form the key can take on the wire or in an echo, named (worked out here, not taken from the transport). */
function keyForms(key: string): Array<[string, string]> {
	const component = encodeURIComponent(key);
	const rfc3986 = component.replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
	const forms: Array<[string, string]> = [
		['plain', key],
		['encodeURIComponent', component],
		['RFC 3986', rfc3986],
		['+ for spaces', rfc3986.replace(/%20/g, '+')],
		['encodeURIComponent, + for spaces', component.replace(/%20/g, '+')],
		['base64', Buffer.from(key).toString('base64')],
		['JSON string', JSON.stringify(key).slice(1, -1)],
		['PHP json_encode', phpJsonString(key).slice(1, -1)],
	];
	for (const [name, form] of [...forms]) {
		const lower = form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
		if (lower !== form) forms.push([`${name}, lower-case hex`, lower]);
	}
	return forms;
}

/** Everything a user, a log or a serialiser can read of a value, cause chains included. */
function serialise(value: unknown): string {
	const parts: string[] = [];
	try {
		parts.push(JSON.stringify(value) ?? '');
	} catch (error) {
		parts.push(`(JSON.stringify failed: ${String(error)})`);
	}
	parts.push(
		inspect(value, {
			depth: Infinity,
			showHidden: true,
			getters: true,
			maxArrayLength: Infinity,
			maxStringLength: Infinity,
		}),
	);
	const seen = new Set<unknown>();
	const walk = (v: unknown, depth: number) => {
		if (depth > 12 || v === null || typeof v !== 'object' || seen.has(v)) return;
		seen.add(v);
		if (v instanceof Error) {
			const e = v as Error & Record<string, unknown>;
			parts.push(String(e.message), String(e.stack), String(e.description ?? ''));
			for (const field of [
				'cause',
				'errorResponse',
				'context',
				'messages',
				'node',
				'extra',
				'tags',
			]) {
				try {
					parts.push(JSON.stringify(e[field]) ?? '');
				} catch {
					parts.push(inspect(e[field], { depth: Infinity }));
				}
				walk(e[field], depth + 1);
			}
		}
		for (const key of Object.getOwnPropertyNames(v)) {
			const child = (v as Record<string, unknown>)[key];
			if (typeof child === 'string') parts.push(child);
			else walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

/** One way every selected request fails: a scripted answer, or a socket-level fault of the sandbox. */
type Failure =
	{ name: string; answer: (key: string) => FailResponse } | { name: string; fault: FaultKind };

function allForms(key: string): string {
	return keyForms(key)
		.map(([, form]) => form)
		.join(' | ');
}

const FAILURES: Failure[] = [
	{
		name: 'echo, plain text 200',
		answer: (key) => ({ body: `ERROR_SQL: query failed for api_key=${allForms(key)}` }),
	},
	{ name: 'echo, unknown text 200', answer: (key) => ({ body: `Unexpected: ${allForms(key)}` }) },
	{
		name: 'echo, JSON 401',
		answer: (key) => ({
			status: 401,
			body: JSON.stringify({ status: '401', message: `Invalid API key ${allForms(key)}` }),
			contentType: 'application/json',
		}),
	},
	{
		name: 'echo, JSON 200 error',
		answer: (key) => ({
			body: JSON.stringify({ status: 'error', error: 'SERVER_ERROR', message: allForms(key) }),
			contentType: 'application/json',
		}),
	},
	{
		name: 'echo, HTML 502',
		answer: (key) => ({
			status: 502,
			body: `<html><body>upstream: GET /handler_api.php?api_key=${allForms(key)}</body></html>`,
		}),
	},
	...[200, 403, 500].map((status) => ({
		name: `echo, PHP json_encode ${status}`,
		answer: (key: string) => ({
			status,
			body: `{"status":"error","message":"Account blocked or inactive: API key ${phpJsonString(key).slice(1, -1)} is blocked"}`,
			contentType: 'application/json',
		}),
	})),
	{ name: 'echo, BAD_KEY with detail', answer: (key) => ({ body: `BAD_KEY:${allForms(key)}` }) },
	{ name: 'reset-before', fault: 'reset-before' },
	{ name: 'reset-after', fault: 'reset-after' },
	{ name: 'hang', fault: 'hang' },
	{ name: 'empty', fault: 'empty' },
	{ name: 'truncated', fault: 'truncated' },
	{ name: 'php-warning', fault: 'php-warning' },
	{ name: 'http500', fault: 'http500' },
	{ name: 'http429', fault: 'http429' },
];

const PURCHASES = new Set(['getNumber', 'buyNumber', 'buyEmail', 'rentNumber', 'renewRental']);

/** Which requests of a run fail. */
type Selection = 'all' | 'purchases' | 'allButFirst';

interface Scenario {
	name: string;
	failure?: Failure;
	selection: Selection;
	/** Credentials with a key the sandbox does not know (BAD_KEY answers, nothing scripted). */
	unknownKey?: boolean;
}

/** Connection-level faults: the same transport path for every operation, so run on one operation of each kind. */
const TRANSPORT_ONLY = new Set([
	'reset-before',
	'hang',
	'empty',
	'php-warning',
	'http500',
	'http429',
]);

const SCENARIOS: Scenario[] = [
	...FAILURES.map((failure) => ({
		name: `${failure.name} (every request)`,
		failure,
		selection: 'all' as const,
	})),
	// A purchase whose answer is lost or quoted back, then the lookups and error paths after it.
	...FAILURES.filter((f) =>
		['echo, unknown text 200', 'echo, HTML 502', 'reset-after', 'truncated'].includes(f.name),
	).map((failure) => ({
		name: `${failure.name} (purchases only)`,
		failure,
		selection: 'purchases' as const,
	})),
	// The first request (a history snapshot, a first poll, item 1's purchase) goes through; everything after fails.
	...FAILURES.filter((f) =>
		['echo, plain text 200', 'echo, JSON 401', 'reset-after'].includes(f.name),
	).map((failure) => ({
		name: `${failure.name} (all but the first request)`,
		failure,
		selection: 'allButFirst' as const,
	})),
	{ name: 'unknown key', selection: 'all', unknownKey: true },
];

/** Every scenario for the representative targets, the rest skip the connection-level faults. */
const scenariosFor = (target: Target) =>
	target.full
		? SCENARIOS
		: SCENARIOS.filter(
				(s) => !(s.failure && TRANSPORT_ONLY.has(s.failure.name) && s.selection === 'all'),
			);

/** Client timeout in these tests (the transport's 30/60 s, shortened by the helper) and the sandbox's hang. */
const CLIENT_TIMEOUT_MS = 120;
const HANG_MS = 200;

const API_OF: Array<[RegExp, ApiName]> = [
	[/cheap_handler\.php$/, 'cheap'],
	[/rental-handler\.php$/, 'rental'],
	[/email_handler\.php$/, 'email'],
	[/handler_api\.php$/, 'sms'],
];

let sb: Sandbox;
let runs = 0;

interface Orders {
	smsOrderId: string;
	cheapOrderId: string;
	emailId: string;
	rentalSmsOrderId: string;
	rentalId: string;
}

interface Outcome {
	/** Requests the run sent (a run that sends none never reached an error path of the transport). */
	sent: number;
	errors: unknown[];
	/** All of it, serialised. */
	text: string;
}

/**
 * A context over real HTTP whose helper scripts each selected request's failure just before it goes out,
 * shortens the client timeout (so a hang is a real one in a short test) and records what the run logs.
 */
function context(
	key: string,
	scenario: Scenario,
	options: {
		params: IDataObject;
		items?: INodeExecutionData[];
		continueOnFail?: boolean;
		signal?: AbortSignal;
		mode?: 'manual' | 'trigger';
		description?: INodeType['description'];
	},
) {
	const apiKey = scenario.unknownKey ? `${key}-unknown` : key;
	const ctx = createContext({ ...options, credentials: { apiKey, baseUrl: sb.url } });
	const logged: string[] = [];
	const log = (...args: unknown[]) => logged.push(serialise(args));
	const logger = { debug: log, info: log, warn: log, error: log };
	// Each run gets a rate gate of its own (one per credential id), so no run waits for another's requests.
	const node = {
		...ctx.execute.getNode(),
		credentials: { otpGetApi: { id: `secrets-${++runs}`, name: 'OTPGet' } },
	};
	for (const c of [ctx.execute, ctx.poll, ctx.loadOptions])
		Object.assign(c, { logger, getNode: () => node });
	let sent = 0;
	const send = ctx.execute.helpers.httpRequestWithAuthentication;
	ctx.execute.helpers.httpRequestWithAuthentication = async function (
		this: IExecuteFunctions,
		type: string,
		request: IHttpRequestOptions,
		extra?: undefined,
	) {
		const action = String((request.qs as IDataObject | undefined)?.action ?? '');
		const api = API_OF.find(([re]) => re.test(request.url))?.[1] ?? 'sms';
		const selected =
			scenario.selection === 'all' ||
			(scenario.selection === 'purchases' ? PURCHASES.has(action) : sent > 0);
		sent++;
		const failure = scenario.failure;
		if (failure && selected) {
			if ('answer' in failure) sb.state.failNext(api, action, failure.answer(key));
			else sb.state.faultNext(api, action, failure.fault);
		}
		return await send.call(this, type, { ...request, timeout: CLIENT_TIMEOUT_MS }, extra);
	} as IExecuteFunctions['helpers']['httpRequestWithAuthentication'];
	return { ctx, logged, sent: () => sent };
}

async function outcome(
	logged: string[],
	sent: () => number,
	work: () => Promise<unknown>,
): Promise<Outcome> {
	const errors: unknown[] = [];
	let output: unknown;
	try {
		output = await work();
	} catch (error) {
		errors.push(error);
	}
	const items = Array.isArray(output) ? (output as unknown[]).flat() : [];
	for (const item of items) {
		const { json, error } = (item ?? {}) as { json?: IDataObject; error?: unknown };
		if (error !== undefined) errors.push(error);
		else if (json && (json.error !== undefined || json.status === 'error')) errors.push(json);
	}
	return {
		sent: sent(),
		errors,
		text: [serialise(output ?? null), ...errors.map(serialise), ...logged].join('\n'),
	};
}

const otpGet = new OtpGet();
const otpGetV1 = otpGet.nodeVersions[1] as OtpGetV1;
const waitNode = new OtpGetWaitForOtp();
const trigger = new OtpGetTrigger();

async function runOtpGet(
	key: string,
	scenario: Scenario,
	params: IDataObject,
	continueOnFail: boolean,
): Promise<Outcome> {
	// Two items: with the first failing (Continue On Fail off), the second's order is reported with the error.
	const items = [{ json: { i: 0 } }, { json: { i: 1 } }];
	const { ctx, logged, sent } = context(key, scenario, {
		params,
		items,
		continueOnFail,
		description: otpGetV1.description,
	});
	return await outcome(logged, sent, async () => await otpGetV1.execute.call(ctx.execute));
}

async function runWait(
	key: string,
	scenario: Scenario,
	params: IDataObject,
	continueOnFail: boolean,
	stopAfterMs?: number,
): Promise<Outcome> {
	const controller = stopAfterMs === undefined ? undefined : new AbortController();
	const { ctx, logged, sent } = context(key, scenario, {
		params,
		items: [{ json: {} }, { json: {} }],
		continueOnFail,
		signal: controller?.signal,
		description: waitNode.description,
	});
	const timer = controller && setTimeout(() => controller.abort(), stopAfterMs);
	try {
		return await outcome(logged, sent, async () => await waitNode.execute.call(ctx.execute));
	} finally {
		if (timer) clearTimeout(timer);
	}
}

async function runTrigger(
	key: string,
	scenario: Scenario,
	params: IDataObject,
	mode: 'manual' | 'trigger',
): Promise<Outcome> {
	const { ctx, logged, sent } = context(key, scenario, {
		params,
		mode,
		description: trigger.description,
	});
	return await outcome(
		logged,
		sent,
		async () => await trigger.poll.call(ctx.poll as IPollFunctions),
	);
}

type LoadOptionsMethod = keyof OtpGetV1['methods']['loadOptions'];

async function runLoadOptions(
	key: string,
	scenario: Scenario,
	method: LoadOptionsMethod,
	params: IDataObject,
): Promise<Outcome> {
	const { ctx, logged, sent } = context(key, scenario, { params });
	const load = otpGetV1.methods.loadOptions[method] as (
		this: ILoadOptionsFunctions,
	) => Promise<INodePropertyOptions[]>;
	return await outcome(logged, sent, async () => await load.call(ctx.loadOptions));
}

interface Target {
	name: string;
	/** Also every connection-level fault (one operation of each kind of request and node). */
	full?: boolean;
	run: (key: string, scenario: Scenario, orders: Orders) => Promise<Outcome>;
}

const WAIT = {
	pollInterval: 0.02,
	timeout: 0.001,
	maxFailures: 2,
	maxRequestsPerSecond: 1000,
	onTimeout: 'cancel',
	onStop: 'cancel',
};

function targets(): Target[] {
	const list: Target[] = [];
	/** `spends`: also under Continue On Fail (error items instead of a thrown error, paid orders kept). */
	const otp = (
		name: string,
		params: (o: Orders) => IDataObject,
		flags: { spends?: boolean; full?: boolean } = {},
	) => {
		for (const continueOnFail of flags.spends ? [false, true] : [false]) {
			list.push({
				name: `OTPGet ${name}${continueOnFail ? ' (Continue On Fail)' : ''}`,
				full: flags.full && !continueOnFail,
				run: async (key, s, o) => await runOtpGet(key, s, params(o), continueOnFail),
			});
		}
	};
	otp('Account → Get Balance', () => ({ resource: 'account', operation: 'getBalance' }));
	otp('SMS → Get Countries', () => ({
		resource: 'smsActivation',
		operation: 'getCountries',
		providerType: '1',
	}));
	otp('SMS → Get Services', () => ({
		resource: 'smsActivation',
		operation: 'getServices',
		providerType: '1',
		country: '61',
	}));
	otp(
		'SMS → Get Number',
		() => ({
			resource: 'smsActivation',
			operation: 'getNumber',
			providerType: '1',
			country: '61',
			service: '101',
		}),
		{ spends: true, full: true },
	);
	otp('SMS → Get Status', (o) => ({
		resource: 'smsActivation',
		operation: 'getStatus',
		orderId: o.smsOrderId,
	}));
	otp(
		'SMS → Set Status (cancel)',
		(o) => ({
			resource: 'smsActivation',
			operation: 'setStatus',
			orderId: o.smsOrderId,
			status: 'cancel',
		}),
		{ spends: true, full: true },
	);
	otp('SMS → Set Status (complete)', (o) => ({
		resource: 'smsActivation',
		operation: 'setStatus',
		orderId: o.smsOrderId,
		status: 'complete',
	}));
	otp('Cheap → Get Balance', () => ({ resource: 'cheapNumber', operation: 'getBalance' }));
	otp('Cheap → Get Servers', () => ({
		resource: 'cheapNumber',
		operation: 'getServers',
		serverType: '1',
	}));
	otp(
		'Cheap → Buy Number',
		() => ({ resource: 'cheapNumber', operation: 'buyNumber', serverType: '1', server: '1' }),
		{ spends: true, full: true },
	);
	otp('Cheap → Get Status', (o) => ({
		resource: 'cheapNumber',
		operation: 'getStatus',
		orderId: o.cheapOrderId,
	}));
	otp('Cheap → Set Status (cancel)', (o) => ({
		resource: 'cheapNumber',
		operation: 'setStatus',
		orderId: o.cheapOrderId,
		status: 'cancel',
	}));
	otp('Email → Get Services', () => ({
		resource: 'email',
		operation: 'getServices',
		domain: 'gmail.com',
	}));
	otp(
		'Email → Buy Email',
		() => ({ resource: 'email', operation: 'buyEmail', domain: 'gmail.com', serviceId: 'ig' }),
		{ spends: true, full: true },
	);
	otp(
		'Email → Get Code',
		(o) => ({ resource: 'email', operation: 'getCode', emailId: o.emailId }),
		{ full: true },
	);
	otp('Email → Cancel', (o) => ({ resource: 'email', operation: 'cancel', emailId: o.emailId }));
	otp('Email → Get History', () => ({
		resource: 'email',
		operation: 'getHistory',
		returnAll: true,
	}));
	otp('Rental → Get Countries', () => ({
		resource: 'rental',
		operation: 'getCountries',
		providerFilter: 'all',
	}));
	otp('Rental → Get Pricing', () => ({
		resource: 'rental',
		operation: 'getPricing',
		provider: '1',
		countryCode: 'US',
	}));
	otp('Rental → Check Availability', () => ({
		resource: 'rental',
		operation: 'checkAvailability',
		provider: '1',
		countryCode: 'nl',
	}));
	otp(
		'Rental → Rent Number',
		() => ({
			resource: 'rental',
			operation: 'rentNumber',
			provider: '2',
			countryCode: 'ca',
			durationHours: '720',
		}),
		{ spends: true, full: true },
	);
	otp('Rental → Get My Rentals', () => ({
		resource: 'rental',
		operation: 'getMyRentals',
		rentalStatus: 'all',
		expiringWithinHours: 0,
	}));
	otp(
		'Rental → Get SMS',
		(o) => ({ resource: 'rental', operation: 'getSms', smsOrderId: o.rentalSmsOrderId }),
		{ full: true },
	);
	otp(
		'Rental → Renew',
		(o) => ({ resource: 'rental', operation: 'renew', rentalId: o.rentalId, durationHours: '24' }),
		{ spends: true },
	);

	const wait = (
		name: string,
		params: (o: Orders) => IDataObject,
		flags: { both?: boolean; full?: boolean; stopAfterMs?: number } = {},
	) => {
		for (const continueOnFail of flags.both ? [false, true] : [false]) {
			list.push({
				name: `Wait for OTP ${name}${continueOnFail ? ' (Continue On Fail)' : ''}`,
				full: flags.full && !continueOnFail,
				run: async (key, s, o) =>
					await runWait(key, s, params(o), continueOnFail, flags.stopAfterMs),
			});
		}
	};
	wait('SMS', (o) => ({ source: 'sms', orderId: o.smsOrderId, options: WAIT }), {
		both: true,
		full: true,
	});
	wait('Cheap', (o) => ({ source: 'cheap', orderId: o.cheapOrderId, options: WAIT }));
	wait('Email', (o) => ({ source: 'email', emailId: o.emailId, options: WAIT }), { both: true });
	wait('Rental', (o) => ({ source: 'rental', smsOrderId: o.rentalSmsOrderId, options: WAIT }), {
		both: true,
	});
	wait('SMS, On Timeout = Fail', (o) => ({
		source: 'sms',
		orderId: o.smsOrderId,
		options: { ...WAIT, onTimeout: 'fail' },
	}));
	// Stopped mid-wait: the stop report, and the cancels sent on the way out.
	wait(
		'SMS, stopped',
		(o) => ({ source: 'sms', orderId: o.smsOrderId, options: { ...WAIT, timeout: 1 } }),
		{ stopAfterMs: 30 },
	);

	for (const mode of ['trigger', 'manual'] as const) {
		const on = (name: string, params: (o: Orders) => IDataObject) =>
			list.push({
				name: `Trigger ${name} (${mode})`,
				full: mode === 'trigger',
				run: async (key, s, o) => await runTrigger(key, s, params(o), mode),
			});
		on('Balance Below', () => ({ event: 'balanceBelow', balanceThreshold: 1_000_000 }));
		on('New Rental SMS, all', () => ({ event: 'newRentalSms', rentals: 'all' }));
		on('New Rental SMS, one', (o) => ({
			event: 'newRentalSms',
			rentals: 'one',
			smsOrderId: o.rentalSmsOrderId,
		}));
		on('Rental Expiring Soon', () => ({
			event: 'rentalExpiring',
			rentals: 'all',
			thresholdHours: 100_000,
		}));
	}

	const dropdowns: Array<[LoadOptionsMethod, IDataObject]> = [
		['getSmsCountries', { providerType: '1' }],
		['getSmsServices', { providerType: '1', country: '61' }],
		['getCheapServers', { serverType: '1' }],
		['getRentalCountries', { provider: '1' }],
		['getRentalDurations', { provider: '1', countryCode: 'US' }],
		['getEmailServices', { domain: 'gmail.com' }],
		['getRentalsById', {}],
		['getRentalsBySmsOrderId', {}],
	];
	for (const [method, params] of dropdowns) {
		list.push({
			name: `dropdown ${method}`,
			full: method === 'getSmsCountries',
			run: async (key, s) => await runLoadOptions(key, s, method, params),
		});
	}
	return list;
}

const TARGETS = targets();

/** Real orders of this key, bought through the node before any fault, for the operations that need an id. */
async function buyOrders(key: string): Promise<Orders> {
	const clean: Scenario = { name: 'none', selection: 'all' };
	const buy = async (params: IDataObject) => {
		const { ctx } = context(key, clean, { params, description: otpGetV1.description });
		const [[first]] = await otpGetV1.execute.call(ctx.execute);
		return first.json;
	};
	const sms = await buy({
		resource: 'smsActivation',
		operation: 'getNumber',
		providerType: '1',
		country: '61',
		service: '101',
	});
	const cheap = await buy({
		resource: 'cheapNumber',
		operation: 'buyNumber',
		serverType: '1',
		server: '1',
	});
	const email = await buy({
		resource: 'email',
		operation: 'buyEmail',
		domain: 'gmail.com',
		serviceId: 'ig',
	});
	const rental = await buy({
		resource: 'rental',
		operation: 'rentNumber',
		provider: '2',
		countryCode: 'ca',
		durationHours: '720',
	});
	const rentalView = sb.state.getRental(String(rental.smsOrderId));
	return {
		smsOrderId: String(sms.orderId),
		cheapOrderId: String(cheap.orderId),
		emailId: String(email.emailId),
		rentalSmsOrderId: String(rental.smsOrderId),
		rentalId: String(rental.rentalId ?? rentalView?.id),
	};
}

/** The whole matrix for one key; one test file per key, so jest runs the keys side by side. */
export function secretsSuite(key: string): void {
	describe(`API key ${JSON.stringify(key)}`, () => suite(key));
}

function suite(key: string): void {
	let orders: Orders;
	const forms = keyForms(key);

	beforeAll(async () => {
		// Retry-After: 0 keeps the 429 path (and its redaction) without the default 2-s pauses (12 s a key).
		sb = await startSandbox({
			earlyCancelMs: 0,
			otpDelayMs: -1,
			faults: { hangMs: HANG_MS, retryAfterS: 0 },
		});
		sb.state.reset();
		sb.state.addKey(key, 1_000_000);
		orders = await buyOrders(key);
	});

	afterAll(async () => await sb.close());

	// Rentals bought by earlier runs (Rent Number, lookups) would each be polled by New Rental SMS at the trigger's 10/s.
	beforeEach(() => {
		for (const [id, rental] of sb.state.rentals)
			if (rental.orderId !== orders.rentalSmsOrderId) sb.state.rentals.delete(id);
	});

	it('the sandbox accepts the key as sent (so the echoes are of what went over the wire)', () => {
		expect(Object.values(orders).every((id) => id && id !== 'undefined')).toBe(true);
		expect(sb.requests.every((r) => r.query.api_key === key)).toBe(true);
	});

	test.each(TARGETS.map((t) => [t.name, t] as const))(
		'%s: no form of the key in any error or output, only n8n error classes',
		async (_name, target) => {
			const leaks: string[] = [];
			/** Errors that are not n8n's own classes: n8n would show (and log) more of them than our redacted message. */
			const strays: string[] = [];
			let errors = 0;
			for (const scenario of scenariosFor(target)) {
				const t0 = Date.now();
				const result = await target.run(key, scenario, orders);
				if (process.env.SECRETS_TIMING)
					process.stdout.write(
						`TIMING ${target.name} | ${scenario.name} | ${Date.now() - t0} | errors ${result.errors.length}\n`,
					);
				// A run that never reached the provider tested nothing about redaction.
				expect({ scenario: scenario.name, sent: result.sent > 0 }).toEqual({
					scenario: scenario.name,
					sent: true,
				});
				if (result.errors.length > 0) errors++;
				for (const error of result.errors) {
					if (
						error instanceof Error &&
						!(error instanceof NodeApiError || error instanceof NodeOperationError)
					)
						strays.push(`${scenario.name}: ${error.constructor.name}`);
				}
				for (const [name, form] of forms) {
					const at = result.text.indexOf(form);
					if (at >= 0)
						leaks.push(
							`${scenario.name}: ${name} form ${JSON.stringify(form)} in …${result.text.slice(Math.max(0, at - 120), at + form.length + 40)}…`,
						);
				}
			}
			expect(leaks).toEqual([]);
			expect(strays).toEqual([]);
			// The scenarios must have produced errors to search (a rental wait that ends without a code is not one).
			expect(errors).toBeGreaterThanOrEqual(3);
		},
	);
}
