import { CHEAP_LIFETIME_MS, CHEAP_SERVERS } from '../catalog';
import { toCents } from '../money';
import { phpJson, text, textError } from '../reply';
import type { SandboxState } from '../state';
import type { Reply } from '../types';
import { getBalance, getStatus, plainAuth, setStatus, type Query } from './otp';

/** cheap_handler.php: plain text, getServers is JSON. Numbers live 15 minutes, then cancel + refund themselves. */
export function handleCheap(state: SandboxState, q: Query): Reply {
	const denied = plainAuth(state, q);
	if (denied) return denied;
	switch (q.action) {
		case 'getBalance':
			return getBalance(state, q.api_key);
		case 'getServers':
			return getServers(state, q);
		case 'buyNumber':
			return buyNumber(state, q);
		case 'getStatus':
			return getStatus(state, 'cheap', q);
		case 'setStatus':
			return setStatus(state, 'cheap', q);
		default:
			return textError(state.config, 'BAD_ACTION');
	}
}

function serversOf(type: string): Array<{ id: string; name: string }> {
	return CHEAP_SERVERS.filter((s) => s.type === type).map((s) => ({ id: s.id, name: s.name }));
}

/** {"1":[...]} for type=1, {"2":[...]} for type=2, both when type is omitted; anything else BAD_TYPE. */
function getServers(state: SandboxState, q: Query): Reply {
	if (q.type === undefined || q.type === '')
		return phpJson({ '1': serversOf('1'), '2': serversOf('2') });
	if (q.type !== '1' && q.type !== '2') return textError(state.config, 'BAD_TYPE');
	return phpJson({ [q.type]: serversOf(q.type) });
}

/**
 * ORDER_ID_12345,+923001234567,900. The cheap docs list no error strings; we reuse the SMS API's:
 * BAD_TYPE (type not 1/2), BAD_SERVICE (server missing, unknown, or not on that type: the closest
 * documented meaning, "not found for given country/type"), NO_BALANCE.
 */
function buyNumber(state: SandboxState, q: Query): Reply {
	const cfg = state.config;
	if (q.type !== '1' && q.type !== '2') return textError(cfg, 'BAD_TYPE');
	const server = CHEAP_SERVERS.find((s) => s.id === q.server && s.type === q.type);
	if (!server) return textError(cfg, 'BAD_SERVICE');
	const priceCents = toCents(server.price);
	if (state.balanceCents(q.api_key) < priceCents) return textError(cfg, 'NO_BALANCE');
	const id = state.newCheapId();
	const now = state.clock.now();
	state.charge(q.api_key, priceCents, 'cheap', 'purchase', id, now);
	const phone = '+' + state.phone(server.localStart, server.localLength, server.dial);
	state.addActivation({
		api: 'cheap',
		id,
		key: q.api_key,
		phone,
		priceCents,
		createdAt: now,
		arrivalAt: state.arrivalFrom(now),
		code: state.code(),
		closed: null,
		expiresAt: now + CHEAP_LIFETIME_MS,
		type: q.type,
		server: server.id,
	});
	return text(`${id},${phone},${Math.floor(CHEAP_LIFETIME_MS / 1000)}`);
}
