/** A code's delay after purchase in ms, or null when it never comes; drawn from `u` (uniform in [0, 1)). */
export type Draw = (u: () => number) => number | null;

/**
 * Named delay distributions for benchmarks (/__sandbox/config?otp_delay_dist=NAME, and bench/sim.ts): the three
 * shapes the poll schedule is measured on.
 */
export const DISTRIBUTIONS: Readonly<Record<string, { label: string; draw: Draw }>> = {
	uniform: { label: 'uniform 10–60 s', draw: (u) => 10_000 + u() * 50_000 },
	fast: {
		label: 'fast: 85% in 5–20 s, 15% 20 s + exp(15 s)',
		draw: (u) => (u() < 0.85 ? 5000 + u() * 15_000 : 20_000 - 15_000 * Math.log(1 - u())),
	},
	longtail: {
		label: 'long tail: 75% 8 s + exp(15 s), 25% never',
		draw: (u) => (u() < 0.25 ? null : 8000 - 15_000 * Math.log(1 - u())),
	},
};
