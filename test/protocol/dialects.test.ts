import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { decode } from '../../protocol/decode';
import {
	DIALECTS,
	INSTAOTP,
	OTPGET,
	OTPX,
	SASTAOTP,
	type Dialect,
	type StatusIntent,
} from '../../protocol/providers';
import { ProviderError } from '../../protocol/errors';
import { toHttpCall } from '../../protocol/request';
import {
	parseBalance,
	parseCountries,
	parseNumber,
	parseOrders,
	parseRegetNumber,
	parseServices,
	parseSetStatus,
	parseStatus,
	parseStatusV2,
	smsRequestsFor,
} from '../../protocol/sms';

const otpget = smsRequestsFor(OTPGET);

const ok = <T>(d: Dialect, body: string, parse: (t: string) => T | undefined, status = 200) =>
	decode({ status, body }, parse, d);

function errorOf(
	d: Dialect,
	body: string,
	parse: (t: string) => unknown = parseNumber,
	status = 200,
): ProviderError {
	try {
		decode({ status, body }, parse, d);
	} catch (error) {
		if (error instanceof ProviderError) return error;
		throw error;
	}
	throw new Error(`"${body}" was accepted`);
}

function thrown(fn: () => unknown): ProviderError {
	try {
		fn();
	} catch (error) {
		if (error instanceof ProviderError) return error;
		throw error;
	}
	throw new Error('nothing was thrown');
}

const call = (d: Dialect, request: ReturnType<typeof otpget.getBalance>) =>
	toHttpCall(d.defaultBaseUrl, request, d.endpoints);

describe('dialects as data', () => {
	it('has one dialect per provider with the documented name, currency and base URL', () => {
		expect(Object.keys(DIALECTS).sort()).toEqual(['instaotp', 'otpget', 'otpx', 'sastaotp']);
		expect(
			[OTPGET, OTPX, INSTAOTP, SASTAOTP].map((d) => [
				d.id,
				d.name,
				d.currency,
				call(d, smsRequestsFor(d).getBalance()).url,
			]),
		).toEqual([
			['otpget', 'OTPGet', 'PKR', 'https://www.otpget.com/stubs/handler_api.php'],
			['otpx', 'OTPX', 'INR', 'https://otpx.in/api/stubs/handler_api.php'],
			['instaotp', 'InstaOTP', 'INR', 'https://instaotp.in/api/v1/handler_api.php'],
			['sastaotp', 'SastaOTP', 'INR', 'https://sastaotp.com/stubs/handler_api.php'],
		]);
		for (const d of [OTPX, INSTAOTP, SASTAOTP]) expect(Object.keys(d.endpoints)).toEqual(['sms']);
	});

	it("names each provider's services action and parameters as its document does", () => {
		expect([OTPGET, INSTAOTP, SASTAOTP].map((d) => d.actions.getServices)).toEqual([
			'getServices',
			'getService',
			'getServicesList',
		]);
		expect(OTPX.actions.getServices).toBeUndefined();
		expect([OTPGET, OTPX, INSTAOTP, SASTAOTP].map((d) => d.providerParam)).toEqual([
			'type',
			'operator',
			'server',
			'operator',
		]);
		expect([OTPGET, OTPX, INSTAOTP, SASTAOTP].map((d) => d.serviceIds)).toEqual([
			'numericId',
			'code',
			'code',
			'code',
		]);
		expect(SASTAOTP.params.maxPrice).toBe('maxPrice');
		expect(SASTAOTP.key.headers?.map((h) => h.name)).toEqual(['Authorization', 'X-API-Key']);
		expect([OTPGET, OTPX, INSTAOTP, SASTAOTP].map((d) => d.earlyCancelMs)).toEqual([
			120_000, 0, 120_000, 0,
		]);
	});

	it('never branches on a provider name in the protocol core', () => {
		const dir = join(__dirname, '../../protocol');
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const source = readFileSync(join(dir, file), 'utf8');
			expect(source).not.toMatch(/[!=]==?\s*'(otpget|otpx|instaotp|sastaotp)'/i);
			expect(source).not.toMatch(/\.id\s*[!=]==?/);
		}
	});
});

describe('requests per document', () => {
	it("OTPGet: the node's calls are unchanged", () => {
		const base = 'http://127.0.0.1:9/stubs';
		expect(toHttpCall(base, otpget.getCountries('1')).qs).toEqual({
			action: 'getCountries',
			type: '1',
		});
		expect(toHttpCall(base, otpget.getServices({ country: '61', providerType: '1' })).qs).toEqual({
			action: 'getServices',
			country: '61',
			type: '1',
		});
		expect(
			toHttpCall(base, otpget.getNumber({ service: '101', country: '61', providerType: '1' })).qs,
		).toEqual({
			action: 'getNumber',
			service: '101',
			country: '61',
			type: '1',
		});
		expect(toHttpCall(base, otpget.getStatus('abc123xyz')).qs).toEqual({
			action: 'getStatus',
			id: 'abc123xyz',
		});
		expect(toHttpCall(base, otpget.setStatus('abc123xyz', 'cancel')).qs).toEqual({
			action: 'setStatus',
			id: 'abc123xyz',
			status: '8',
		});
		expect(toHttpCall(base, otpget.setStatus('abc123xyz', 'complete')).qs).toEqual({
			action: 'setStatus',
			id: 'abc123xyz',
			status: '6',
		});
	});

	it('OTPX: getNumber with operator (any by default), status 3 = another SMS, 8 = cancel, no complete', () => {
		const r = smsRequestsFor(OTPX);
		expect(
			call(OTPX, r.getNumber({ service: 'wa', country: '22', providerType: 'any' })).qs,
		).toEqual({
			action: 'getNumber',
			service: 'wa',
			country: '22',
			operator: 'any',
		});
		expect(call(OTPX, r.getNumber({ service: 'wa', country: '22' })).qs.operator).toBe('any');
		expect(call(OTPX, r.setStatus('12345', 'cancel')).qs).toEqual({
			action: 'setStatus',
			id: '12345',
			status: '8',
		});
		expect(call(OTPX, r.setStatus('12345', 'requestAnotherSms')).qs).toEqual({
			action: 'setStatus',
			id: '12345',
			status: '3',
		});
		expect(thrown(() => r.setStatus('12345', 'complete'))).toMatchObject({
			code: 'NOT_SUPPORTED',
			kind: 'input',
		});
		expect(thrown(() => r.getCountries()).message).toBe('OTPX does not offer a countries list');
		expect(thrown(() => r.getServices()).code).toBe('NOT_SUPPORTED');
	});

	it('InstaOTP: getService with country/server filters, getNumber with server, the words cancel/finish', () => {
		const r = smsRequestsFor(INSTAOTP);
		expect(call(INSTAOTP, r.getServices({ country: '22' })).qs).toEqual({
			action: 'getService',
			country: '22',
		});
		expect(call(INSTAOTP, r.getServices({ country: '22', providerType: '1' })).qs).toEqual({
			action: 'getService',
			country: '22',
			server: '1',
		});
		expect(
			call(INSTAOTP, r.getNumber({ service: 'vk', country: '22', providerType: '1' })).qs,
		).toEqual({
			action: 'getNumber',
			service: 'vk',
			country: '22',
			server: '1',
		});
		expect(call(INSTAOTP, r.setStatus('12345', 'cancel')).qs.status).toBe('cancel');
		expect(call(INSTAOTP, r.setStatus('12345', 'complete')).qs.status).toBe('finish');
		expect(INSTAOTP.statusValues.cancel).toEqual(['cancel', '8']);
	});

	it('SastaOTP: every documented action with its parameters', () => {
		const r = smsRequestsFor(SASTAOTP);
		const qs = (req: ReturnType<typeof r.getBalance>) => call(SASTAOTP, req).qs;
		expect(qs(r.getNumber({ service: 'tg', country: '91' }))).toEqual({
			action: 'getNumber',
			service: 'tg',
			country: '91',
			format: 'json',
		});
		expect(qs(r.getNumber({ service: 'tg', maxPrice: 20, providerType: '91' }))).toEqual({
			action: 'getNumber',
			service: 'tg',
			maxPrice: '20',
			operator: '91',
			format: 'json',
		});
		expect(qs(r.getNumberV2({ service: 'wa' })).action).toBe('getNumberV2');
		expect(qs(r.getStatus('38496653'))).toEqual({ action: 'getStatus', id: '38496653' });
		expect(qs(r.getStatusV2('38496653'))).toEqual({ action: 'getStatusV2', id: '38496653' });
		const statuses = (['cancel', 'ready', 'requestAnotherSms', 'complete'] as StatusIntent[]).map(
			(i) => qs(r.setStatus('1', i)).status,
		);
		expect(statuses).toEqual(['8', '1', '3', '6']);
		expect(SASTAOTP.statusValues.cancel).toEqual(['8', '-1']);
		expect(qs(r.getBalance())).toEqual({ action: 'getBalance' });
		expect(qs(r.getServices())).toEqual({ action: 'getServicesList' });
		expect(qs(r.getServices({ service: 'tg' }))).toEqual({
			action: 'getServicesList',
			service: 'tg',
		});
		expect(qs(r.getCountries())).toEqual({ action: 'getCountries' });
		expect(qs(r.getOrders({ limit: 10 }))).toEqual({ action: 'getOrders', limit: '10' });
		expect(qs(r.getOrders({ limit: 100, page: 2, status: 'cancelled' }))).toEqual({
			action: 'getOrders',
			limit: '100',
			page: '2',
			status: 'cancelled',
		});
		expect(qs(r.regetNumber('38496653'))).toEqual({
			action: 'regetNumber',
			id: '38496653',
			format: 'json',
		});
	});

	it('never retries a purchase or a status change, whatever the dialect', () => {
		const s = smsRequestsFor(SASTAOTP);
		expect(
			[s.getNumber({ service: 'tg' }), s.getNumberV2({ service: 'tg' }), s.regetNumber('1')].map(
				(q) => q.kind,
			),
		).toEqual(['purchase', 'purchase', 'purchase']);
		expect(s.setStatus('1', 'cancel').kind).toBe('write');
		expect(call(SASTAOTP, s.getOrders()).retryable).toBe(true);
		expect(
			call(OTPX, smsRequestsFor(OTPX).getNumber({ service: 'wa', country: '22' })).retryable,
		).toBe(false);
	});

	it('refuses what a document does not offer instead of dropping it', () => {
		// A price ceiling silently dropped could spend more than the user allowed.
		expect(
			thrown(() =>
				smsRequestsFor(OTPGET).getNumber({
					service: '101',
					country: '61',
					providerType: '1',
					maxPrice: 50,
				}),
			).code,
		).toBe('NOT_SUPPORTED');
		expect(
			thrown(() => smsRequestsFor(SASTAOTP).getNumber({ service: 'tg', maxPrice: 'abc' })).code,
		).toBe('INVALID_INPUT');
		expect(thrown(() => smsRequestsFor(SASTAOTP).getOrders({ limit: 101 })).code).toBe(
			'INVALID_INPUT',
		);
		expect(thrown(() => smsRequestsFor(SASTAOTP).getOrders({ status: 'open' })).message).toMatch(
			/pending, completed, cancelled, expired/,
		);
		expect(thrown(() => smsRequestsFor(INSTAOTP).getStatusV2('1')).code).toBe('NOT_SUPPORTED');
		expect(thrown(() => smsRequestsFor(OTPGET).regetNumber('1')).code).toBe('NOT_SUPPORTED');
	});
});

describe('documented answers', () => {
	it('OTPX', () => {
		expect(ok(OTPX, 'ACCESS_BALANCE:150.50', parseBalance)).toBe(150.5);
		expect(ok(OTPX, 'ACCESS_NUMBER:12345:919876543210', parseNumber)).toEqual({
			orderId: '12345',
			phone: '919876543210',
		});
		expect(ok(OTPX, 'STATUS_OK:123456', parseStatus)).toMatchObject({
			status: 'received',
			code: '123456',
		});
		expect(ok(OTPX, 'ACCESS_CANCEL', (t) => parseSetStatus(t, 'cancel', OTPX))).toBe('cancelled');
		expect(ok(OTPX, 'ACCESS_RETRY_GET', (t) => parseSetStatus(t, 'requestAnotherSms', OTPX))).toBe(
			'retrying',
		);
	});

	it('InstaOTP', () => {
		expect(ok(INSTAOTP, 'ACCESS_BALANCE:54.00', parseBalance)).toBe(54);
		expect(ok(INSTAOTP, 'ACCESS_NUMBER:12345:+1234567890', parseNumber)).toEqual({
			orderId: '12345',
			phone: '+1234567890',
		});
		expect(ok(INSTAOTP, 'STATUS_OK:54321', parseStatus)).toMatchObject({ code: '54321' });
		expect(ok(INSTAOTP, 'STATUS_WAIT_CODE', parseStatus)).toMatchObject({ status: 'waiting' });
		expect(ok(INSTAOTP, 'ACCESS_RETRY_GET', parseStatus)).toMatchObject({ status: 'waiting' });
		const services = `{
"1": [
{
"id": "vk",
"service": "Вконтакте/VKConnect",
"price": "3.12",
"qty": "1052",
"country": "22",
"provider": "1"
}
]
}`;
		expect(ok(INSTAOTP, services, (t) => parseServices(t, INSTAOTP))).toEqual([
			{
				id: 'vk',
				name: 'Вконтакте/VKConnect',
				price: 3.12,
				currency: 'INR',
				stock: 1052,
				providerType: '1',
				country: '22',
			},
		]);
		expect(ok(INSTAOTP, 'ACCESS_CANCEL', (t) => parseSetStatus(t, 'cancel', INSTAOTP))).toBe(
			'cancelled',
		);
		expect(ok(INSTAOTP, 'ACCESS_ACTIVATION', (t) => parseSetStatus(t, 'complete', INSTAOTP))).toBe(
			'completed',
		);
		// "Numbers readiness confirmed" is no refund on InstaOTP.
		expect(
			errorOf(INSTAOTP, 'ACCESS_READY', (t) => parseSetStatus(t, 'cancel', INSTAOTP)).code,
		).toBe('UNEXPECTED_RESPONSE');
	});

	it('SastaOTP plain and JSON forms', () => {
		expect(ok(SASTAOTP, 'ACCESS_BALANCE:125.50', parseBalance)).toBe(125.5);
		expect(
			ok(SASTAOTP, '{ "status": "OK", "balance": 125.50, "currency": "INR" }', parseBalance),
		).toBe(125.5);
		expect(ok(SASTAOTP, 'ACCESS_NUMBER:38496653:917991234567', parseNumber)).toEqual({
			orderId: '38496653',
			phone: '917991234567',
		});
		const bought = `{
  "status": "OK",
  "order_id": 1234,
  "activation_id": "38496653",
  "number": "917991234567",
  "phone_number": "917991234567",
  "service": "Telegram",
  "service_code": "tg",
  "country": "India",
  "country_code": "91",
  "price": 18.50,
  "multi_sms": false,
  "can_get_another_sms": false,
  "expires_in": 1200,
  "note": null
}`;
		expect(ok(SASTAOTP, bought, parseNumber)).toEqual({
			orderId: '38496653',
			phone: '917991234567',
			providerOrderId: '1234',
			price: 18.5,
			expiresInSeconds: 1200,
			multiSms: false,
			canGetAnotherSms: false,
			service: 'Telegram',
			serviceCode: 'tg',
			country: 'India',
			countryCode: '91',
			note: null,
		});
		// order_id is not the id to poll: without activation_id the paid answer is quoted, never guessed.
		const noActivation = errorOf(
			SASTAOTP,
			'{"status":"OK","order_id":1234,"number":"917991234567"}',
		);
		expect(noActivation).toMatchObject({ code: 'UNEXPECTED_RESPONSE', uncertain: true });
		expect(noActivation.detail).toContain('1234');

		expect(ok(SASTAOTP, '{ "verificationType": 2, "sms": null }', parseStatusV2)).toMatchObject({
			status: 'waiting',
			code: null,
		});
		expect(
			ok(
				SASTAOTP,
				'{ "verificationType": 2, "sms": { "code": "123456", "text": "123456" } }',
				parseStatusV2,
			),
		).toMatchObject({ status: 'received', code: '123456' });
		expect(
			ok(
				SASTAOTP,
				'{"verificationType":2,"sms":{"code":"","text":"Your code is 654-321"}}',
				parseStatusV2,
			),
		).toMatchObject({ code: '654321', text: 'Your code is 654-321' });
		expect(ok(SASTAOTP, 'STATUS_CANCEL', parseStatusV2)).toMatchObject({ status: 'cancelled' });

		expect(ok(SASTAOTP, 'REGET_NUMBER_OK:Lw4S1r37abcXYZ:918595529925', parseRegetNumber)).toEqual({
			orderId: 'Lw4S1r37abcXYZ',
			phone: '918595529925',
		});
		const reget =
			'{"status":"OK","new_order_id":74685,"new_activation_id":"Lw4S1r37abcXYZ","number":"918595529925","price":13.34,"currency":"INR","expires_in":1200}';
		expect(ok(SASTAOTP, reget, parseRegetNumber)).toEqual({
			orderId: 'Lw4S1r37abcXYZ',
			phone: '918595529925',
			providerOrderId: '74685',
			price: 13.34,
			currency: 'INR',
			expiresInSeconds: 1200,
		});

		expect(
			ok(
				SASTAOTP,
				'{"status":"OK","countries":[{"id":91,"eng":"India","code":"91"}],"total":180}',
				parseCountries,
			),
		).toEqual([{ id: '91', name: 'India', providerType: '' }]);
		const services = `{
  "status": "OK",
  "total": 120,
  "services": {
    "tg": {
      "code": "tg", "name": "Telegram", "logo": "https://x", "price": 18.50, "currency": "INR",
      "available": 8420, "multi_sms": false, "expires_in": 1200,
      "countries": [ { "country_code": "91", "country_name": "India", "flag": "🇮🇳", "price": 18.50, "qty": 999 } ]
    }
  }
}`;
		expect(ok(SASTAOTP, services, (t) => parseServices(t, SASTAOTP))).toEqual([
			{
				id: 'tg',
				name: 'Telegram',
				price: 18.5,
				currency: 'INR',
				stock: 8420,
				multiSms: false,
				expiresInSeconds: 1200,
				countries: [{ countryCode: '91', countryName: 'India', price: 18.5, stock: 999 }],
			},
		]);
	});

	it('SastaOTP getOrders (answer undocumented: read leniently, kept raw)', () => {
		const body =
			'{"status":"OK","total":1,"page":1,"orders":[{"order_id":1234,"activation_id":"38496653","number":"917991234567","service":"Telegram","price":18.5,"status":"completed","code":"123456","created_at":"2026-03-09 20:57:32"}]}';
		const page = ok(SASTAOTP, body, parseOrders);
		expect(page).toMatchObject({ total: 1, page: 1 });
		expect(page.orders[0]).toMatchObject({
			orderId: '38496653',
			providerOrderId: '1234',
			phone: '917991234567',
			price: 18.5,
			status: 'completed',
			code: '123456',
			createdAt: '2026-03-09T20:57:32.000Z',
		});
		expect(ok(SASTAOTP, '{"status":"OK","total":0}', parseOrders).orders).toEqual([]);
		expect(() => ok(SASTAOTP, '{"status":"OK","orders":"none"}', parseOrders)).toThrow(
			ProviderError,
		);
	});

	it('SastaOTP setStatus: each intent confirmed by its own answer only', () => {
		const answers: Array<[StatusIntent, string]> = [
			['cancel', 'ACCESS_CANCEL'],
			['ready', 'ACCESS_READY'],
			['requestAnotherSms', 'ACCESS_RETRY_GET'],
			['complete', 'ACCESS_ACTIVATION'],
		];
		for (const [intent, answer] of answers) {
			for (const [other, otherAnswer] of answers) {
				const outcome = parseSetStatus(otherAnswer, intent, SASTAOTP);
				if (other === intent) expect(outcome).toBeDefined();
				else expect(outcome).toBeUndefined();
			}
			expect(parseSetStatus(answer, intent, SASTAOTP)).toBe(
				{
					cancel: 'cancelled',
					ready: 'ready',
					requestAnotherSms: 'retrying',
					complete: 'completed',
				}[intent],
			);
		}
	});

	it('OTPGet keeps its refund word; status 3 is never "another SMS" there', () => {
		expect(parseSetStatus('ACCESS_READY', 'cancel', OTPGET)).toBe('cancelled');
		expect(parseSetStatus('ACCESS_READY', 'cancel', SASTAOTP)).toBeUndefined();
		expect(OTPGET.status.requestAnotherSms).toBeUndefined();
		expect(OTPGET.statusValues.complete).toContain('3');
	});
});

// Every error string of each document: [body, code, kind, what the message says].
const DOC_ERRORS: Array<[Dialect, string, string, RegExp]> = [
	[OTPX, 'BAD_KEY', 'auth', /Invalid or missing API key/],
	[OTPX, 'BAD_ACTION', 'input', /Unknown API action/],
	[OTPX, 'BAD_SERVICE', 'input', /Invalid service code/],
	[OTPX, 'BAD_COUNTRY', 'input', /Invalid country code/],
	[OTPX, 'NO_BALANCE', 'balance', /Insufficient/],
	[OTPX, 'NO_NUMBERS', 'availability', /No numbers/],
	[OTPX, 'NO_ACTIVATION', 'notFound', /Invalid activation ID/],
	[OTPX, 'ACCOUNT_BAN', 'auth', /banned/],
	[INSTAOTP, 'NO_API_KEY', 'auth', /missing/],
	[INSTAOTP, 'BAD_KEY', 'auth', /Invalid API key/],
	[INSTAOTP, 'BAD_PARAMS', 'input', /missing/],
	[INSTAOTP, 'BAD_ACTION', 'input', /Incorrect action/],
	[INSTAOTP, 'BAD_SERVICE', 'input', /service/],
	[INSTAOTP, 'BAD_STATUS', 'input', /Invalid status/],
	[INSTAOTP, 'INVALID_STATUS', 'input', /'cancel' or 'finish'/],
	[INSTAOTP, 'NO_SERVICES', 'availability', /No services/],
	[INSTAOTP, 'NO_ACTIVATION', 'notFound', /Activation not found/],
	[INSTAOTP, 'ALREADY_CANCEL', 'state', /already been cancelled/],
	[INSTAOTP, 'EARLY_CANCEL_DENIED', 'state', /first 2 minutes/],
	[INSTAOTP, 'ERROR_SQL', 'server', /database/],
	[SASTAOTP, 'BAD_KEY', 'auth', /Invalid or missing API key/],
	[SASTAOTP, 'KEY_INACTIVE', 'auth', /disabled/],
	[SASTAOTP, 'ACCOUNT_BANNED', 'auth', /suspended/],
	[SASTAOTP, 'NO_BALANCE', 'balance', /wallet balance is too low/],
	[SASTAOTP, 'NO_NUMBERS', 'availability', /No numbers/],
	[SASTAOTP, 'MAX_PRICE_EXCEEDED', 'availability', /Max Price/],
	[SASTAOTP, 'SERVICE_UNAVAILABLE', 'availability', /not available/],
	[SASTAOTP, 'NO_ACTIVATION', 'notFound', /Activation not found/],
	[SASTAOTP, 'ALREADY_FINISHED', 'state', /already completed, cancelled or expired/],
	[SASTAOTP, 'BAD_STATUS', 'input', /Invalid status/],
	[SASTAOTP, 'BAD_ACTION', 'input', /Unknown API action/],
	[SASTAOTP, 'MISSING_PARAMS', 'input', /missing/],
	[SASTAOTP, 'ERROR_SQL', 'server', /database/],
	[SASTAOTP, 'PROVIDER_ERROR', 'provider', /upstream provider/],
	[SASTAOTP, 'CANCEL_FAILED', 'state', /could not record the cancel/],
	[SASTAOTP, 'RETRY_FAILED', 'state', /another code/],
	[SASTAOTP, 'SERVER_ERROR', 'server', /internal error/],
];

describe("each document's error strings", () => {
	it.each(DOC_ERRORS.map(([d, code, kind, message]) => [d.name, code, kind, message, d] as const))(
		'%s %s',
		(_name, code, kind, message, d) => {
			const err = errorOf(d, code);
			expect(err).toMatchObject({ code, kind, uncertain: false });
			expect(err.message).toMatch(message);
			expect(err.hint.length).toBeGreaterThan(10);
		},
	);

	it("speaks of the provider's own wallet, currency and dashboard", () => {
		expect(errorOf(SASTAOTP, 'NO_BALANCE').hint).toMatch(
			/Top up your SastaOTP wallet \(INR\) at Dashboard → Add Balance/,
		);
		expect(errorOf(OTPX, 'NO_BALANCE').hint).toMatch(/Top up your OTPX wallet \(INR\)/);
		expect(errorOf(INSTAOTP, 'NO_BALANCE').hint).toMatch(/Top up your InstaOTP wallet \(INR\)/);
		expect(errorOf(OTPGET, 'NO_BALANCE').hint).toMatch(/Top up your OTPGet wallet/);
		expect(errorOf(SASTAOTP, 'BAD_KEY').hint).toMatch(/Settings → API Key/);
		expect(errorOf(SASTAOTP, 'ACCOUNT_BANNED').hint).toMatch(/support@sastaotp.com/);
		// SastaOTP's BAD_STATUS hint contradicts its status table; the table wins.
		expect(errorOf(SASTAOTP, 'BAD_STATUS').hint).toMatch(/6 \(complete\)/);
	});

	it('never names another provider', () => {
		for (const d of [OTPX, INSTAOTP, SASTAOTP]) {
			const others = ['OTPGet', 'OTPX', 'InstaOTP', 'SastaOTP', 'PKR'].filter((n) => n !== d.name);
			const entries = [
				...Object.values(d.errorTable.errors),
				...Object.values(d.errorTable.httpErrors),
			];
			for (const entry of entries) {
				for (const other of others) {
					expect(`${entry.message} ${entry.hint}`).not.toContain(other);
				}
			}
		}
	});

	it('reads the JSON error forms format=json may bring', () => {
		expect(errorOf(SASTAOTP, '{"status":"ERROR","message":"NO_BALANCE"}')).toMatchObject({
			code: 'NO_BALANCE',
			kind: 'balance',
		});
		expect(errorOf(SASTAOTP, '{"status":"error","error":"MAX_PRICE_EXCEEDED"}')).toMatchObject({
			code: 'MAX_PRICE_EXCEEDED',
		});
		expect(errorOf(SASTAOTP, '{"status":"NO_NUMBERS"}')).toMatchObject({
			code: 'NO_NUMBERS',
			retryable: true,
		});
		expect(errorOf(SASTAOTP, 'BAD_KEY', parseBalance, 401)).toMatchObject({
			code: 'BAD_KEY',
			httpStatus: 401,
		});
	});

	it('InstaOTP: an unlisted ERROR_/BAD_ code is an error, but an unexplained one', () => {
		const err = errorOf(INSTAOTP, 'ERROR_UPSTREAM_TIMEOUT');
		expect(err).toMatchObject({ code: 'ERROR_UPSTREAM_TIMEOUT', uncertain: true });
		expect(err.message).toMatch(/InstaOTP answered ERROR_UPSTREAM_TIMEOUT/);
		// Not for OTPGet, whose document lists every code.
		expect(errorOf(OTPGET, 'ERROR_UPSTREAM_TIMEOUT').code).toBe('UNEXPECTED_RESPONSE');
	});

	it("reads a family code a document forgot, in the provider's words", () => {
		expect(errorOf(OTPX, 'ALREADY_CANCEL', (t) => parseSetStatus(t, 'cancel', OTPX))).toMatchObject(
			{ code: 'ALREADY_CANCEL', kind: 'state' },
		);
		expect(
			errorOf(OTPX, 'EARLY_CANCEL_DENIED', (t) => parseSetStatus(t, 'cancel', OTPX)),
		).toMatchObject({ kind: 'state', retryable: true });
	});
});
