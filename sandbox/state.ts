import {
	BLOCKED_KEY,
	EMAIL_CATALOG,
	EMPTY_KEY,
	OTHER_KEY,
	RENTAL_COUNTRIES,
	TEST_KEY,
	serverName,
} from './catalog';
import type { SandboxClock } from './clock';
import { toCents, toPkr } from './money';
import { ALNUM, LOWER, Rng } from './rng';
import type {
	ActivationView,
	ApiName,
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
	SandboxConfig,
} from './types';

export type KeyCheck = 'ok' | 'missing' | 'bad' | 'blocked';

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
	/** Cheap numbers that may still expire; kept apart so settle() stays cheap with 1000s of SMS orders. */
	private readonly pendingCheap = new Set<OtpOrder>();
	private readonly rng: Rng;
	private cheapSeq = 12345;
	private emailSeq = 7291834;
	private rentalSeq = 27;

	constructor(
		readonly config: SandboxConfig,
		readonly clock: SandboxClock,
	) {
		this.rng = new Rng(config.seed);
		this.reset();
	}

	// ------------------------------------------------------------ keys and money

	checkKey(key: string | undefined): KeyCheck {
		if (key === undefined || key === '') return 'missing';
		if (this.blocked.has(key)) return 'blocked';
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
	charge(key: string, cents: number, api: ApiName, kind: LedgerKind, orderId: string, at = this.clock.now()): boolean {
		const have = this.balanceCents(key);
		if (have < cents) return false;
		this.book(key, -cents, api, kind, orderId, at);
		return true;
	}

	refund(key: string, cents: number, api: ApiName, orderId: string, at = this.clock.now()): void {
		this.book(key, cents, api, 'refund', orderId, at);
	}

	private book(key: string, cents: number, api: ApiName, kind: LedgerKind, orderId: string, at: number): void {
		const after = this.balanceCents(key) + cents;
		this.balanceMap.set(key, after);
		this.entries.push({ at, key, kind, api, amount: toPkr(cents), orderId, balanceAfter: toPkr(after) });
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
		return domain === 'gmail.com' ? `temp.${this.rng.pick(ALNUM, 6)}@gmail.com` : `${this.rng.pick(LOWER, 1)}${this.rng.pick(ALNUM, 7)}@${domain}`;
	}

	/** When a fresh order's code arrives (null = never, see SandboxOptions.otpDelayMs). */
	arrivalFrom(createdAt: number, delayMs = this.config.otpDelayMs): number | null {
		return Number.isFinite(delayMs) && delayMs >= 0 ? createdAt + delayMs : null;
	}

	// ------------------------------------------------------------ orders

	addActivation(order: OtpOrder): void {
		this.activations.set(order.id, order);
		if (order.api === 'cheap') this.pendingCheap.add(order);
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
			this.refund(order.key, order.priceCents, 'cheap', order.id, at);
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
		const mine = <T extends { key: string }>(list: Iterable<T>): T[] => [...list].filter((o) => key === undefined || o.key === key);
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
			const delay = arrivalMsList.length > 0 ? arrivalMsList[i % arrivalMsList.length] : this.config.otpDelayMs;
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

	/** Back to the start: balances, orders, ledger, stock, failures, recorded requests, ids, clock. */
	reset(): void {
		this.clock.reset();
		this.rng.reset();
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
		this.rentalStock.clear();
		for (const c of RENTAL_COUNTRIES) this.rentalStock.set(`${c.provider}:${c.countryCode}`, c.available);
		this.emailStock.clear();
		for (const [domain, services] of Object.entries(EMAIL_CATALOG)) {
			for (const s of services) this.emailStock.set(`${domain}:${s.code}`, s.stock);
		}
	}
}
