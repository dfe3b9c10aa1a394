// examples/account-balance.json: Manual Trigger → OTPGet Get Balance.
export default async function accountBalance({ workflow, execute, sandbox, assert }) {
	const before = await sandbox.state();
	const run = (await execute(workflow.id)).expectOk();
	const out = run.item('Get Balance');
	assert.equal(
		typeof out.balance,
		'number',
		`balance should be a number, got ${JSON.stringify(out.balance)}`,
	);
	assert.equal(out.balance, before.balance, 'balance equals the sandbox ledger balance');
	assert.equal(out.currency, 'PKR');
}
