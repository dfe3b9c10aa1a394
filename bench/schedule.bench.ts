/**
 * Poll schedules on virtual time (part of npm run bench): N orders whose codes come after a delay drawn from
 * each of three distributions, all checked through one rate gate (cap 10/s, round trip 50 ms). Compares the
 * loop users build (Get Status → Wait → again), the node with the fixed interval (before) and the node with the
 * learned schedule (after: a first run learns, the measured run uses it), with the physical bound (bench/bound.ts)
 * at the mean delay each achieved. Prints one table per distribution and whether every loop point is dominated.
 *
 * Options: --n=10,50,200  --intervals=2.5,5,7.5,10,15,20  --loop-intervals=2.5,5,10  --cap=10  --timeout-s=120
 * --repeat-orders=500 (each point pools runs of N orders until it has this many)
 */
import { ArrivalModel } from '../protocol/poll/arrivals';
import { boundCurve } from './bound';
import {
	DISTRIBUTIONS,
	mean,
	quantile,
	simulateLoop,
	simulateNode,
	type SimOptions,
	type SimResult,
} from './sim';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	}),
);
const list = (name: string, fallback: string) =>
	String(args[name] ?? fallback)
		.split(',')
		.map(Number);
const SIZES = list('n', '10,50,200');
const INTERVALS = list('intervals', '2.5,5,7.5,10,15,20');
const LOOP_INTERVALS = list('loop-intervals', '2.5,5,10');
const CAP = Number(args.cap ?? 10);
const TIMEOUT_MS = Number(args['timeout-s'] ?? 120) * 1000;
const WARM_SEED = 99;
const SEED = 7;
/** Orders per point at least, over several runs. */
const REPEAT_ORDERS = Number(args['repeat-orders'] ?? 500);
const defaults: string[] = [];

export interface Point {
	variant: 'loop' | 'fixed' | 'learned' | 'sparseTail';
	intervalS: number;
	perOrder: number;
	medianS: number;
	p95S: number;
	meanS: number;
	boundPerOrder: number;
	seen: number;
	arrived: number;
}

/** Runs of the same point, pooled: orders of every run, requests of every run. */
function pool(runs: SimResult[]): SimResult {
	return {
		requests: runs.reduce((s, r) => s + r.requests, 0),
		delays: runs.flatMap((r) => r.delays),
		checks: runs.flatMap((r) => r.checks),
		arrivals: runs.flatMap((r) => r.arrivals),
		endMs: Math.max(...runs.map((r) => r.endMs)),
	};
}

function point(
	variant: Point['variant'],
	intervalS: number,
	r: SimResult,
	bound: (meanMs: number) => number,
): Point {
	const n = r.arrivals.length;
	const meanMs = mean(r.delays);
	return {
		variant,
		intervalS,
		perOrder: r.requests / n,
		medianS: quantile(r.delays, 0.5) / 1000,
		p95S: quantile(r.delays, 0.95) / 1000,
		meanS: meanMs / 1000,
		boundPerOrder: bound(meanMs),
		seen: r.delays.filter(Number.isFinite).length,
		arrived: r.arrivals.filter((a) => a !== null).length,
	};
}

/** Every loop point has a learned point (either learned option) with no more requests and no higher median and p95. */
export function dominated(points: Point[]): string[] {
	const learned = points.filter((p) => p.variant === 'learned' || p.variant === 'sparseTail');
	return points
		.filter((p) => p.variant === 'loop')
		.map((loop) => {
			const by = learned.find(
				(p) => p.perOrder <= loop.perOrder && p.medianS <= loop.medianS && p.p95S <= loop.p95S,
			);
			return by
				? `loop ${loop.intervalS} s: dominated by ${by.variant} ${by.intervalS} s`
				: `loop ${loop.intervalS} s: NOT dominated`;
		});
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

export async function scheduleBench(): Promise<void> {
	const started = Date.now();
	console.log(
		`Poll schedules on virtual time: cap ${CAP}/s, round trip 50 ms, timeout ${TIMEOUT_MS / 1000} s; requests are status checks.`,
	);
	console.log(
		'bound = fewest checks per order of any schedule with the same mean delay, knowing the true distribution (bench/bound.ts)\n',
	);
	for (const dist of Object.values(DISTRIBUTIONS)) {
		const curve = boundCurve(dist.draw, TIMEOUT_MS);
		for (const n of SIZES) {
			const base: Omit<SimOptions, 'intervalMs'> = {
				n,
				cap: CAP,
				draw: dist.draw,
				seed: SEED + n,
				timeoutMs: TIMEOUT_MS,
			};
			const points: Point[] = [];
			// Several runs per point (other arrivals each): small N is noisy. Learned runs go on learning.
			const reps = Math.max(2, Math.ceil(REPEAT_ORDERS / n));
			const seeds = Array.from({ length: reps }, (_, k) => SEED + n + 1000 * k);
			const many = async (run: (seed: number) => Promise<SimResult>) => {
				const out: SimResult[] = [];
				for (const seed of seeds) out.push(await run(seed));
				return pool(out);
			};
			for (const s of LOOP_INTERVALS) {
				const r = await many((seed) => simulateLoop({ ...base, seed, intervalMs: s * 1000 }));
				points.push(point('loop', s, r, curve.checksAt));
			}
			for (const s of INTERVALS) {
				const o = { ...base, intervalMs: s * 1000 };
				const fixed = await many((seed) => simulateNode({ ...o, seed }, 'fixed'));
				points.push(point('fixed', s, fixed, curve.checksAt));
				for (const mode of ['learned', 'sparseTail'] as const) {
					// Warm-up: a first run (other arrivals, same distribution) learns; the measured runs use it.
					const model = new ArrivalModel();
					await simulateNode({ ...o, seed: WARM_SEED + n }, mode, model);
					const r = await many((seed) => simulateNode({ ...o, seed }, mode, model));
					points.push(point(mode, s, r, curve.checksAt));
				}
			}
			const loop5 = points.find((p) => p.variant === 'loop' && p.intervalS === 5);
			const node5 = points.find((p) => p.variant === 'learned' && p.intervalS === 5);
			if (loop5 && node5)
				defaults.push(
					`${dist.label}, N = ${n}: node ${f(node5.perOrder, 2)} vs loop ${f(loop5.perOrder, 2)} checks/order, p95 ${f(node5.p95S)} vs ${f(loop5.p95S)} s: ${node5.perOrder < loop5.perOrder && node5.p95S < loop5.p95S ? 'yes' : 'NO'}`,
				);
			console.log(`${dist.label}, N = ${n}`);
			console.log(
				'| variant | interval s | checks/order | median s | p95 s | mean s | bound checks/order | seen |',
			);
			console.log('|---|---|---|---|---|---|---|---|');
			for (const p of points)
				console.log(
					`| ${p.variant} | ${p.intervalS} | ${f(p.perOrder, 2)} | ${f(p.medianS)} | ${f(p.p95S)} | ${f(p.meanS)} | ${f(p.boundPerOrder, 2)} | ${p.seen}/${p.arrived} |`,
				);
			console.log(
				dominated(points)
					.map((line) => `  ${line}`)
					.join('\n'),
			);
			console.log('');
		}
	}
	console.log('Defaults (node: learned, 5 s; loop: Wait 5 s): fewer requests and a lower p95?');
	console.log(defaults.map((line) => `  ${line}`).join('\n'));
	console.log(`Total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module)
	scheduleBench().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
