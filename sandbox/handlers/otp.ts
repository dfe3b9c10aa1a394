import { textError, text } from '../reply';
import type { SandboxState } from '../state';
import type { Reply } from '../types';

/** getStatus / setStatus, shared by handler_api.php ('sms') and cheap_handler.php ('cheap'). */

export type Query = Record<string, string>;

/** Key check of the plain-text APIs: ACCOUNT_BLOCKED, else BAD_KEY for missing/unknown keys. */
export function plainAuth(state: SandboxState, q: Query): Reply | undefined {
	const check = state.checkKey(q.api_key);
	if (check === 'ok') return undefined;
	return textError(state.config, check === 'blocked' ? 'ACCOUNT_BLOCKED' : 'BAD_KEY');
}

export function getBalance(state: SandboxState, key: string): Reply {
	return text(`ACCESS_BALANCE:${(state.balanceCents(key) / 100).toFixed(2)}`);
}

function findOrder(state: SandboxState, api: 'sms' | 'cheap', q: Query) {
	const o = state.activations.get(q.id);
	// Another key's order, or the other plain-text API's order, does not exist for this caller.
	return o && o.key === q.api_key && o.api === api ? o : undefined;
}

export function getStatus(state: SandboxState, api: 'sms' | 'cheap', q: Query): Reply {
	const cfg = state.config;
	if (!q.id) return textError(cfg, 'BAD_ID');
	const o = findOrder(state, api, q);
	if (!o) return textError(cfg, 'NO_ACTIVATION');
	if (o.closed?.state === 'cancelled') return text('STATUS_CANCEL');
	const seen = state.codeState(o);
	if (seen.kind === 'ok') return text(`STATUS_OK:${seen.code}`);
	return text('STATUS_WAIT_CODE');
}

/**
 * setStatus: 3/6 complete (code needed), 8 cancel + refund (after earlyCancelMs, no code yet).
 * Check order: BAD_ID, BAD_STATUS, NO_ACTIVATION, STATUS_ALREADY_CHANGED (finished/cancelled/expired), then the rule.
 *
 * Cancel after the code arrived: the docs only say "8 — only if no SMS received yet" and list no
 * dedicated string. We answer cfg.cancelAfterOtpAnswer (default BAD_STATUS: status 8 is not a valid
 * transition for this order), keep the order open and refund nothing; it can still be completed with 3/6.
 * NO_SMS_RECEIVED would be a lie, EARLY_CANCEL_DENIED would invite retry loops, and
 * STATUS_ALREADY_CHANGED is kept for "setStatus was already called".
 */
export function setStatus(state: SandboxState, api: 'sms' | 'cheap', q: Query): Reply {
	const cfg = state.config;
	if (!q.id) return textError(cfg, 'BAD_ID');
	if (q.status !== '3' && q.status !== '6' && q.status !== '8') return textError(cfg, 'BAD_STATUS');
	const o = findOrder(state, api, q);
	if (!o) return textError(cfg, 'NO_ACTIVATION');
	if (o.closed) return textError(cfg, 'STATUS_ALREADY_CHANGED');
	const now = state.clock.now();
	const got = state.received(o, now);
	if (q.status !== '8') {
		if (!got) return textError(cfg, 'NO_SMS_RECEIVED');
		o.closed = { state: 'finished', at: now, reason: 'user' };
		return text('ACCESS_FINISH');
	}
	if (got) return textError(cfg, cfg.cancelAfterOtpAnswer);
	if (now - o.createdAt < cfg.earlyCancelMs) return textError(cfg, 'EARLY_CANCEL_DENIED');
	o.closed = { state: 'cancelled', at: now, reason: 'user' };
	state.refund(o.key, o.priceCents, api, o.id, now);
	return text(cfg.cancelAnswer);
}
