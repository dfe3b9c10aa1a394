/** Shared types of the OTPGet sandbox. Money is kept in integer paisa (cents) internally, PKR at the edges. */
import type { Readings } from './readings';

import type { ApiName, ProviderId } from '../protocol/types';

export type { ApiName, ProviderId };

export type CancelAnswer = 'ACCESS_READY' | 'ACCESS_CANCEL' | 'ACCESS_READY Balance refunded';

/** Which provider's handler_api.php the sandbox speaks ('otpget' also serves the cheap, rental and email APIs). */
export { PROVIDER_IDS } from '../protocol/providers';

/**
 * Injected failures. Not processed (the request changes nothing): http5xx*, http429 (Retry-After in seconds),
 * http429-date (Retry-After as an HTTP date), echo-key-json (a PHP json_encode error quoting the key back,
 * `/` as `\/` and non-ASCII as `\uXXXX`, under 200, 403 or 500), reset-before.
 * Processed, then the answer is damaged or withheld (a purchase IS made): reset-after, hang, empty, truncated,
 * php-warning, slow.
 */
export const FAULT_KINDS = [
	'http500',
	'http502',
	'http503',
	'http500-html',
	'http502-html',
	'http503-html',
	'http429',
	'http429-date',
	'echo-key-json',
	'reset-before',
	'reset-after',
	'hang',
	'empty',
	'truncated',
	'php-warning',
	'slow',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
	/** Probability (0..1) that an API request gets a fault; 0 = off. */
	rate: number;
	/** Seeds the fault dice: the same requests in the same order get the same faults. */
	seed: number;
	/** Kinds to draw from, uniformly (default all). */
	kinds: FaultKind[];
	/** Per-action rates that replace `rate` for those actions: { getNumber: 0.5 } or { 'sms:getStatus': 1 }. */
	actionRates: Record<string, number>;
	/** 'hang': the answer is held this long (default 65000, past the clients' 60 s purchase timeout). */
	hangMs: number;
	/** 'slow': the answer is held this long (default 2000). */
	slowMs: number;
	/** 'http429': Retry-After seconds (default 2); 'http429-date': a date this many seconds ahead. */
	retryAfterS: number;
}

export interface SandboxOptions {
	/** 0 = random free port (default 0). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** SMS OTP / cheap / email code / first rental SMS arrives this long after purchase (default 15000). Negative or Infinity = never (only deliverSms/deliverEmail). */
	otpDelayMs?: number;
	/** setStatus 8 is refused with EARLY_CANCEL_DENIED before this (default 120000, the docs' "2 minutes"). */
	earlyCancelMs?: number;
	/** PKR on TEST_KEY and OTHER_KEY (default 5000). */
	startBalance?: number;
	/** Seeds ids, codes and phones (default 20260309), so two runs with the same calls give the same answers. */
	seed?: number;
	/** handler_api.php / cheap_handler.php errors as JSON {"status":"401","message":"BAD_KEY"} instead of plain text. */
	jsonErrors?: boolean;
	/** Plain-text (or jsonErrors) errors use a matching HTTP status instead of 200. */
	httpErrorStatus?: boolean;
	/** Answer of a successful setStatus 8 (default 'ACCESS_READY', as in the docs' table; its "Balance refunded" may share the line). */
	cancelAnswer?: CancelAnswer;
	/** Answer of setStatus 8 once the code arrived (default 'BAD_STATUS'; see handlers/otp.ts). */
	cancelAfterOtpAnswer?: string;
	/** Mirror the JSON "status" of rental-handler.php in the HTTP status (default false: always HTTP 200). */
	rentalHttpStatus?: boolean;
	/** Same for email_handler.php (default false). */
	emailHttpStatus?: boolean;
	/** Provider dialect of handler_api.php (default 'otpget'). */
	provider?: ProviderId;
	/** Codes arrive after a delay drawn uniformly from [min, max] ms (seeded by `seed`), instead of otpDelayMs. */
	otpDelayMsRange?: [number, number];
	/** Fault injection: a rate (0..1) or a partial FaultConfig. Off by default. */
	faults?: number | Partial<FaultConfig>;
	/** Clock starts at this epoch ms instead of real time. */
	startTime?: number;
	/** Clock does not follow real time; it only moves with advance()/set(). Makes timestamps exact in tests. */
	freezeClock?: boolean;
	/** The other readings of the providers' documents (sandbox/readings.ts). */
	readings?: Partial<Readings>;
}

/** Options with defaults applied. Mutable on purpose: tests and /__sandbox/config may flip them at run time. */
export interface SandboxConfig {
	port: number;
	host: string;
	otpDelayMs: number;
	earlyCancelMs: number;
	startBalance: number;
	seed: number;
	jsonErrors: boolean;
	httpErrorStatus: boolean;
	cancelAnswer: CancelAnswer;
	cancelAfterOtpAnswer: string;
	rentalHttpStatus: boolean;
	emailHttpStatus: boolean;
	provider: ProviderId;
	otpDelayMsRange: [number, number] | null;
	/** Codes arrive after a delay from this named distribution (sandbox/delays.ts), seeded; before the range. */
	otpDelayDist?: string | null;
	/** Draws of the delay stream skipped after each reset: other arrivals from the same distribution. */
	otpDelaySkip?: number;
	faults: FaultConfig;
	readings: Readings;
}

export interface RecordedRequest {
	/** 1, 2, 3... in arrival order. */
	seq: number;
	/** Provider dialect that answered. */
	dialect: ProviderId;
	/** Fault injected into this request, if any. */
	fault?: FaultKind;
	/** Sandbox clock time (ms). */
	at: number;
	/** Wall-clock time (ms), for rate measurements that must ignore clock.advance(). */
	realAt: number;
	method: string;
	path: string;
	api: ApiName;
	action: string;
	/** All query (and form body) parameters, api_key included. */
	query: Record<string, string>;
}

export type LedgerKind = 'purchase' | 'refund' | 'renewal';

export interface LedgerEntry {
	at: number;
	key: string;
	kind: LedgerKind;
	api: ApiName;
	/** Signed PKR: negative for purchase/renewal, positive for refund, so the sum of a key's entries is its balance change. */
	amount: number;
	orderId: string;
	balanceAfter: number;
}

export interface FailResponse {
	/** HTTP status (default 200). */
	status?: number;
	/** Exact body bytes to send (BOM, CRLF, anything). */
	body: string;
	contentType?: string;
}

export interface Reply {
	status: number;
	body: string;
	contentType: string;
	/** Extra response headers (Retry-After). */
	headers?: Record<string, string>;
}

export type Closed<S extends string> = { state: S; at: number; reason: 'user' | 'expired' } | null;

/** An SMS OTP activation (handler_api.php) or a cheap number (cheap_handler.php). */
export interface OtpOrder {
	api: 'sms' | 'cheap';
	id: string;
	key: string;
	phone: string;
	priceCents: number;
	createdAt: number;
	/** When the code shows up; null = never. */
	arrivalAt: number | null;
	code: string;
	closed: Closed<'finished' | 'cancelled'>;
	/** Cheap numbers only: createdAt + 15 min. */
	expiresAt: number | null;
	type: string;
	service?: string;
	country?: string;
	server?: string;
	/** Dialect orders (otpx/instaotp/sastaotp): which one sold it. */
	dialect?: ProviderId;
	operator?: string;
	/** SastaOTP's numeric order_id (activation id is `id`). */
	orderNo?: number;
	/** SastaOTP: the service allows status 3 / regetNumber. */
	multiSms?: boolean;
	/** Codes requested with "another SMS" (setStatus 3), in order. */
	retries?: RetryCode[];
	/** Clock / wall time of the first status answer that carried the (first) code. */
	firstSeenAt?: number;
	firstSeenRealAt?: number;
}

export interface RetryCode {
	requestedAt: number;
	arrivalAt: number | null;
	code: string;
	firstSeenAt?: number;
	firstSeenRealAt?: number;
}

export type ActivationStatus = 'waiting' | 'received' | 'finished' | 'cancelled';

export interface ActivationView {
	api: 'sms' | 'cheap';
	id: string;
	key: string;
	phone: string;
	price: number;
	createdAt: number;
	arrivalAt: number | null;
	expiresAt: number | null;
	/** The code that has arrived, or will arrive at arrivalAt. */
	code: string;
	status: ActivationStatus;
	type: string;
	service?: string;
	country?: string;
	server?: string;
}

export interface EmailOrder {
	id: string;
	key: string;
	serviceCode: string;
	serviceName: string;
	domain: string;
	email: string;
	priceCents: number;
	createdAt: number;
	arrivalAt: number | null;
	code: string;
	closed: Closed<'completed' | 'cancelled'>;
	firstSeenAt?: number;
	firstSeenRealAt?: number;
}

export interface EmailView {
	id: string;
	key: string;
	serviceCode: string;
	serviceName: string;
	domain: string;
	email: string;
	price: number;
	createdAt: number;
	arrivalAt: number | null;
	code: string;
	/** getEmailHistory vocabulary. */
	status: 'active' | 'received' | 'cancelled';
}

export interface RentalMessage {
	at: number;
	from: string;
	text: string;
	code: string;
}

export interface RentalRecord {
	id: number;
	key: string;
	orderId: string;
	provider: '1' | '2';
	countryCode: string;
	countryName: string;
	phone: string;
	durationHours: number;
	priceCents: number;
	createdAt: number;
	expiresAt: number;
	/** Includes scheduled ones (at in the future); only those with at <= now are visible. */
	messages: RentalMessage[];
}

export interface RentalView {
	id: number;
	key: string;
	orderId: string;
	provider: '1' | '2';
	countryCode: string;
	phone: string;
	durationHours: number;
	price: number;
	createdAt: number;
	expiresAt: number;
	status: 'active' | 'expired';
	messages: RentalMessage[];
}

export interface OrdersView {
	activations: ActivationView[];
	emails: EmailView[];
	rentals: RentalView[];
}
