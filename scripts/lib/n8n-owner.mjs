// Creates the owner account of a fresh n8n instance and signs in as it.
//
//   node scripts/lib/n8n-owner.mjs http://127.0.0.1:5678 owner@example.com 'Password1'
//
// prints "created" or "exists" and exits 0 when the login with that email/password works. Also imported by
// the e2e runner (ensureOwner / login return the n8n-auth cookie value).

export async function login(baseUrl, email, password) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!res.ok)
		throw new Error(`POST /rest/login answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
	const cookie = authCookie(res);
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return cookie;
}

function authCookie(res) {
	const all =
		typeof res.headers.getSetCookie === 'function'
			? res.headers.getSetCookie()
			: [res.headers.get('set-cookie') ?? ''];
	for (const c of all) {
		const m = /(?:^|,\s*)n8n-auth=([^;]+)/.exec(c);
		if (m) return m[1];
	}
	return undefined;
}

/** Sets up the owner if the instance has none; returns { created, cookie }. */
export async function ensureOwner(baseUrl, email, password) {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, firstName: 'OTPGet', lastName: 'Sandbox', password }),
	});
	const body = await res.text();
	let created = false;
	if (res.ok) created = true;
	else if (res.status !== 400)
		throw new Error(`POST /rest/owner/setup answered ${res.status}: ${body.slice(0, 300)}`);
	// 400 = an owner exists already (a kept instance): the login below tells whether it is ours.
	const cookie = await login(baseUrl, email, password);
	return { created, cookie };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [baseUrl, email, password] = process.argv.slice(2);
	try {
		const { created } = await ensureOwner(baseUrl, email, password);
		console.log(created ? 'created' : 'exists');
	} catch (error) {
		console.error(String(error.message ?? error));
		process.exit(1);
	}
}
