#!/usr/bin/env node
// SVG plots of the interval sweep (npm run bench:n8n with OTPGET_BENCH_DIST): one per N and distribution, status
// checks per order across, detection delay up (median: solid, p95: dashed), one curve per variant (the loop, the
// node with the learned schedule after its warm-up, the node with the fixed interval); the warm-up run (the
// first execution, learning) is a separate marker. Plain SVG text, no dependencies.
//   node bench/n8n/plot.mjs results.json... [--out=bench/n8n/results]
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const outDir = (args.find((a) => a.startsWith('--out=')) ?? '--out=bench/n8n/results').slice(6);
const files = args.filter((a) => !a.startsWith('--'));

const SERIES = {
	loop: { label: 'loop (Get Status → IF → Wait)', color: '#d62728' },
	learned: { label: 'Wait for OTP, learned schedule', color: '#1f77b4' },
	fixed: { label: 'Wait for OTP, fixed interval', color: '#7f7f7f' },
	'warm-up': { label: 'Wait for OTP, first execution (learning)', color: '#2ca02c' },
};
const W = 640;
const H = 400;
const M = { left: 56, right: 16, top: 36, bottom: 96 };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const nice = (max) => {
	const step = 10 ** Math.floor(Math.log10(max || 1));
	return Math.ceil(max / step) * step;
};

function plot(dist, n, runs) {
	const ok = runs.filter((r) => r.detection && Number.isFinite(r.checksPerOrder));
	const xMax = nice(Math.max(...ok.map((r) => r.checksPerOrder)) * 1.05);
	const yMax = nice(Math.max(...ok.map((r) => r.detection.p95S)) * 1.05);
	const x = (v) => +(M.left + (v / xMax) * (W - M.left - M.right)).toFixed(1);
	const y = (v) => +(H - M.bottom - (v / yMax) * (H - M.top - M.bottom)).toFixed(1);
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
		`<rect width="${W}" height="${H}" fill="white"/>`,
		`<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${esc(`${dist}, N = ${n}: requests vs detection delay (median solid, p95 dashed)`)}</text>`,
	];
	for (let k = 0; k <= 5; k++) {
		const xv = (xMax * k) / 5;
		const yv = (yMax * k) / 5;
		parts.push(
			`<line x1="${x(xv)}" y1="${y(0)}" x2="${x(xv)}" y2="${y(yMax)}" stroke="#eee"/>`,
			`<text x="${x(xv)}" y="${y(0) + 14}" text-anchor="middle">${+xv.toFixed(2)}</text>`,
			`<line x1="${x(0)}" y1="${y(yv)}" x2="${x(xMax)}" y2="${y(yv)}" stroke="#eee"/>`,
			`<text x="${x(0) - 6}" y="${y(yv) + 4}" text-anchor="end">${+yv.toFixed(1)}</text>`,
		);
	}
	parts.push(
		`<line x1="${x(0)}" y1="${y(0)}" x2="${x(xMax)}" y2="${y(0)}" stroke="black"/>`,
		`<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(yMax)}" stroke="black"/>`,
		`<text x="${(x(0) + x(xMax)) / 2}" y="${y(0) + 30}" text-anchor="middle">status checks per order</text>`,
		`<text x="14" y="${(y(0) + y(yMax)) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(y(0) + y(yMax)) / 2})">detection delay, s</text>`,
	);
	let legend = 0;
	for (const [phase, { label, color }] of Object.entries(SERIES)) {
		const pts = ok
			.filter((r) => r.phase === phase)
			.sort((a, b) => a.checksPerOrder - b.checksPerOrder);
		if (pts.length === 0) continue;
		for (const [key, dash] of [
			['medianS', ''],
			['p95S', ' stroke-dasharray="5 3"'],
		]) {
			const d = pts.map(
				(r) => `${x(r.checksPerOrder).toFixed(1)},${y(r.detection[key]).toFixed(1)}`,
			);
			if (pts.length > 1)
				parts.push(
					`<polyline points="${d.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
				);
			for (const r of pts) {
				const cx = x(r.checksPerOrder).toFixed(1);
				const cy = y(r.detection[key]).toFixed(1);
				parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
				if (key === 'medianS' && r.interval)
					parts.push(
						`<text x="${cx}" y="${Number(cy) - 6}" text-anchor="middle" fill="${color}">${r.interval} s</text>`,
					);
			}
		}
		const ly = H - M.bottom + 48 + 14 * Math.floor(legend / 2);
		const lx = M.left + (legend % 2) * 290;
		parts.push(
			`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 20}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
			`<text x="${lx + 26}" y="${ly}">${esc(label)}</text>`,
		);
		legend++;
	}
	parts.push('</svg>');
	return parts.join('\n');
}

const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const NAMES = {
	'warm-up': 'node, warm-up (learning)',
	learned: 'node, learned',
	fixed: 'node, fixed',
	loop: 'loop',
};

/** Markdown rows, and whether every loop point has a learned point with no more checks and no higher median and p95. */
function table(dist, n, runs) {
	const rows = runs.map(
		(r) =>
			`| ${dist} | ${n} | ${NAMES[r.phase] ?? r.phase} | ${r.interval ?? '-'} | ${r.requests?.getStatus ?? '-'} | ${f1(r.detection?.medianS)} / ${f1(r.detection?.p95S)} | ${r.problems?.length ? r.problems.join('; ') : 'ok'} |`,
	);
	const checks = (r) => r.requests?.getStatus ?? Infinity;
	const learned = runs.filter((r) => r.phase === 'learned' && r.detection);
	const verdicts = runs
		.filter((r) => r.phase === 'loop' && r.detection)
		.map((loop) => {
			const by = learned.find(
				(p) =>
					checks(p) <= checks(loop) &&
					p.detection.medianS <= loop.detection.medianS &&
					p.detection.p95S <= loop.detection.p95S,
			);
			return `${dist}, N = ${n}, loop ${loop.interval} s: ${by ? `dominated by the node at ${by.interval} s` : 'NOT dominated'}`;
		});
	const node5 = learned.find((r) => r.interval === 5);
	const loop5 = runs.find((r) => r.phase === 'loop' && r.interval === 5 && r.detection);
	if (node5 && loop5)
		verdicts.push(
			`${dist}, N = ${n}, defaults: node ${checks(node5)} vs loop ${checks(loop5)} checks, p95 ${f1(node5.detection.p95S)} vs ${f1(loop5.detection.p95S)} s: ${checks(node5) < checks(loop5) && node5.detection.p95S < loop5.detection.p95S ? 'yes' : 'NO'}`,
		);
	return { rows, verdicts };
}

const rows = [];
const verdicts = [];
for (const file of files) {
	const data = JSON.parse(readFileSync(file, 'utf8'));
	const dist = data.dist || basename(file, '.json');
	const byN = new Map();
	for (const r of data.results) byN.set(r.n, [...(byN.get(r.n) ?? []), r]);
	for (const [n, runs] of byN) {
		const out = join(outDir, `${dist}-n${n}.svg`);
		writeFileSync(out, `${plot(dist, n, runs)}\n`);
		console.log(`[plot] ${out}`);
		const t = table(dist, n, runs);
		rows.push(...t.rows);
		verdicts.push(...t.verdicts);
	}
}
console.log(
	'\n| distribution | N | variant | interval s | getStatus | detection median / p95 s | problems |',
);
console.log('|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`\n${verdicts.join('\n')}`);
