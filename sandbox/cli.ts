#!/usr/bin/env node
/**
 * `npm run sandbox`: a local OTPGet to dry-run workflows without spending money.
 * Flags win over env: --port/PORT (8765), --host/HOST (127.0.0.1), --otp-delay-ms/OTPGET_SANDBOX_OTP_DELAY_MS,
 * --early-cancel-ms/OTPGET_SANDBOX_EARLY_CANCEL_MS, --start-balance/OTPGET_SANDBOX_START_BALANCE,
 * --seed/OTPGET_SANDBOX_SEED, --json-errors, --http-error-status, --rental-http-status, --email-http-status.
 */
import { BLOCKED_KEY, EMPTY_KEY, TEST_KEY, startSandbox, type SandboxOptions } from './server';

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
				'       [--start-balance 5000] [--seed N] [--json-errors] [--http-error-status] [--rental-http-status] [--email-http-status]\n',
		);
		process.exit(0);
	}
	const opts: SandboxOptions = {
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
	return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as SandboxOptions;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(optionsFromCli(process.argv.slice(2)));
	const o = sandbox.options;
	process.stdout.write(
		[
			`OTPGet sandbox listening on ${sandbox.url}`,
			'',
			`  API key:                ${TEST_KEY}  (${o.startBalance.toFixed(2)} PKR)`,
			`  API key, empty wallet:  ${EMPTY_KEY}  (0.00 PKR)`,
			`  API key, blocked:       ${BLOCKED_KEY}`,
			'',
			`  In the n8n "OTPGet API" credential set the base URL to ${sandbox.url} and the API key to ${TEST_KEY}.`,
			`  Try: curl "${sandbox.url}/handler_api.php?api_key=${TEST_KEY}&action=getBalance"`,
			'',
			`  Codes arrive ${o.otpDelayMs} ms after purchase; cancel (status 8) is allowed after ${o.earlyCancelMs} ms.`,
			`  Service 198 never receives an SMS (to try cancel + refund), service 199 is sold out (NO_NUMBERS).`,
			`  Control: ${sandbox.url}/__sandbox/ (state, advance?ms=, deliver?id=, fail-next, reset, requests)`,
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
		process.stderr.write(`OTPGet sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	});
}
