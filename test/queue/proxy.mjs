#!/usr/bin/env node
// A counting proxy in front of the OTPGet sandbox: forwards every request unchanged and records when it came,
// which API file and `action` it named, and (for the plain-text SMS API) the order id, the status parameter
// and the first bytes of the answer. The queue test and the n8n benchmark read that log to measure requests
// per second and per order without relying on the sandbox's own bookkeeping.
//
//   node test/queue/proxy.mjs --port 0 --target http://127.0.0.1:8765
//
// Prints "proxy listening on http://127.0.0.1:<port>" once ready. Own endpoints:
//   GET /__proxy/log    {"count", "requests": [{ t, ms, api, action, id, status, answer }]}  (t = epoch ms at arrival)
//   GET /__proxy/reset  clears the log
// The api_key is never recorded nor printed.
import http from 'node:http';

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const target = new URL(arg('target', 'http://127.0.0.1:8765'));
const port = Number(arg('port', '0'));
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let log = [];

// The answers worth keeping are short plain text (ACCESS_NUMBER:<id>:<phone>, STATUS_OK:<code>, ACCESS_FINISH).
const KEEP_ANSWER = new Set(['getNumber', 'getStatus', 'setStatus']);

function fields(path, query, body) {
	const params = new URLSearchParams(query);
	if (body && !params.has('action')) {
		try {
			for (const [k, v] of new URLSearchParams(body)) if (!params.has(k)) params.set(k, v);
		} catch {
			// not a form body
		}
	}
	const api = path.split('/').filter(Boolean).pop() ?? '';
	return {
		api,
		action: params.get('action') ?? '',
		id: params.get('id') ?? params.get('order_id') ?? params.get('orderId') ?? undefined,
		status: params.get('status') ?? undefined,
	};
}

const server = http.createServer((req, res) => {
	const t = Date.now();
	const url = new URL(req.url ?? '/', 'http://proxy');
	if (url.pathname === '/__proxy/log') {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ count: log.length, requests: log }));
		return;
	}
	if (url.pathname === '/__proxy/reset') {
		log = [];
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"ok":true}');
		return;
	}
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		const control = url.pathname.includes('/__sandbox');
		const entry = control
			? undefined
			: { t, ...fields(url.pathname, url.search, body.length ? body.toString('utf8') : '') };
		if (entry) log.push(entry);
		const headers = { ...req.headers, host: target.host };
		const up = http.request(
			{
				agent,
				hostname: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers,
			},
			(upRes) => {
				const out = [];
				upRes.on('data', (c) => out.push(c));
				upRes.on('end', () => {
					const answer = Buffer.concat(out);
					if (entry) {
						entry.ms = Date.now() - t;
						entry.http = upRes.statusCode;
						if (KEEP_ANSWER.has(entry.action) && entry.api === 'handler_api.php')
							entry.answer = answer.toString('utf8', 0, 80);
					}
					const h = { ...upRes.headers };
					delete h['transfer-encoding'];
					h['content-length'] = String(answer.length);
					res.writeHead(upRes.statusCode ?? 502, h);
					res.end(answer);
				});
			},
		);
		up.on('error', (e) => {
			if (entry) entry.error = e.code ?? 'proxy error';
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end('proxy: sandbox unreachable');
		});
		up.end(body);
	});
});

server.listen(port, '127.0.0.1', () => {
	process.stdout.write(
		`proxy listening on http://127.0.0.1:${server.address().port} -> ${target.origin}\n`,
	);
});
const stop = () => {
	server.close(() => process.exit(0));
	// n8n keeps its sockets alive: close them, or close() would wait for n8n.
	server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
