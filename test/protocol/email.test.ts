import { OTPGET_ERRORS } from '../../protocol/providers/otpget';
import { OTPGET } from '../../protocol/providers';
import { classifyError } from '../../protocol/classify';
import type { ErrorKind } from '../../protocol/errors';
import { decode } from '../../protocol/decode';
import { toHttpCall } from '../../protocol/request';
import {
	EMAIL_DOMAINS,
	emailRequests,
	parseBuyEmail,
	parseCancelEmail,
	parseEmailBalance,
	parseEmailCode,
	parseEmailHistory,
	parseEmailServices,
} from '../../protocol/email';

const ok = <T>(body: string, parse: (t: string) => T | undefined) =>
	decode({ status: 200, body }, parse, OTPGET);

const DOCS = {
	services:
		'{\n  "status": "200",\n  "count": 65,\n  "services": [\n    {"service_code": "ig", "service_name": "Instagram", "price": 120.00, "count": 48},\n    {"service_code": "tg", "service_name": "Telegram", "price": 95.00, "count": 120},\n    {"service_code": "fb", "service_name": "Facebook", "price": 110.00, "count": 60}\n  ]\n}',
	bought:
		'{\n  "status": "200",\n  "message": "Email activated successfully",\n  "email_id": "7291834",\n  "email": "temp.abc123@gmail.com",\n  "service": "Instagram",\n  "domain": "gmail.com",\n  "price": 120.00,\n  "balance": 4880.00\n}',
	code: '{\n  "status": "200",\n  "email_id": "7291834",\n  "messages": [\n    {\n      "email": "temp.abc123@gmail.com",\n      "subject": "Verification Code",\n      "body": "Your verification code is 847293",\n      "code": "847293"\n    }\n  ]\n}',
	completed:
		'{\n  "status": "200",\n  "message": "Order completed - OTP was already received",\n  "code": "847293",\n  "email": "temp.abc@gmail.com"\n}',
	refunded:
		'{\n  "status": "200",\n  "message": "Cancelled and refunded",\n  "refunded": 120.00,\n  "balance": 5120.00\n}',
	history:
		'{\n  "status": "200",\n  "total": 42,\n  "page": 1,\n  "history": [\n    {\n      "email_id": "7291834",\n      "email_address": "temp.abc123@gmail.com",\n      "service_id": "ig",\n      "service_name": "Instagram",\n      "domain": "gmail.com",\n      "status": "active",\n      "code": "",\n      "price": 120.00,\n      "created_at": "2026-03-09 14:22:00"\n    }\n  ]\n}',
};

describe('email_handler.php requests', () => {
	const base = 'https://www.otpget.com/stubs';
	const qs = (r: ReturnType<typeof emailRequests.getBalance>) => toHttpCall(base, r).qs;

	it('sends each documented action with its parameters to email_handler.php', () => {
		expect(toHttpCall(base, emailRequests.getBalance()).url).toBe(
			'https://www.otpget.com/stubs/email_handler.php',
		);
		expect(qs(emailRequests.getEmailServices())).toEqual({ action: 'getEmailServices' });
		expect(qs(emailRequests.getEmailServices('gmail.com'))).toEqual({
			action: 'getEmailServices',
			domain: 'gmail.com',
		});
		expect(qs(emailRequests.buyEmail('ig', 'gmail.com'))).toEqual({
			action: 'buyEmail',
			service_id: 'ig',
			domain: 'gmail.com',
		});
		expect(qs(emailRequests.buyEmail('ig'))).toEqual({ action: 'buyEmail', service_id: 'ig' });
		expect(qs(emailRequests.getEmailCode('7291834'))).toEqual({
			action: 'getEmailCode',
			email_id: '7291834',
		});
		expect(qs(emailRequests.cancelEmail('7291834'))).toEqual({
			action: 'cancelEmail',
			email_id: '7291834',
		});
		expect(qs(emailRequests.getEmailHistory(2))).toEqual({ action: 'getEmailHistory', page: '2' });
		expect(qs(emailRequests.getEmailHistory())).toEqual({ action: 'getEmailHistory' });
	});

	it('buys once (purchase), cancels once (write), reads the rest', () => {
		expect(emailRequests.buyEmail('ig').kind).toBe('purchase');
		expect(emailRequests.cancelEmail('1').kind).toBe('write');
		expect(emailRequests.getEmailCode('1').kind).toBe('read');
		expect(EMAIL_DOMAINS).toEqual([
			'gmail.com',
			'mailnestpro.com',
			'hihinail.com',
			'flytempbox.com',
			'mailburstx.com',
		]);
	});
});

describe('email_handler.php answers from the docs', () => {
	it('getBalance in both readings of "works on both APIs"', () => {
		expect(ok('ACCESS_BALANCE:500.00', parseEmailBalance)).toBe(500);
		expect(ok('{"status":"200","balance":"4880.00"}', parseEmailBalance)).toBe(4880);
		expect(() => ok('{"status":"401","message":"BAD_KEY"}', parseEmailBalance)).toThrow(
			/Invalid API key/,
		);
	});

	it('getEmailServices', () => {
		expect(ok(DOCS.services, parseEmailServices)).toEqual([
			{ serviceId: 'ig', name: 'Instagram', price: 120, stock: 48 },
			{ serviceId: 'tg', name: 'Telegram', price: 95, stock: 120 },
			{ serviceId: 'fb', name: 'Facebook', price: 110, stock: 60 },
		]);
	});

	it('buyEmail', () => {
		expect(ok(DOCS.bought, parseBuyEmail)).toEqual({
			emailId: '7291834',
			email: 'temp.abc123@gmail.com',
			service: 'Instagram',
			domain: 'gmail.com',
			price: 120,
			balance: 4880,
			message: 'Email activated successfully',
		});
		expect(() =>
			ok('{"status":"200","message":"Email activated successfully"}', parseBuyEmail),
		).toThrow(/Unexpected answer/);
	});

	it('getEmailCode: 200 received, 202 waiting, 300 cancelled are states', () => {
		expect(ok(DOCS.code, parseEmailCode)).toEqual({
			status: 'received',
			code: '847293',
			messages: [
				{
					email: 'temp.abc123@gmail.com',
					subject: 'Verification Code',
					body: 'Your verification code is 847293',
					code: '847293',
				},
			],
		});
		expect(ok('{"status":"202","message":"Waiting for code..."}', parseEmailCode)).toEqual({
			status: 'waiting',
			code: null,
			messages: [],
		});
		expect(ok('{"status":"300","message":"Cancelled"}', parseEmailCode)).toEqual({
			status: 'cancelled',
			code: null,
			messages: [],
		});
		expect(ok('{"status":"300","message":"Cancelled by provider"}', parseEmailCode).status).toBe(
			'cancelled',
		);
		// The docs' poll loop also waits on a 200 without messages.
		expect(ok('{"status":"200","email_id":"1","messages":[]}', parseEmailCode).status).toBe(
			'waiting',
		);
	});

	it('getEmailCode finds the code in the body when the code field is empty', () => {
		const body = DOCS.code
			.replace('"code": "847293"', '"code": ""')
			.replace('is 847293', 'is 512-904');
		expect(ok(body, parseEmailCode)).toMatchObject({ status: 'received', code: '512904' });
	});

	it('cancelEmail: both documented outcomes, and "already cancelled" is a success', () => {
		expect(ok(DOCS.completed, parseCancelEmail)).toEqual({
			outcome: 'completed',
			code: '847293',
			message: 'Order completed - OTP was already received',
		});
		expect(ok(DOCS.refunded, parseCancelEmail)).toEqual({
			outcome: 'cancelled',
			refunded: 120,
			balance: 5120,
			message: 'Cancelled and refunded',
		});
		expect(ok('{"status":"200","message":"Already cancelled"}', parseCancelEmail)).toEqual({
			outcome: 'cancelled',
			message: 'Already cancelled',
		});
		expect(ok('{"status":"300","message":"Cancelled by provider"}', parseCancelEmail)).toEqual({
			outcome: 'cancelled',
			message: 'Cancelled by provider',
		});
	});

	it('cancelEmail: a bare 200 that confirms neither outcome is not read as a refund', () => {
		expect(() => ok('{"status":"200","message":"OK"}', parseCancelEmail)).toThrow(
			/Unexpected answer/,
		);
		expect(() => ok('{"status":"200"}', parseCancelEmail)).toThrow(/Unexpected answer/);
	});

	it('getEmailHistory', () => {
		expect(ok(DOCS.history, parseEmailHistory)).toEqual({
			total: 42,
			page: 1,
			history: [
				{
					emailId: '7291834',
					email: 'temp.abc123@gmail.com',
					serviceId: 'ig',
					serviceName: 'Instagram',
					domain: 'gmail.com',
					status: 'active',
					code: null,
					price: 120,
					createdAt: '2026-03-09T14:22:00.000Z',
				},
			],
		});
	});
});

// Every row of the docs' Email error table: [status, message, code, kind, what the user reads, what to do].
const EMAIL_ERRORS: Array<[string, string, string, ErrorKind, RegExp, RegExp]> = [
	['401', 'BAD_KEY', 'BAD_KEY', 'auth', /^Invalid API key$/, /credential/],
	['403', 'ACCOUNT_BLOCKED', 'ACCOUNT_BLOCKED', 'auth', /^Account blocked$/, /support/],
	['400', 'BAD_ACTION', 'BAD_ACTION', 'input', /^Unknown API action$/, /base URL/],
	['400', 'service_id is required', 'HTTP_400', 'input', /missing: service_id$/, /required field/],
	['400', 'email_id is required', 'HTTP_400', 'input', /missing: email_id$/, /required field/],
	[
		'402',
		'Insufficient balance. Need: 120.00 — Have: 80.50',
		'HTTP_402',
		'balance',
		/^Insufficient balance: Need: 120.00 — Have: 80.50$/,
		/Top up/,
	],
	[
		'404',
		'Service not available for this domain',
		'HTTP_404',
		'notFound',
		/not offered on this email domain/,
		/selected domain/,
	],
	[
		'404',
		'No stock available for this service',
		'HTTP_404',
		'availability',
		/No email addresses left/,
		/another domain/,
	],
	[
		'404',
		'Email activation not found',
		'HTTP_404',
		'notFound',
		/^Email activation not found$/,
		/emailId returned by Buy Email/,
	],
	[
		'500',
		'API connection error',
		'HTTP_500',
		'server',
		/could not reach its mail provider; nothing was charged/,
		/Retry/,
	],
	[
		'500',
		'No email available: out of inboxes',
		'HTTP_500',
		'availability',
		/nothing was charged: out of inboxes$/,
		/another domain/,
	],
	[
		'500',
		'Database error. Email cancelled.',
		'HTTP_500',
		'server',
		/whether you were charged is unknown$/,
		/Email → Get History and Account → Get Balance/,
	],
	[
		'503',
		'Email service not configured',
		'HTTP_503',
		'availability',
		/not configured/,
		/OTPGet support/,
	],
	[
		'503',
		'Email service is currently disabled',
		'HTTP_503',
		'availability',
		/temporarily disabled/,
		/Retry later/,
	],
];

describe('Email error table', () => {
	it.each(EMAIL_ERRORS)('%s %s', (status, message, code, kind, shown, hint) => {
		const body = JSON.stringify({ status, message });
		expect(parseBuyEmail(body)).toBeUndefined();
		expect(parseEmailCode(body)).toBeUndefined();
		expect(() => ok(body, parseEmailCode)).toThrow(shown);
		const error = classifyError(body, 200, OTPGET_ERRORS);
		expect(error).toMatchObject({ code, kind, httpStatus: Number(status) });
		expect(error?.message).toMatch(shown);
		expect(error?.hint).toMatch(hint);
	});

	it('202 and 300 are not errors', () => {
		expect(
			classifyError('{"status":"202","message":"Waiting for code..."}', undefined, OTPGET_ERRORS),
		).toBeUndefined();
		expect(
			classifyError('{"status":"300","message":"Cancelled"}', undefined, OTPGET_ERRORS),
		).toBeUndefined();
	});
});
