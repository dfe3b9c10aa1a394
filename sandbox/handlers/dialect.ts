import {
	DIALECT_COUNTRIES,
	DIALECT_LIFETIME_MS,
	DIALECT_SERVICES,
	INSTAOTP_SERVERS,
	countryCode,
	dialectCountry,
	dialectPrice,
	dialectService,
	offers,
	type DialectCountry,
	type DialectId,
	type DialectService,
} from '../dialects';
import { toCents } from '../money';
import { phpJson, text } from '../reply';
import type { SandboxState } from '../state';
import type { OtpOrder, Reply } from '../types';
import type { Query } from './otp';

/**
 * handler_api.php of OTPX and InstaOTP (SastaOTP: sastaotp.ts), plus the order logic all three share.
 * Where a document is silent the SMS-Activate behaviour is used; each such choice is listed in sandbox/README.md.
 */

// ---------------------------------------------------------------- shared order logic

export function buyDialectNumber(
	state: SandboxState,
	dialect: DialectId,
	key: string,
	service: DialectService,
	country: DialectCountry,
	extra: { server?: string; operator?: string; id?: string; phone?: string } = {},
): OtpOrder {
	const now = state.clock.now();
	const priceCents = toCents(dialectPrice(service, country, extra.server));
	const id = extra.id ?? state.newDialectId();
	state.charge(key, priceCents, 'sms', 'purchase', id, now);
	const local = state.phone(country.localStart, country.localLength, country.dial);
	const order: OtpOrder = {
		api: 'sms',
		id,
		key,
		phone: extra.phone ?? (dialect === 'instaotp' ? `+${local}` : local),
		priceCents,
		createdAt: now,
		arrivalAt: service.noSms ? null : state.arrivalFrom(now),
		code: state.code(),
		closed: null,
		// No code by then: cancelled and refunded by settle() (SastaOTP expires_in; SMS-Activate's 20 minutes).
		expiresAt: now + DIALECT_LIFETIME_MS,
		type: dialect,
		service: service.code,
		country: countryCode(dialect, country),
		dialect,
		multiSms: service.multiSms,
		...(extra.server !== undefined ? { server: extra.server } : {}),
		...(extra.operator !== undefined ? { operator: extra.operator } : {}),
		...(dialect === 'sastaotp' ? { orderNo: state.newDialectOrderNo() } : {}),
	};
	state.addActivation(order);
	return order;
}

export function findDialectOrder(
	state: SandboxState,
	key: string,
	id: string | undefined,
): OtpOrder | undefined {
	const o = id ? state.activations.get(id) : undefined;
	return o && o.key === key && o.dialect === state.config.provider ? o : undefined;
}

/** SMS-Activate getStatus vocabulary. */
export function statusLine(state: SandboxState, o: OtpOrder): string {
	if (o.closed?.state === 'cancelled') return 'STATUS_CANCEL';
	const s = state.codeState(o);
	if (s.kind === 'ok') return `STATUS_OK:${s.code}`;
	if (s.kind === 'wait-retry') return `STATUS_WAIT_RETRY:${s.last}`;
	return 'STATUS_WAIT_CODE';
}

export type Op = 'cancel' | 'ready' | 'retry' | 'complete';
/** closed: already finished/cancelled; early: inside the early-cancel window; no-code: needs a code first;
 *  has-code: cancel after the code; not-multi: status 3 on a single-SMS service. */
export type OpResult = 'ok' | 'closed' | 'early' | 'no-code' | 'has-code' | 'not-multi';

export function applyOp(state: SandboxState, o: OtpOrder, op: Op, multiOnly: boolean): OpResult {
	if (o.closed) return 'closed';
	const now = state.clock.now();
	const got = state.received(o, now);
	switch (op) {
		case 'ready':
			return 'ok';
		case 'complete':
			if (!got) return 'no-code';
			o.closed = { state: 'finished', at: now, reason: 'user' };
			return 'ok';
		case 'retry': {
			if (!got) return 'no-code';
			if (multiOnly && !o.multiSms) return 'not-multi';
			// Asking again while the last request is still pending does not queue a second code.
			if (state.codeState(o, now, false).kind !== 'wait-retry')
				state.requestRetry(o, now, dialectService(o.service)?.noSms === true);
			return 'ok';
		}
		case 'cancel':
			if (got) return 'has-code';
			if (now - o.createdAt < state.config.earlyCancelMs) return 'early';
			o.closed = { state: 'cancelled', at: now, reason: 'user' };
			state.refund(o.key, o.priceCents, 'sms', o.id, now);
			return 'ok';
	}
}

export function balanceLine(state: SandboxState, key: string): Reply {
	return text(`ACCESS_BALANCE:${(state.balanceCents(key) / 100).toFixed(2)}`);
}

/** SMS-Activate getCountries: {"22":{"id":22,"eng":"India","visible":1,"retry":1}, ...}. */
function smsActivateCountries(): Reply {
	const out: Record<string, unknown> = {};
	for (const c of DIALECT_COUNTRIES)
		out[c.smsActivateId] = { id: Number(c.smsActivateId), eng: c.name, visible: 1, retry: 1 };
	return phpJson(out);
}

/** SMS-Activate getPrices: {"22":{"wa":{"cost":22,"count":1200}}}, optional country / service filters. */
function smsActivatePrices(q: Query): Reply {
	const out: Record<string, Record<string, { cost: number; count: number }>> = {};
	for (const c of DIALECT_COUNTRIES) {
		if (q.country && q.country !== c.smsActivateId) continue;
		const row: Record<string, { cost: number; count: number }> = {};
		for (const s of DIALECT_SERVICES) {
			if ((q.service && q.service !== s.code) || !offers(s, c)) continue;
			row[s.code] = { cost: dialectPrice(s, c), count: s.qty };
		}
		out[c.smsActivateId] = row;
	}
	return phpJson(out);
}

// ---------------------------------------------------------------- OTPX

/**
 * OTPX documents getBalance, getNumber (service, country, operator), getStatus, setStatus (3 = request new SMS,
 * 8 = cancel -> ACCESS_CANCEL) and eight errors. Everything else is SMS-Activate's.
 */
export function handleOtpx(state: SandboxState, q: Query): Reply {
	const check = state.checkKey(q.api_key);
	if (check === 'blocked') return text('ACCOUNT_BAN');
	if (check !== 'ok') return text('BAD_KEY');
	const key = q.api_key;
	switch (q.action) {
		case 'getBalance':
			return balanceLine(state, key);
		case 'getNumber':
			return otpxGetNumber(state, q);
		case 'getStatus': {
			const o = findDialectOrder(state, key, q.id);
			return text(o ? statusLine(state, o) : 'NO_ACTIVATION');
		}
		case 'setStatus':
			return otpxSetStatus(state, q);
		case 'getCountries':
			return smsActivateCountries();
		case 'getPrices':
			return smsActivatePrices(q);
		case 'getOperators': {
			const countryOperators: Record<string, readonly string[]> = {};
			for (const c of DIALECT_COUNTRIES)
				if (!q.country || q.country === c.smsActivateId)
					countryOperators[c.smsActivateId] = c.operators;
			return phpJson({ status: 'success', countryOperators });
		}
		case 'getServicesList':
			return phpJson({
				status: 'success',
				services: DIALECT_SERVICES.map((s) => ({ code: s.code, name: s.name })),
			});
		default:
			return text('BAD_ACTION');
	}
}

/** BAD_SERVICE, BAD_COUNTRY, then NO_NUMBERS (sold out, not offered there, or an operator the country lacks), NO_BALANCE. */
function otpxGetNumber(state: SandboxState, q: Query): Reply {
	const service = dialectService(q.service);
	if (!service) return text('BAD_SERVICE');
	const country = dialectCountry('otpx', q.country);
	if (!country) return text('BAD_COUNTRY');
	const operator = q.operator === undefined || q.operator === '' ? 'any' : q.operator;
	if (service.qty <= 0 || !offers(service, country) || !country.operators.includes(operator))
		return text('NO_NUMBERS');
	if (state.balanceCents(q.api_key) < toCents(dialectPrice(service, country)))
		return text('NO_BALANCE');
	const o = buyDialectNumber(state, 'otpx', q.api_key, service, country, { operator });
	return text(`ACCESS_NUMBER:${o.id}:${o.phone}`);
}

/** 3 -> ACCESS_RETRY_GET, 8 -> ACCESS_CANCEL (documented); 1 -> ACCESS_READY, 6 -> ACCESS_ACTIVATION (SMS-Activate). */
function otpxSetStatus(state: SandboxState, q: Query): Reply {
	const o = findDialectOrder(state, q.api_key, q.id);
	if (!o) return text('NO_ACTIVATION');
	const ops: Record<string, Op> = { '1': 'ready', '3': 'retry', '6': 'complete', '8': 'cancel' };
	const op = ops[q.status ?? ''];
	if (!op || (op === 'complete' && state.config.readings.otpxComplete === 'documented'))
		return text('BAD_STATUS');
	const r = applyOp(state, o, op, false);
	if (r === 'early') return text('EARLY_CANCEL_DENIED');
	// Closed orders, completing or retrying without a code, cancelling after one: SMS-Activate's BAD_STATUS.
	if (r !== 'ok') return text('BAD_STATUS');
	return text(
		{
			ready: 'ACCESS_READY',
			retry: 'ACCESS_RETRY_GET',
			complete: 'ACCESS_ACTIVATION',
			cancel: 'ACCESS_CANCEL',
		}[op],
	);
}

// ---------------------------------------------------------------- InstaOTP

/**
 * InstaOTP: getBalance, getService (JSON keyed by server), getNumber (service, country, server all required),
 * getStatus / setStatus with the words cancel / finish (its INVALID_STATUS text) and the numeric 8 / 6 / 1 / 3.
 */
export function handleInstaotp(state: SandboxState, q: Query): Reply {
	const check = state.checkKey(q.api_key);
	if (check === 'missing') return text('NO_API_KEY');
	if (check !== 'ok') return text('BAD_KEY');
	const key = q.api_key;
	switch (q.action) {
		case 'getBalance':
			return balanceLine(state, key);
		case 'getService':
			return instaGetService(q);
		case 'getNumber':
			return instaGetNumber(state, q);
		case 'getStatus': {
			if (!q.id) return text('BAD_PARAMS');
			const o = findDialectOrder(state, key, q.id);
			const line = o ? statusLine(state, o) : 'NO_ACTIVATION';
			return text(line === 'STATUS_CANCEL' ? state.config.readings.instaotpCancelWord : line);
		}
		case 'setStatus':
			return instaSetStatus(state, q);
		case 'getCountries':
			return smsActivateCountries();
		default:
			return text('BAD_ACTION');
	}
}

function instaServer(id: string | undefined) {
	return INSTAOTP_SERVERS.find((s) => s.id === id);
}

/** {"1":[{"id":"vk","service":"...","price":"3.12","qty":"1052","country":"22","provider":"1"}]}; nothing matches -> NO_SERVICES. */
function instaGetService(q: Query): Reply {
	const out: Record<string, Array<Record<string, string>>> = {};
	for (const server of INSTAOTP_SERVERS) {
		if (!server.active || !server.stocked || (q.server && q.server !== server.id)) continue;
		const rows: Array<Record<string, string>> = [];
		for (const c of DIALECT_COUNTRIES) {
			if (q.country && q.country !== c.smsActivateId) continue;
			for (const s of DIALECT_SERVICES) {
				if (!offers(s, c)) continue;
				rows.push({
					id: s.code,
					service: s.name,
					price: dialectPrice(s, c, server.id).toFixed(2),
					qty: String(s.qty),
					country: c.smsActivateId,
					provider: server.id,
				});
			}
		}
		if (rows.length > 0) out[server.id] = rows;
	}
	return Object.keys(out).length === 0 ? text('NO_SERVICES') : phpJson(out);
}

/** BAD_PARAMS (any of the three missing), BAD_SERVICE, NO_SERVICES (country, server unknown/inactive/empty, not offered), NO_NUMBERS, NO_BALANCE. */
function instaGetNumber(state: SandboxState, q: Query): Reply {
	if (!q.service || !q.country || !q.server) return text('BAD_PARAMS');
	const service = dialectService(q.service);
	if (!service) return text('BAD_SERVICE');
	const country = dialectCountry('instaotp', q.country);
	const server = instaServer(q.server);
	if (!country || !server || !server.active || !server.stocked || !offers(service, country))
		return text('NO_SERVICES');
	// Not in InstaOTP's list: SMS-Activate's words for "sold out" and "wallet too low".
	if (service.qty <= 0) return text('NO_NUMBERS');
	if (state.balanceCents(q.api_key) < toCents(dialectPrice(service, country, server.id)))
		return text('NO_BALANCE');
	const o = buyDialectNumber(state, 'instaotp', q.api_key, service, country, { server: server.id });
	return text(`ACCESS_NUMBER:${o.id}:${o.phone}`);
}

/**
 * cancel / 8 -> ACCESS_CANCEL, finish / 6 -> ACCESS_ACTIVATION, 1 -> ACCESS_READY, 3 -> ACCESS_RETRY_GET.
 * The doc has two "bad status" codes: we answer INVALID_STATUS ("must be either 'cancel' or 'finish'") for an
 * unknown word and BAD_STATUS for an unknown number or a transition the order does not allow.
 */
function instaSetStatus(state: SandboxState, q: Query): Reply {
	if (!q.id || q.status === undefined || q.status === '') return text('BAD_PARAMS');
	const ops: Record<string, Op> = {
		cancel: 'cancel',
		'8': 'cancel',
		finish: 'complete',
		'6': 'complete',
		'1': 'ready',
		'3': 'retry',
	};
	const numeric = /^-?\d+$/.test(q.status);
	// readings.instaotpStatus: a server that takes only one of the two forms the document hints at.
	const only = state.config.readings.instaotpStatus;
	if (only === 'words' && numeric) return text('INVALID_STATUS');
	if (only === 'numbers' && !numeric) return text('BAD_STATUS');
	const op = ops[q.status.toLowerCase()];
	if (!op) return text(numeric ? 'BAD_STATUS' : 'INVALID_STATUS');
	const o = findDialectOrder(state, q.api_key, q.id);
	if (!o) return text('NO_ACTIVATION');
	const r = applyOp(state, o, op, false);
	if (r === 'closed')
		return text(o.closed?.state === 'cancelled' ? 'ALREADY_CANCEL' : 'BAD_STATUS');
	if (r === 'early') return text('EARLY_CANCEL_DENIED');
	if (r !== 'ok') return text('BAD_STATUS');
	return text(
		{
			ready: 'ACCESS_READY',
			retry: 'ACCESS_RETRY_GET',
			complete: 'ACCESS_ACTIVATION',
			cancel: 'ACCESS_CANCEL',
		}[op],
	);
}
