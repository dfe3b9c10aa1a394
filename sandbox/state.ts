import { DISTRIBUTIONS } from './delays';
import {
	BLOCKED_KEY,
	EMAIL_CATALOG,
	EMPTY_KEY,
	INACTIVE_KEY,
	OTHER_KEY,
	RENTAL_COUNTRIES,
	TEST_KEY,
	serverName,
} from './catalog';
import type { SandboxClock } from './clock';
import { FaultInjector } from './faults';
import { toCents, toPkr } from './money';
import { ALNUM, LOWER, Rng } from './rng';
import type {
	ActivationView,
	ApiName,
	FaultKind,
	EmailOrder,
	EmailView,
	FailResponse,
	LedgerEntry,
	LedgerKind,
	OrdersView,
	OtpOrder,
	RecordedRequest,
	RentalRecord,
	RentalView,
	RetryCode,
	SandboxConfig,
} from './types';

export type KeyCheck = 'ok' | 'missing' | 'bad' | 'blocked' | 'inactive';

/** Where an order's code stands for a status poll. */
export type CodeState =
	| { kind: 'wait' }
	| { kind: 'ok'; code: string }
	/** "Another SMS" was requested (status 3) and has not arrived: SMS-Activate's STATUS_WAIT_RETRY:<last code>. */
	| { kind: 'wait-retry'; last: string };

/** One code of an order, for latency measurement (GET /__sandbox/schedule). */
export interface ScheduledCode {
	code: string;
	/** When it was asked for: the purchase, or setStatus 3. */
	requestedAt: number;
	/** When it is (or was) due; null = never. */
	scheduledAt: number | null;
	/** When it became available to the client (scheduledAt once passed, before the order closed); else null. */
	availableAt: number | null;
	/** First status answer that carried it (sandbox clock / wall clock), else null. */
	firstSeenAt: number | null;
	firstSeenRealAt: number | null;
}

export interface ScheduleEntry {
	api: 'sms' | 'cheap' | 'email';
	dialect: string;
	id: string;
	service?: string;
	country?: string;
	status: string;
	/** Purchase time (sandbox clock ms). */
	createdAt: number;
	/** First code's availableAt - createdAt, or null. */
	delayMs: number | null;
	scheduledAt: number | null;
	availableAt: number | null;
	firstSeenAt: number | null;
	closedAt: number | null;
	codes: ScheduledCode[];
}

/**
 * All sandbox state: balances, ledger, orders, stock, scripted failures, recorded requests.
 * Handlers are synchronous, so each request sees and leaves a consistent state
 * (a refund can never be paid twice by two concurrent calls).
 */
export class SandboxState {
	readonly requests: RecordedRequest[] = [];
	readonly activations = new Map<string, OtpOrder>();
	readonly emails = new Map<string, EmailOrder>();
	readonly rentals = new Map<number, RentalRecord>();
	/** `${provider}:${countryCode}` -> numbers left. */
	readonly rentalStock = new Map<string, number>();
	/** `${domain}:${serviceCode}` -> emails left. */
	readonly emailStock = new Map<string, number>();

	private readonly balanceMap = new Map<string, number>();
	private readonly blocked = new Set<string>();
	private readonly entries: LedgerEntry[] = [];
	private readonly failures = new Map<string, FailResponse[]>();
	/** Orders that may still expire (cheap numbers, dialect orders); kept apart so settle() stays cheap with 1000s of SMS orders. */
	private readonly pendingCheap = new Set<OtpOrder>();
	private readonly inactive = new Set<string>();
	private readonly rng: Rng;
	/** A separate stream for otpDelayMsRange, so delays do not shift ids, phones and codes. */
	private readonly delayRng: Rng;
	readonly faults: FaultInjector;
	private requestSeq = 0;
	private dialectSeq = 12345;
	private dialectOrderSeq = 1234;
	private cheapSeq = 12345;
	private emailSeq = 7291834;
	private rentalSeq = 27;

	constructor(
		readonly config: SandboxConfig,
		readonly clock: SandboxClock,
	) {
		this.rng = new Rng(config.seed);
		this.delayRng = new Rng(config.seed ^ 0x5eed);
		this.faults = new FaultInjector(config.faults);
		this.reset();
	}

	// ------------------------------------------------------------ keys and money

	checkKey(key: string | undefined): KeyCheck {
		if (key === undefined || key === '') return 'missing';
		if (this.blocked.has(key)) return 'blocked';
		if (this.inactive.has(key)) return 'inactive';
		return this.balanceMap.has(key) ? 'ok' : 'bad';
	}

	/** Adds a valid key (e.g. a second credential in a test). */
	addKey(key: string, balancePkr: number): void {
		this.balanceMap.set(key, toCents(balancePkr));
	}

	balance(key: string): number {
		this.settle();
		const cents = this.balanceMap.get(key);
		if (cents === undefined) throw new Error(`sandbox: unknown key ${key}`);
		return toPkr(cents);
	}

	/** Every key's balance in PKR (blocked key included). */
	balances(): Record<string, number> {
		this.settle();
		return Object.fromEntries([...this.balanceMap].map(([k, c]) => [k, toPkr(c)]));
	}

	balanceCents(key: string): number {
		return this.balanceMap.get(key) ?? 0;
	}

	/** Sets a balance without a ledger entry (test setup, e.g. 80.50 for the "Need/Have" message). */
	setBalance(key: string, pkr: number): void {
		if (!this.balanceMap.has(key)) throw new Error(`sandbox: unknown key ${key}`);
		this.balanceMap.set(key, toCents(pkr));
	}

	ledger(key?: string): LedgerEntry[] {
		this.settle();
		return this.entries.filter((e) => key === undefined || e.key === key).map((e) => ({ ...e }));
	}

	/** Debits if the balance suffices; returns false (and changes nothing) otherwise. */
	charge(
		key: string,
		cents: number,
		api: ApiName,
		kind: LedgerKind,
		orderId: string,
		at = this.clock.now(),
	): boolean {
		const have = this.balanceCents(key);
		if (have < cents) return false;
		this.book(key, -cents, api, kind, orderId, at);
		return true;
	}

	refund(key: string, cents: number, api: ApiName, orderId: string, at = this.clock.now()): void {
		this.book(key, cents, api, 'refund', orderId, at);
	}

	private book(
		key: string,
		cents: number,
		api: ApiName,
		kind: LedgerKind,
		orderId: string,
		at: number,
	): void {
		const after = this.balanceCents(key) + cents;
		this.balanceMap.set(key, after);
		this.entries.push({
			at,
			key,
			kind,
			api,
			amount: toPkr(cents),
			orderId,
			balanceAfter: toPkr(after),
		});
	}

	// ------------------------------------------------------------ ids

	newSmsId(): string {
		// The docs' ids look like "abc123xyz": alphanumeric, so a client must not parse them as numbers.
		for (;;) {
			const id = this.rng.pick(LOWER, 1) + this.rng.pick(ALNUM, 8);
			if (!this.activations.has(id)) return id;
		}
	}

	newCheapId(): string {
		return `ORDER_ID_${this.cheapSeq++}`;
	}

	newEmailId(): string {
		return String(this.emailSeq++);
	}

	/** OTPX / InstaOTP activation ids and SastaOTP activation_id: numeric, as in their samples. */
	newDialectId(): string {
		return String(this.dialectSeq++);
	}

	/** SastaOTP order_id. */
	newDialectOrderNo(): number {
		return this.dialectOrderSeq++;
	}

	/** SastaOTP regetNumber's new_activation_id looks like "Lw4S1r37abcXYZ". */
	newMixedId(): string {
		for (;;) {
			const id =
				this.rng.pick(LOWER.toUpperCase(), 1) + this.rng.pick(ALNUM + LOWER.toUpperCase(), 13);
			if (!this.activations.has(id)) return id;
		}
	}

	newRentalId(): number {
		return this.rentalSeq++;
	}

	/** 19 digits like the docs' "2673093356180000583": beyond Number.MAX_SAFE_INTEGER on purpose. */
	newRentalOrderId(): string {
		return '26730' + this.rng.digits(14);
	}

	phone(start: string, localLength: number, dial = ''): string {
		return dial + start + this.rng.digits(localLength - start.length);
	}

	code(): string {
		return this.rng.digits(6);
	}

	emailAddress(domain: string): string {
		return domain === 'gmail.com'
			? `temp.${this.rng.pick(ALNUM, 6)}@gmail.com`
			: `${this.rng.pick(LOWER, 1)}${this.rng.pick(ALNUM, 7)}@${domain}`;
	}

	/**
	 * When a fresh order's code arrives (null = never, see SandboxOptions.otpDelayMs). Without an explicit delay,
	 * otpDelayMsRange (when set) draws one uniformly from its seeded stream: the n-th order gets the n-th draw.
	 */
	arrivalFrom(createdAt: number, delayMs?: number): number | null {
		let delay = delayMs ?? this.config.otpDelayMs;
		const range = this.config.otpDelayMsRange;
		const dist = this.config.otpDelayDist ? DISTRIBUTIONS[this.config.otpDelayDist] : undefined;
		if (delayMs === undefined && dist) delay = dist.draw(() => this.delayRng.next()) ?? -1;
		else if (delayMs === undefined && range)
			delay = range[0] + Math.floor(this.delayRng.next() * (range[1] - range[0] + 1));
		return Number.isFinite(delay) && delay >= 0 ? createdAt + delay : null;
	}

	// ------------------------------------------------------------ orders

	addActivation(order: OtpOrder): void {
		this.activations.set(order.id, order);
		if (order.expiresAt !== null) this.pendingCheap.add(order);
	}

	/** What a status poll sees now; records when the client first saw each code. */
	codeState(o: OtpOrder, now = this.clock.now(), markSeen = true): CodeState {
		if (!this.received(o, now)) return { kind: 'wait' };
		if (markSeen && o.firstSeenAt === undefined) {
			o.firstSeenAt = now;
			o.firstSeenRealAt = Date.now();
		}
		const retries = o.retries ?? [];
		if (retries.length === 0) return { kind: 'ok', code: o.code };
		const last = retries[retries.length - 1];
		if (
			last.arrivalAt !== null &&
			last.arrivalAt <= now &&
			!(o.closed && last.arrivalAt > o.closed.at)
		) {
			if (markSeen && last.firstSeenAt === undefined) {
				last.firstSeenAt = now;
				last.firstSeenRealAt = Date.now();
			}
			return { kind: 'ok', code: last.code };
		}
		return {
			kind: 'wait-retry',
			last: retries.length > 1 ? retries[retries.length - 2].code : o.code,
		};
	}

	/** "Request another SMS": a new code due like a fresh order's (never for a no-SMS service). */
	requestRetry(o: OtpOrder, now: number, never = false): RetryCode {
		const r: RetryCode = {
			requestedAt: now,
			arrivalAt: never ? null : this.arrivalFrom(now),
			code: this.code(),
		};
		o.retries = [...(o.retries ?? []), r];
		return r;
	}

	/** Records that an email code was handed to the client. */
	markEmailSeen(o: EmailOrder, now = this.clock.now()): void {
		if (o.firstSeenAt === undefined) {
			o.firstSeenAt = now;
			o.firstSeenRealAt = Date.now();
		}
	}

	/** Has the order's code arrived (as of now, and before it was closed or expired)? */
	received(order: OtpOrder | EmailOrder, now = this.clock.now()): boolean {
		const at = order.arrivalAt;
		if (at === null || at > now) return false;
		if (order.closed && order.closed.state === 'cancelled' && at > order.closed.at) return false;
		return !('expiresAt' in order) || order.expiresAt === null || at < order.expiresAt;
	}

	/**
	 * Applies time-driven transitions: a cheap number without code is cancelled and refunded
	 * at its 15-minute expiry. Lazy (run before each request and state read) so no timers are needed.
	 */
	settle(): void {
		const now = this.clock.now();
		const due: OtpOrder[] = [];
		for (const order of this.pendingCheap) {
			if (order.closed || this.received(order, now)) {
				// Closed, or its code is in: it can no longer expire.
				this.pendingCheap.delete(order);
			} else if (order.expiresAt !== null && now >= order.expiresAt) {
				due.push(order);
			}
		}
		due.sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0));
		for (const order of due) {
			const at = order.expiresAt ?? now;
			order.closed = { state: 'cancelled', at, reason: 'expired' };
			this.pendingCheap.delete(order);
			this.refund(order.key, order.priceCents, order.api, order.id, at);
		}
	}

	activationView(o: OtpOrder): ActivationView {
		const status = o.closed ? o.closed.state : this.received(o) ? 'received' : 'waiting';
		return {
			api: o.api,
			id: o.id,
			key: o.key,
			phone: o.phone,
			price: toPkr(o.priceCents),
			createdAt: o.createdAt,
			arrivalAt: o.arrivalAt,
			expiresAt: o.expiresAt,
			code: o.code,
			status,
			type: o.type,
			...(o.service !== undefined ? { service: o.service } : {}),
			...(o.country !== undefined ? { country: o.country } : {}),
			...(o.server !== undefined ? { server: o.server } : {}),
		};
	}

	emailView(o: EmailOrder): EmailView {
		const cancelled = o.closed?.state === 'cancelled';
		return {
			id: o.id,
			key: o.key,
			serviceCode: o.serviceCode,
			serviceName: o.serviceName,
			domain: o.domain,
			email: o.email,
			price: toPkr(o.priceCents),
			createdAt: o.createdAt,
			arrivalAt: o.arrivalAt,
			code: o.code,
			status: cancelled ? 'cancelled' : this.received(o) ? 'received' : 'active',
		};
	}

	rentalView(r: RentalRecord): RentalView {
		const now = this.clock.now();
		return {
			id: r.id,
			key: r.key,
			orderId: r.orderId,
			provider: r.provider,
			countryCode: r.countryCode,
			phone: r.phone,
			durationHours: r.durationHours,
			price: toPkr(r.priceCents),
			createdAt: r.createdAt,
			expiresAt: r.expiresAt,
			status: now < r.expiresAt ? 'active' : 'expired',
			messages: r.messages.filter((m) => m.at <= now).map((m) => ({ ...m })),
		};
	}

	/** SMS or cheap activation by id (any key). */
	getActivation(id: string): ActivationView | undefined {
		this.settle();
		const o = this.activations.get(id);
		return o && this.activationView(o);
	}

	getEmail(id: string): EmailView | undefined {
		const o = this.emails.get(id);
		return o && this.emailView(o);
	}

	/** By rental id (number) or order_id (string). */
	getRental(idOrOrderId: number | string): RentalView | undefined {
		const r = this.findRental(idOrOrderId);
		return r && this.rentalView(r);
	}

	findRental(idOrOrderId: number | string): RentalRecord | undefined {
		if (typeof idOrOrderId === 'number') return this.rentals.get(idOrOrderId);
		for (const r of this.rentals.values()) if (r.orderId === idOrOrderId) return r;
		return undefined;
	}

	orders(key?: string): OrdersView {
		this.settle();
		const mine = <T extends { key: string }>(list: Iterable<T>): T[] =>
			[...list].filter((o) => key === undefined || o.key === key);
		return {
			activations: mine(this.activations.values()).map((o) => this.activationView(o)),
			emails: mine(this.emails.values()).map((o) => this.emailView(o)),
			rentals: mine(this.rentals.values()).map((r) => this.rentalView(r)),
		};
	}

	// ------------------------------------------------------------ test hooks

	/** Makes an SMS/cheap code arrive now (optionally with a chosen code). Returns the code. */
	deliverSms(id: string, code?: string): string {
		this.settle();
		const o = this.activations.get(id);
		if (!o) throw new Error(`sandbox: no activation ${id}`);
		if (o.closed) throw new Error(`sandbox: activation ${id} is already ${o.closed.state}`);
		const pending = o.retries?.at(-1);
		if (pending && this.received(o)) {
			// Waiting for "another SMS": that one arrives.
			if (pending.arrivalAt === null || pending.arrivalAt > this.clock.now())
				pending.arrivalAt = this.clock.now();
			if (code !== undefined) pending.code = code;
			return pending.code;
		}
		if (!this.received(o)) o.arrivalAt = this.clock.now();
		if (code !== undefined) o.code = code;
		return o.code;
	}

	/** Makes an email code arrive now. Returns the code. */
	deliverEmail(id: string, code?: string): string {
		const o = this.emails.get(id);
		if (!o) throw new Error(`sandbox: no email activation ${id}`);
		if (o.closed) throw new Error(`sandbox: email activation ${id} is already ${o.closed.state}`);
		if (!this.received(o)) o.arrivalAt = this.clock.now();
		if (code !== undefined) o.code = code;
		return o.code;
	}

	/** A new SMS on a rented number, received now. code defaults to "" like the docs' sample. */
	addRentalSms(orderId: string, text: string, code = ''): void {
		const r = this.findRental(orderId);
		if (!r) throw new Error(`sandbox: no rental with order_id ${orderId}`);
		r.messages.push({ at: this.clock.now(), from: serverName(r.provider), text, code });
		r.messages.sort((a, b) => a.at - b.at);
	}

	/** The next call of api+action (action '*' = any) answers exactly this, before any key check. Queued FIFO. */
	failNext(api: ApiName, action: string, response: FailResponse): void {
		const k = `${api}:${action}`;
		const list = this.failures.get(k) ?? [];
		list.push(response);
		this.failures.set(k, list);
	}

	/** The next call of api+action (action '*' = any) gets this fault (see FAULT_KINDS). */
	faultNext(api: ApiName, action: string, kind: FaultKind): void {
		this.faults.faultNext(api, action, kind);
	}

	/** Logs an API request (never its key: only query parameters are kept, and the control endpoints mask api_key). */
	record(
		method: string,
		path: string,
		api: ApiName,
		action: string,
		query: Record<string, string>,
	): RecordedRequest {
		const r: RecordedRequest = {
			seq: ++this.requestSeq,
			dialect: this.config.provider,
			at: this.clock.now(),
			realAt: Date.now(),
			method,
			path,
			api,
			action,
			query,
		};
		this.requests.push(r);
		return r;
	}

	takeFailure(api: ApiName, action: string): FailResponse | undefined {
		for (const k of [`${api}:${action}`, `${api}:*`]) {
			const list = this.failures.get(k);
			if (list && list.length > 0) return list.shift();
		}
		return undefined;
	}

	/**
	 * Benchmark helper: n waiting SMS activations for TEST_KEY (service 101, country 61, type 1) whose codes
	 * arrive at arrivalMsList[i % length] ms from now (negative = never; empty list = otpDelayMs).
	 * Free: price 0, no ledger entry, so any n fits the balance. Returns the ids.
	 */
	seedActivations(n: number, arrivalMsList: readonly number[] = []): string[] {
		const now = this.clock.now();
		const ids: string[] = [];
		for (let i = 0; i < n; i++) {
			const delay =
				arrivalMsList.length > 0 ? arrivalMsList[i % arrivalMsList.length] : this.config.otpDelayMs;
			const id = this.newSmsId();
			this.addActivation({
				api: 'sms',
				id,
				key: TEST_KEY,
				phone: this.phone('30', 10, '92'),
				priceCents: 0,
				createdAt: now,
				arrivalAt: this.arrivalFrom(now, delay),
				code: this.code(),
				closed: null,
				expiresAt: null,
				type: '1',
				service: '101',
				country: '61',
			});
			ids.push(id);
		}
		return ids;
	}

	/** Peak number of API requests within any windowMs of wall-clock time (for rate-cap checks). */
	peakRequestsPerSecond(windowMs = 1000): number {
		const times = this.requests.map((r) => r.realAt).sort((a, b) => a - b);
		let peak = 0;
		let lo = 0;
		for (let hi = 0; hi < times.length; hi++) {
			while (times[hi] - times[lo] >= windowMs) lo++;
			peak = Math.max(peak, hi - lo + 1);
		}
		return peak;
	}

	/** Every SMS / cheap / email order with its purchase time and when each code became available and was first seen. */
	schedule(): ScheduleEntry[] {
		this.settle();
		const now = this.clock.now();
		const out: ScheduleEntry[] = [];
		const avail = (at: number | null, closedAt: number | null, expiresAt: number | null) =>
			at !== null &&
			at <= now &&
			(closedAt === null || at <= closedAt) &&
			(expiresAt === null || at < expiresAt)
				? at
				: null;
		for (const o of this.activations.values()) {
			const closedAt = o.closed?.at ?? null;
			const first: ScheduledCode = {
				code: o.code,
				requestedAt: o.createdAt,
				scheduledAt: o.arrivalAt,
				availableAt: avail(o.arrivalAt, closedAt, o.expiresAt),
				firstSeenAt: o.firstSeenAt ?? null,
				firstSeenRealAt: o.firstSeenRealAt ?? null,
			};
			const codes = [
				first,
				...(o.retries ?? []).map((r) => ({
					code: r.code,
					requestedAt: r.requestedAt,
					scheduledAt: r.arrivalAt,
					availableAt: avail(r.arrivalAt, closedAt, null),
					firstSeenAt: r.firstSeenAt ?? null,
					firstSeenRealAt: r.firstSeenRealAt ?? null,
				})),
			];
			out.push({
				api: o.api,
				dialect: o.dialect ?? 'otpget',
				id: o.id,
				...(o.service !== undefined
					? { service: o.service }
					: o.server !== undefined
						? { service: `server ${o.server}` }
						: {}),
				...(o.country !== undefined ? { country: o.country } : {}),
				status: this.activationView(o).status,
				createdAt: o.createdAt,
				delayMs: first.availableAt === null ? null : first.availableAt - o.createdAt,
				scheduledAt: first.scheduledAt,
				availableAt: first.availableAt,
				firstSeenAt: first.firstSeenAt,
				closedAt,
				codes,
			});
		}
		for (const o of this.emails.values()) {
			const closedAt = o.closed?.at ?? null;
			const availableAt = avail(
				o.arrivalAt,
				o.closed?.state === 'cancelled' ? closedAt : null,
				null,
			);
			const code: ScheduledCode = {
				code: o.code,
				requestedAt: o.createdAt,
				scheduledAt: o.arrivalAt,
				availableAt,
				firstSeenAt: o.firstSeenAt ?? null,
				firstSeenRealAt: o.firstSeenRealAt ?? null,
			};
			out.push({
				api: 'email',
				dialect: 'otpget',
				id: o.id,
				service: o.serviceCode,
				status: this.emailView(o).status,
				createdAt: o.createdAt,
				delayMs: availableAt === null ? null : availableAt - o.createdAt,
				scheduledAt: o.arrivalAt,
				availableAt,
				firstSeenAt: code.firstSeenAt,
				closedAt,
				codes: [code],
			});
		}
		return out.sort((a, b) => a.createdAt - b.createdAt);
	}

	/** Back to the start: balances, orders, ledger, stock, failures, faults, recorded requests, ids, clock. */
	reset(): void {
		this.clock.reset();
		this.rng.reset();
		this.delayRng.reset();
		for (let k = 0; k < (this.config.otpDelaySkip ?? 0); k++) this.delayRng.next();
		this.faults.reset();
		this.requestSeq = 0;
		this.dialectSeq = 12345;
		this.dialectOrderSeq = 1234;
		this.cheapSeq = 12345;
		this.emailSeq = 7291834;
		this.rentalSeq = 27;
		this.requests.length = 0;
		this.activations.clear();
		this.emails.clear();
		this.rentals.clear();
		this.pendingCheap.clear();
		this.entries.length = 0;
		this.failures.clear();
		this.balanceMap.clear();
		this.blocked.clear();
		this.balanceMap.set(TEST_KEY, toCents(this.config.startBalance));
		this.balanceMap.set(OTHER_KEY, toCents(this.config.startBalance));
		this.balanceMap.set(EMPTY_KEY, 0);
		this.balanceMap.set(BLOCKED_KEY, toCents(this.config.startBalance));
		this.blocked.add(BLOCKED_KEY);
		this.inactive.clear();
		this.balanceMap.set(INACTIVE_KEY, toCents(this.config.startBalance));
		this.inactive.add(INACTIVE_KEY);
		this.rentalStock.clear();
		for (const c of RENTAL_COUNTRIES)
			this.rentalStock.set(`${c.provider}:${c.countryCode}`, c.available);
		this.emailStock.clear();
		for (const [domain, services] of Object.entries(EMAIL_CATALOG)) {
			for (const s of services) this.emailStock.set(`${domain}:${s.code}`, s.stock);
		}
	}
}
