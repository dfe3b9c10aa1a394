import { DISTRIBUTIONS } from '../delays';
import { formatIso } from '../clock';
import { isFaultKind } from '../faults';
import { JSON_TYPE } from '../reply';
import type { SandboxState } from '../state';
import {
	FAULT_KINDS,
	PROVIDER_IDS,
	type ApiName,
	type FaultConfig,
	type FaultKind,
	type ProviderId,
	type RecordedRequest,
	type Reply,
	type SandboxConfig,
} from '../types';
import type { Query } from './otp';

/** /__sandbox/* : JSON control endpoints for out-of-process users (e2e, README demos). GET or POST. */

const APIS: readonly ApiName[] = ['sms', 'cheap', 'rental', 'email'];

function json(value: unknown, status = 200): Reply {
	return { status, body: JSON.stringify(value, null, 2), contentType: JSON_TYPE };
}

function bad(message: string, status = 400): Reply {
	return json({ error: message }, status);
}

/** api_key values masked, so the log can be shown or attached to CI output. */
export function maskedRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
	return requests.map((r) => ({
		...r,
		query: 'api_key' in r.query ? { ...r.query, api_key: '***' } : { ...r.query },
	}));
}

const ENDPOINTS = {
	'GET /__sandbox/state?key=': 'balance, ledger and orders (of one key, or all)',
	'/__sandbox/advance?ms=': 'move the sandbox clock forward',
	'/__sandbox/set-time?ms=': 'set the sandbox clock (epoch ms)',
	'/__sandbox/deliver?id=&code=': 'make an SMS / cheap / email code arrive now',
	'/__sandbox/rental-sms?order_id=&text=&code=': 'add an SMS to a rented number',
	'/__sandbox/fail-next?api=sms|cheap|rental|email&action=&status=&body=':
		'script the next answer of an action (action=* for any)',
	'/__sandbox/set-balance?key=&amount=': 'set a balance (PKR)',
	'/__sandbox/seed?n=&arrival_ms=15000,30000':
		'create n free waiting SMS activations for the test key',
	'/__sandbox/config?provider=&otp_delay_ms=&otp_delay_ms_range=10000-60000&early_cancel_ms=&json_errors=&http_error_status=&rental_http_status=&email_http_status=&cancel_answer=&cancel_after_otp_answer=':
		'read or change options',
	'/__sandbox/requests': 'recorded API requests (api_key masked)',
	'/__sandbox/request-log?window_ms=1000':
		'every API request without parameters (seq, at, realAt, api, action, dialect, fault), counts by action, peak per window',
	'/__sandbox/faults?rate=&seed=&kinds=&action_rates=getNumber:0.5,sms:getStatus:1&hang_ms=&slow_ms=&retry_after_s=&clear=1':
		'read, set or clear random fault injection; answers the config, counts per kind and every injected fault',
	'/__sandbox/fault-next?api=sms&action=getNumber&kind=reset-after':
		'the next call of that action gets that fault (action=* for any)',
	'/__sandbox/schedule':
		'every order: purchase time, when each code was due, became available and was first seen by a status poll',
	'/__sandbox/reset': 'back to the initial state',
};

export function handleControl(state: SandboxState, route: string, q: Query): Reply {
	try {
		return route === '' ? json({ endpoints: ENDPOINTS }) : dispatch(state, route, q);
	} catch (e) {
		return bad(e instanceof Error ? e.message : String(e), 409);
	}
}

function num(q: Query, name: string): number | undefined {
	if (q[name] === undefined || q[name] === '') return undefined;
	const n = Number(q[name]);
	if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
	return n;
}

function dispatch(state: SandboxState, route: string, q: Query): Reply {
	const clock = state.clock;
	switch (route) {
		case 'state': {
			const key = q.key || undefined;
			const orders = state.orders(key);
			const now = { now: clock.now(), nowIso: formatIso(clock.now()) };
			if (key) {
				if (state.checkKey(key) === 'missing' || state.checkKey(key) === 'bad')
					return bad(`unknown key ${key}`, 404);
				return json({
					...now,
					key,
					balance: state.balance(key),
					ledger: state.ledger(key),
					orders,
				});
			}
			return json({ ...now, balances: state.balances(), ledger: state.ledger(), orders });
		}
		case 'advance': {
			const ms = num(q, 'ms');
			if (ms === undefined) return bad('ms is required');
			clock.advance(ms);
			state.settle();
			return json({ now: clock.now(), nowIso: formatIso(clock.now()) });
		}
		case 'set-time': {
			const ms = num(q, 'ms');
			if (ms === undefined) return bad('ms is required');
			clock.set(ms);
			state.settle();
			return json({ now: clock.now(), nowIso: formatIso(clock.now()) });
		}
		case 'deliver': {
			if (!q.id) return bad('id is required');
			const code = q.code || undefined;
			if (state.activations.has(q.id))
				return json({
					ok: true,
					id: q.id,
					api: state.activations.get(q.id)?.api,
					code: state.deliverSms(q.id, code),
				});
			if (state.emails.has(q.id))
				return json({ ok: true, id: q.id, api: 'email', code: state.deliverEmail(q.id, code) });
			return bad(`no activation ${q.id}`, 404);
		}
		case 'rental-sms': {
			if (!q.order_id || !q.text) return bad('order_id and text are required');
			state.addRentalSms(q.order_id, q.text, q.code ?? '');
			return json({ ok: true });
		}
		case 'fail-next': {
			const api = APIS.find((a) => a === q.api);
			if (!api) return bad('api must be sms, cheap, rental or email');
			if (!q.action) return bad('action is required (or * for any)');
			if (q.body === undefined) return bad('body is required');
			state.failNext(api, q.action, {
				status: num(q, 'status') ?? 200,
				body: q.body,
				...(q.content_type ? { contentType: q.content_type } : {}),
			});
			return json({ ok: true });
		}
		case 'set-balance': {
			const amount = num(q, 'amount');
			if (!q.key || amount === undefined) return bad('key and amount are required');
			state.setBalance(q.key, amount);
			return json({ ok: true, key: q.key, balance: state.balance(q.key) });
		}
		case 'seed': {
			const n = num(q, 'n');
			if (n === undefined || !Number.isInteger(n) || n < 0) return bad('n must be an integer >= 0');
			const arrivals = (q.arrival_ms ?? '')
				.split(',')
				.filter((s) => s !== '')
				.map(Number);
			return json({ ids: state.seedActivations(n, arrivals) });
		}
		case 'config':
			applyConfig(state.config, q);
			return json(state.config);
		case 'requests':
			return json({ count: state.requests.length, requests: maskedRequests(state.requests) });
		case 'request-log':
			return json(requestLog(state, num(q, 'window_ms') ?? 1000));
		case 'faults':
			if (q.clear === '1' || q.clear === 'true') state.faults.clear();
			else state.faults.configure(faultPatch(q));
			return json(state.faults.report());
		case 'fault-next': {
			const api = APIS.find((a) => a === q.api);
			if (!api) return bad('api must be sms, cheap, rental or email');
			if (!q.action) return bad('action is required (or * for any)');
			if (!q.kind || !isFaultKind(q.kind))
				return bad(`kind must be one of ${FAULT_KINDS.join(', ')}`);
			state.faultNext(api, q.action, q.kind);
			return json({ ok: true });
		}
		case 'schedule':
			return json({ now: clock.now(), orders: state.schedule() });
		case 'reset':
			state.reset();
			return json({ ok: true });
		default:
			return bad(`unknown control endpoint ${route}`, 404);
	}
}

export interface RequestLog {
	count: number;
	windowMs: number;
	/** Most API requests inside any windowMs of wall-clock time (realAt). */
	peak: number;
	/** Same on the sandbox clock (at), for runs that move the clock. */
	peakClock: number;
	byAction: Record<string, number>;
	/** "sms:getStatus" etc. (OTPGet has getStatus on two APIs). */
	byApiAction: Record<string, number>;
	byFault: Record<string, number>;
	requests: Array<{
		seq: number;
		at: number;
		realAt: number;
		method: string;
		api: ApiName;
		action: string;
		dialect: ProviderId;
		fault?: FaultKind;
	}>;
}

function peakIn(times: number[], windowMs: number): number {
	const t = [...times].sort((a, b) => a - b);
	let peak = 0;
	let lo = 0;
	for (let hi = 0; hi < t.length; hi++) {
		while (t[hi] - t[lo] >= windowMs) lo++;
		peak = Math.max(peak, hi - lo + 1);
	}
	return peak;
}

/** The request log without any parameter (so never a key, whatever a client puts where). */
export function requestLog(state: SandboxState, windowMs = 1000): RequestLog {
	const byAction: Record<string, number> = {};
	const byApiAction: Record<string, number> = {};
	const byFault: Record<string, number> = {};
	const requests = state.requests.map((r) => {
		byAction[r.action] = (byAction[r.action] ?? 0) + 1;
		byApiAction[`${r.api}:${r.action}`] = (byApiAction[`${r.api}:${r.action}`] ?? 0) + 1;
		if (r.fault) byFault[r.fault] = (byFault[r.fault] ?? 0) + 1;
		return {
			seq: r.seq,
			at: r.at,
			realAt: r.realAt,
			method: r.method,
			api: r.api,
			action: r.action,
			dialect: r.dialect,
			...(r.fault ? { fault: r.fault } : {}),
		};
	});
	return {
		count: requests.length,
		windowMs,
		peak: peakIn(
			state.requests.map((r) => r.realAt),
			windowMs,
		),
		peakClock: peakIn(
			state.requests.map((r) => r.at),
			windowMs,
		),
		byAction,
		byApiAction,
		byFault,
		requests,
	};
}

function faultPatch(q: Query): Partial<FaultConfig> {
	const patch: Partial<FaultConfig> = {};
	const rate = num(q, 'rate');
	if (rate !== undefined) {
		if (rate < 0 || rate > 1) throw new Error('rate must be between 0 and 1');
		patch.rate = rate;
	}
	const seed = num(q, 'seed');
	if (seed !== undefined) patch.seed = seed;
	if (q.kinds) patch.kinds = parseKinds(q.kinds);
	if (q.action_rates !== undefined) patch.actionRates = parseActionRates(q.action_rates);
	const hang = num(q, 'hang_ms');
	if (hang !== undefined) patch.hangMs = hang;
	const slow = num(q, 'slow_ms');
	if (slow !== undefined) patch.slowMs = slow;
	const retry = num(q, 'retry_after_s');
	if (retry !== undefined) patch.retryAfterS = retry;
	return patch;
}

/** "http500,reset-after" -> kinds; "all" -> every kind. */
export function parseKinds(list: string): FaultKind[] {
	if (list === 'all') return [...FAULT_KINDS];
	return list.split(',').map((k) => {
		const kind = k.trim();
		if (!isFaultKind(kind))
			throw new Error(`unknown fault kind "${kind}" (kinds: ${FAULT_KINDS.join(', ')})`);
		return kind;
	});
}

/** "getNumber:0.5,sms:getStatus:1" -> { getNumber: 0.5, 'sms:getStatus': 1 } (the rate is after the last colon). */
export function parseActionRates(list: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const part of list.split(',').filter((p) => p.trim() !== '')) {
		const i = part.lastIndexOf(':');
		const rate = Number(part.slice(i + 1));
		if (i <= 0 || !Number.isFinite(rate) || rate < 0 || rate > 1)
			throw new Error(`action_rates entry "${part}" must be action:rate with 0 <= rate <= 1`);
		out[part.slice(0, i).trim()] = rate;
	}
	return out;
}

/** "10000-60000" -> [10000, 60000]. */
export function parseRange(v: string): [number, number] {
	const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(v);
	if (!m || Number(m[1]) > Number(m[2]))
		throw new Error(`a range must look like 10000-60000 (min <= max), got "${v}"`);
	return [Number(m[1]), Number(m[2])];
}

function flag(v: string | undefined): boolean | undefined {
	return v === undefined || v === '' ? undefined : v === '1' || v === 'true';
}

function applyConfig(cfg: SandboxConfig, q: Query): void {
	const otp = num(q, 'otp_delay_ms');
	if (otp !== undefined) cfg.otpDelayMs = otp;
	const early = num(q, 'early_cancel_ms');
	if (early !== undefined) cfg.earlyCancelMs = early;
	cfg.jsonErrors = flag(q.json_errors) ?? cfg.jsonErrors;
	cfg.httpErrorStatus = flag(q.http_error_status) ?? cfg.httpErrorStatus;
	cfg.rentalHttpStatus = flag(q.rental_http_status) ?? cfg.rentalHttpStatus;
	cfg.emailHttpStatus = flag(q.email_http_status) ?? cfg.emailHttpStatus;
	if (q.cancel_answer === 'ACCESS_READY' || q.cancel_answer === 'ACCESS_CANCEL')
		cfg.cancelAnswer = q.cancel_answer;
	if (q.cancel_after_otp_answer) cfg.cancelAfterOtpAnswer = q.cancel_after_otp_answer;
	if (q.provider) {
		const p = PROVIDER_IDS.find((id) => id === q.provider);
		if (!p) throw new Error(`provider must be one of ${PROVIDER_IDS.join(', ')}`);
		cfg.provider = p;
	}
	if (q.otp_delay_dist !== undefined) {
		if (q.otp_delay_dist !== '' && q.otp_delay_dist !== 'off' && !DISTRIBUTIONS[q.otp_delay_dist])
			throw new Error(
				`otp_delay_dist must be one of ${Object.keys(DISTRIBUTIONS).join(', ')} or off`,
			);
		cfg.otpDelayDist =
			q.otp_delay_dist === 'off' || q.otp_delay_dist === '' ? null : q.otp_delay_dist;
	}
	const skip = num(q, 'otp_delay_skip');
	if (skip !== undefined) cfg.otpDelaySkip = skip;
	if (q.otp_delay_ms_range !== undefined)
		cfg.otpDelayMsRange =
			q.otp_delay_ms_range === '' || q.otp_delay_ms_range === 'off'
				? null
				: parseRange(q.otp_delay_ms_range);
}
