/**
 * The physical bound of a schedule (bench/schedule.bench.ts, README "Poll schedule").
 *
 * Orders are independent and their codes' delays A are drawn from the same distribution (a share may never
 * come), so a schedule gains nothing from other orders' answers: for one order it is a sequence of check times
 * t1 < t2 < … < tK = T (T the timeout: a code that comes in time must be seen by then), each check sent only while
 * no earlier one saw the code. For a sequence,
 *   checks C = Σk P(A > t(k-1))   (P(A > t0) = 1: the first check is always sent; "never" counts as > T)
 *   delay  D = E[t(first k with tk ≥ A) − A | A ≤ T]
 * The bound at a delay D is the fewest expected checks per order of ANY such sequence with mean delay ≤ D, given
 * the true distribution: B(D) = min{C : D(sequence) ≤ D}. It is computed exactly on a grid of `stepMs` check times
 * by Lagrangian duality: B(D) ≥ max over λ of (min over sequences of C + λ·D·P(A ≤ T)) − λ·D·P(A ≤ T), the inner
 * minimum by dynamic programming over the previous check. The grid costs a real schedule at most stepMs/2 of
 * delay; cap and round trip are not part of the bound (they only make real schedules worse).
 */
import { random, type Draw } from './sim';

export interface BoundCurve {
	/** The fewest checks per order for a mean delay of `meanDelayMs` (over the codes that came). */
	checksAt(meanDelayMs: number): number;
}

export function boundCurve(
	draw: Draw,
	timeoutMs: number,
	{ samples = 20_000, stepMs = 100, seed = 12_345 } = {},
): BoundCurve {
	const m = Math.ceil(timeoutMs / stepMs);
	const grid = Array.from({ length: m + 1 }, (_, j) => j * stepMs);
	// F[j] = P(A ≤ grid[j]); M1[j] = E[A; A ≤ grid[j]] (empirical, from many draws).
	const mass = new Array<number>(m + 1).fill(0);
	const moment = new Array<number>(m + 1).fill(0);
	const u = random(seed);
	for (let s = 0; s < samples; s++) {
		const a = draw(u);
		if (a === null || a > timeoutMs) continue;
		const j = Math.max(0, Math.ceil(a / stepMs));
		mass[j] += 1 / samples;
		moment[j] += a / samples;
	}
	const F = new Array<number>(m + 1);
	const M1 = new Array<number>(m + 1);
	for (let j = 0, f = 0, mm = 0; j <= m; j++) {
		f += mass[j];
		mm += moment[j];
		F[j] = f;
		M1[j] = mm;
	}
	const arrive = F[m];
	// Delay cost of the codes coming in (grid[i], grid[j]], found by a check at grid[j].
	const cost = (i: number, j: number) =>
		i < 0 ? grid[j] * F[j] - M1[j] : grid[j] * (F[j] - F[i]) - (M1[j] - M1[i]);
	const value = (lambda: number): number => {
		const V = new Array<number>(m + 1);
		for (let j = 0; j <= m; j++) {
			let best = 1 + lambda * cost(-1, j);
			for (let i = 0; i < j; i++) {
				const v = V[i] + (1 - F[i]) + lambda * cost(i, j);
				if (v < best) best = v;
			}
			V[j] = best;
		}
		return V[m];
	};
	const lambdas = Array.from({ length: 48 }, (_, k) => 1e-5 * 10 ** (k / 12));
	const values = lambdas.map((l) => [l, value(l)] as const);
	return {
		checksAt(meanDelayMs: number): number {
			const d = meanDelayMs * arrive;
			return Math.max(1, ...values.map(([l, v]) => v - l * d));
		},
	};
}
