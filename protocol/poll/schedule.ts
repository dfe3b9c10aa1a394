import type { ArrivalModel, FirstCheck } from './arrivals';

/**
 * `learned`: checks where codes come (default); `sparseTail`: the same, with checks further apart once an order is
 * older than 95% of the codes seen; `fixed`: at once, then every Poll Interval (the schedule before learning).
 */
export type ScheduleMode = 'learned' | 'sparseTail' | 'fixed';

export const SCHEDULE_MODES: readonly ScheduleMode[] = ['learned', 'sparseTail', 'fixed'];

/** Quantile of the learned delays from which codes count as plausible (less half an interval, see onset). */
export const ONSET_QUANTILE = 0.02;
/** Past this quantile of the codes seen, `sparseTail` spaces checks out. */
export const TAIL_QUANTILE = 0.95;
/** `sparseTail`: the pause in the tail is this many intervals, at most TAIL_MAX_MS (never below the interval). */
export const TAIL_FACTOR = 4;
export const TAIL_MAX_MS = 60_000;
/** Where few codes are left to come per code arriving, checks get closer, down to this share of the interval. */
export const MIN_SHAPE = 0.25;
/** The shaping starts at this quantile of the learned delays: before it, checks are one interval apart. */
export const SHAPE_QUANTILE = 0.9;

/** The sparse tail's pause for an interval: the bound the README documents. */
export const tailPauseMs = (intervalMs: number): number =>
	Math.max(intervalMs, Math.min(TAIL_FACTOR * intervalMs, TAIL_MAX_MS));

/**
 * One order's check times. Ages are ms since the order's origin (its purchase, else the wait's start).
 *
 * Learned (once the provider + service + country has MIN_SAMPLES codes): no check before the onset, where codes
 * become plausible (the 2% quantile of the learned delays, less half an interval: a learned delay is the middle
 * of the gap in which the code came, off by up to half an interval; less the 2–98% spread divided by the number
 * of codes known: few codes overshoot the start); the first check one interval after it; then
 * checks at most one interval apart (the Poll Interval promise), closer where the code is due soon: the pause is
 * the interval times sqrt(r(t)/r(median)), r = share of orders still waiting / density of arrivals at t, which is
 * the spacing that minimises delay + requests for a density (a check costs every order still waiting, and finds
 * the codes of the gap before it), clamped to [MIN_SHAPE, 1] intervals. A service never seen: the fixed schedule.
 */
export class OrderSchedule {
	private readonly learned: boolean;
	private readonly onsetAge: number;
	private readonly refRatio: number;
	/** The model's share of codes that come before the first check (learned schedules). */
	private readonly earlyShare: number;
	/** The first check was put off past the wait's start (set by firstCheckAt). */
	private deferred = false;

	constructor(
		private readonly mode: ScheduleMode,
		private readonly intervalMs: number,
		readonly origin: number,
		private readonly model?: ArrivalModel,
	) {
		const low = model?.quantile(ONSET_QUANTILE);
		this.learned = mode !== 'fixed' && low !== undefined;
		// With n codes known the lowest overshoots where codes start by about the spread / n: kept as a margin.
		const high = model?.quantile(1 - ONSET_QUANTILE) ?? 0;
		const margin = low === undefined ? 0 : (high - low) / Math.max(1, model?.codes ?? 1);
		this.onsetAge = low === undefined ? 0 : Math.max(0, low - intervalMs / 2 - margin);
		const ref = model?.quantile(SHAPE_QUANTILE);
		this.refRatio = ref === undefined ? Infinity : this.ratio(ref);
		this.earlyShare = model?.cdf(this.onsetAge + intervalMs) ?? 0;
	}

	/** When the first check goes out: at once for the fixed schedule, else one interval after the onset. */
	firstCheckAt(startedAt: number): number {
		if (!this.learned) return startedAt;
		const first = this.origin + this.onsetAge + this.intervalMs;
		this.deferred = first > startedAt;
		return Math.max(startedAt, first);
	}

	/**
	 * A check sent at `sentAt` saw the code, the previous one (the origin before the first) at `previousAt`: the
	 * code came in between, the middle is the estimate. A put-off first check says less: the code came between
	 * the origin and it; one of the learned delays that early stands in for it (see ArrivalModel.impute), and
	 * codes coming earlier than learned show as too many such codes (see ArrivalModel.drift).
	 */
	recordCode(
		model: ArrivalModel | undefined,
		previousAt: number,
		sentAt: number,
		first: boolean,
	): void {
		const middle = (previousAt + sentAt) / 2 - this.origin;
		if (!this.learned || !this.deferred) return model?.record(middle);
		const check: FirstCheck = { early: first, p: this.earlyShare };
		const age = sentAt - this.origin;
		model?.record(first ? (model.impute(age) ?? age - this.intervalMs / 2) : middle, check);
	}

	/** The whole wait passed without a code. */
	recordNone(model: ArrivalModel | undefined): void {
		model?.recordNone(
			this.learned && this.deferred ? { early: false, p: this.earlyShare } : undefined,
		);
	}

	/** When to check again after a check sent at `sentAt` found nothing. */
	nextCheckAt(sentAt: number): number {
		return sentAt + this.pauseMs(sentAt - this.origin);
	}

	/** The pause after a check that found nothing, for an order `age` ms old. */
	pauseMs(age: number): number {
		const interval = this.intervalMs;
		if (!this.learned || !this.model) return interval;
		const late = this.model.quantile(TAIL_QUANTILE) ?? Infinity;
		if (this.mode === 'sparseTail' && age > late) return tailPauseMs(interval);
		const shape = Math.sqrt(this.ratio(age) / this.refRatio);
		if (!Number.isFinite(shape)) return interval;
		return interval * Math.min(1, Math.max(MIN_SHAPE, shape));
	}

	/**
	 * How likely the code came since the check at `lastAt` (the wait's start before the first), as of `now`:
	 * under a binding cap the most likely order is checked first. Unlearned: the arrival is taken as uniform over
	 * what is left of the wait, so the longest unchecked order goes first.
	 */
	urgency(now: number, lastAt: number, deadline: number): number {
		const cdf = (age: number) => this.model?.cdf(age);
		const before = cdf(lastAt - this.origin);
		const after = cdf(now - this.origin);
		if (!this.learned || before === undefined || after === undefined)
			return Math.max(0, now - lastAt) / Math.max(1, deadline - lastAt);
		return before >= 1 ? 0 : (after - before) / (1 - before);
	}

	/** Orders still waiting per code arriving, around `age`: S(t) / f(t), the density over one interval. */
	private ratio(age: number): number {
		const model = this.model;
		const half = this.intervalMs / 2;
		const lo = model?.cdf(age - half);
		const hi = model?.cdf(age + half);
		const at = model?.cdf(age);
		if (lo === undefined || hi === undefined || at === undefined) return Infinity;
		const density = (hi - lo) / this.intervalMs;
		return density > 0 ? (1 - at) / density : Infinity;
	}
}
