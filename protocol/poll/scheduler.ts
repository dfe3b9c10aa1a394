import { nap, type Clock } from './clock';
import { MinHeap } from './heap';

/** One step of a job: run again at `next` (epoch ms), or finished with `done`. */
export type Step<T> = { next: number } | { done: T };

export interface Job<T> {
	/** Does one unit of work (usually one request). `now` is the time the step was started. Throwing fails the job. */
	step(now: number): Promise<Step<T>>;
}

export type Settled<T> =
	| { status: 'done'; value: T }
	| { status: 'failed'; error: unknown }
	/** Never finished: the run was aborted, or stopped because another job failed. */
	| { status: 'stopped' };

export interface SchedulerOptions<T> {
	clock: Clock;
	/** Ends the run at once: unfinished jobs are `stopped`; steps in flight are no longer awaited. */
	signal?: AbortSignal;
	/** Steps running at the same time (default 64). A rate gate inside the steps may slow them further. */
	maxInFlight?: number;
	/** Stop everything when a job fails (n8n without Continue On Fail). */
	stopOnFailure?: boolean;
	/** Called as each job settles, in the order they do. */
	onSettled?: (index: number, settled: Settled<T>) => void;
	/**
	 * When more jobs are due than may run, the most urgent go first (default: the earliest due). Keep maxInFlight
	 * near what the rate gate sends in a second, so that the choice is made when the request can go out.
	 */
	urgency?: (index: number, now: number) => number;
}

interface Entry<T> {
	due: number;
	seq: number;
	index: number;
	job: Job<T>;
}

const DEFAULT_MAX_IN_FLIGHT = 64;

/**
 * Runs many jobs concurrently in one loop: a heap keyed by next-due time, one sleep for the whole run
 * (until the earliest due job, or until a step finishes), no timer per job and no scan over all jobs per tick.
 * A job leaves the heap the moment it is done, so a resolved job costs nothing more.
 */
export async function runJobs<T>(
	jobs: ReadonlyArray<{ job: Job<T>; due?: number }>,
	options: SchedulerOptions<T>,
): Promise<Array<Settled<T>>> {
	const { clock, signal } = options;
	const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
	const results: Array<Settled<T> | undefined> = new Array(jobs.length).fill(undefined);
	const heap = new MinHeap<Entry<T>>((a, b) => a.due < b.due || (a.due === b.due && a.seq < b.seq));
	let seq = 0;
	let pending = jobs.length;
	let inFlight = 0;
	let stopped = false;
	let wake: AbortController | undefined;
	let sleepingUntil = -Infinity;

	/** Due jobs waiting for room, when `urgency` picks among them. */
	let ready: Array<Entry<T>> = [];
	const start = clock.now();
	jobs.forEach(({ job, due }, index) => heap.push({ due: due ?? start, seq: seq++, index, job }));

	const kick = () => wake?.abort();
	const settle = (index: number, settled: Settled<T>) => {
		if (stopped || results[index]) return;
		results[index] = settled;
		pending--;
		options.onSettled?.(index, settled);
		if (settled.status === 'failed' && options.stopOnFailure) stopped = true;
	};

	const launch = (entry: Entry<T>, now: number) => {
		inFlight++;
		let step: Promise<Step<T>>;
		try {
			step = entry.job.step(now);
		} catch (error) {
			step = Promise.reject(error);
		}
		step.then(
			(result) => {
				const wasFull = inFlight >= maxInFlight;
				inFlight--;
				if ('done' in result) settle(entry.index, { status: 'done', value: result.done });
				else if (!stopped) heap.push({ ...entry, due: result.next, seq: seq++ });
				// Wake the loop only when this changes what it is waiting for.
				if (
					pending === 0 ||
					stopped ||
					wasFull ||
					('next' in result && result.next < sleepingUntil)
				)
					kick();
			},
			(error: unknown) => {
				inFlight--;
				settle(entry.index, { status: 'failed', error });
				kick();
			},
		);
	};

	signal?.addEventListener('abort', kick);
	try {
		while (pending > 0 && !stopped && !signal?.aborted) {
			const now = clock.now();
			let top = heap.peek();
			if (options.urgency) {
				const urgency = options.urgency;
				for (; top && top.due <= now; top = heap.peek()) ready.push(heap.pop() as Entry<T>);
				if (ready.length > maxInFlight - inFlight) {
					const rank = new Map(ready.map((e) => [e, urgency(e.index, now)]));
					ready.sort((a, b) => (rank.get(b) ?? 0) - (rank.get(a) ?? 0) || a.seq - b.seq);
				}
				const room = Math.max(0, maxInFlight - inFlight);
				const go = ready.slice(0, room);
				ready = ready.slice(room);
				for (const entry of go) launch(entry, now);
			}
			while (top && top.due <= now && inFlight < maxInFlight) {
				heap.pop();
				launch(top, now);
				top = heap.peek();
			}
			if (pending === 0 || stopped) break;
			// Nothing due, or no room: sleep until the earliest due job; a finishing step may wake us sooner.
			const until = top && inFlight < maxInFlight ? top.due : Infinity;
			wake = new AbortController();
			sleepingUntil = until;
			await nap(clock, until === Infinity ? Infinity : until - clock.now(), wake.signal);
			sleepingUntil = -Infinity;
			wake = undefined;
		}
	} finally {
		signal?.removeEventListener('abort', kick);
		stopped = true;
	}
	return results.map((r) => r ?? { status: 'stopped' });
}
