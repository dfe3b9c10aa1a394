import { codeFrom, DEFAULT_CODE_PATTERN, extractCode } from '../code';
import type { Dialect, StatusIntent } from '../providers';
import { isRecord, parseJsonLenient, splitFirst, toStringValue } from '../text';

export type ActivationState = 'waiting' | 'received' | 'cancelled';

export interface ActivationStatus {
	status: ActivationState;
	/** The code alone ("123456"), or null when none could be read from what arrived. */
	code: string | null;
	/** What the provider sent after STATUS_OK: the code, or on some providers the whole SMS. */
	text?: string;
	/** STATUS_WAIT_RETRY:<code> carries the previous code while the next one is awaited. */
	lastCode?: string;
	raw: string;
}

/** A payload without spaces is the code as sent (codes may hold letters or colons); 740-279 is typed 740279. */
const BARE_CODE = /^\S{1,32}$/;

/**
 * The code in STATUS_OK's payload. Providers send the code, or the SMS itself ("Your WhatsApp code is
 * 123-456. Don't share"): the code is then read from the text, never the whole text returned as the code.
 */
export function codeOfPayload(payload: string, pattern?: string): string | null {
	const text = payload.trim();
	if (text === '') return null;
	const bare = BARE_CODE.test(text) ? text : null;
	if (pattern && pattern !== DEFAULT_CODE_PATTERN) return extractCode(text, pattern) ?? bare;
	if (bare) {
		const found = extractCode(bare);
		// Only when the pattern covers the whole payload: "G-1234" stays as sent.
		return found !== null && found === bare.replace(/[- ]/g, '') ? found : bare;
	}
	return extractCode(text);
}

/** Plain getStatus. `codePattern` (a user's) reads the code from the payload; the default pattern otherwise. */
export function parseStatus(text: string, codePattern?: string): ActivationStatus | undefined {
	const [head, rest] = splitFirst(text);
	switch (head) {
		case 'STATUS_OK': {
			const payload = rest?.trim();
			if (!payload) return undefined;
			return {
				status: 'received',
				code: codeOfPayload(payload, codePattern),
				text: payload,
				raw: text,
			};
		}
		case 'STATUS_WAIT_CODE':
		case 'STATUS_WAIT_RESEND':
		case 'ACCESS_RETRY_GET':
			return { status: 'waiting', code: null, raw: text };
		case 'STATUS_WAIT_RETRY':
			return { status: 'waiting', code: null, lastCode: rest?.trim() || undefined, raw: text };
		// ACCESS_CANCEL: InstaOTP's table, "Order cancelled/banned successfully".
		case 'STATUS_CANCEL':
		case 'ACCESS_CANCEL':
			return { status: 'cancelled', code: null, raw: text };
		default:
			return undefined;
	}
}

/**
 * SastaOTP getStatusV2: `{"verificationType":2,"sms":null}` waits, `"sms":{"code","text"}` received. The
 * document shows no cancelled form: a plain STATUS_* answer (or one in "status") is read like getStatus.
 */
export function parseStatusV2(text: string, codePattern?: string): ActivationStatus | undefined {
	const json = parseJsonLenient(text);
	if (!isRecord(json)) return parseStatus(text, codePattern);
	if ('sms' in json) {
		const list = Array.isArray(json.sms)
			? json.sms.filter(isRecord)
			: isRecord(json.sms)
				? [json.sms]
				: [];
		if (
			json.sms === null ||
			json.sms === undefined ||
			(Array.isArray(json.sms) && list.length === 0)
		) {
			return { status: 'waiting', code: null, raw: text };
		}
		// The latest message holds the code asked for last.
		const sms = list[list.length - 1];
		if (!sms) return undefined;
		const smsText = toStringValue(sms.text ?? sms.message).trim();
		const given = toStringValue(sms.code).trim();
		const code = codePattern
			? (extractCode(smsText, codePattern) ?? (given || null))
			: codeFrom(given, smsText);
		return { status: 'received', code: code || null, text: smsText || given, raw: text };
	}
	const status = typeof json.status === 'string' ? json.status.trim() : '';
	return status.startsWith('STATUS_') ? parseStatus(status, codePattern) : undefined;
}

export type SetStatusOutcome = 'completed' | 'cancelled';
export type StatusOutcome = SetStatusOutcome | 'retrying' | 'ready';

const OUTCOME: Record<StatusIntent, StatusOutcome> = {
	complete: 'completed',
	cancel: 'cancelled',
	requestAnotherSms: 'retrying',
	ready: 'ready',
};

/**
 * The same word means different things per requested status and provider (ACCESS_READY is OTPGet's refund,
 * SastaOTP's "ready"). An answer that does not confirm what was asked (ACCESS_RETRY_GET to a cancel) is not a success.
 */
export function parseSetStatus(
	text: string,
	action: 'complete' | 'cancel',
	d: Dialect,
): SetStatusOutcome | undefined;
export function parseSetStatus(
	text: string,
	action: StatusIntent,
	d: Dialect,
): StatusOutcome | undefined;
export function parseSetStatus(
	text: string,
	action: StatusIntent,
	d: Dialect,
): StatusOutcome | undefined {
	// OTPGet's "ACCESS_READY" and "Balance refunded" may come on one line.
	const word = splitFirst(text)[0].split(/[ \t]+/)[0];
	return d.setStatusAnswers[action].includes(word) ? OUTCOME[action] : undefined;
}
