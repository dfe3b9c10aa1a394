import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	files: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
};

/** dist/x/y.js is compiled from x/y.ts (tsconfig rootDir is the repo root). */
const sourceOf = (distPath: string) =>
	join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('package.json as n8n reads it', () => {
	it('is a community node package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-otpget');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toHaveProperty('n8n-workflow');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it.each([...pkg.n8n.nodes, ...pkg.n8n.credentials])(
		'%s is built from a source file in the package',
		(distPath) => {
			expect(distPath.startsWith('dist/')).toBe(true);
			expect(existsSync(sourceOf(distPath))).toBe(true);
		},
	);

	it.each(pkg.n8n.nodes)('%s has a codex file and the node type named in it', (distPath) => {
		const codexPath = sourceOf(distPath).replace(/\.ts$/, '.json');
		const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as { node: string };
		expect(codex.node.startsWith(`${pkg.name}.`)).toBe(true);
	});

	it.each(pkg.n8n.nodes)(
		"%s: every version's icon resolves relative to the main node file, as n8n does",
		(distPath) => {
			const source = sourceOf(distPath);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(source) as Record<string, new () => INodeType | IVersionedNodeType>;
			const instance = new (Object.values(exported)[0])();
			const descriptions =
				'nodeVersions' in instance
					? Object.values(instance.nodeVersions).map((v) => v.description)
					: [instance.description];
			for (const description of descriptions) {
				const icon = description.icon as { light: string; dark: string } | string | undefined;
				const files = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
				expect(files.length).toBeGreaterThan(0);
				for (const file of files)
					expect(existsSync(join(dirname(source), file.replace(/^file:/, '')))).toBe(true);
			}
		},
	);

	it('lists every node file that exists', () => {
		const nodes = readdirSync(join(root, 'nodes'), { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.flatMap((d) =>
				readdirSync(join(root, 'nodes', d.name))
					.filter((f) => f.endsWith('.node.ts'))
					.map((f) => `dist/nodes/${d.name}/${f.replace(/\.ts$/, '.js')}`),
			);
		expect(nodes.sort()).toEqual([...pkg.n8n.nodes].sort());
	});
});
