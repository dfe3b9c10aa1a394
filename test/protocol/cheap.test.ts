import { OTPGET } from '../../protocol/providers';
import { cheapRequests, parseCheapNumber, parseCheapServers } from '../../protocol/cheap';
import { decode } from '../../protocol/decode';
import { ProviderError } from '../../protocol/errors';
import { toHttpCall } from '../../protocol/request';
import { parseBalance, parseSetStatus, parseStatus } from '../../protocol/sms';

const ok = <T>(body: string, parse: (t: string) => T | undefined) =>
	decode({ status: 200, body }, parse, OTPGET);
const fails = (body: string, parse: (t: string) => unknown): ProviderError => {
	try {
		decode({ status: 200, body }, parse, OTPGET);
	} catch (error) {
		if (error instanceof ProviderError) return error;
		throw error;
	}
	throw new Error(`"${body}" was accepted`);
};

describe('cheap_handler.php requests', () => {
	const base = 'http://127.0.0.1:9';
	it('builds every action of the cheap doc with its parameters', () => {
		expect(toHttpCall(base, cheapRequests.getBalance())).toEqual({
			url: `${base}/cheap_handler.php`,
			qs: { action: 'getBalance' },
			retryable: true,
		});
		expect(toHttpCall(base, cheapRequests.getServers('2')).qs).toEqual({
			action: 'getServers',
			type: '2',
		});
		expect(toHttpCall(base, cheapRequests.getStatus('ORDER_ID_12345')).qs).toEqual({
			action: 'getStatus',
			id: 'ORDER_ID_12345',
		});
	});

	it('never retries a purchase or a status change', () => {
		expect(toHttpCall(base, cheapRequests.buyNumber('1', '1'))).toEqual({
			url: `${base}/cheap_handler.php`,
			qs: { action: 'buyNumber', server: '1', type: '1' },
			retryable: false,
		});
		expect(cheapRequests.buyNumber('1', '1').kind).toBe('purchase');
		expect(cheapRequests.setStatus('x', 'cancel').kind).toBe('write');
	});

	it('completes with status 3 (the cheap doc\'s "finish") and cancels with 8', () => {
		expect(toHttpCall(base, cheapRequests.setStatus('ORDER_ID_1', 'complete')).qs).toEqual({
			action: 'setStatus',
			id: 'ORDER_ID_1',
			status: '3',
		});
		expect(toHttpCall(base, cheapRequests.setStatus('ORDER_ID_1', 'cancel')).qs).toEqual({
			action: 'setStatus',
			id: 'ORDER_ID_1',
			status: '8',
		});
	});
});

describe('cheap_handler.php answers from the doc', () => {
	it('parses the server map keyed by type', () => {
		const body =
			'{\n"1": [\n{"id": "1", "name": "Pakistan Server 1"},\n{"id": "2", "name": "Pakistan Server 2"}\n],\n"2": [\n{"id": "3", "name": "India Server"}\n]\n}';
		expect(ok(body, parseCheapServers)).toEqual([
			{ id: '1', name: 'Pakistan Server 1', type: '1' },
			{ id: '2', name: 'Pakistan Server 2', type: '1' },
			{ id: '3', name: 'India Server', type: '2' },
		]);
	});

	it('parses ORDER_ID_12345,+923001234567,900', () => {
		expect(ok('ORDER_ID_12345,+923001234567,900', parseCheapNumber)).toEqual({
			orderId: 'ORDER_ID_12345',
			phone: '+923001234567',
			expiresInSeconds: 900,
		});
		expect(ok('\uFEFFORDER_ID_7,923001234567, 899\r\n', parseCheapNumber)).toEqual({
			orderId: 'ORDER_ID_7',
			phone: '923001234567',
			expiresInSeconds: 899,
		});
	});

	it('never splits an error as CSV', () => {
		expect(parseCheapNumber('NO_BALANCE')).toBeUndefined();
		expect(fails('NO_BALANCE', parseCheapNumber)).toMatchObject({
			code: 'NO_BALANCE',
			kind: 'balance',
		});
		expect(fails('BAD_KEY', parseCheapNumber)).toMatchObject({ code: 'BAD_KEY', kind: 'auth' });
		expect(fails('BAD_SERVICE', parseCheapNumber).code).toBe('BAD_SERVICE');
		// A provider error whose payload has the CSV shape is still an error.
		expect(fails('ERROR_PROVIDER_1:ORDER_ID_1,+923001234567,900', parseCheapNumber).code).toBe(
			'ERROR_PROVIDER_1',
		);
		expect(fails('{"status":"402","message":"NO_BALANCE"}', parseCheapNumber).code).toBe(
			'NO_BALANCE',
		);
		expect(fails('ORDER_ID_1,+923001234567', parseCheapNumber).code).toBe('UNEXPECTED_RESPONSE');
		expect(fails('ORDER_ID_1,not-a-phone,900', parseCheapNumber).code).toBe('UNEXPECTED_RESPONSE');
	});

	it('reads balance, status and setStatus like handler_api.php', () => {
		expect(ok('ACCESS_BALANCE:500.00', parseBalance)).toBe(500);
		expect(ok('STATUS_OK:847293', parseStatus)).toMatchObject({
			status: 'received',
			code: '847293',
		});
		expect(ok('STATUS_WAIT_CODE', parseStatus)).toMatchObject({ status: 'waiting', code: null });
		expect(ok('ACCESS_FINISH', (t) => parseSetStatus(t, 'complete', OTPGET))).toBe('completed');
		expect(ok('ACCESS_READY', (t) => parseSetStatus(t, 'cancel', OTPGET))).toBe('cancelled');
	});
});
