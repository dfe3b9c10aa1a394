import { OTPGET_ERRORS } from '../../protocol/providers/otpget';
import { OTPGET } from '../../protocol/providers';
import { classifyError } from '../../protocol/classify';
import { ProviderError } from '../../protocol/errors';
import { decode } from '../../protocol/decode';
import { parseBalance, parseNumber, parseSetStatus, parseStatus } from '../../protocol/sms';

function errorOf(
	body: string,
	parse: (t: string) => unknown = parseNumber,
	status = 200,
): ProviderError {
	try {
		decode({ status, body }, parse, OTPGET);
	} catch (error) {
		if (error instanceof ProviderError) return error;
		throw error;
	}
	throw new Error(`"${body}" was accepted`);
}

// Every string of OTPGet's SMS OTP error table, plus the common SMS-Activate strings.
const TABLE: Array<[string, string, string, boolean, RegExp]> = [
	['BAD_KEY', 'BAD_KEY', 'auth', false, /Invalid API key/],
	['ACCOUNT_BLOCKED', 'ACCOUNT_BLOCKED', 'auth', false, /blocked/],
	['BAD_ACTION', 'BAD_ACTION', 'input', false, /Unknown API action/],
	['BAD_SERVICE', 'BAD_SERVICE', 'input', false, /Service not found/],
	['BAD_COUNTRY', 'BAD_COUNTRY', 'input', false, /Country not found/],
	['BAD_TYPE', 'BAD_TYPE', 'input', false, /provider type/i],
	['BAD_ID', 'BAD_ID', 'input', false, /Order ID missing/],
	['BAD_STATUS', 'BAD_STATUS', 'input', false, /Invalid status/],
	['NO_BALANCE', 'NO_BALANCE', 'balance', false, /Insufficient balance/],
	['NO_ACTIVATION', 'NO_ACTIVATION', 'notFound', false, /Order not found/],
	['STATUS_CANCEL', 'STATUS_CANCEL', 'state', false, /cancelled/],
	['STATUS_ALREADY_CHANGED', 'STATUS_ALREADY_CHANGED', 'state', false, /already changed/],
	['EARLY_CANCEL_DENIED', 'EARLY_CANCEL_DENIED', 'state', true, /first 2 minutes/],
	['NO_SMS_RECEIVED', 'NO_SMS_RECEIVED', 'state', true, /No SMS received/],
	['ERROR_PRICE_CHANGE', 'ERROR_PRICE_CHANGE', 'availability', true, /nothing was charged/],
	[
		'NO_BALANCE_FOR_NEW_PRICE:55.00',
		'NO_BALANCE_FOR_NEW_PRICE',
		'balance',
		false,
		/cancelled automatically/,
	],
	['ERROR_PROVIDER_1:timeout', 'ERROR_PROVIDER_1', 'provider', true, /upstream provider/],
	['ERROR_PROVIDER_5:{"err":"x:y"}', 'ERROR_PROVIDER_5', 'provider', true, /upstream provider/],
	['NO_NUMBERS', 'NO_NUMBERS', 'availability', true, /No numbers available/],
	['ERROR_SQL', 'ERROR_SQL', 'server', true, /database/],
	['BANNED:2026-12-01 10:00:00', 'BANNED', 'auth', false, /banned/],
	['WRONG_MAX_PRICE:12.5', 'WRONG_MAX_PRICE', 'input', false, /Maximum price/],
];

describe('SMS OTP error table', () => {
	it.each(TABLE)('%s maps to a typed error', (body, code, kind, retryable, message) => {
		const err = errorOf(body);
		expect(err.code).toBe(code);
		expect(err.kind).toBe(kind);
		expect(err.retryable).toBe(retryable);
		expect(err.message).toMatch(message);
		expect(err.hint.length).toBeGreaterThan(10);
	});

	it('keeps the payload after the first colon only', () => {
		expect(errorOf('NO_BALANCE_FOR_NEW_PRICE:55.00').detail).toBe('55.00');
		expect(errorOf('ERROR_PROVIDER_3:upstream: 502 Bad Gateway').detail).toBe(
			'upstream: 502 Bad Gateway',
		);
		expect(errorOf('BANNED:2026-12-01 10:00:00').detail).toBe('2026-12-01 10:00:00');
		expect(errorOf('WRONG_MAX_PRICE:12.5').detail).toBe('12.5');
	});

	it('says what to do for NO_BALANCE', () => {
		expect(errorOf('NO_BALANCE').hint).toMatch(/Top up your OTPGet wallet/);
	});

	it('reads errors whatever the HTTP status (401, 403, 404)', () => {
		expect(errorOf('BAD_KEY', parseBalance, 401)).toMatchObject({
			code: 'BAD_KEY',
			httpStatus: 401,
		});
		expect(errorOf('NO_ACTIVATION', parseStatus, 404)).toMatchObject({
			code: 'NO_ACTIVATION',
			httpStatus: 404,
		});
		expect(
			errorOf('EARLY_CANCEL_DENIED', (t) => parseSetStatus(t, 'cancel', OTPGET), 403),
		).toMatchObject({
			code: 'EARLY_CANCEL_DENIED',
		});
	});

	it('reads the JSON error form', () => {
		expect(errorOf('{"status":"401","message":"BAD_KEY"}', parseBalance)).toMatchObject({
			code: 'BAD_KEY',
			httpStatus: 401,
			kind: 'auth',
		});
		expect(errorOf('{"status":"402","message":"NO_BALANCE"}')).toMatchObject({
			code: 'NO_BALANCE',
		});
		const sentence = errorOf(
			'{"status":"402","message":"Insufficient balance. Need: 120.00 — Have: 80.50"}',
		);
		expect(sentence).toMatchObject({ kind: 'balance', code: 'HTTP_402' });
		expect(sentence.message).toMatch(/Need: 120.00/);
		expect(errorOf('{"status":"503","message":"Server 1 is currently unavailable"}')).toMatchObject(
			{ kind: 'availability', retryable: true },
		);
	});

	it('tolerates BOM and CRLF around error codes', () => {
		expect(errorOf('\uFEFFNO_BALANCE\r\n').code).toBe('NO_BALANCE');
	});

	it('does not mistake a success or free text for an error', () => {
		expect(classifyError('ACCESS_BALANCE:5.00', undefined, OTPGET_ERRORS)).toBeUndefined();
		expect(classifyError('Your code is NO_BALANCE', undefined, OTPGET_ERRORS)).toBeUndefined();
		expect(
			classifyError('{"status":"200","balance":"5.00"}', undefined, OTPGET_ERRORS),
		).toBeUndefined();
	});

	it('STATUS_CANCEL is an error for setStatus but a state for getStatus', () => {
		expect(errorOf('STATUS_CANCEL', (t) => parseSetStatus(t, 'complete', OTPGET)).code).toBe(
			'STATUS_CANCEL',
		);
		expect(decode({ status: 200, body: 'STATUS_CANCEL' }, parseStatus, OTPGET).status).toBe(
			'cancelled',
		);
	});
});
