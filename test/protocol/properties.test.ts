import { OTPGET_ERRORS } from '../../protocol/providers/otpget';
import fc from 'fast-check';

import { parseCheapNumber, parseCheapServers } from '../../protocol/cheap';
import { codeFrom, DEFAULT_CODE_PATTERN, extractCode } from '../../protocol/code';
import { decode } from '../../protocol/decode';
import {
	DIALECTS,
	type Dialect,
	type ProviderId,
	type StatusIntent,
} from '../../protocol/providers';
import {
	parseBuyEmail,
	parseCancelEmail,
	parseEmailBalance,
	parseEmailCode,
	parseEmailHistory,
	parseEmailServices,
} from '../../protocol/email';
import { classifyError } from '../../protocol/classify';
import { ProviderError } from '../../protocol/errors';
import { isRecord, normalizeBody } from '../../protocol/text';
import {
	parseAvailableRentals,
	parseMyRentals,
	parseRenewRental,
	parseRentalCountries,
	parseRentalInbox,
	parseRentalPricing,
	parseRentNumber,
} from '../../protocol/rental';
import {
	codeOfPayload,
	parseBalance,
	parseCountries,
	parseNumber,
	parseOrders,
	parseRegetNumber,
	parseServices,
	parseSetStatus,
	parseStatus,
	parseStatusV2,
} from '../../protocol/sms';

const RUNS = { numRuns: 250 };
const DIALECT_LIST = Object.values(DIALECTS);
const INTENTS: StatusIntent[] = ['complete', 'cancel', 'requestAnotherSms', 'ready'];

// ---- What the documents call success, written from the documents (not from the parsers). ----

const json = (text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};
/** The parsers also repair the docs' missing commas; a repaired body counts as JSON for the spec too. */
const jsonish = (text: string): unknown =>
	json(text) ?? json(text.replace(/("|\d|true|false|null|\}|\])(\s*\n\s*)(")/g, '$1,$2$3'));
const jsonObject = (text: string): Record<string, unknown> | undefined => {
	const v = jsonish(text.trim());
	return isRecord(v) ? v : undefined;
};
const okStatus = (o: Record<string, unknown> | undefined) =>
	!!o &&
	['ok', 'success', 'true', '200'].includes(
		String(o.status ?? '')
			.trim()
			.toLowerCase(),
	);
const statusIs = (text: string, ...allowed: string[]) =>
	allowed.includes(String(jsonObject(text)?.status ?? '').trim());
const head = (text: string) => text.split(':')[0];
const scalar1 = (v: unknown) =>
	(typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));
const digits = (v: unknown) => scalar1(v) && /\d/.test(String(v));

/** setStatus answers each document names per intent. */
const DOC_ANSWERS: Record<ProviderId, Record<StatusIntent, string[]>> = {
	otpget: {
		complete: ['ACCESS_FINISH', 'ACCESS_ACTIVATION'],
		cancel: ['ACCESS_READY', 'ACCESS_CANCEL'],
		requestAnotherSms: [],
		ready: [],
	},
	otpx: {
		// Not in its list (3 and 8): the family's answer to the 6 Wait for OTP tries.
		complete: ['ACCESS_ACTIVATION'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: [],
	},
	instaotp: {
		complete: ['ACCESS_ACTIVATION', 'ACCESS_FINISH'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: ['ACCESS_READY'],
	},
	sastaotp: {
		complete: ['ACCESS_ACTIVATION'],
		cancel: ['ACCESS_CANCEL'],
		requestAnotherSms: ['ACCESS_RETRY_GET'],
		ready: ['ACCESS_READY'],
	},
};

interface ParserCase {
	name: string;
	parse: (text: string) => unknown;
	d: Dialect;
	/** The documented success forms. */
	success: (text: string) => boolean;
	/** JSON keys of its success form, to aim random bodies at it. */
	keys?: readonly string[];
}

const STATUS_WORDS = [
	'STATUS_WAIT_CODE',
	'STATUS_WAIT_RESEND',
	'STATUS_WAIT_RETRY',
	'ACCESS_RETRY_GET',
	'STATUS_CANCEL',
	// InstaOTP's answer table: "Order cancelled/banned successfully".
	'ACCESS_CANCEL',
];
const isPlainStatus = (t: string) => /^STATUS_OK:\s*\S/.test(t) || STATUS_WORDS.includes(head(t));

const CASES: ParserCase[] = [];
for (const d of DIALECT_LIST) {
	const add = (name: string, parse: (t: string) => unknown, success: (t: string) => boolean) =>
		CASES.push({ name: `${d.id} ${name}`, parse, d, success });
	add(
		'parseBalance',
		parseBalance,
		(t) =>
			/^ACCESS_BALANCE:/.test(t) ||
			(okStatus(jsonObject(t)) && jsonObject(t)?.balance !== undefined),
	);
	add(
		'parseNumber',
		parseNumber,
		(t) =>
			/^ACCESS_NUMBER:[^:]*\S[^:]*:\s*\S/.test(t) ||
			(okStatus(jsonObject(t)) &&
				scalar1(jsonObject(t)?.activation_id) &&
				(digits(jsonObject(t)?.number) || digits(jsonObject(t)?.phone_number))),
	);
	add(
		'parseRegetNumber',
		parseRegetNumber,
		(t) =>
			/^REGET_NUMBER_OK:[^:]*\S[^:]*:\s*\S/.test(t) ||
			(okStatus(jsonObject(t)) &&
				scalar1(jsonObject(t)?.new_activation_id) &&
				(digits(jsonObject(t)?.number) || digits(jsonObject(t)?.phone_number))),
	);
	add('parseStatus', parseStatus, isPlainStatus);
	add('parseStatusV2', parseStatusV2, (t) => {
		const o = jsonObject(t);
		return o ? 'sms' in o || String(o.status ?? '').startsWith('STATUS_') : isPlainStatus(t);
	});
	for (const intent of INTENTS) {
		add(
			`parseSetStatus ${intent}`,
			(t) => parseSetStatus(t, intent, d),
			// OTPGet's "ACCESS_READY" and "Balance refunded" may share a line.
			(t) => DOC_ANSWERS[d.id][intent].includes(head(t).split(/[ \t]+/)[0]),
		);
	}
	add('parseCountries', parseCountries, (t) => {
		const v = jsonish(t);
		return (
			Array.isArray(v) ||
			(isRecord(v) &&
				(v.status === undefined
					? Object.values(v).every(Array.isArray)
					: okStatus(v) && Array.isArray(v.countries)))
		);
	});
	add(
		'parseServices',
		(t) => parseServices(t, d),
		(t) => {
			const v = jsonish(t);
			if (Array.isArray(v)) return v.length === 0;
			if (!isRecord(v)) return false;
			if ('services' in v) return okStatus(v);
			const values = Object.values(v);
			return values.every((x) => typeof x === 'string') || values.every(Array.isArray);
		},
	);
	add('parseOrders', parseOrders, (t) => Array.isArray(jsonish(t)) || okStatus(jsonObject(t)));
}
// The OTPGet-only APIs.
const OTPGET = DIALECTS.otpget;
const otpgetOnly = (name: string, parse: (t: string) => unknown, success: (t: string) => boolean) =>
	CASES.push({ name, parse, d: OTPGET, success });
otpgetOnly('parseCheapNumber', parseCheapNumber, (t) =>
	/^[A-Za-z0-9_.-]+,\s*\+?\d{5,16},\s*\d+$/.test(t),
);
otpgetOnly('parseCheapServers', parseCheapServers, (t) => {
	const v = jsonish(t);
	return (
		Array.isArray(v) ||
		(isRecord(v) &&
			(v.status === undefined
				? Object.values(v).every(Array.isArray)
				: okStatus(v) && Array.isArray(v.countries)))
	);
});
for (const [name, parse] of [
	['parseRentalCountries', parseRentalCountries],
	['parseRentalPricing', parseRentalPricing],
	['parseAvailableRentals', parseAvailableRentals],
	['parseRentNumber', parseRentNumber],
	['parseMyRentals', parseMyRentals],
	['parseRentalInbox', parseRentalInbox],
	['parseRenewRental', parseRenewRental],
	['parseEmailServices', parseEmailServices],
	['parseBuyEmail', parseBuyEmail],
	['parseEmailHistory', parseEmailHistory],
] as const) {
	otpgetOnly(name, parse, (t) => statusIs(t, '200'));
}
const KEYS_OF: Record<string, readonly string[]> = {
	parseRentalCountries: ['countries'],
	parseRentalPricing: ['pricing'],
	parseAvailableRentals: ['available'],
	parseRentNumber: ['order_id', 'phone'],
	parseMyRentals: ['rentals'],
	parseRentalInbox: ['messages'],
	parseRenewRental: ['new_expiry'],
	parseEmailServices: ['services'],
	parseBuyEmail: ['email_id', 'email'],
	parseEmailHistory: ['history'],
	parseEmailCode: ['messages'],
	parseCancelEmail: ['refunded', 'message'],
	parseBalance: ['balance'],
	parseNumber: ['activation_id', 'number'],
	parseRegetNumber: ['new_activation_id', 'number'],
	parseCountries: ['countries'],
	parseServices: ['services'],
	parseOrders: ['orders'],
	parseEmailBalance: ['balance'],
};
otpgetOnly(
	'parseEmailBalance',
	parseEmailBalance,
	(t) => /^ACCESS_BALANCE:/.test(t) || statusIs(t, '200') || okStatus(jsonObject(t)),
);
otpgetOnly('parseEmailCode', parseEmailCode, (t) => statusIs(t, '200', '202', '300'));
otpgetOnly('parseCancelEmail', parseCancelEmail, (t) => statusIs(t, '200', '300'));

for (const c of CASES) c.keys = KEYS_OF[c.name.replace(/^\w+ /, '')] ?? KEYS_OF[c.name];

// ---- Bodies: random text, near misses of every documented form, JSON with the documents' keys. ----

const WORDS = [
	'ACCESS_BALANCE',
	'ACCESS_NUMBER',
	'REGET_NUMBER_OK',
	'STATUS_OK',
	'STATUS_WAIT_CODE',
	'STATUS_WAIT_RETRY',
	'STATUS_WAIT_RESEND',
	'STATUS_CANCEL',
	'ACCESS_CANCEL',
	'ACCESS_READY',
	'ACCESS_ACTIVATION',
	'ACCESS_FINISH',
	'ACCESS_RETRY_GET',
	'NO_BALANCE',
	'BAD_KEY',
	'ERROR_PROVIDER_3',
	'ERROR_WHATEVER',
	'BAD_THING',
	'NO_BALANCE_FOR_NEW_PRICE',
	'constructor',
	'__proto__',
	'toString',
	'',
];
const KEYS = [
	'status',
	'balance',
	'currency',
	'activation_id',
	'new_activation_id',
	'number',
	'phone_number',
	'order_id',
	'sms',
	'code',
	'text',
	'countries',
	'services',
	'orders',
	'total',
	'page',
	'error',
	'message',
	'messages',
	'rentals',
	'pricing',
	'available',
	'email_id',
	'email',
	'phone',
	'new_expiry',
	'history',
	'refunded',
	'verificationType',
	'id',
	'name',
	'1',
	'__proto__',
];
const STATUSES = [
	'OK',
	'ok',
	'success',
	'200',
	'202',
	'300',
	'400',
	'401',
	'402',
	'404',
	'500',
	'503',
	'ERROR',
	'NO_BALANCE',
	'STATUS_CANCEL',
	'STATUS_WAIT_CODE',
	'',
];

const scalar = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constantFrom(...STATUSES),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
	v: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		scalar,
		fc.array(tie('v'), { maxLength: 3 }),
		fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 4 }),
	),
})).v;
const jsonBody = fc
	.tuple(
		fc.option(fc.constantFrom(...STATUSES, 200, 1), { nil: undefined }),
		fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }),
	)
	.map(([status, rest]) => JSON.stringify(status === undefined ? rest : { status, ...rest }));
const plainBody = fc
	.tuple(
		fc.constantFrom(...WORDS),
		fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
		fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
	)
	.map(([w, a, b]) => [w, a, b].filter((p) => p !== undefined).join(':'));
const numberish = fc.oneof(fc.stringMatching(/^-?[\d.,]{0,10}$/), fc.string({ maxLength: 6 }));
const record = fc.dictionary(
	fc.constantFrom(
		...KEYS,
		'country_code',
		'duration_hours',
		'price',
		'service_code',
		'email_address',
		'timestamp',
	),
	value,
	{ maxKeys: 5 },
);
/** Each documented success shape, with random values in its fields: the near misses that matter. */
const SHAPES: ReadonlyArray<readonly string[]> = [
	['balance'],
	['activation_id', 'number'],
	['new_activation_id', 'number'],
	['countries'],
	['services'],
	['orders'],
	['pricing'],
	['available'],
	['order_id', 'phone'],
	['rentals'],
	['messages'],
	['new_expiry'],
	['email_id', 'email'],
	['history'],
	['refunded', 'message'],
	['code', 'message'],
];
const docStatus = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom('OK', '200') },
	{ weight: 1, arbitrary: fc.constantFrom('ok', 200, 'success', '202', '300', 'ERROR', '') },
);
const fieldValue = fc.oneof(
	{ weight: 3, arbitrary: fc.array(record, { maxLength: 3 }) },
	{ weight: 2, arbitrary: value },
	{ weight: 1, arbitrary: record.map((r) => ({ tg: r })) },
);
const shaped = (shapes: ReadonlyArray<readonly string[]>) =>
	fc
		.tuple(
			fc.constantFrom(...shapes),
			docStatus,
			fc.array(fieldValue, { minLength: 2, maxLength: 2 }),
			record,
		)
		.map(([keys, status, values, rest]) =>
			JSON.stringify({
				...rest,
				status,
				...Object.fromEntries(keys.map((k, i) => [k, values[i]])),
			}),
		);
const docJson = shaped(SHAPES);
const v2Json = fc.oneof(value, record).map((sms) => JSON.stringify({ verificationType: 2, sms }));
const docPlain = fc.oneof(
	numberish.map((n) => `ACCESS_BALANCE:${n}`),
	fc
		.tuple(
			fc.constantFrom('ACCESS_NUMBER', 'REGET_NUMBER_OK'),
			fc.string({ maxLength: 10 }),
			fc.string({ maxLength: 16 }),
		)
		.map(([w, a, b]) => `${w}:${a}:${b}`),
	fc
		.tuple(
			fc.stringMatching(/^[A-Z0-9_]{1,12}$/),
			fc.stringMatching(/^\+?\d{4,17}$/),
			fc.stringMatching(/^\d{0,4}$/),
		)
		.map((p) => p.join(',')),
	fc
		.dictionary(
			fc.stringMatching(/^\d{1,3}$/),
			fc.oneof(fc.string({ maxLength: 16 }), fc.array(record, { maxLength: 2 })),
			{ maxKeys: 3 },
		)
		.map((o) => JSON.stringify(o)),
);
const oneBody = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	plainBody,
	jsonBody,
	fc.json(),
	docJson,
	docJson,
	v2Json,
	docPlain,
	docPlain,
);
const anyBody = fc.oneof(
	oneBody,
	// A PHP notice before the answer, CRLF, a BOM.
	fc.array(oneBody, { minLength: 2, maxLength: 3 }).map((lines) => lines.join('\n')),
	oneBody.map((b) => `\uFEFF ${b}\r\n`),
);
const httpStatus = fc.oneof(
	fc.constantFrom(200, 401, 403, 404, 500, 502, 503),
	fc.integer({ min: 100, max: 599 }),
);

/** The texts decode() may hand the parser: the whole body, then its lines. */
function candidates(body: string): string[] {
	const text = normalizeBody(body);
	return [
		text,
		...text
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean),
	];
}

describe('every parser, on arbitrary bodies', () => {
	const bodiesFor = (c: ParserCase) => (c.keys ? fc.oneof(anyBody, shaped([c.keys])) : anyBody);

	it.each(CASES.map((c) => [c.name, c] as const))(
		'%s: never throws, and succeeds only on a documented form',
		(_n, c) => {
			fc.assert(
				fc.property(bodiesFor(c), (body) => {
					const text = normalizeBody(body);
					const result = c.parse(text);
					if (result !== undefined) expect(c.success(text)).toBe(true);
				}),
				RUNS,
			);
		},
	);

	it.each(CASES.map((c) => [c.name, c] as const))(
		'%s: decode() returns a documented success or throws a ProviderError',
		(_n, c) => {
			fc.assert(
				fc.property(bodiesFor(c), httpStatus, fc.boolean(), (body, status, asBytes) => {
					let result: unknown;
					try {
						result = decode(
							{ status, body: asBytes ? new TextEncoder().encode(body) : body },
							c.parse,
							c.d,
						);
					} catch (error) {
						expect(error).toBeInstanceOf(ProviderError);
						const e = error as ProviderError;
						expect(typeof e.code).toBe('string');
						expect(e.message.length).toBeGreaterThan(0);
						return;
					}
					expect(result).not.toBeUndefined();
					expect(candidates(body).some((t) => c.success(t))).toBe(true);
				}),
				RUNS,
			);
		},
	);

	it('classifyError never throws, and only answers with ProviderError or nothing', () => {
		fc.assert(
			fc.property(
				anyBody,
				fc.option(httpStatus, { nil: undefined }),
				fc.constantFrom(...DIALECT_LIST),
				(body, status, d) => {
					const error = classifyError(normalizeBody(body), status, d.errorTable);
					if (error !== undefined) expect(error).toBeInstanceOf(ProviderError);
				},
			),
			RUNS,
		);
	});
});

describe('documented error strings never read as success', () => {
	const payload = fc.option(
		fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
		{ nil: undefined },
	);
	it.each(DIALECT_LIST.map((d) => [d.name, d] as const))(
		'%s: each code of its table, with or without a payload, through every parser',
		(_n, d) => {
			const codes = Object.keys(d.errorTable.errors).filter((c) => c !== 'STATUS_CANCEL');
			const parsers = CASES.filter((c) => c.d === d || c.d === OTPGET);
			fc.assert(
				fc.property(
					fc.constantFrom(...codes),
					payload,
					fc.constantFrom(...parsers),
					(code, detail, c) => {
						const body = detail === undefined ? code : `${code}:${detail}`;
						expect(() => decode({ status: 200, body }, c.parse, d)).toThrow(ProviderError);
						try {
							decode({ status: 200, body }, c.parse, d);
						} catch (error) {
							expect((error as ProviderError).code).toBe(code);
						}
					},
				),
				{ numRuns: 500 },
			);
		},
	);
});

// ---- Known success forms round-trip. ----

const id = fc.stringMatching(/^[A-Za-z0-9]{1,24}$/);
const phone = fc.stringMatching(/^\+?\d{6,15}$/);
const cents = fc.integer({ min: 0, max: 100_000_000 });
const noDigits = fc.stringMatching(/^[A-Za-z ,.'!<>#]{0,30}$/);

describe('success forms round-trip', () => {
	it('balance, plain and JSON', () => {
		fc.assert(
			fc.property(cents, fc.constantFrom(...DIALECT_LIST), (c, d) => {
				const amount = c / 100;
				expect(
					decode({ status: 200, body: `ACCESS_BALANCE:${amount.toFixed(2)}` }, parseBalance, d),
				).toBe(amount);
				expect(
					decode(
						{
							status: 200,
							body: JSON.stringify({ status: 'OK', balance: amount, currency: d.currency }),
						},
						parseBalance,
						d,
					),
				).toBe(amount);
			}),
			RUNS,
		);
	});

	it('numbers, plain and JSON (activation_id is the id)', () => {
		fc.assert(
			fc.property(id, phone, fc.integer({ min: 1, max: 1e9 }), (orderId, p, providerOrder) => {
				expect(parseNumber(`ACCESS_NUMBER:${orderId}:${p}`)).toEqual({ orderId, phone: p });
				expect(parseRegetNumber(`REGET_NUMBER_OK:${orderId}:${p}`)).toEqual({ orderId, phone: p });
				const body = JSON.stringify({
					status: 'OK',
					order_id: providerOrder,
					activation_id: orderId,
					number: p,
					price: 1.5,
					expires_in: 1200,
				});
				expect(parseNumber(body)).toMatchObject({
					orderId,
					phone: p,
					providerOrderId: String(providerOrder),
					price: 1.5,
					expiresInSeconds: 1200,
				});
			}),
			RUNS,
		);
	});

	it('STATUS_OK with a bare code gives that code', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,16}$/), (code) => {
				expect(parseStatus(`STATUS_OK:${code}`)).toMatchObject({
					status: 'received',
					code,
					text: code,
				});
			}),
			RUNS,
		);
	});

	it('STATUS_OK with a whole SMS gives the code in it, and keeps the text', () => {
		fc.assert(
			fc.property(
				noDigits,
				fc.stringMatching(/^\d{4,8}$/),
				fc.boolean(),
				noDigits,
				(before, code, dashed, after) => {
					const shown = dashed && code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
					const sms = `${before} ${shown} ${after}`.trim();
					const status = parseStatus(`STATUS_OK:${sms}`);
					expect(status).toMatchObject({ status: 'received', code, text: sms });
					expect(
						parseStatusV2(JSON.stringify({ verificationType: 2, sms: { code: '', text: sms } })),
					).toMatchObject({ code });
				},
			),
			RUNS,
		);
	});

	it('setStatus: every documented answer confirms its intent, and no other', () => {
		for (const d of DIALECT_LIST) {
			for (const intent of INTENTS) {
				for (const word of DOC_ANSWERS[d.id][intent]) {
					expect(
						decode({ status: 200, body: word }, (t) => parseSetStatus(t, intent, d), d),
					).toBeDefined();
				}
			}
		}
	});

	it("countries keyed by provider type, and SastaOTP's list", () => {
		const country = fc.record({
			id: fc.stringMatching(/^\d{1,3}$/),
			name: fc.stringMatching(/^[A-Za-z ]{1,20}$/),
		});
		fc.assert(
			fc.property(
				fc.dictionary(fc.stringMatching(/^[1-5]$/), fc.array(country, { maxLength: 4 })),
				(map) => {
					const expected = Object.entries(map).flatMap(([providerType, list]) =>
						list.map((c) => ({ ...c, providerType })),
					);
					expect(parseCountries(JSON.stringify(map))).toEqual(expected);
					const list = Object.values(map).flat();
					const sasta = JSON.stringify({
						status: 'OK',
						countries: list.map((c) => ({ id: Number(c.id), eng: c.name, code: c.id })),
					});
					expect(parseCountries(sasta)).toEqual(
						list.map((c) => ({
							id: String(Number(c.id)) === c.id ? c.id : c.id,
							name: c.name,
							providerType: '',
						})),
					);
				},
			),
			RUNS,
		);
	});

	it('OTPGet service labels', () => {
		const name = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[A-Za-z]$/);
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.stringMatching(/^\d{1,4}$/),
					fc.tuple(name, fc.integer({ min: 0, max: 99_999 })),
				),
				(map) => {
					const body = JSON.stringify(
						Object.fromEntries(Object.entries(map).map(([k, [n, p]]) => [k, `${n} - ${p} PKR`])),
					);
					const parsed = parseServices(body, OTPGET) ?? [];
					expect(parsed).toEqual(
						Object.entries(map).map(([k, [n, p]]) => ({
							id: k,
							name: n.trim(),
							price: p,
							currency: 'PKR',
						})),
					);
				},
			),
			RUNS,
		);
	});

	it('cheap numbers', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/),
				fc.stringMatching(/^\+?\d{5,16}$/),
				fc.integer({ min: 0, max: 3600 }),
				(orderId, p, secs) => {
					fc.pre(!classifyError(orderId, undefined, OTPGET_ERRORS));
					expect(parseCheapNumber(`${orderId},${p},${secs}`)).toEqual({
						orderId,
						phone: p,
						expiresInSeconds: secs,
					});
				},
			),
			RUNS,
		);
	});
});

// ---- Code extraction. ----

const PATTERNS = [
	DEFAULT_CODE_PATTERN,
	'\\d*',
	'(\\d*)',
	'',
	'(x?)',
	'\\s*',
	'([A-Z]*)',
	'code:? (\\w*)',
	'(?:)',
	'(\\d{4,8})',
	'\\b\\w{0,3}\\b',
	'( *)',
];

describe('code extraction', () => {
	it('never returns an empty string, whatever the text and pattern', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string(), fc.string({ unit: 'binary' }), noDigits),
				fc.constantFrom(...PATTERNS),
				(text, pattern) => {
					expect(extractCode(text, pattern)).not.toBe('');
					expect(codeFrom('', text, pattern)).not.toBe('');
					expect(codeFrom('   ', text, pattern)).not.toBe('');
					expect(codeOfPayload(text, pattern)).not.toBe('');
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('the default pattern yields 4 to 8 digits or nothing', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\d -]{0,30}$/)), (text) => {
				const code = extractCode(text);
				if (code !== null) expect(code).toMatch(/^\d{4,8}$/);
			}),
			{ numRuns: 1000 },
		);
	});

	it('codeFrom prefers a non-blank provider code', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.object()),
				fc.string(),
				(given, text) => {
					const code = codeFrom(given, text);
					expect(code).not.toBe('');
					const asText =
						typeof given === 'string' || typeof given === 'number' ? String(given).trim() : '';
					if (asText) expect(code).toBe(asText);
				},
			),
			RUNS,
		);
	});
});
