import { decode } from '../../protocol/decode';
import { ProviderError } from '../../protocol/errors';
import { OTPGET, OTPX } from '../../protocol/providers';
import { toHttpCall } from '../../protocol/request';
import {
	parseBalance,
	parseCountries,
	parseNumber,
	parseServiceLabel,
	parseServices,
	parseSetStatus,
	parseStatus,
	smsRequestsFor,
} from '../../protocol/sms';

const otpget = smsRequestsFor(OTPGET);

const ok = <T>(body: string, parse: (t: string) => T | undefined, status = 200) =>
	decode({ status, body }, parse, OTPGET);

describe('handler_api.php answers from the docs', () => {
	it('parses ACCESS_BALANCE:500.00 and tolerates BOM, CRLF and blanks', () => {
		expect(ok('ACCESS_BALANCE:500.00', parseBalance)).toBe(500);
		expect(ok('\uFEFF  ACCESS_BALANCE:4955.50\r\n', parseBalance)).toBe(4955.5);
		expect(ok(Buffer.from('ACCESS_BALANCE:1.25\n') as unknown as string, parseBalance)).toBe(1.25);
	});

	it('parses ACCESS_NUMBER:abc123:9230012345, splitting on the first colons only', () => {
		expect(ok('ACCESS_NUMBER:abc123:9230012345', parseNumber)).toEqual({
			orderId: 'abc123',
			phone: '9230012345',
		});
		expect(ok('ACCESS_NUMBER:12345:+1234567890\r\n', parseNumber)).toEqual({
			orderId: '12345',
			phone: '+1234567890',
		});
	});

	it('parses the activation states', () => {
		expect(ok('STATUS_OK:847293', parseStatus)).toMatchObject({
			status: 'received',
			code: '847293',
		});
		expect(ok('STATUS_OK:12:34', parseStatus)).toMatchObject({ status: 'received', code: '12:34' });
		expect(ok('STATUS_WAIT_CODE', parseStatus)).toMatchObject({ status: 'waiting', code: null });
		expect(ok('STATUS_WAIT_RESEND', parseStatus)).toMatchObject({ status: 'waiting' });
		expect(ok('STATUS_WAIT_RETRY:5512', parseStatus)).toMatchObject({
			status: 'waiting',
			lastCode: '5512',
		});
		expect(ok('STATUS_WAIT_RETRY', parseStatus)).toMatchObject({
			status: 'waiting',
			lastCode: undefined,
		});
		// A state on getStatus, not an error.
		expect(ok('STATUS_CANCEL', parseStatus)).toMatchObject({ status: 'cancelled', code: null });
	});

	it('reads ACCESS_FINISH after complete and both refund answers after cancel', () => {
		expect(ok('ACCESS_FINISH', (t) => parseSetStatus(t, 'complete', OTPGET))).toBe('completed');
		expect(ok('ACCESS_READY', (t) => parseSetStatus(t, 'cancel', OTPGET))).toBe('cancelled');
		expect(ok('ACCESS_CANCEL', (t) => parseSetStatus(t, 'cancel', OTPGET))).toBe('cancelled');
		// ACCESS_READY is not a completion.
		expect(() => ok('ACCESS_READY', (t) => parseSetStatus(t, 'complete', OTPGET))).toThrow(
			ProviderError,
		);
	});

	it('parses the country map keyed by provider type', () => {
		const body = `{
  "1": [ {"id": "33", "name": "Canada"}, {"id": "61", "name": "Pakistan"} ],
  "2": [ {"id": "12", "name": "USA"} ]
}`;
		expect(ok(body, parseCountries)).toEqual([
			{ id: '33', name: 'Canada', providerType: '1' },
			{ id: '61', name: 'Pakistan', providerType: '1' },
			{ id: '12', name: 'USA', providerType: '2' },
		]);
	});

	it('parses the service map into id, name, price and currency', () => {
		expect(
			ok('{"101":"Telegram - 45 PKR","102":"WhatsApp - 60 PKR","103":"Instagram - 55 PKR"}', (t) =>
				parseServices(t, OTPGET),
			),
		).toEqual([
			{ id: '101', name: 'Telegram', price: 45, currency: 'PKR' },
			{ id: '102', name: 'WhatsApp', price: 60, currency: 'PKR' },
			{ id: '103', name: 'Instagram', price: 55, currency: 'PKR' },
		]);
		expect(parseServiceLabel('Google - Gmail - 12.50 PKR')).toEqual({
			name: 'Google - Gmail',
			price: 12.5,
			currency: 'PKR',
		});
		expect(parseServiceLabel('Odd label')).toEqual({
			name: 'Odd label',
			price: null,
			currency: null,
		});
	});

	it("reads PHP's [] as no services, and never an error object as services", () => {
		expect(ok('[]', (t) => parseServices(t, OTPGET))).toEqual([]);
		expect(() => ok('{"error":"BAD_KEY"}', (t) => parseServices(t, OTPGET))).toThrow(
			/Invalid API key/,
		);
		expect(() => ok('{"message":"maintenance"}', (t) => parseServices(t, OTPGET))).toThrow(
			ProviderError,
		);
	});

	it('never treats an unknown body as success, and quotes it', () => {
		expect(() => ok('<html>Welcome</html>', parseBalance)).toThrow(
			/Unexpected answer from the provider: "<html>Welcome<\/html>"/,
		);
		expect(() => ok('', parseBalance)).toThrow(/an empty body/);
		expect(() => ok('ACCESS_BALANCE:abc', parseBalance)).toThrow(ProviderError);
		expect(() => ok('{"status":"OK"}', (t) => parseServices(t, OTPGET))).toThrow(ProviderError);
	});

	it('reads a success body even behind an error HTTP status, and a 5xx without a body as a server error', () => {
		expect(ok('ACCESS_BALANCE:9.00', parseBalance, 500)).toBe(9);
		const err = (() => {
			try {
				ok('', parseBalance, 503);
			} catch (e) {
				return e as ProviderError;
			}
			return undefined;
		})();
		expect(err?.code).toBe('HTTP_503');
		expect(err?.retryable).toBe(true);
	});
});

describe('requests', () => {
	it('builds each action with its parameters and never the key', () => {
		const base = 'http://127.0.0.1:9/stubs/';
		expect(
			toHttpCall(base, otpget.getNumber({ service: '101', country: '61', providerType: '1' })),
		).toEqual({
			url: 'http://127.0.0.1:9/stubs/handler_api.php',
			qs: { action: 'getNumber', service: '101', country: '61', type: '1' },
			retryable: false,
		});
		expect(toHttpCall(base, otpget.setStatus('abc', 'complete')).qs).toEqual({
			action: 'setStatus',
			id: 'abc',
			status: '6',
		});
		expect(toHttpCall(base, otpget.setStatus('abc', 'cancel')).qs).toEqual({
			action: 'setStatus',
			id: 'abc',
			status: '8',
		});
		expect(toHttpCall(base, otpget.getStatus('abc')).retryable).toBe(true);
		expect(toHttpCall(base, otpget.setStatus('abc', 'cancel')).retryable).toBe(false);
		expect(toHttpCall('https://x.test/stubs/handler_api.php', otpget.getBalance()).url).toBe(
			'https://x.test/stubs/handler_api.php',
		);
	});

	it('takes provider differences from the dialect, not from branches', () => {
		expect(
			toHttpCall(
				'https://otpx.in/api/stubs',
				smsRequestsFor(OTPX).getNumber({ service: 'wa', country: '22', providerType: 'any' }),
			).qs,
		).toEqual({
			action: 'getNumber',
			service: 'wa',
			country: '22',
			operator: 'any',
		});
		expect(OTPGET.providerParam).toBe('type');
	});
});
