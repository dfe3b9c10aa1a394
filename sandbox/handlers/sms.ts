import {
	NO_SMS_SERVICE,
	SMS_COUNTRIES,
	SMS_SERVICES,
	SMS_TYPES,
	SOLD_OUT_SERVICE,
	smsCountry,
	smsPrice,
	smsService,
	type SmsCountry,
} from '../catalog';
import { toCents } from '../money';
import { phpJson, text, textError } from '../reply';
import type { SandboxState } from '../state';
import type { Reply } from '../types';
import { getBalance, getStatus, plainAuth, setStatus, type Query } from './otp';

/** handler_api.php: plain text, except getCountries/getServices (JSON). */
export function handleSms(state: SandboxState, q: Query): Reply {
	const denied = plainAuth(state, q);
	if (denied) return denied;
	switch (q.action) {
		case 'getBalance':
			return getBalance(state, q.api_key);
		case 'getCountries':
			return getCountries(state, q);
		case 'getServices':
			return getServices(state, q);
		case 'getNumber':
			return getNumber(state, q);
		case 'getStatus':
			return getStatus(state, 'sms', q);
		case 'setStatus':
			return setStatus(state, 'sms', q);
		default:
			return textError(state.config, 'BAD_ACTION');
	}
}

function countryList(type: string): Array<{ id: string; name: string }> {
	return SMS_COUNTRIES.filter((c) => SMS_TYPES[type].includes(c.id)).map((c) => ({
		id: c.id,
		name: c.name,
	}));
}

function validType(type: string | undefined): type is string {
	return type !== undefined && Object.prototype.hasOwnProperty.call(SMS_TYPES, type);
}

/** Keyed by provider type; only the requested type when `type` is given, all types when omitted/empty. */
function getCountries(state: SandboxState, q: Query): Reply {
	if (q.type === undefined || q.type === '') {
		const all: Record<string, Array<{ id: string; name: string }>> = {};
		for (const type of Object.keys(SMS_TYPES)) all[type] = countryList(type);
		return phpJson(all);
	}
	if (!validType(q.type)) return textError(state.config, 'BAD_TYPE');
	return phpJson({ [q.type]: countryList(q.type) });
}

/** Checks shared by getServices and getNumber, in this order: BAD_TYPE, then BAD_COUNTRY. */
type Checked = { error: Reply } | { error?: undefined; type: string; country: SmsCountry };

function typeAndCountry(state: SandboxState, q: Query): Checked {
	if (!validType(q.type)) return { error: textError(state.config, 'BAD_TYPE') };
	const country = SMS_TYPES[q.type].includes(q.country) ? smsCountry(q.country) : undefined;
	if (!country) return { error: textError(state.config, 'BAD_COUNTRY') };
	return { type: q.type, country };
}

/** {"101":"Telegram - 45 PKR", ...} */
function getServices(state: SandboxState, q: Query): Reply {
	const r = typeAndCountry(state, q);
	if (r.error) return r.error;
	const out: Record<string, string> = {};
	for (const s of SMS_SERVICES) out[s.id] = `${s.name} - ${smsPrice(s, r.country, r.type)} PKR`;
	return phpJson(out);
}

/** ACCESS_NUMBER:<id>:<phone>; BAD_TYPE, BAD_COUNTRY, BAD_SERVICE, NO_NUMBERS, NO_BALANCE in that order. */
function getNumber(state: SandboxState, q: Query): Reply {
	const cfg = state.config;
	const r = typeAndCountry(state, q);
	if (r.error) return r.error;
	const service = smsService(q.service);
	if (!service) return textError(cfg, 'BAD_SERVICE');
	if (service.id === SOLD_OUT_SERVICE) return textError(cfg, 'NO_NUMBERS');
	const priceCents = toCents(smsPrice(service, r.country, r.type));
	if (state.balanceCents(q.api_key) < priceCents) return textError(cfg, 'NO_BALANCE');
	const id = state.newSmsId();
	const now = state.clock.now();
	state.charge(q.api_key, priceCents, 'sms', 'purchase', id, now);
	const phone = state.phone(r.country.localStart, r.country.localLength, r.country.dial);
	state.addActivation({
		api: 'sms',
		id,
		key: q.api_key,
		phone,
		priceCents,
		createdAt: now,
		arrivalAt: service.id === NO_SMS_SERVICE ? null : state.arrivalFrom(now),
		code: state.code(),
		closed: null,
		expiresAt: null,
		type: r.type,
		service: service.id,
		country: r.country.id,
	});
	return text(`ACCESS_NUMBER:${id}:${phone}`);
}
