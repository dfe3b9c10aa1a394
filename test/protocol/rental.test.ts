import { OTPGET_ERRORS } from '../../protocol/providers/otpget';
import { OTPGET } from '../../protocol/providers';
import { toIsoTime } from '../../protocol/jsonAnswer';
import { classifyError } from '../../protocol/classify';
import type { ErrorKind } from '../../protocol/errors';
import { decode } from '../../protocol/decode';
import { toHttpCall } from '../../protocol/request';
import {
	durationLabel,
	durationProblem,
	hoursUntil,
	parseAvailableRentals,
	parseMyRentals,
	parseRentalCountries,
	parseRentalInbox,
	parseRentalPricing,
	parseRentalSms,
	parseRenewRental,
	parseRentNumber,
	rentalRequests,
	SERVER2_DURATIONS,
} from '../../protocol/rental';

const ok = <T>(body: string, parse: (t: string) => T | undefined) =>
	decode({ status: 200, body }, parse, OTPGET);

// The docs' samples, byte for byte where the text extraction kept them.
const DOCS = {
	countries:
		'{"status":"200","countries":[\n  {"id":"1","provider":"2","name":"Canada","country_code":"ca"},\n  {"id":"2","provider":"2","name":"UNITED KINGDOM","country_code":"gb"},\n  {"id":"6","provider":"2","name":"United States of America","country_code":"us"}\n]}',
	pricing:
		'{"status":"200","pricing":[\n  {"id":"1","duration_hours":"720","duration_preset":"oneMonth","price":"840.00","country_name":"Canada"},\n  {"id":"2","duration_hours":"4320","duration_preset":"sixMonths","price":"5040.00","country_name":"Canada"},\n  {"id":"3","duration_hours":"8640","duration_preset":"twelveMonths","price":"10080.00","country_name":"Canada"}\n]}',
	available:
		'{"status":"200","country_code":"ca","provider":"2","available":[\n  {"area_code":"ca","area_title":"Canada","unit_price":200,"available":3338,"min_month":1}\n]}',
	rent: '{"status":"200","message":"Number rented successfully",\n  "phone":"3434337545","order_id":"2673093356180000583",\n  "server":"Server 2","duration_hours":720,\n  "price_paid":"840.00","new_balance":"4220.00",\n  "expires":"2026-04-09 21:55:55"}',
	myRentals:
		'{"status":"200","total":5,"rentals":[{\n  "id":"27",\n  "server":"Server 2",\n  "phone_number":"3434337545",\n  "order_id":"2673093356180000583",\n  "status":"active",\n  "country_code":"ca",\n  "country_name":"Canada",\n  "duration_hours":"720",\n  "price_paid":"840.00",\n  "expiry_time":"2026-04-09 21:55:55"\n}]}',
	// Missing comma after "code":"" exactly as in the docs.
	sms: '{"status":"200","phone_number":"5812822291","order_id":"2673088748180000583","total":1,"messages":[{\n  "from":"Server 2",\n  "text":"<#> Your WhatsApp Business code 740-279",\n  "code":""\n  "timestamp":"2026-03-09T20:57:32Z"\n}]}',
	renew:
		'{"status":"200","message":"Renewed successfully",\n  "rental_id":27,\n  "phone_number":"3434337545",\n  "duration_hours":720,\n  "price_paid":"840.00",\n  "new_balance":"3440.00","new_expiry":"2026-05-09 21:55:55"}',
};

describe('rental-handler.php requests', () => {
	const base = 'http://127.0.0.1:9/stubs';
	const qs = (r: ReturnType<typeof rentalRequests.getMyRentals>) => toHttpCall(base, r).qs;

	it('sends each documented action with its parameters to rental-handler.php', () => {
		expect(toHttpCall(base, rentalRequests.getMyRentals()).url).toBe(
			'http://127.0.0.1:9/stubs/rental-handler.php',
		);
		expect(qs(rentalRequests.getRentalCountries())).toEqual({ action: 'getRentalCountries' });
		expect(qs(rentalRequests.getRentalCountries('2'))).toEqual({
			action: 'getRentalCountries',
			provider: '2',
		});
		expect(qs(rentalRequests.getRentalPricing('ca', '2'))).toEqual({
			action: 'getRentalPricing',
			country_code: 'ca',
			provider: '2',
		});
		expect(qs(rentalRequests.getAvailableRentals('ca', '2'))).toEqual({
			action: 'getAvailableRentals',
			country_code: 'ca',
			provider: '2',
		});
		expect(qs(rentalRequests.rentNumber('ca', '2', '720'))).toEqual({
			action: 'rentNumber',
			country_code: 'ca',
			provider: '2',
			duration_hours: '720',
		});
		expect(qs(rentalRequests.getRentalSMS('2673093356180000583'))).toEqual({
			action: 'getRentalSMS',
			order_id: '2673093356180000583',
		});
		expect(qs(rentalRequests.renewRental('27', '720'))).toEqual({
			action: 'renewRental',
			rental_id: '27',
			duration_hours: '720',
		});
	});

	it('marks renting and renewing as purchases (never retried) and the rest as reads', () => {
		expect(rentalRequests.rentNumber('ca', '2', '720').kind).toBe('purchase');
		expect(rentalRequests.renewRental('27', '720').kind).toBe('purchase');
		for (const r of [
			rentalRequests.getMyRentals(),
			rentalRequests.getRentalSMS('1'),
			rentalRequests.getRentalPricing('ca', '2'),
		]) {
			expect(r.kind).toBe('read');
		}
	});
});

describe('rental-handler.php answers from the docs', () => {
	it('getRentalCountries', () => {
		expect(ok(DOCS.countries, parseRentalCountries)).toEqual([
			{ id: '1', provider: '2', name: 'Canada', countryCode: 'ca' },
			{ id: '2', provider: '2', name: 'UNITED KINGDOM', countryCode: 'gb' },
			{ id: '6', provider: '2', name: 'United States of America', countryCode: 'us' },
		]);
	});

	it('getRentalPricing, with duration labels', () => {
		expect(ok(DOCS.pricing, parseRentalPricing)).toEqual([
			{
				id: '1',
				durationHours: '720',
				durationLabel: '1 Month',
				durationPreset: 'oneMonth',
				price: 840,
				countryName: 'Canada',
			},
			{
				id: '2',
				durationHours: '4320',
				durationLabel: '6 Months',
				durationPreset: 'sixMonths',
				price: 5040,
				countryName: 'Canada',
			},
			{
				id: '3',
				durationHours: '8640',
				durationLabel: '12 Months',
				durationPreset: 'twelveMonths',
				price: 10080,
				countryName: 'Canada',
			},
		]);
	});

	it("getAvailableRentals with Server 2's min_month", () => {
		expect(ok(DOCS.available, parseAvailableRentals)).toEqual({
			countryCode: 'ca',
			provider: '2',
			areas: [
				{ areaCode: 'ca', areaTitle: 'Canada', unitPrice: 200, available: 3338, minMonths: 1 },
			],
		});
		const server1 = ok(
			'{"status":"200","country_code":"us","provider":"1","available":[{"area_code":"us","area_title":"US","unit_price":60,"available":5}]}',
			parseAvailableRentals,
		);
		expect(server1.areas[0].minMonths).toBeNull();
	});

	it('rentNumber: order_id is the SMS id, the expiry is read as UTC', () => {
		expect(ok(DOCS.rent, parseRentNumber)).toEqual({
			smsOrderId: '2673093356180000583',
			phone: '3434337545',
			server: 'Server 2',
			provider: '2',
			durationHours: 720,
			pricePaid: 840,
			balance: 4220,
			expiryTime: '2026-04-09 21:55:55',
			expiresAt: '2026-04-09T21:55:55.000Z',
			message: 'Number rented successfully',
		});
	});

	it('keeps 19-digit order ids as text (beyond Number.MAX_SAFE_INTEGER)', () => {
		expect(ok(DOCS.myRentals, parseMyRentals)[0].smsOrderId).toBe('2673093356180000583');
	});

	it('getMyRentals: an account with no rentals may omit the list', () => {
		expect(ok('{"status":"200","total":0}', parseMyRentals)).toEqual([]);
		expect(ok('{"status":"200","total":0,"rentals":[]}', parseMyRentals)).toEqual([]);
		expect(() => ok('{"status":"200","total":3}', parseMyRentals)).toThrow(/Unexpected answer/);
	});

	it('getMyRentals: id → rentalId (renew), order_id → smsOrderId (SMS)', () => {
		expect(ok(DOCS.myRentals, parseMyRentals)).toEqual([
			{
				rentalId: '27',
				smsOrderId: '2673093356180000583',
				phone: '3434337545',
				status: 'active',
				server: 'Server 2',
				provider: '2',
				countryCode: 'ca',
				countryName: 'Canada',
				durationHours: 720,
				pricePaid: 840,
				expiryTime: '2026-04-09 21:55:55',
				expiresAt: '2026-04-09T21:55:55.000Z',
			},
		]);
	});

	it('getRentalSMS: repairs the missing comma and extracts 740-279 although "code" is empty', () => {
		expect(ok(DOCS.sms, parseRentalSms)).toEqual([
			{
				from: 'Server 2',
				text: '<#> Your WhatsApp Business code 740-279',
				code: '740279',
				receivedAt: '2026-03-09T20:57:32.000Z',
				timestamp: '2026-03-09T20:57:32Z',
			},
		]);
		expect(ok(DOCS.sms, parseRentalInbox)).toMatchObject({
			phone: '5812822291',
			smsOrderId: '2673088748180000583',
		});
		const withCode = DOCS.sms.replace('"code":""', '"code":"111222"');
		expect(ok(withCode, parseRentalSms)[0].code).toBe('111222');
		expect(
			ok('{"status":"200","phone_number":"1","order_id":"2","total":0}', parseRentalSms),
		).toEqual([]);
	});

	it('renewRental', () => {
		expect(ok(DOCS.renew, parseRenewRental)).toEqual({
			rentalId: '27',
			phone: '3434337545',
			durationHours: 720,
			pricePaid: 840,
			balance: 3440,
			newExpiry: '2026-05-09 21:55:55',
			expiresAt: '2026-05-09T21:55:55.000Z',
			message: 'Renewed successfully',
		});
	});

	it('never takes a success without the fields it needs, or an error, as a purchase', () => {
		expect(() =>
			ok('{"status":"200","message":"Number rented successfully"}', parseRentNumber),
		).toThrow(/Unexpected answer/);
		expect(parseRentNumber('{"status":"402","message":"Insufficient balance."}')).toBeUndefined();
		expect(parseRenewRental('{"status":"200","message":"ok"}')).toBeUndefined();
		expect(parseMyRentals('{"status":200,"rentals":[]}')).toEqual([]);
		expect(parseMyRentals('{"status":"200"}')).toBeUndefined();
	});
});

describe('durations and times', () => {
	it('labels every documented duration', () => {
		expect(['12', '24', '168', '720', '4320', '8640'].map(durationLabel)).toEqual([
			'12 Hours',
			'1 Day',
			'1 Week',
			'1 Month',
			'6 Months',
			'12 Months',
		]);
		expect(durationLabel(36)).toBe('36 Hours');
		expect(SERVER2_DURATIONS).toEqual(['720', '4320', '8640']);
	});

	it('refuses what the provider would refuse', () => {
		expect(durationProblem('2', '720')).toBeUndefined();
		expect(durationProblem('1', '12')).toBeUndefined();
		expect(durationProblem('2', '24')).toMatch(/Server 2 only rents by the month/);
		expect(durationProblem('1', '100')).toMatch(/must be one of 12, 24, 168, 720, 4320, 8640/);
	});

	it('reads zone-less times as UTC and rejects non-dates', () => {
		expect(toIsoTime('2026-04-09 21:55:55')).toBe('2026-04-09T21:55:55.000Z');
		expect(toIsoTime('2026-04-09T21:55:55+05:00')).toBe('2026-04-09T16:55:55.000Z');
		expect(toIsoTime('')).toBeNull();
		expect(toIsoTime('12')).toBeNull();
		expect(toIsoTime('soon')).toBeNull();
	});

	it('counts hours left, never below zero', () => {
		const now = Date.parse('2026-04-08T21:55:55Z');
		expect(hoursUntil('2026-04-09T21:55:55.000Z', now)).toBe(24);
		expect(hoursUntil('2026-04-08T09:55:55.000Z', now)).toBe(0);
		expect(hoursUntil(null, now)).toBeNull();
	});
});

// Every row of the docs' Rental error table: [status, message, kind, what the user reads, what to do].
const RENTAL_ERRORS: Array<[string, string, ErrorKind, RegExp, RegExp]> = [
	['401', 'Invalid API key.', 'auth', /^Invalid API key$/, /API key in the OTPGet credential/],
	['401', 'API key is required.', 'auth', /^API key is missing$/, /Enter the API key/],
	[
		'403',
		'Account is blocked or inactive.',
		'auth',
		/^Account blocked or inactive$/,
		/OTPGet support/,
	],
	['400', 'Action parameter is required.', 'input', /no action/, /base URL/],
	['400', 'Unknown action: renewAll', 'input', /^Unknown API action: renewAll$/, /base URL/],
	[
		'400',
		'country_code is required.',
		'input',
		/^A required parameter is missing: country_code$/,
		/required field/,
	],
	['400', 'provider is required.', 'input', /missing: provider$/, /required field/],
	['400', 'duration_hours is required.', 'input', /missing: duration_hours$/, /required field/],
	[
		'400',
		'Server 2 only supports monthly durations (720, 4320, 8640 hours).',
		'input',
		/Server 2 only rents by the month/,
		/1 Month \(720\)/,
	],
	[
		'404',
		'No pricing found for country_code=nl provider=1 duration_hours=12',
		'notFound',
		/No rental price.*: country_code=nl provider=1 duration_hours=12$/,
		/Duration list/,
	],
	[
		'404',
		'Rental not found or does not belong to you.',
		'notFound',
		/^Rental not found$/,
		/rentalId.*not the smsOrderId/,
	],
	['404', 'No pricing found for this duration.', 'notFound', /duration is not sold/, /Get Pricing/],
	[
		'404',
		'Order not found or access denied.',
		'notFound',
		/^Rental order not found$/,
		/smsOrderId.*not the rentalId/,
	],
	['402', 'Insufficient balance.', 'balance', /^Insufficient balance$/, /Top up/],
	[
		'503',
		'Server 1 is currently unavailable.',
		'availability',
		/^Rental server disabled by OTPGet for now: Server 1$/,
		/other server/,
	],
	['503', 'Server 2 is currently disabled.', 'availability', /for now: Server 2$/, /other server/],
	[
		'502',
		'Server 2 error: No numbers available',
		'provider',
		/nothing was rented: Server 2 error: No numbers available$/,
		/other server/,
	],
	[
		'502',
		'Provider returned an empty phone number.',
		'provider',
		/no phone number/,
		/Get My Rentals/,
	],
	[
		'500',
		'Database error: deadlock found',
		'server',
		/the balance was not deducted: deadlock found$/,
		/Retry/,
	],
];

describe('Rental error table', () => {
	it.each(RENTAL_ERRORS)('%s %s', (status, message, kind, shown, hint) => {
		const body = JSON.stringify({ status, message });
		expect(parseRentNumber(body)).toBeUndefined();
		expect(() => ok(body, parseMyRentals)).toThrow(shown);
		const error = classifyError(body, 200, OTPGET_ERRORS);
		expect(error).toMatchObject({ kind, code: `HTTP_${status}`, httpStatus: Number(status) });
		expect(error?.message).toMatch(shown);
		expect(error?.hint).toMatch(hint);
	});

	it('reads the error the same behind a mirrored HTTP status', () => {
		expect(
			classifyError(
				'{"status":"404","message":"Order not found or access denied."}',
				404,
				OTPGET_ERRORS,
			)?.message,
		).toBe('Rental order not found');
	});

	it('calls only nothing-bought failures retryable', () => {
		const retryable = (message: string, status: string) =>
			classifyError(JSON.stringify({ status, message }), undefined, OTPGET_ERRORS)?.retryable;
		expect(retryable('Insufficient balance.', '402')).toBe(false);
		expect(retryable('Server 2 error: timeout', '502')).toBe(true);
		expect(retryable('Database error: x', '500')).toBe(true);
	});
});
