// examples/ai-agent-signup.json: n8n's AI Agent, its OpenAI Chat Model pointed at the local stub (scripted
// "signup" model), uses the package's tools: Get Number → Wait for OTP with that orderId → answers with the code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { config } from '../lib/harness.mjs';
import { findValue, SIGNUP_PROMPT_RE } from '../agent/scripts.mjs';
import { getParameter, withAgentStub } from '../agent/setup.mjs';
import { toolSteps } from '../agent/stub.mjs';
import { BUDGET_PARAMETER } from './ai-agent-budget.mjs';

export default async function aiAgentSignup({
	workflow,
	execute,
	importWorkflow,
	sandbox,
	assert,
	cents,
}) {
	const agent = workflow.nodes.find((n) => n.name === 'AI Agent');
	assert.match(agent.parameters.text, SIGNUP_PROMPT_RE, 'the prompt is the one the stub plays');
	assert.equal(
		getParameter(
			workflow.nodes.find((n) => n.name === 'Get Number'),
			BUDGET_PARAMETER,
		),
		1,
		`a budget of 1 at ${BUDGET_PARAMETER}`,
	);

	await withAgentStub('signup', async (stub) => {
		await importWorkflow(workflow); // again, now that its credential points at this stub
		const before = await sandbox.state();
		const run = await execute(workflow.id);
		const chats = stub.chats;
		const failures = stub.requests.filter((r) => r.error).map((r) => `${r.path}: ${r.error}`);
		assert.deepEqual(failures, [], 'the stub understood every request');
		run.expectOk();

		// What n8n sent the model: the tools generated from our nodes and their $fromAI parameters.
		assert.ok(chats.length >= 3, `three model turns at least (got ${chats.length})`);
		const first = chats[0].body;
		writeFileSync(join(config.logDir, 'agent-first-request.json'), JSON.stringify(first, null, 2));
		const tools = Object.fromEntries((first.tools ?? []).map((t) => [t.function.name, t.function]));
		const params = (re) => {
			const tool = Object.values(tools).find((t) => re.test(t.name));
			assert.ok(tool, `a tool matching ${re} among ${Object.keys(tools).join(', ')}`);
			return Object.keys(tool.parameters?.properties ?? {}).sort();
		};
		assert.deepEqual(
			params(/get.?number/i),
			['service'],
			'Get Number asks the model for the service only',
		);
		assert.deepEqual(params(/wait/i), ['orderId'], 'Wait for OTP asks the model for the orderId');
		assert.ok(!first.stream, 'the chat model does not stream');

		const steps = toolSteps(chats.at(-1).body.messages);
		assert.deepEqual(
			steps.map((s) => s.name).map((n) => (/wait/i.test(n) ? 'wait' : 'get')),
			['get', 'wait'],
			'one Get Number, then one Wait for OTP',
		);
		const [bought, waited] = steps;
		const orderId = String(findValue(bought.result, 'orderId'));
		assert.equal(
			String(waited.args.orderId),
			orderId,
			'Wait for OTP got the orderId Get Number returned',
		);

		const after = await sandbox.state();
		const order = after.orders.activations.find((a) => String(a.id) === orderId);
		assert.ok(order, `the sandbox knows order ${orderId}`);
		assert.match(String(order.code), /^\d{4,8}$/, 'the sandbox sent a code');
		assert.equal(order.status, 'finished', 'Wait for OTP completed the order at the sandbox');
		assert.equal(String(order.service), '101', 'for the service the model chose');

		const output = run.item('AI Agent').output;
		assert.ok(
			String(output).includes(order.code),
			`the agent's answer carries the code ${order.code}: ${JSON.stringify(output)}`,
		);

		const booked = after.ledger.slice(before.ledger.length);
		assert.deepEqual(
			booked.map((e) => `${e.kind} ${e.orderId}`),
			[`purchase ${orderId}`],
			'exactly one purchase, nothing else booked',
		);
		assert.equal(
			cents(before.balance) - cents(after.balance),
			cents(order.price),
			'balance before - after = the one number',
		);
	});
}
