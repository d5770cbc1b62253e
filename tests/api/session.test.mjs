// session.test.mjs — log in/out, /me, CSRF, cookie attributes, session revocation,
// login rate limiting. Failed logins are sent from other loopback addresses
// (127.0.0.x) so that the per-address limit never blocks 127.0.0.1 for later tests.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import {
	ADMIN_EMAIL, ADMIN_PASSWORD, assertProblem, auditRows, sessionCookie, startServer,
} from './harness.mjs';

let s;
before(async () => {
	s = await startServer();
});
after(async () => {
	await s?.stop();
	s?.cleanup();
});

describe('login', () => {
	test('admin logs in: 201, user, csrf token, expiry, cookie attributes, audit row', async () => {
		const t0 = Date.now();
		const { res, session, user } = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
		assert.match(res.type, /^application\/json/);
		assert.equal(user.email, ADMIN_EMAIL);
		assert.equal(user.role, 'admin');
		assert.equal(user.partner_id, null);
		assert.equal(user.disabled, false);
		assert.ok(!('password_hash' in user) && !('password' in user), 'no password material in the user');
		assert.match(res.json.csrf_token, /^[A-Za-z0-9_-]{20,}$/);
		const exp = Date.parse(res.json.expires_at);
		assert.ok(exp > t0 + 11.9 * 3600e3 && exp < t0 + 12.1 * 3600e3, `expires_at ${res.json.expires_at} ≈ now + 12 h`);
		const c = sessionCookie(res);
		assert.match(c.value, /^[A-Za-z0-9_-]{20,}$/);
		const attrs = c.raw.split(';').map((x) => x.trim().toLowerCase());
		assert.ok(attrs.includes('httponly'), c.raw);
		assert.ok(attrs.includes('samesite=lax'), c.raw);
		assert.ok(attrs.includes('path=/'), c.raw);
		assert.ok(attrs.includes('max-age=43200'), c.raw);
		assert.ok(!attrs.includes('secure'), 'no Secure flag without --secure-cookies');
		const rows = await auditRows(s, `entity=user&id=${user.id}`);
		const login = rows.find((r) => r.action === 'session.login');
		assert.ok(login, 'session.login audit row');
		assert.equal(login.actor_id, user.id);
		assert.equal(login.request_id, res.headers.get('x-request-id'));
		assert.equal(login.client_ip, '127.0.0.1');
		const me = await s.req('GET', '/api/v1/me', { session });
		assert.equal(me.status, 200, me.describe());
		assert.equal(me.json.id, user.id);
		assert.equal(me.json.auth, 'session');
		assert.equal(me.json.csrf_token, session.csrf);
	});

	test('e-mail is matched case-insensitively and trimmed', async () => {
		const { user } = await s.login('  ADMIN@Example.COM ', ADMIN_PASSWORD);
		assert.equal(user.email, ADMIN_EMAIL);
	});

	test('wrong password and unknown account: 401 with the same detail, no cookie, audit rows', async () => {
		const u = await s.user({ role: 'finance' });
		const wrong = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: 'not-the-password-1' }, localAddress: '127.0.0.21' });
		const p1 = assertProblem(wrong, 401, [], { slug: 'unauthenticated' });
		assert.equal(sessionCookie(wrong), undefined);
		const unknown = await s.rawReq('POST', '/api/v1/session', { body: { email: 'nobody@example.com', password: 'whatever-pass-1' }, localAddress: '127.0.0.21' });
		const p2 = assertProblem(unknown, 401);
		assert.equal(p1.detail, p2.detail, 'no account enumeration through the detail');
		const rows = await auditRows(s, 'entity=user');
		const failed = rows.filter((r) => r.action === 'session.login_failed' && r.client_ip === '127.0.0.21');
		assert.equal(failed.length, 2);
		const mine = failed.find((r) => r.entity_id === u.id);
		assert.ok(mine, 'failure for a known account names it');
		assert.deepEqual(mine.changes.email, [null, u.email]);
		assert.deepEqual(mine.changes.reason, [null, 'wrong password']);
		const anon = failed.find((r) => r.entity_id === null);
		assert.deepEqual(anon.changes.reason, [null, 'unknown account']);
		assert.equal(anon.actor_id, null);
	});

	test('bad login bodies are 400 naming the field (and are not counted as failures)', async () => {
		assertProblem(await s.req('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL } }), 400, ['password']);
		assertProblem(await s.req('POST', '/api/v1/session', { body: { password: 'x' } }), 400, ['email']);
		assertProblem(await s.req('POST', '/api/v1/session', { body: { email: '  ', password: 'abc' } }), 400, ['email']);
		assertProblem(await s.req('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL, password: '' } }), 400, ['password']);
		assertProblem(await s.req('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL, password: 5 } }), 400, ['password']);
		assertProblem(await s.req('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, remember: true } }), 400, ['remember']);
		assertProblem(await s.req('POST', '/api/v1/session', { raw: 'email=a&password=b', type: 'application/x-www-form-urlencoded' }), 415);
		// Still able to log in from 127.0.0.1: none of these counted.
		await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
	});

	test('a disabled account cannot log in even with the right password', async () => {
		const u = await s.user({ role: 'analyst' });
		const d = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { disabled: true } });
		assert.equal(d.status, 200, d.describe());
		const r = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: u.password }, localAddress: '127.0.0.22' });
		assertProblem(r, 401);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		const f = rows.find((x) => x.action === 'session.login_failed');
		assert.deepEqual(f.changes.reason, [null, 'account disabled']);
	});
});

describe('me', () => {
	test('GET /me with a token says auth=token and carries no csrf token', async () => {
		const u = await s.actor('partner_rep', { partner: await s.partner() });
		const r = await s.req('GET', '/api/v1/me', { token: u.token });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.auth, 'token');
		assert.equal(r.json.email, u.email);
		assert.equal(r.json.role, 'partner_rep');
		assert.equal(r.json.partner_id, u.partner_id);
		assert.ok(!('csrf_token' in r.json));
	});

	test('a new user has no locale (null) until they choose one; null resets it (issue 2)', async () => {
		const u = await s.actor('analyst');
		const listed = (await s.req('GET', `/api/v1/users?q=${encodeURIComponent(u.email)}`, { token: s.adminToken })).json.items;
		assert.equal(listed.length, 1);
		assert.equal(listed[0].locale, null);
		assert.equal((await s.req('GET', `/api/v1/users/${u.id}`, { token: s.adminToken })).json.locale, null);
		const me = await s.req('GET', '/api/v1/me', { token: u.token });
		assert.ok('locale' in me.json);
		assert.equal(me.json.locale, null);
		const { res } = await s.login(u.email, u.password);
		assert.equal(res.json.user.locale, null);
		const set = await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: 'fa' } });
		assert.equal(set.json.locale, 'fa');
		assert.equal((await s.login(u.email, u.password)).res.json.user.locale, 'fa');
		const reset = await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: null } });
		assert.equal(reset.status, 200, reset.describe());
		assert.equal(reset.json.locale, null);
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).json.locale, null);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		assert.deepEqual(rows.find((x) => x.action === 'user.update').changes.locale, ['fa', null]);
		// the admin made by init has none either
		assert.equal((await s.req('GET', '/api/v1/users/1', { token: s.adminToken })).json.locale, null);
		// PATCH /me names every bad field at once
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { name: 'x'.repeat(201), locale: 'de' } }), 400, ['name', 'locale']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: 'de', role: 'admin' } }), 400, ['locale', 'role']);
	});

	test('PATCH /me changes name and locale; audit row; bad values refused', async () => {
		const u = await s.actor('partner_rep', { partner: await s.partner() });
		const r = await s.req('PATCH', '/api/v1/me', { token: u.token, body: { name: '  Parisa Ahmadi ', locale: 'fa' } });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.name, 'Parisa Ahmadi');
		assert.equal(r.json.locale, 'fa');
		const g = await s.req('GET', `/api/v1/users/${u.id}`, { token: s.adminToken });
		assert.equal(g.json.locale, 'fa');
		assert.equal(g.json.name, 'Parisa Ahmadi');
		for (const loc of ['en', 'ar', 'ms']) {
			const x = await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: loc } });
			assert.equal(x.status, 200);
			assert.equal(x.json.locale, loc);
		}
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		const upd = rows.filter((x) => x.action === 'user.update');
		assert.ok(upd.length >= 4);
		const first = upd[upd.length - 1];
		assert.deepEqual(first.changes.locale, [null, 'fa']);
		assert.deepEqual(first.changes.name, ['', 'Parisa Ahmadi']);
		assert.equal(first.actor_id, u.id);

		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: 'de' } }), 422, ['locale']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: 7 } }), 400, ['locale']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { role: 'admin' } }), 400, ['role']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { disabled: true } }), 400, ['disabled']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { name: 'x'.repeat(201) } }), 400, ['name']);
		assertProblem(await s.req('PATCH', '/api/v1/me', { token: u.token, body: { email: 'new@example.com' } }), 400, ['email']);
		const still = await s.req('GET', '/api/v1/me', { token: u.token });
		assert.equal(still.json.role, 'partner_rep');
		assert.equal(still.json.email, u.email);
	});

	test('anonymous GET /me is 401 with WWW-Authenticate', async () => {
		const r = await s.req('GET', '/api/v1/me');
		assertProblem(r, 401, [], { slug: 'unauthenticated' });
		assert.match(r.headers.get('www-authenticate') || '', /^Bearer/);
	});

	test('a bogus or oversized session cookie is 401 and the cookie is cleared', async () => {
		for (const v of ['bogus', 'x'.repeat(200), '']) {
			const r = await s.req('GET', '/api/v1/me', { headers: { cookie: `cb_session=${v}` } });
			assertProblem(r, 401);
		}
		const r = await s.req('GET', '/api/v1/me', { headers: { cookie: 'cb_session=bogus' } });
		const c = sessionCookie(r);
		assert.ok(c, 'expired cookie is cleared');
		assert.match(c.raw, /Max-Age=0/);
	});
});

describe('CSRF', () => {
	let session;
	before(async () => {
		({ session } = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD));
	});

	test('state-changing cookie requests need X-CSRF-Token; reads and bearer calls do not', async () => {
		const body = { name: 'csrf probe' };
		let r = await s.req('POST', '/api/v1/tokens', { session, body, csrf: false });
		assertProblem(r, 403, ['X-CSRF-Token'], { slug: 'forbidden' });
		r = await s.req('POST', '/api/v1/tokens', { session, body, csrf: 'wrong-token' });
		assertProblem(r, 403, ['X-CSRF-Token']);
		r = await s.req('POST', '/api/v1/tokens', { session, body, csrf: '' });
		assertProblem(r, 403, ['X-CSRF-Token']);
		r = await s.req('PATCH', '/api/v1/me', { session, body: { name: 'x' }, csrf: false });
		assertProblem(r, 403, ['X-CSRF-Token']);
		r = await s.req('POST', '/api/v1/partners', { session, body: { name: 'CSRF Co' }, csrf: false });
		assertProblem(r, 403, ['X-CSRF-Token']);
		// Nothing was created by the refused requests.
		const toks = await s.req('GET', '/api/v1/tokens?limit=200', { session });
		assert.equal(toks.status, 200);
		assert.ok(!toks.json.items.some((t) => t.name === 'csrf probe'));
		const parts = await s.req('GET', '/api/v1/partners?limit=200', { session });
		assert.ok(!parts.json.items.some((p) => p.name === 'CSRF Co'));
		// With the token it works.
		r = await s.req('POST', '/api/v1/tokens', { session, body });
		assert.equal(r.status, 201, r.describe());
		// Bearer calls need none.
		r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: 'Bearer Co' } });
		assert.equal(r.status, 201, r.describe());
	});

	test("another session's CSRF token does not work", async () => {
		const other = (await s.login(ADMIN_EMAIL, ADMIN_PASSWORD)).session;
		const r = await s.req('PATCH', '/api/v1/me', { session, body: { name: 'Admin' }, csrf: other.csrf });
		assertProblem(r, 403, ['X-CSRF-Token']);
	});
});

describe('logout', () => {
	test('DELETE /session needs CSRF, ends the session, clears the cookie, writes audit', async () => {
		const u = await s.user({ role: 'channel_manager' });
		const { session, user } = await s.login(u.email, u.password);
		assertProblem(await s.req('DELETE', '/api/v1/session', { session, csrf: false }), 403, ['X-CSRF-Token']);
		assert.equal((await s.req('GET', '/api/v1/me', { session })).status, 200, 'still logged in');
		const r = await s.req('DELETE', '/api/v1/session', { session });
		assert.equal(r.status, 204, r.describe());
		assert.equal(r.text, '');
		const c = sessionCookie(r);
		assert.ok(c && c.value === '', 'cookie cleared');
		assert.match(c.raw, /Max-Age=0/);
		assertProblem(await s.req('GET', '/api/v1/me', { session }), 401);
		assertProblem(await s.req('DELETE', '/api/v1/session', { session }), 401);
		const rows = await auditRows(s, `entity=user&id=${user.id}`);
		assert.ok(rows.some((x) => x.action === 'session.logout' && x.actor_id === user.id));
	});

	test('logging out one session leaves the others', async () => {
		const u = await s.user({ role: 'analyst' });
		const a = (await s.login(u.email, u.password)).session;
		const b = (await s.login(u.email, u.password)).session;
		assert.equal((await s.req('DELETE', '/api/v1/session', { session: a })).status, 204);
		assert.equal((await s.req('GET', '/api/v1/me', { session: b })).status, 200);
	});

	test('DELETE /session with a bearer token is harmless: the token keeps working', async () => {
		const u = await s.actor('finance');
		const r = await s.req('DELETE', '/api/v1/session', { token: u.token });
		assert.equal(r.status, 204, r.describe());
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).status, 200);
	});
});

describe('session revocation', () => {
	test('disabling a user revokes their sessions and blocks their tokens', async () => {
		const u = await s.actor('analyst');
		const { session } = await s.login(u.email, u.password);
		assert.equal((await s.req('GET', '/api/v1/me', { session })).status, 200);
		const d = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { disabled: true } });
		assert.equal(d.status, 200, d.describe());
		assert.equal(d.json.disabled, true);
		assertProblem(await s.req('GET', '/api/v1/me', { session }), 401);
		assertProblem(await s.req('GET', '/api/v1/me', { token: u.token }), 401);
		const e = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { disabled: false } });
		assert.equal(e.status, 200);
		// The token works again; the session stays gone.
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).status, 200);
		assertProblem(await s.req('GET', '/api/v1/me', { session }), 401);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		assert.ok(rows.some((x) => x.action === 'user.disable'));
		assert.ok(rows.some((x) => x.action === 'user.enable'));
	});

	test('changing your own password keeps the acting session, ends the others, keeps tokens', async () => {
		const u = await s.actor('channel_manager');
		const a = (await s.login(u.email, u.password)).session;
		const b = (await s.login(u.email, u.password)).session;
		const next = 'N3w-passphrase-for-cm';
		let r = await s.req('POST', `/api/v1/users/${u.id}/password`, { session: a, body: { password: next } });
		assertProblem(r, 400, ['current_password']);
		r = await s.req('POST', `/api/v1/users/${u.id}/password`, { session: a, body: { current_password: 'wrong-password-xyz', password: next } });
		assertProblem(r, 403, ['current_password']);
		r = await s.req('POST', `/api/v1/users/${u.id}/password`, { session: a, body: { current_password: u.password, password: 'short' } });
		assertProblem(r, 422, ['password']);
		assert.equal((await s.req('GET', '/api/v1/me', { session: b })).status, 200, 'failed attempts revoke nothing');
		r = await s.req('POST', `/api/v1/users/${u.id}/password`, { session: a, body: { current_password: u.password, password: next } });
		assert.equal(r.status, 204, r.describe());
		assert.equal((await s.req('GET', '/api/v1/me', { session: a })).status, 200, 'acting session survives');
		assertProblem(await s.req('GET', '/api/v1/me', { session: b }), 401);
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).status, 200, 'tokens are not sessions');
		await s.login(u.email, u.password, { expect: 401, localAddress: '127.0.0.23' });
		await s.login(u.email, next);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		const pw = rows.filter((x) => x.action === 'user.password');
		assert.equal(pw.length, 1, 'one password change audited');
		assert.ok(!JSON.stringify(pw[0]).includes(next), 'the audit row never holds the password');
	});

	test('an admin setting a password ends every session of that user', async () => {
		const u = await s.user({ role: 'finance' });
		const a = (await s.login(u.email, u.password)).session;
		const r = await s.req('POST', `/api/v1/users/${u.id}/password`, { token: s.adminToken, body: { password: 'Admin-set-passw0rd' } });
		assert.equal(r.status, 204, r.describe());
		assertProblem(await s.req('GET', '/api/v1/me', { session: a }), 401);
	});
});

describe('login rate limit', () => {
	test('5 failures for one account → 429 + Retry-After even with the right password, from anywhere', async () => {
		const u = await s.user({ role: 'analyst' });
		for (let i = 0; i < 5; i++) {
			const r = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: `wrong-password-${i}` }, localAddress: '127.0.0.31' });
			assertProblem(r, 401);
		}
		const r = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: u.password }, localAddress: '127.0.0.32' });
		assertProblem(r, 429, [], { slug: 'rate-limited' });
		const ra = r.headers.get('retry-after');
		assert.match(ra || '', /^\d+$/, 'Retry-After in seconds');
		assert.ok(Number(ra) >= 1 && Number(ra) <= 300, `Retry-After ${ra}`);
		assert.equal(sessionCookie(r), undefined);
		// Upper-case spelling is the same account.
		assertProblem(await s.rawReq('POST', '/api/v1/session', { body: { email: u.email.toUpperCase(), password: u.password }, localAddress: '127.0.0.33' }), 429);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		const failed = rows.filter((x) => x.action === 'session.login_failed');
		const refused = rows.filter((x) => x.action === 'session.login_refused');
		assert.equal(failed.length, 5);
		assert.equal(refused.length, 2);
		assert.deepEqual(refused[0].changes.reason, [null, 'too many failures for this account']);
		assert.equal(refused[refused.length - 1].client_ip, '127.0.0.32');
		// Other accounts from 127.0.0.1 are unaffected.
		await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
	});

	test('5 failures from one address → 429 there for any account; other addresses unaffected', async () => {
		const u = await s.user({ role: 'finance' });
		for (let i = 0; i < 5; i++) {
			const r = await s.rawReq('POST', '/api/v1/session', { body: { email: `ghost${i}@example.com`, password: 'wrong-password-x' }, localAddress: '127.0.0.41' });
			assertProblem(r, 401);
		}
		const r = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: u.password }, localAddress: '127.0.0.41' });
		assertProblem(r, 429);
		assert.match(r.headers.get('retry-after') || '', /^\d+$/);
		const ok = await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: u.password }, localAddress: '127.0.0.42' });
		assert.equal(ok.status, 201, ok.describe());
		const rows = await auditRows(s, 'entity=user');
		const refused = rows.find((x) => x.action === 'session.login_refused' && x.client_ip === '127.0.0.41');
		assert.ok(refused);
		assert.deepEqual(refused.changes.reason, [null, 'too many failures from this address']);
	});

	test('failures below the limit are forgotten after a successful login', async () => {
		const u = await s.user({ role: 'analyst' });
		for (let i = 0; i < 4; i++)
			assertProblem(await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: 'wrong-password-y' }, localAddress: `127.0.0.${51 + i}` }), 401);
		await s.login(u.email, u.password);
		for (let i = 0; i < 4; i++)
			assertProblem(await s.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: 'wrong-password-z' }, localAddress: `127.0.0.${61 + i}` }), 401);
		await s.login(u.email, u.password);
	});
});

describe('secure cookies', () => {
	test('--secure-cookies adds Secure', async () => {
		const t = await startServer({ args: ['--secure-cookies'] });
		try {
			const { res } = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
			const c = sessionCookie(res);
			assert.ok(c.raw.split(';').map((x) => x.trim()).includes('Secure'), c.raw);
			assert.match(c.raw, /HttpOnly/);
		} finally {
			await t.stop();
			t.cleanup();
		}
	});
});

describe('--trusted-proxy (issue 2)', () => {
	/* Behind a load balancer the TCP peer is the balancer; the per-address login limit
	 * must count the address it forwards in X-Forwarded-For, and only when the peer is
	 * one of the trusted proxies. */
	test('the per-address limit counts the forwarded client, not the proxy; untrusted peers cannot spoof it', async () => {
		const t = await startServer({ args: ['--trusted-proxy', '127.0.0.71, ::1'] });
		try {
			const fail = (localAddress, xff, email = `ghost-${Math.random().toString(36).slice(2)}@example.com`) =>
				t.rawReq('POST', '/api/v1/session', {
					body: { email, password: 'wrong-password-q' }, localAddress, headers: xff ? { 'x-forwarded-for': xff } : {},
				});
			// five failures of client 203.0.113.9 through the proxy, some with a spoofed left part
			for (const xff of ['203.0.113.9', '198.51.100.1, 203.0.113.9', '203.0.113.9,127.0.0.71', ' 10.0.0.1 ,203.0.113.9 ', '203.0.113.9'])
				assertProblem(await fail('127.0.0.71', xff), 401);
			assertProblem(await fail('127.0.0.71', '203.0.113.9'), 429);
			// another client behind the same proxy is not limited
			assertProblem(await fail('127.0.0.71', '203.0.113.10'), 401);
			// an untrusted peer's X-Forwarded-For is ignored: its own address counts
			assertProblem(await fail('127.0.0.72', '203.0.113.9'), 401);
			const rows = await auditRows(t, 'entity=user');
			const ips = new Set(rows.filter((x) => x.action.startsWith('session.login_')).map((x) => x.client_ip));
			assert.ok(ips.has('203.0.113.9') && ips.has('203.0.113.10') && ips.has('127.0.0.72'), [...ips].join(' '));
			assert.ok(!ips.has('127.0.0.71') && !ips.has('198.51.100.1') && !ips.has('10.0.0.1'), [...ips].join(' '));
		} finally {
			await t.stop();
			t.cleanup();
		}
	});

	test('CHANNELBASE_TRUSTED_PROXY sets it; a bad list is a usage error', async () => {
		const { run } = await import('./harness.mjs');
		const bad = await run(['serve', '--db', s.db, '--listen', '127.0.0.1:0', '--trusted-proxy', 'not-an-address'], { timeoutMs: 10000 });
		assert.equal(bad.code, 2, bad.stderr);
		assert.match(bad.stderr, /--trusted-proxy/);
		const env = await run(['serve', '--db', s.db, '--listen', '127.0.0.1:0'], { env: { CHANNELBASE_TRUSTED_PROXY: '1.2.3.4,zz' }, timeoutMs: 10000 });
		assert.equal(env.code, 2, env.stderr);
	});
});

describe('graceful shutdown (issue 2)', () => {
	test('SIGTERM during a slow upload: the request still gets its answer and the process exits 0', async () => {
		const t = await startServer();
		const { default: http } = await import('node:http');
		const body = JSON.stringify({ name: 'Slow ' + 'x'.repeat(60) });
		const pieces = [body.slice(0, 10), body.slice(10, 30), body.slice(30, 50), body.slice(50)];
		const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
		try {
			const res = new Promise((resolve, reject) => {
				const r = http.request({
					host: '127.0.0.1', port: t.port, method: 'PATCH', path: '/api/v1/me', agent: false,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${t.adminToken}` },
				}, (resp) => {
					let text = '';
					resp.setEncoding('utf8');
					resp.on('data', (d) => (text += d));
					resp.on('end', () => resolve({ status: resp.statusCode, text }));
				});
				r.on('error', reject);
				(async () => {
					r.flushHeaders();
					r.write(pieces[0]);
					await sleep(250);
					t.proc.kill('SIGTERM');
					for (const p of pieces.slice(1)) {
						await sleep(250);
						r.write(p);
					}
					r.end();
				})().catch(reject);
			});
			const got = await res;
			assert.equal(got.status, 200, got.text);
			assert.equal(JSON.parse(got.text).name, 'Slow ' + 'x'.repeat(60));
			const e = await t.exited;
			assert.equal(e.code, 0, t.stderr.slice(-2000));
			assert.match(t.stderr, /"msg":"shutting down"/);
		} finally {
			await t.stop();
			t.cleanup();
		}
	});
});
