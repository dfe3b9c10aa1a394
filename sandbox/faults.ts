import { Rng } from './rng';
import { FAULT_KINDS, type ApiName, type FaultConfig, type FaultKind, type Reply } from './types';

/**
 * Fault injection: decides which API requests fail and how, deterministically for a seed, and counts what it did.
 * The server applies the kinds that need the socket (resets, hang, slow); fault() builds the others' answers.
 */

export function defaultFaultConfig(seed: number): FaultConfig {
	return {
		rate: 0,
		seed,
		kinds: [...FAULT_KINDS],
		actionRates: {},
		hangMs: 65_000,
		slowMs: 2_000,
		retryAfterS: 2,
	};
}

export function isFaultKind(v: string): v is FaultKind {
	return (FAULT_KINDS as readonly string[]).includes(v);
}

/** Kinds whose request is never processed: nothing is bought, nothing changes. */
export const UNPROCESSED: ReadonlySet<FaultKind> = new Set<FaultKind>([
	'http500',
	'http502',
	'http503',
	'http500-html',
	'http502-html',
	'http503-html',
	'http429',
	'http429-date',
	'echo-key-json',
	'reset-before',
]);

export interface InjectedFault {
	/** RecordedRequest.seq of the request. */
	seq: number;
	at: number;
	realAt: number;
	api: ApiName;
	action: string;
	kind: FaultKind;
}

function zeroCounts(): Record<FaultKind, number> {
	return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

export class FaultInjector {
	counts = zeroCounts();
	readonly injected: InjectedFault[] = [];
	private rng: Rng;
	private rngSeed: number;
	private readonly scripted = new Map<string, FaultKind[]>();

	constructor(private readonly config: FaultConfig) {
		this.rngSeed = config.seed;
		this.rng = new Rng(config.seed);
	}

	/** Applies a partial config; a new seed restarts the dice. */
	configure(patch: Partial<FaultConfig>): void {
		Object.assign(this.config, patch);
		if (this.config.seed !== this.rngSeed) this.restartDice();
	}

	/** Random faults off (scripted ones stay queued). */
	clear(): void {
		this.config.rate = 0;
		this.config.actionRates = {};
	}

	/** The next call of api+action (action '*' = any) gets this fault. Queued FIFO, before any random fault. */
	faultNext(api: ApiName, action: string, kind: FaultKind): void {
		const k = `${api}:${action}`;
		this.scripted.set(k, [...(this.scripted.get(k) ?? []), kind]);
	}

	/** Decides (and counts) the fault of one API request, if any. */
	take(seq: number, at: number, api: ApiName, action: string): FaultKind | undefined {
		const kind = this.takeScripted(api, action) ?? this.roll(api, action);
		if (kind) {
			this.counts[kind]++;
			this.injected.push({ seq, at, realAt: Date.now(), api, action, kind });
		}
		return kind;
	}

	private takeScripted(api: ApiName, action: string): FaultKind | undefined {
		for (const k of [`${api}:${action}`, `${api}:*`]) {
			const list = this.scripted.get(k);
			if (list && list.length > 0) return list.shift();
		}
		return undefined;
	}

	private rateOf(api: ApiName, action: string): number {
		const r = this.config.actionRates;
		return r[`${api}:${action}`] ?? r[action] ?? this.config.rate;
	}

	private roll(api: ApiName, action: string): FaultKind | undefined {
		const rate = this.rateOf(api, action);
		const kinds = this.config.kinds;
		if (!(rate > 0) || kinds.length === 0) return undefined;
		// Always two draws per eligible request, so a request's fault depends only on the requests before it.
		const hit = this.rng.next();
		const pick = this.rng.int(kinds.length);
		return hit < rate ? kinds[pick] : undefined;
	}

	private restartDice(): void {
		this.rngSeed = this.config.seed;
		this.rng = new Rng(this.config.seed);
	}

	/** Counts, log, scripted faults and dice back to the start; the config stays. */
	reset(): void {
		this.counts = zeroCounts();
		this.injected.length = 0;
		this.scripted.clear();
		this.restartDice();
	}

	report(): {
		config: FaultConfig;
		counts: Record<FaultKind, number>;
		total: number;
		injected: InjectedFault[];
	} {
		const total = Object.values(this.counts).reduce((a, b) => a + b, 0);
		return {
			config: {
				...this.config,
				kinds: [...this.config.kinds],
				actionRates: { ...this.config.actionRates },
			},
			counts: { ...this.counts },
			total,
			injected: [...this.injected],
		};
	}
}

const STATUS_TEXT: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

/** nginx's own error page, CRLF and all. */
function htmlPage(status: number): string {
	const title = `${status} ${STATUS_TEXT[status]}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export const PHP_WARNING =
	'<br />\n<b>Warning</b>:  Undefined array key "operator" in <b>/var/www/html/stubs/handler_api.php</b> on line <b>42</b><br />\n';

/** A string as PHP's json_encode writes it by default: `/` as `\/`, every non-ASCII UTF-16 unit as `\uxxxx`. */
export function phpJsonString(text: string): string {
	return JSON.stringify(text)
		.replace(/\//g, '\\/')
		.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What the request carried: the key it sent (query or header) and its place in the request log. */
export interface FaultRequest {
	key?: string;
	seq?: number;
}

/**
 * The answer a fault sends instead of (or made from) the real one. `real` is the processed answer, or null for
 * the unprocessed kinds. Socket-level kinds (resets, hang, slow) return `real` unchanged; the server acts on them.
 */
export function faultReply(
	kind: FaultKind,
	real: Reply | null,
	cfg: FaultConfig,
	request: FaultRequest = {},
): Reply | null {
	const plain = 'text/html; charset=UTF-8';
	switch (kind) {
		case 'http500':
		case 'http502':
		case 'http503':
			// "Without an HTML body": an empty one.
			return { status: Number(kind.slice(4)), body: '', contentType: plain };
		case 'http500-html':
		case 'http502-html':
		case 'http503-html': {
			const status = Number(kind.slice(4, 7));
			return { status, body: htmlPage(status), contentType: plain };
		}
		case 'http429':
			return {
				status: 429,
				body: 'Too Many Requests',
				contentType: plain,
				headers: { 'Retry-After': String(cfg.retryAfterS) },
			};
		case 'http429-date':
			return {
				status: 429,
				body: 'Too Many Requests',
				contentType: plain,
				headers: { 'Retry-After': new Date(Date.now() + cfg.retryAfterS * 1000).toUTCString() },
			};
		case 'echo-key-json':
			// SastaOTP's and OTPGet's PHP servers quote what they received; which status varies by request.
			return {
				status: [200, 403, 500][(request.seq ?? 0) % 3],
				body: `{"status":"error","message":"Account blocked or inactive: API key ${phpJsonString(request.key ?? '').slice(1, -1)} is blocked"}`,
				contentType: 'application/json',
			};
		case 'empty':
			return real && { ...real, body: '' };
		case 'truncated':
			// Half the answer, as a complete HTTP message: the parser, not the transport, must notice.
			return (
				real && { ...real, body: real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2))) }
			);
		case 'php-warning':
			return real && { ...real, body: PHP_WARNING + real.body };
		default:
			return real;
	}
}
