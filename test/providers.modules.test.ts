import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { InstaOtpApi } from '../credentials/InstaOtpApi.credentials';
import { OtpGetApi } from '../credentials/OtpGetApi.credentials';
import { OtpxApi } from '../credentials/OtpxApi.credentials';
import { SastaOtpApi } from '../credentials/SastaOtpApi.credentials';
import { DIALECTS, PROVIDER_IDS } from '../protocol/providers';
import { CREDENTIAL_TYPES } from '../nodes/shared/provider';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { credentials: string[] };
};

/** The credential classes, each in the file named after it (n8n needs one class per file). */
const CLASSES = [OtpGetApi, OtpxApi, InstaOtpApi, SastaOtpApi];
const credentials = CLASSES.map((C) => new C());

describe('the provider modules are the one source of each provider', () => {
	it("package.json lists exactly one credential per module, named by the module's credential type", () => {
		expect([...pkg.n8n.credentials].sort()).toEqual(
			CLASSES.map((C) => `dist/credentials/${C.name}.credentials.js`).sort(),
		);
		expect(credentials.map((c) => c.name).sort()).toEqual(
			PROVIDER_IDS.map((p) => DIALECTS[p].credentialType).sort(),
		);
		for (const p of PROVIDER_IDS) expect(CREDENTIAL_TYPES[p]).toBe(DIALECTS[p].credentialType);
	});

	it.each(PROVIDER_IDS)("%s: the credential's Base URL default is the module's", (p) => {
		const d = DIALECTS[p];
		const credential = credentials.find((c) => c.name === d.credentialType);
		const baseUrl = credential?.properties.find((f: INodeProperties) => f.name === 'baseUrl');
		expect(baseUrl?.default).toBe(d.defaultBaseUrl);
	});

	it.each(PROVIDER_IDS)("%s: the README's provider table states the module's facts", (p) => {
		const d = DIALECTS[p];
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const column = (row: string) => {
			const line = readme.split('\n').find((l) => l.startsWith(`| ${row} |`));
			return line?.split('|').map((cell) => cell.trim())[PROVIDER_IDS.indexOf(p) + 2];
		};
		expect(column('credential')).toBe(`\`${d.credentialType}\``);
		expect(column('default base URL')).toBe(`\`${d.defaultBaseUrl}\``);
		expect(column('currency')).toBe(d.currency);
		expect(
			column('early cancel')?.startsWith(
				d.earlyCancelMs ? `${d.earlyCancelMs / 60_000} min` : 'none',
			),
		).toBe(true);
	});
});
