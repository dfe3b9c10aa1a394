import { formatIso } from '../clock';
import { JSON_TYPE } from '../reply';
import type { SandboxState } from '../state';
import type { ApiName, RecordedRequest, Reply, SandboxConfig } from '../types';
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
	return requests.map((r) => ({ ...r, query: 'api_key' in r.query ? { ...r.query, api_key: '***' } : { ...r.query } }));
}

const ENDPOINTS = {
	'GET /__sandbox/state?key=': 'balance, ledger and orders (of one key, or all)',
	'/__sandbox/advance?ms=': 'move the sandbox clock forward',
	'/__sandbox/set-time?ms=': 'set the sandbox clock (epoch ms)',
	'/__sandbox/deliver?id=&code=': 'make an SMS / cheap / email code arrive now',
	'/__sandbox/rental-sms?order_id=&text=&code=': 'add an SMS to a rented number',
	'/__sandbox/fail-next?api=sms|cheap|rental|email&action=&status=&body=': 'script the next answer of an action (action=* for any)',
	'/__sandbox/set-balance?key=&amount=': 'set a balance (PKR)',
	'/__sandbox/seed?n=&arrival_ms=15000,30000': 'create n free waiting SMS activations for the test key',
	'/__sandbox/config?otp_delay_ms=&early_cancel_ms=&json_errors=&http_error_status=&rental_http_status=&email_http_status=&cancel_answer=&cancel_after_otp_answer=':
		'read or change options',
	'/__sandbox/requests': 'recorded API requests (api_key masked)',
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
				if (state.checkKey(key) === 'missing' || state.checkKey(key) === 'bad') return bad(`unknown key ${key}`, 404);
				return json({ ...now, key, balance: state.balance(key), ledger: state.ledger(key), orders });
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
			if (state.activations.has(q.id)) return json({ ok: true, id: q.id, api: state.activations.get(q.id)?.api, code: state.deliverSms(q.id, code) });
			if (state.emails.has(q.id)) return json({ ok: true, id: q.id, api: 'email', code: state.deliverEmail(q.id, code) });
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
			state.failNext(api, q.action, { status: num(q, 'status') ?? 200, body: q.body, ...(q.content_type ? { contentType: q.content_type } : {}) });
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
			const arrivals = (q.arrival_ms ?? '').split(',').filter((s) => s !== '').map(Number);
			return json({ ids: state.seedActivations(n, arrivals) });
		}
		case 'config':
			applyConfig(state.config, q);
			return json(state.config);
		case 'requests':
			return json({ count: state.requests.length, requests: maskedRequests(state.requests) });
		case 'reset':
			state.reset();
			return json({ ok: true });
		default:
			return bad(`unknown control endpoint ${route}`, 404);
	}
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
	if (q.cancel_answer === 'ACCESS_READY' || q.cancel_answer === 'ACCESS_CANCEL') cfg.cancelAnswer = q.cancel_answer;
	if (q.cancel_after_otp_answer) cfg.cancelAfterOtpAnswer = q.cancel_after_otp_answer;
}
