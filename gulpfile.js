const path = require('path');
const { task, src, dest } = require('gulp');

// n8n loads icons and codex files (<Node>.node.json) from dist/, next to the compiled node files.
task('build:icons', () => {
	const nodeIcons = src('nodes/**/*.{png,svg,json}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	return nodeIcons.on('end', () =>
		src('{credentials,icons}/**/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist'))),
	);
});
