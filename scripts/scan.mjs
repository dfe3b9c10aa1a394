// npm run scan: n8n's verification scan (@n8n/scan-community-package) run locally, without the registry.
//
// Verification lints two trees with the scanner's own config (allowInlineConfig: false, no eslint.config.mjs):
// the provenance-attested source checkout with SOURCE_FILE_PATTERNS, and the published tarball with
// ['**/*.js', 'package.json'] (analyzePackageByName in scanner.mjs). Here the source is this checkout and the
// tarball is `npm pack` of a fresh build. analyzePackage gives the verdict but hides warnings while there
// is no error, so each tree is linted once more with the scanner's buildScanConfig to list every finding.
// Exit code 1 on any error or warning in either tree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
// The ESLint and glob the scanner itself resolves, so both passes see the same files and rules.
const fromScanner = createRequire(scannerPath);
// The scanner makes a temp dir on import (for registry downloads); remove it on exit.
fromScanner('tmp').setGracefulCleanup();
const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
	pathToFileURL(scannerPath).href
);
const { ESLint } = await import(pathToFileURL(fromScanner.resolve('eslint')).href);
const glob = fromScanner('fast-glob');

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function run(command, args, cwd) {
	const result = spawnSync(command, args, {
		cwd,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
	return result.stdout;
}

// .npmrc sets ignore-scripts, so `npm pack` skips prepack: build explicitly, as the publish workflow does.
function packTarball(workDir) {
	run('npm', ['run', '--silent', 'build'], root);
	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workDir], root));
	const dir = path.join(workDir, 'package');
	fs.mkdirSync(dir);
	run(
		'tar',
		['-xzf', path.join(workDir, packed[0].filename), '-C', dir, '--strip-components=1'],
		workDir,
	);
	return dir;
}

async function findings(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const count = (key) => results.reduce((sum, r) => sum + r[key], 0);
	return {
		results,
		files: files.length,
		errors: count('errorCount'),
		warnings: count('warningCount'),
		eslint,
	};
}

async function scanLeg(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const found = await findings(dir, patterns);
	const text = (await (await found.eslint.loadFormatter('stylish')).format(found.results)).trim();
	console.log(
		`\n== ${label} ${JSON.stringify(patterns)} — ${found.files} files, ${found.errors} errors, ${found.warnings} warnings`,
	);
	console.log(`   analyzePackage: ${verdict.passed ? 'passed' : `FAILED (${verdict.message})`}`);
	if (text) console.log(text);
	// A crash inside analyzePackage has no lint findings to show; its message is all there is.
	if (!verdict.passed && !found.errors && verdict.details) console.log(verdict.details);
	return !verdict.passed || found.errors > 0 || found.warnings > 0;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otpget-scan-'));
let failed = false;
try {
	failed = (await scanLeg('source (this checkout)', root, SOURCE_FILE_PATTERNS)) || failed;
	failed =
		(await scanLeg('tarball (npm pack)', packTarball(workDir), TARBALL_FILE_PATTERNS)) || failed;
} catch (error) {
	console.error(`scan could not run: ${error instanceof Error ? error.message : String(error)}`);
	failed = true;
} finally {
	fs.rmSync(workDir, { recursive: true, force: true });
}
console.log(
	failed
		? '\n❌ scan: findings above would fail n8n verification'
		: '\n✅ scan: passes n8n verification lint',
);
process.exitCode = failed ? 1 : 0;
