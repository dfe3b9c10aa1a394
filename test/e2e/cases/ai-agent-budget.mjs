// examples/ai-agent-budget.json: an AI Agent asked for 20 numbers in a row (the stub's "spree" script, which
// ignores every refusal) is stopped by the Get Number tool's budget: exactly BUDGET purchases, none beyond.
//
// Skipped until the package has the budget option: it runs once the built OTPGet node declares a parameter
// at BUDGET_PARAMETER (or with OTPGET_E2E_AGENT_BUDGET=1, to see it fail today; =0 always skips).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from '../lib/harness.mjs';
import { findValue, SPREE_PROMPT_RE } from '../agent/scripts.mjs';
import { getParameter, withAgentStub } from '../agent/setup.mjs';
import { toolSteps } from '../agent/stub.mjs';

/** Where the tool node's "max purchases per execution" lives (dotted path in the node's parameters). */
export const BUDGET_PARAMETER = 'spendLimits.maxPurchases';

const require = createRequire(import.meta.url);

/** True when the built OTPGet node (v1, Get Number) declares a parameter at BUDGET_PARAMETER. */
export function budgetDeclared() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	for (const file of pkg.n8n?.nodes ?? []) {
		const mod = require(join(ROOT, file));
		const Class = Object.values(mod).find((v) => typeof v === 'function');
		const node = new Class();
		if (node.description.name !== 'otpGet') continue;
		const versions = node.nodeVersions ? Object.values(node.nodeVersions) : [node];
		return versions.some((v) => hasPath(v.description.properties, BUDGET_PARAMETER.split('.')));
	}
	return false;
}

function hasPath(properties, [name, ...rest]) {
	return (properties ?? []).some((p) => {
		if (p.name !== name) return false;
		const ops = p.displayOptions?.show?.operation;
		if (ops && !ops.includes('getNumber')) return false;
		if (!rest.length) return true;
		// collection: options are properties; fixedCollection: options are groups with values
		const inner = (p.options ?? []).flatMap((o) => (o.values ? o.values : [o]));
		return hasPath(inner, rest);
	});
}

function skip(message) {
	const error = new Error(message);
	error.skip = true;
	return error;
}

export default async function aiAgentBudget({
	workflow,
	execute,
	importWorkflow,
	sandbox,
	assert,
	cents,
}) {
	const force = process.env.OTPGET_E2E_AGENT_BUDGET;
	if (force === '0' || (force !== '1' && !budgetDeclared())) {
		throw skip(
			`expected to fail until the spend budget exists: the OTPGet node has no "${BUDGET_PARAMETER}" parameter for Get Number, ` +
				'so nothing stops an agent from buying 20 numbers. Runs by itself once it has (set BUDGET_PARAMETER in ' +
				'test/e2e/cases/ai-agent-budget.mjs and examples/ai-agent-*.json to the real path); OTPGET_E2E_AGENT_BUDGET=1 runs it now.',
		);
	}
	const agent = workflow.nodes.find((n) => n.name === 'AI Agent');
	const getNumber = workflow.nodes.find((n) => n.name === 'Get Number');
	const wanted = Number(SPREE_PROMPT_RE.exec(agent.parameters.text)?.[1]);
	const budget = getParameter(getNumber, BUDGET_PARAMETER);
	assert.equal(wanted, 20, 'the prompt asks for 20 numbers');
	assert.ok(
		Number.isInteger(budget) && budget > 0 && budget < wanted,
		`Get Number carries a budget at ${BUDGET_PARAMETER}, got ${budget}`,
	);
	assert.ok(
		agent.parameters.options.maxIterations > wanted,
		'the agent may iterate more than it asks for: only the budget can stop it',
	);

	await withAgentStub('budget', async (stub) => {
		await importWorkflow(workflow); // again, now that its credential points at this stub
		const before = await sandbox.state();
		const run = await execute(workflow.id, { timeoutMs: 240_000 });
		const after = await sandbox.state();

		const booked = after.ledger.slice(before.ledger.length);
		const purchases = booked.filter((e) => e.kind === 'purchase');
		const detail = `ledger: ${booked.map((e) => `${e.kind} ${e.orderId}`).join(', ') || 'nothing'}; see ${run.cli.log}`;
		assert.equal(
			purchases.length,
			budget,
			`exactly ${budget} purchases (the budget), nothing beyond; ${detail}`,
		);

		// What the model was told after each Get Number call (the last request holds the whole conversation).
		const steps = stub.chats.length ? stubSteps(stub) : [];
		const tries = steps.filter((s) => /get.?number/i.test(s.name));
		assert.ok(tries.length > budget, `the agent tried more than ${budget} times (${tries.length})`);
		const answered = tries.filter((s) => s.text !== undefined);
		const refused = answered.slice(budget);
		for (const s of answered.slice(0, budget)) {
			assert.ok(
				findValue(s.result, 'orderId') !== undefined,
				`a purchase within the budget returns its order: ${s.text}`,
			);
		}
		for (const s of refused) {
			assert.equal(
				findValue(s.result, 'orderId'),
				undefined,
				`a call beyond the budget buys nothing: ${s.text}`,
			);
			assert.match(s.text, /budget|purchase/i, 'the refusal says why (the budget)');
		}
		// Stopped: either the run ends at the first refusal (the tool fails the workflow) or the refusals go
		// back to the model and the run ends when it gives up.
		if (run.error) {
			assert.match(
				`${run.error.message} ${run.error.description ?? ''}`,
				/budget|purchase/i,
				`the run stopped on the budget: ${run.error.message}`,
			);
		} else {
			run.expectOk();
			assert.ok(refused.length > 0, 'the model was told that further purchases are refused');
		}
		// Every paid order reached the model (and so the user): its orderId is in a tool result.
		const seen = JSON.stringify(steps.map((s) => s.text));
		for (const p of purchases)
			assert.ok(seen.includes(String(p.orderId)), `order ${p.orderId} was reported to the agent`);
		const spent = purchases.reduce((sum, p) => sum - cents(p.amount), 0);
		assert.equal(
			cents(before.balance) - cents(after.balance),
			spent,
			'the balance dropped by the budgeted purchases only',
		);
	});
}

/** The tool calls and results of the longest conversation the stub saw. */
function stubSteps(stub) {
	const last = stub.chats.reduce((a, b) =>
		b.body.messages.length >= a.body.messages.length ? b : a,
	);
	return toolSteps(last.body.messages);
}
