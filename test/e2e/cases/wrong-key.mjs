// examples/wrong-key.json: Get Balance with the credential "OTPGet sandbox (wrong key)".
export default async function wrongKey({ workflow, execute, sandbox, assert, config }) {
	const before = await sandbox.state();
	const run = await execute(workflow.id);
	assert.ok(run.raw, `n8n execute printed the run data; see ${run.cli.log}`);
	assert.ok(run.error, 'the run failed');
	const nodeRun = run.nodeRuns('Get Balance')[0];
	assert.ok(nodeRun?.error, 'the Get Balance node reports the error');
	const message = `${run.error.message} ${run.error.description ?? ''}`;
	assert.match(message, /api key/i, `the message says the API key is wrong: "${message}"`);
	assert.match(
		message,
		/invalid|wrong|rejected|not valid|bad/i,
		`the message says the API key is wrong: "${message}"`,
	);
	assert.ok(
		!message.includes(config.wrongKey),
		`the message does not contain the key: "${message}"`,
	);
	assert.ok(
		!run.output.includes(config.wrongKey),
		`nothing n8n printed contains the key (see ${run.cli.log})`,
	);
	const after = await sandbox.state();
	assert.equal(after.balance, before.balance, 'nothing was charged');
}
