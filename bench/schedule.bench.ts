/**
 * Poll schedules on virtual time (part of npm run bench): N orders whose codes come after a delay drawn from
 * each of three distributions, all checked through one rate gate (cap 10/s, round trip 50 ms). Compares the
 * loop users build (Get Status → Wait → again), the node with the fixed interval (before) and the node with the
 * learned schedule (after: a first run learns, the measured run uses it), with the physical bound (bench/bound.ts)
 * at the mean delay each achieved. Prints one table per distribution and whether every loop point is dominated.
 *
 * Options: --n=10,50,200  --intervals=2.5,5,7.5,10  --loop-intervals=2.5,5,10  --cap=10  --timeout-s=120
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
const INTERVALS = list('intervals', '2.5,5,7.5,10');
const LOOP_INTERVALS = list('loop-intervals', '2.5,5,10');
const CAP = Number(args.cap ?? 10);
const TIMEOUT_MS = Number(args['timeout-s'] ?? 120) * 1000;
const WARM_SEED = 99;
const SEED = 7;

export interface Point {
	variant: 'loop' | 'fixed' | 'learned';
	intervalS: number;
	perOrder: number;
	medianS: number;
	p95S: number;
	meanS: number;
	boundPerOrder: number;
	seen: number;
	arrived: number;
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

/** Every loop point has a learned point with no more requests and no higher median and p95. */
export function dominated(points: Point[]): string[] {
	const learned = points.filter((p) => p.variant === 'learned');
	return points
		.filter((p) => p.variant === 'loop')
		.map((loop) => {
			const by = learned.find(
				(p) => p.perOrder <= loop.perOrder && p.medianS <= loop.medianS && p.p95S <= loop.p95S,
			);
			return by
				? `loop ${loop.intervalS} s: dominated by learned ${by.intervalS} s`
				: `loop ${loop.intervalS} s: NOT dominated`;
		});
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

async function main(): Promise<void> {
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
			for (const s of LOOP_INTERVALS)
				points.push(
					point('loop', s, await simulateLoop({ ...base, intervalMs: s * 1000 }), curve.checksAt),
				);
			for (const s of INTERVALS) {
				const o = { ...base, intervalMs: s * 1000 };
				points.push(point('fixed', s, await simulateNode(o, 'fixed'), curve.checksAt));
				// Warm-up: a first run (other arrivals, same distribution) learns; the measured run uses it.
				const model = new ArrivalModel();
				await simulateNode({ ...o, seed: WARM_SEED + n }, 'learned', model);
				points.push(point('learned', s, await simulateNode(o, 'learned', model), curve.checksAt));
			}
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
	console.log(`Total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module)
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
