import { SASTAOTP } from '../../protocol/providers';
import { formatDateTime } from '../clock';
import {
	DIALECT_COUNTRIES,
	DIALECT_LIFETIME_MS,
	DIALECT_SERVICES,
	SASTAOTP_ERROR_TEXT,
	dialectCountry,
	dialectPrice,
	dialectService,
	offers,
	type DialectCountry,
} from '../dialects';
import { Money, toCents } from '../money';
import { phpJson, text } from '../reply';
import { sastaotpErrorBody } from '../readings';
import type { SandboxState } from '../state';
import type { OtpOrder, Reply } from '../types';
import {
	applyOp,
	balanceLine,
	buyDialectNumber,
	findDialectOrder,
	statusLine,
	type Op,
} from './dialect';
import type { Query } from './otp';

/**
 * SastaOTP handler_api.php: plain text by default, `format=json` for JSON on any action; getStatusV2,
 * getServicesList / getServices, getCountries and getOrders always JSON. The key may also come in
 * `Authorization: Bearer` / `X-API-Key` (the server copies it into q.api_key, never into the request log).
 */

const EXPIRES_IN_S = DIALECT_LIFETIME_MS / 1000;

interface Ctx {
	state: SandboxState;
	q: Query;
	json: boolean;
}

/** Plain: the code. format=json: the shape readings.sastaotpErrors picks (the document shows none). */
function err(ctx: Ctx, code: string): Reply {
	const shape = ctx.state.config.readings.sastaotpErrors;
	return ctx.json
		? phpJson(sastaotpErrorBody(shape, code, SASTAOTP_ERROR_TEXT[code] ?? code))
		: text(code);
}

export function handleSastaotp(state: SandboxState, q: Query): Reply {
	const ctx: Ctx = { state, q, json: q.format === 'json' };
	const check = state.checkKey(q.api_key);
	if (check === 'blocked') return err(ctx, 'ACCOUNT_BANNED');
	if (check === 'inactive') return err(ctx, 'KEY_INACTIVE');
	if (check !== 'ok') return err(ctx, 'BAD_KEY');
	switch (q.action) {
		case 'getBalance':
			return ctx.json
				? phpJson({
						status: 'OK',
						balance: new Money(state.balanceCents(q.api_key)),
						currency: SASTAOTP.currency,
					})
				: balanceLine(state, q.api_key);
		case 'getNumber':
			return getNumber(ctx, ctx.json);
		case 'getNumberV2':
			// "Alias ... both return the same unified response": we read V2 as always-JSON, like getStatusV2.
			return getNumber(ctx, true);
		case 'getStatus':
			return getStatus(ctx);
		case 'getStatusV2':
			return getStatusV2(ctx);
		case 'setStatus':
			return setStatus(ctx);
		case 'getServicesList':
		case 'getServices':
			return getServicesList(q);
		case 'getCountries':
			return phpJson({
				status: 'OK',
				countries: DIALECT_COUNTRIES.map((c) => ({
					id: Number(c.dial),
					eng: c.name,
					code: c.dial,
				})),
				total: DIALECT_COUNTRIES.length,
			});
		case 'getPrices':
			return getPrices(q);
		case 'getOrders':
			return getOrders(ctx);
		case 'regetNumber':
			return regetNumber(ctx);
		default:
			return err(ctx, 'BAD_ACTION');
	}
}

function serviceJson(s: (typeof DIALECT_SERVICES)[number]) {
	const countries = DIALECT_COUNTRIES.filter((c) => offers(s, c)).map((c) => ({
		country_code: c.dial,
		country_name: c.name,
		flag: c.flag,
		price: new Money(toCents(dialectPrice(s, c))),
		qty: s.qty,
	}));
	const cheapest = Math.min(...countries.map((c) => c.price.cents));
	return {
		code: s.code,
		name: s.name,
		logo: `https://sastaotp.com/logos/${s.code}.png`,
		price: new Money(cheapest),
		currency: SASTAOTP.currency,
		available: s.qty * countries.length,
		multi_sms: s.multiSms,
		expires_in: EXPIRES_IN_S,
		countries,
	};
}

function getServicesList(q: Query): Reply {
	const services: Record<string, unknown> = {};
	for (const s of DIALECT_SERVICES)
		if (!q.service || q.service === s.code) services[s.code] = serviceJson(s);
	return phpJson({ status: 'OK', total: Object.keys(services).length, services });
}

/** Listed among the valid actions but undocumented: SMS-Activate's {"91":{"tg":{"cost":18.5,"count":8420}}}. */
function getPrices(q: Query): Reply {
	const out: Record<string, Record<string, { cost: Money; count: number }>> = {};
	for (const c of DIALECT_COUNTRIES) {
		if (q.country && q.country !== c.dial) continue;
		const row: Record<string, { cost: Money; count: number }> = {};
		for (const s of DIALECT_SERVICES)
			if ((!q.service || q.service === s.code) && offers(s, c))
				row[s.code] = { cost: new Money(toCents(dialectPrice(s, c))), count: s.qty };
		out[c.dial] = row;
	}
	return phpJson(out);
}

/**
 * MISSING_PARAMS (service), SERVICE_UNAVAILABLE (unknown service or country, or not offered there),
 * MAX_PRICE_EXCEEDED (also for a maxPrice that is not a number: refusing is the safe reading), NO_NUMBERS, NO_BALANCE.
 * `operator` pins a country (its doc: "use country_code from getServicesList"); `country` wins when both are given.
 * Without either, the cheapest country that offers the service is used.
 */
function getNumber(ctx: Ctx, json: boolean): Reply {
	const { state, q } = ctx;
	if (!q.service) return err(ctx, 'MISSING_PARAMS');
	const service = dialectService(q.service);
	if (!service) return err(ctx, 'SERVICE_UNAVAILABLE');
	const pinned = q.country || q.operator || '';
	let country: DialectCountry | undefined;
	if (pinned) country = dialectCountry('sastaotp', pinned);
	else
		country = DIALECT_COUNTRIES.filter((c) => offers(service, c)).sort(
			(a, b) => dialectPrice(service, a) - dialectPrice(service, b),
		)[0];
	if (!country || !offers(service, country)) return err(ctx, 'SERVICE_UNAVAILABLE');
	const priceCents = toCents(dialectPrice(service, country));
	if (q.maxPrice !== undefined && q.maxPrice !== '') {
		const max = Number(q.maxPrice);
		if (!Number.isFinite(max) || toCents(max) < priceCents) return err(ctx, 'MAX_PRICE_EXCEEDED');
	}
	if (service.qty <= 0) return err(ctx, 'NO_NUMBERS');
	if (state.balanceCents(q.api_key) < priceCents) return err(ctx, 'NO_BALANCE');
	const o = buyDialectNumber(state, 'sastaotp', q.api_key, service, country);
	if (!json) return text(`ACCESS_NUMBER:${o.id}:${o.phone}`);
	return phpJson({
		status: 'OK',
		order_id: o.orderNo,
		activation_id: o.id,
		number: o.phone,
		phone_number: o.phone,
		service: service.name,
		service_code: service.code,
		country: country.name,
		country_code: country.dial,
		price: new Money(o.priceCents),
		multi_sms: service.multiSms,
		can_get_another_sms: service.multiSms,
		expires_in: EXPIRES_IN_S,
		note: null,
	});
}

function getStatus(ctx: Ctx): Reply {
	const { state, q } = ctx;
	if (!q.id) return err(ctx, 'MISSING_PARAMS');
	const o = findDialectOrder(state, q.api_key, q.id);
	if (!o) return err(ctx, 'NO_ACTIVATION');
	const line = statusLine(state, o);
	if (!ctx.json) return text(line);
	// format=json on getStatus is not shown in the doc: the plain answer split into fields.
	const [state_, value] = line.split(/:(.*)/s);
	return phpJson({
		status: 'OK',
		activation_id: o.id,
		state: state_,
		code: state_ === 'STATUS_OK' ? value : null,
		...(state_ === 'STATUS_WAIT_RETRY' ? { last_code: value } : {}),
	});
}

/**
 * Waiting (also for "another SMS"): "sms": null; received: the SMS object. Cancelled / expired: plain
 * STATUS_CANCEL, as SMS-Activate's getStatusV2 does (the doc shows only the two JSON forms).
 */
function getStatusV2(ctx: Ctx): Reply {
	const { state, q } = ctx;
	if (!q.id) return err(ctx, 'MISSING_PARAMS');
	const o = findDialectOrder(state, q.api_key, q.id);
	if (!o) return err(ctx, 'NO_ACTIVATION');
	if (o.closed?.state === 'cancelled') return text('STATUS_CANCEL');
	const s = state.codeState(o);
	return phpJson({
		verificationType: 2,
		sms: s.kind === 'ok' ? { code: s.code, text: s.code } : null,
	});
}

/**
 * -1 / 8 cancel -> ACCESS_CANCEL, 1 -> ACCESS_READY, 3 -> ACCESS_RETRY_GET (multi_sms only, else RETRY_FAILED),
 * 6 complete -> ACCESS_ACTIVATION (the table; the BAD_STATUS hint's "status=6 (cancel)" contradicts it, so
 * 6 without a code is refused with BAD_STATUS rather than completing an order that never got its SMS).
 * Terminal orders: ALREADY_FINISHED. Cancel after the code: CANCEL_FAILED, no refund.
 */
function setStatus(ctx: Ctx): Reply {
	const { state, q } = ctx;
	if (!q.id || q.status === undefined || q.status === '') return err(ctx, 'MISSING_PARAMS');
	const ops: Record<string, Op> = {
		'-1': 'cancel',
		'8': 'cancel',
		'1': 'ready',
		'3': 'retry',
		'6': 'complete',
	};
	const o = findDialectOrder(state, q.api_key, q.id);
	if (!o) return err(ctx, 'NO_ACTIVATION');
	const op = ops[q.status];
	if (!op) return err(ctx, 'BAD_STATUS');
	const r = applyOp(state, o, op, true);
	const fail: Record<Exclude<typeof r, 'ok'>, string> = {
		closed: 'ALREADY_FINISHED',
		// Only with --early-cancel-ms: SastaOTP documents no early-cancel rule.
		early: 'CANCEL_FAILED',
		'has-code': 'CANCEL_FAILED',
		'no-code': op === 'retry' ? 'RETRY_FAILED' : 'BAD_STATUS',
		'not-multi': 'RETRY_FAILED',
	};
	if (r !== 'ok') return err(ctx, fail[r]);
	const answer = {
		ready: 'ACCESS_READY',
		retry: 'ACCESS_RETRY_GET',
		complete: 'ACCESS_ACTIVATION',
		cancel: 'ACCESS_CANCEL',
	}[op];
	return ctx.json ? phpJson({ status: 'OK', activation_id: o.id, result: answer }) : text(answer);
}

type OrderStatus = 'pending' | 'completed' | 'cancelled' | 'expired';

function orderStatus(state: SandboxState, o: OtpOrder): OrderStatus {
	if (o.closed?.state === 'cancelled')
		return o.closed.reason === 'expired' ? 'expired' : 'cancelled';
	if (o.closed?.state === 'finished') return 'completed';
	// Code in and lifetime over: nothing more can happen, SMS-Activate finishes it.
	if (o.expiresAt !== null && state.clock.now() >= o.expiresAt) return 'completed';
	return 'pending';
}

/** Newest first. limit: default 20, max 100 (larger clamps, invalid -> 20); page default 1; unknown status -> no rows. */
function getOrders(ctx: Ctx): Reply {
	const { state, q } = ctx;
	state.settle();
	const limitN = Number(q.limit);
	const limit = Number.isInteger(limitN) && limitN >= 1 ? Math.min(limitN, 100) : 20;
	const pageN = Number(q.page);
	const page = Number.isInteger(pageN) && pageN >= 1 ? pageN : 1;
	const mine = [...state.activations.values()]
		.filter((o) => o.key === q.api_key && o.dialect === 'sastaotp')
		.map((o) => ({ o, status: orderStatus(state, o) }))
		.filter((r) => !q.status || r.status === q.status)
		.reverse();
	const orders = mine.slice((page - 1) * limit, page * limit).map(({ o, status }) => {
		const s = state.codeState(o, state.clock.now(), false);
		const service = dialectService(o.service);
		return {
			order_id: o.orderNo,
			activation_id: o.id,
			number: o.phone,
			service: service?.name ?? o.service,
			service_code: o.service,
			country_code: o.country,
			price: new Money(o.priceCents),
			status,
			code: s.kind === 'ok' ? s.code : s.kind === 'wait-retry' ? s.last : null,
			created_at: formatDateTime(o.createdAt),
			expires_at: o.expiresAt === null ? null : formatDateTime(o.expiresAt),
		};
	});
	return phpJson({
		status: 'OK',
		page,
		limit,
		total: mine.length,
		pages: Math.ceil(mine.length / limit),
		orders,
	});
}

/**
 * A new activation on the same phone after a completed multi_sms order, same price.
 * MISSING_PARAMS, NO_ACTIVATION, RETRY_FAILED (not completed with a code, or not multi_sms; no string is documented), NO_BALANCE.
 */
function regetNumber(ctx: Ctx): Reply {
	const { state, q } = ctx;
	if (!q.id) return err(ctx, 'MISSING_PARAMS');
	const old = findDialectOrder(state, q.api_key, q.id);
	if (!old) return err(ctx, 'NO_ACTIVATION');
	const service = dialectService(old.service);
	const country = dialectCountry('sastaotp', old.country);
	if (!service || !country || !old.multiSms || old.closed?.state !== 'finished')
		return err(ctx, 'RETRY_FAILED');
	if (state.balanceCents(q.api_key) < old.priceCents) return err(ctx, 'NO_BALANCE');
	const o = buyDialectNumber(state, 'sastaotp', q.api_key, service, country, {
		id: state.newMixedId(),
		phone: old.phone,
	});
	if (!ctx.json) return text(`REGET_NUMBER_OK:${o.id}:${o.phone}`);
	return phpJson({
		status: 'OK',
		new_order_id: o.orderNo,
		new_activation_id: o.id,
		number: o.phone,
		price: new Money(o.priceCents),
		currency: SASTAOTP.currency,
		expires_in: EXPIRES_IN_S,
	});
}
