/**
 * Switches for the readings a provider's document leaves open (issue 17): each makes the sandbox answer the
 * way a real server reading the document the other way would. Defaults keep the sandbox's usual answers.
 */
import type { Reply } from './types';

export interface Readings {
	/**
	 * InstaOTP setStatus: `both` takes the words (cancel, finish) and the family's numbers (8, 6, 1, 3);
	 * `words` answers INVALID_STATUS to a number; `numbers` answers BAD_STATUS to a word (instaotp.txt has no
	 * Set Status section).
	 */
	instaotpStatus: 'both' | 'words' | 'numbers';
	/** InstaOTP getStatus of a cancelled order: the family's STATUS_CANCEL, or ACCESS_CANCEL from its own table. */
	instaotpCancelWord: 'STATUS_CANCEL' | 'ACCESS_CANCEL';
	/**
	 * SastaOTP format=json error shape (sastaotp.txt shows none): `error` {"status":"ERROR","error":CODE,"message"},
	 * `code` {"status":"ERROR","code":CODE}, `error_code` {"success":false,"error_code":CODE}, `nested`
	 * {"status":"ERROR","error":{"code":CODE,"message"}}, `message` {"status":"ERROR","message":<the doc's sentence>}.
	 */
	sastaotpErrors: 'error' | 'code' | 'error_code' | 'nested' | 'message';
	/** OTPX setStatus 6: `family` completes (SMS-Activate); `documented` answers BAD_STATUS (its list is 3 and 8). */
	otpxComplete: 'family' | 'documented';
	/** Where a SastaOTP server reads the key: `both` (the document), `query` only, or `header` only. */
	sastaotpKeyIn: 'both' | 'query' | 'header';
	/** JSON ids of 16+ digits (OTPGet's rental order_id) sent as bare numbers instead of strings. */
	bareBigIds: boolean;
}

export const DEFAULT_READINGS: Readings = {
	instaotpStatus: 'both',
	instaotpCancelWord: 'STATUS_CANCEL',
	sastaotpErrors: 'error',
	otpxComplete: 'family',
	sastaotpKeyIn: 'both',
	bareBigIds: false,
};

/** SastaOTP's JSON error in the configured shape. */
export function sastaotpErrorBody(
	shape: Readings['sastaotpErrors'],
	code: string,
	sentence: string,
): Record<string, unknown> {
	switch (shape) {
		case 'code':
			return { status: 'ERROR', code, message: sentence };
		case 'error_code':
			return { success: false, error_code: code };
		case 'nested':
			return { status: 'ERROR', error: { code, message: sentence } };
		case 'message':
			return { status: 'ERROR', message: sentence };
		default:
			return { status: 'ERROR', error: code, message: sentence };
	}
}

/** `"order_id":"2673093356180000583"` → `"order_id":2673093356180000583` (what PHP's json_encode of an int gives). */
export function bareBigIds(reply: Reply, on: boolean): Reply {
	if (!on) return reply;
	return { ...reply, body: reply.body.replace(/("\w*id"\s*:\s*)"(\d{16,})"/gi, '$1$2') };
}
