/**
 * Issue 17 item 10: the failover recipe's "nothing was bought" codes are one list in code, and the README and the
 * failover example route on exactly that list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NODE_REFUSALS, NOTHING_BOUGHT_CODES } from '../protocol/nothingBought';
import { OTPGET_ERRORS } from '../protocol/providers/otpget';

const root = join(__dirname, '..');
const sorted = (list: readonly string[]) => [...list].sort();

describe('NOTHING_BOUGHT_CODES', () => {
	it("holds OTPGet's own no-charge refusals and the node's Max Price refusal", () => {
		expect(NOTHING_BOUGHT_CODES).toEqual(
			expect.arrayContaining(['ERROR_PRICE_CHANGE', 'NO_BALANCE_FOR_NEW_PRICE', 'PRICE_ABOVE_MAX']),
		);
		for (const code of NOTHING_BOUGHT_CODES.filter((c) => !NODE_REFUSALS.includes(c)))
			expect(OTPGET_ERRORS.errors[code]).toBeDefined();
	});

	it('is the list the README failover recipe names', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const at = readme.indexOf('Only definite refusals mean nothing was bought');
		const end = readme.indexOf('NOTHING_BOUGHT_CODES', at);
		expect(at).toBeGreaterThan(0);
		expect(end).toBeGreaterThan(at);
		const named = [...readme.slice(at, end).matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
		expect(sorted(named)).toEqual(sorted(NOTHING_BOUGHT_CODES));
	});

	it("is the list examples/provider-failover.json's IF routes on", () => {
		const workflow = JSON.parse(
			readFileSync(join(root, 'examples', 'provider-failover.json'), 'utf8'),
		) as { nodes: Array<{ type: string; parameters: unknown }> };
		const ifNode = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.if');
		const expression = /\[([^\]]*)\]\.includes\(\$json\.error\.code\)/.exec(
			JSON.stringify(ifNode?.parameters),
		);
		expect(expression).not.toBeNull();
		const listed = [...(expression?.[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
		expect(sorted(listed)).toEqual(sorted(NOTHING_BOUGHT_CODES));
	});
});
