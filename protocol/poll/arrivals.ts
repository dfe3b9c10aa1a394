/** Arrivals recorded before the model shapes a schedule: fewer say too little about the spread. */
export const MIN_SAMPLES = 8;
/** Outcomes kept per provider + service + country: the latest ones, so a change is learned again. */
export const MAX_SAMPLES = 100;
/** Provider + service + country keys kept in memory (least recently used ones go first). */
export const MAX_KEYS = 64;
/** Keys written to the workflow's static data: a few KB at most. */
export const MAX_STORED_KEYS = 16;
/** Excess of codes found by a put-off first check (see ArrivalModel.drift) that says the codes now come earlier. */
export const SHIFT_ALARM = 3;

/** What a learned schedule knew about a code: whether its put-off first check found it, and how likely that was. */
export interface FirstCheck {
	/** The code was in at the first check, which the schedule had put off: it came some time before. */
	early: boolean;
	/** The model's share of codes that come before that first check. */
	p: number;
}

interface Outcome {
	delay: number;
	first?: FirstCheck;
}

/**
 * When codes arrive, counted from the purchase (or the wait's start when the item has no purchase time), for
 * one provider + service + country: the latest MAX_SAMPLES outcomes, a delay or "never" (the wait timed out).
 * Outcomes of a run count once it ends (commit): while it runs only its early codes are in, which would make
 * every code look early. Only shapes WHEN checks are sent, never whether a wait ends.
 */
export class ArrivalModel {
	/** Latest outcomes in the order they came; Infinity = no code within the wait. */
	private readonly recent: number[] = [];
	/** The finite delays, sorted, and the count of "never". */
	private sorted: number[] = [];
	private never = 0;
	private staged: Outcome[] = [];
	/**
	 * CUSUM of codes found by a put-off first check beyond twice their expected share: each adds 1 − 2p, every
	 * other outcome of a learned order takes 2p off, never below 0. At SHIFT_ALARM the codes come earlier than
	 * learned: every sample is dropped, and the next run checks from the start (the fixed schedule) and learns anew.
	 */
	private drift = 0;
	private turn = 0;

	constructor(private readonly max = MAX_SAMPLES) {}

	/** Committed outcomes (codes and timeouts). */
	get size(): number {
		return this.recent.length;
	}

	/** Committed codes. */
	get codes(): number {
		return this.sorted.length;
	}

	/** A code came `delayMs` after the origin (`first`: what the learned schedule expected of it). */
	record(delayMs: number, first?: FirstCheck): void {
		if (Number.isFinite(delayMs) && delayMs >= 0) this.staged.push({ delay: delayMs, first });
	}

	/** A wait ran its whole course without a code. */
	recordNone(first?: FirstCheck): void {
		this.staged.push({ delay: Infinity, first });
	}

	/** A run ended: its outcomes now shape the next runs. */
	commit(): void {
		if (this.staged.length === 0) return;
		for (const { first } of this.staged)
			if (first) this.drift = Math.max(0, this.drift + (first.early ? 1 : 0) - 2 * first.p);
		const staged = this.staged.map((o) => o.delay);
		this.staged = [];
		if (this.drift >= SHIFT_ALARM) {
			// Codes come earlier than learned: forget, and let the next run learn anew on the fixed schedule.
			this.recent.length = 0;
			this.sorted = [];
			this.never = 0;
			this.drift = 0;
			return;
		}
		// A run's outcomes come in arrival order: a run larger than the window keeps an even spread of them, not
		// its latest (late) ones.
		const step = staged.length / this.max;
		this.recent.push(
			...(step <= 1
				? staged
				: Array.from({ length: this.max }, (_, k) => staged[Math.floor(k * step)])),
		);
		if (this.recent.length > this.max) this.recent.splice(0, this.recent.length - this.max);
		this.sorted = this.recent.filter(Number.isFinite).sort((a, b) => a - b);
		this.never = this.recent.length - this.sorted.length;
	}

	/**
	 * A stand-in for a code known only to have come by `t`, under this model: one of the learned delays up to `t`,
	 * taken in turn (so they keep their spread), or undefined when none is that early. Recording the end of the
	 * range instead would push the learned onset later with every run.
	 */
	impute(t: number): number | undefined {
		const below = this.sorted.length === 0 ? 0 : Math.round((this.cdf(t) ?? 0) * this.size);
		if (below === 0) return undefined;
		this.turn = (this.turn + 1) % 1_000_003;
		return this.sorted[Math.floor(((this.turn * 0.6180339887) % 1) * below)];
	}

	/** The q-quantile (0..1) of the delays of codes that came, or undefined while fewer than MIN_SAMPLES are known. */
	quantile(q: number): number | undefined {
		if (this.sorted.length < MIN_SAMPLES) return undefined;
		return this.sorted[
			Math.min(this.sorted.length - 1, Math.max(0, Math.ceil(q * this.sorted.length) - 1))
		];
	}

	/** Share of the outcomes with a code by `t` ms (timeouts count as never): 0..1, or undefined while unlearned. */
	cdf(t: number): number | undefined {
		if (this.sorted.length < MIN_SAMPLES) return undefined;
		let lo = 0;
		let hi = this.sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.sorted[mid] <= t) lo = mid + 1;
			else hi = mid;
		}
		return lo / (this.sorted.length + this.never);
	}

	/** Delays in deciseconds, -1 for never: what the workflow's static data keeps. */
	toJSON(): number[] {
		return this.recent.map((d) => (Number.isFinite(d) ? Math.round(d / 100) : -1));
	}

	static fromJSON(value: unknown, max = MAX_SAMPLES): ArrivalModel {
		const model = new ArrivalModel(max);
		if (!Array.isArray(value)) return model;
		for (const v of value.slice(-max)) {
			if (v === -1) model.recordNone();
			else if (typeof v === 'number') model.record(v * 100);
		}
		model.commit();
		return model;
	}
}

/**
 * The models of one credential, by "source|service|country": bounded in keys (least recently used dropped) and
 * in samples per key, so the state stays a few hundred KB whatever the traffic.
 */
export class ArrivalBook {
	private readonly models = new Map<string, ArrivalModel>();

	constructor(private readonly maxKeys = MAX_KEYS) {}

	get size(): number {
		return this.models.size;
	}

	/** The key's model, created empty (the prior) when unseen; marks it recently used. */
	model(key: string): ArrivalModel {
		let model = this.models.get(key);
		if (model) this.models.delete(key);
		else model = new ArrivalModel();
		this.models.set(key, model);
		while (this.models.size > this.maxKeys) {
			const oldest = this.models.keys().next().value;
			if (oldest === undefined) break;
			this.models.delete(oldest);
		}
		return model;
	}

	commit(): void {
		for (const model of this.models.values()) model.commit();
	}

	/** The most recently used keys' samples, for the workflow's static data. */
	toJSON(maxKeys = MAX_STORED_KEYS): Record<string, number[]> {
		const entries = [...this.models].filter(([, m]) => m.size > 0).slice(-maxKeys);
		return Object.fromEntries(entries.map(([key, m]) => [key, m.toJSON()]));
	}

	/** Takes stored samples for keys this process has not learned yet (what it learned itself is newer). */
	merge(stored: unknown): void {
		if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return;
		for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
			const known = this.models.get(key);
			if (known && known.size > 0) continue;
			this.models.set(key, ArrivalModel.fromJSON(value));
			this.model(key);
		}
	}
}
