#!/usr/bin/env node
/**
 * `npm run sandbox`: a local OTPGet to dry-run workflows without spending money.
 * Flags win over env: --port/PORT (8765), --host/HOST (127.0.0.1), --otp-delay-ms/OTPGET_SANDBOX_OTP_DELAY_MS,
 * --early-cancel-ms/OTPGET_SANDBOX_EARLY_CANCEL_MS, --start-balance/OTPGET_SANDBOX_START_BALANCE,
 * --seed/OTPGET_SANDBOX_SEED, --json-errors, --http-error-status, --rental-http-status, --email-http-status,
 * --provider/OTPGET_SANDBOX_PROVIDER (otpget|otpx|instaotp|sastaotp), --otp-delay-ms-range 10000-60000,
 * --faults RATE [--fault-seed N] [--fault-kinds k1,k2] [--fault-action-rates getNumber:0.5] [--hang-ms] [--slow-ms] [--retry-after-s].
 */
import { DIALECTS } from '../protocol/providers';
import { parseActionRates, parseKinds, parseRange } from './handlers/control';
import {
	BLOCKED_KEY,
	EMPTY_KEY,
	INACTIVE_KEY,
	PROVIDER_IDS,
	TEST_KEY,
	startSandbox,
	type FaultConfig,
	type ProviderId,
	type SandboxOptions,
} from './server';

function parseArgs(argv: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) continue;
		const eq = arg.indexOf('=');
		if (eq > 0) out.set(arg.slice(2, eq), arg.slice(eq + 1));
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out.set(arg.slice(2), argv[++i]);
		else out.set(arg.slice(2), 'true');
	}
	return out;
}

function numberOption(args: Map<string, string>, flag: string, env: string): number | undefined {
	const raw = args.get(flag) ?? process.env[env];
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n)) throw new Error(`--${flag} / ${env} must be a number, got "${raw}"`);
	return n;
}

function boolOption(args: Map<string, string>, flag: string): boolean | undefined {
	const raw = args.get(flag);
	return raw === undefined ? undefined : raw !== 'false' && raw !== '0';
}

export function optionsFromCli(argv: readonly string[]): SandboxOptions {
	const args = parseArgs(argv);
	if (args.has('help')) {
		process.stdout.write(
			'Usage: node build/sandbox/cli.js [--port 8765] [--host 127.0.0.1] [--otp-delay-ms 15000] [--early-cancel-ms 120000]\n' +
				'       [--start-balance 5000] [--seed N] [--json-errors] [--http-error-status] [--rental-http-status] [--email-http-status]\n' +
				'       [--provider otpget|otpx|instaotp|sastaotp] [--otp-delay-ms-range 10000-60000]\n' +
				'       [--faults 0.2] [--fault-seed N] [--fault-kinds http502,reset-after,...|all] [--fault-action-rates getNumber:0.5,getStatus:0.1]\n' +
				'       [--hang-ms 65000] [--slow-ms 2000] [--retry-after-s 2]\n',
		);
		process.exit(0);
	}
	const provider = args.get('provider') ?? process.env.OTPGET_SANDBOX_PROVIDER;
	if (provider !== undefined && !PROVIDER_IDS.includes(provider as ProviderId)) {
		throw new Error(`--provider must be one of ${PROVIDER_IDS.join(', ')}, got "${provider}"`);
	}
	const range = args.get('otp-delay-ms-range');
	const faults: Partial<FaultConfig> = {};
	const rate = numberOption(args, 'faults', 'OTPGET_SANDBOX_FAULTS');
	if (rate !== undefined) {
		if (rate < 0 || rate > 1)
			throw new Error(`--faults must be a rate between 0 and 1, got ${rate}`);
		faults.rate = rate;
	}
	const faultSeed = numberOption(args, 'fault-seed', 'OTPGET_SANDBOX_FAULT_SEED');
	if (faultSeed !== undefined) faults.seed = faultSeed;
	if (args.has('fault-kinds')) faults.kinds = parseKinds(args.get('fault-kinds') ?? '');
	if (args.has('fault-action-rates'))
		faults.actionRates = parseActionRates(args.get('fault-action-rates') ?? '');
	const hang = numberOption(args, 'hang-ms', 'OTPGET_SANDBOX_HANG_MS');
	if (hang !== undefined) faults.hangMs = hang;
	const slow = numberOption(args, 'slow-ms', 'OTPGET_SANDBOX_SLOW_MS');
	if (slow !== undefined) faults.slowMs = slow;
	const retryAfter = numberOption(args, 'retry-after-s', 'OTPGET_SANDBOX_RETRY_AFTER_S');
	if (retryAfter !== undefined) faults.retryAfterS = retryAfter;
	const opts: SandboxOptions = {
		provider: provider as ProviderId | undefined,
		otpDelayMsRange: range !== undefined ? parseRange(range) : undefined,
		faults: Object.keys(faults).length > 0 ? faults : undefined,
		port: numberOption(args, 'port', 'PORT') ?? 8765,
		host: args.get('host') ?? process.env.HOST ?? '127.0.0.1',
		otpDelayMs: numberOption(args, 'otp-delay-ms', 'OTPGET_SANDBOX_OTP_DELAY_MS'),
		earlyCancelMs: numberOption(args, 'early-cancel-ms', 'OTPGET_SANDBOX_EARLY_CANCEL_MS'),
		startBalance: numberOption(args, 'start-balance', 'OTPGET_SANDBOX_START_BALANCE'),
		seed: numberOption(args, 'seed', 'OTPGET_SANDBOX_SEED'),
		jsonErrors: boolOption(args, 'json-errors'),
		httpErrorStatus: boolOption(args, 'http-error-status'),
		rentalHttpStatus: boolOption(args, 'rental-http-status'),
		emailHttpStatus: boolOption(args, 'email-http-status'),
	};
	// Drop undefined so startSandbox applies its defaults.
	return Object.fromEntries(
		Object.entries(opts).filter(([, v]) => v !== undefined),
	) as SandboxOptions;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(optionsFromCli(process.argv.slice(2)));
	const o = sandbox.options;
	const otpget = o.provider === 'otpget';
	const currency = DIALECTS[o.provider].currency;
	const delay = o.otpDelayMsRange
		? `${o.otpDelayMsRange[0]}-${o.otpDelayMsRange[1]} ms (seeded)`
		: `${o.otpDelayMs} ms`;
	const f = o.faults;
	const faultLine =
		f.rate > 0 || Object.keys(f.actionRates).length > 0
			? `  Faults ON: rate ${f.rate}${Object.keys(f.actionRates).length ? ` (per action ${JSON.stringify(f.actionRates)})` : ''}, seed ${f.seed}, kinds ${f.kinds.join(',')}.`
			: '  Faults off (--faults 0.2, or /__sandbox/faults?rate=0.2).';
	process.stdout.write(
		[
			`${otpget ? 'OTPGet' : o.provider} sandbox listening on ${sandbox.url}`,
			'',
			`  API key:                ${TEST_KEY}  (${o.startBalance.toFixed(2)} ${currency})`,
			`  API key, empty wallet:  ${EMPTY_KEY}  (0.00 ${currency})`,
			`  API key, blocked:       ${BLOCKED_KEY}`,
			`  API key, inactive:      ${INACTIVE_KEY}`,
			'',
			`  In the n8n credential set the base URL to ${sandbox.url} and the API key to ${TEST_KEY}.`,
			`  Try: curl "${sandbox.url}/handler_api.php?api_key=${TEST_KEY}&action=getBalance"`,
			'',
			`  Codes arrive ${delay} after purchase; cancel is allowed after ${o.earlyCancelMs} ms.`,
			otpget
				? `  Service 198 never receives an SMS (to try cancel + refund), service 199 is sold out (NO_NUMBERS).`
				: `  Services tg wa ig go am vk; "nosms" never receives an SMS, "soldout" is sold out; go and am are multi-SMS.`,
			faultLine,
			`  Control: ${sandbox.url}/__sandbox/ (state, advance?ms=, deliver?id=, fail-next, fault-next, faults, schedule, request-log, reset)`,
			'  Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the sandbox\n`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((e: unknown) => {
		process.stderr.write(
			`OTPGet sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
		);
		process.exit(1);
	});
}
