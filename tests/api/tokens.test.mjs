// tokens.test.mjs — API tokens: create (secret once), list, use, revoke, scoping.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, assertProblem, auditRows, readAll, startServer } from './harness.mjs';

let s;
before(async () => {
	s = await startServer();
});
after(async () => {
	await s?.stop();
	s?.cleanup();
});

describe('create and use', () => {
	test('POST /tokens: 201 with the secret once; list never shows it; the secret authenticates', async () => {
		const u = await s.actor('analyst');
		const r = await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: '  ERP import  ' } });
		assert.equal(r.status, 201, r.describe());
		const t = r.json;
		assert.match(t.token, /^cbt_[A-Za-z0-9_-]{20,}$/);
		assert.equal(t.prefix, t.token.slice(0, 12));
		assert.equal(t.name, 'ERP import');
		assert.equal(t.user_id, u.id);
		assert.equal(t.user_email, u.email);
		assert.equal(t.revoked_at, null);
		assert.equal(t.last_used_at, null);
		assert.ok(Number.isInteger(t.id) && t.id > 0);
		assert.ok(!Number.isNaN(Date.parse(t.created_at)));

		const list = await s.req('GET', '/api/v1/tokens', { token: u.token });
		assert.equal(list.status, 200);
		assert.ok(!list.text.includes(t.token), 'the secret is never listed');
		const mine = list.json.items.find((x) => x.id === t.id);
		assert.ok(mine);
		assert.ok(!('token' in mine));
		assert.equal(mine.prefix, t.prefix);

		const me = await s.req('GET', '/api/v1/me', { token: t.token });
		assert.equal(me.status, 200);
		assert.equal(me.json.id, u.id);
		assert.equal(me.json.auth, 'token');
		const again = await s.req('GET', '/api/v1/tokens', { token: u.token });
		assert.ok(again.json.items.find((x) => x.id === t.id).last_used_at, 'last_used_at is set after use');

		const rows = await auditRows(s, `entity=token&id=${t.id}`);
		assert.equal(rows.length, 1);
		assert.equal(rows[0].action, 'token.create');
		assert.equal(rows[0].actor_id, u.id);
		assert.deepEqual(rows[0].changes.name, [null, 'ERP import']);
		assert.ok(!JSON.stringify(rows).includes(t.token), 'audit never holds the secret');
	});

	test('a token made with a session works without CSRF', async () => {
		const { session } = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
		const r = await s.req('POST', '/api/v1/tokens', { session, body: { name: 'from console' } });
		assert.equal(r.status, 201, r.describe());
		const p = await s.req('POST', '/api/v1/partners', { token: r.json.token, body: { name: 'No CSRF Needed' } });
		assert.equal(p.status, 201, p.describe());
	});

	test('bad names: missing, empty, blank, too long, wrong type, unknown field', async () => {
		const u = await s.actor('finance');
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: {} }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: '' } }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: ' \t ' } }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: 'n'.repeat(101) } }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: 42 } }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: null } }), 400, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: 'ok', user_id: 1 } }), 400, ['user_id']);
		const ok = await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: 'n'.repeat(100) } });
		assert.equal(ok.status, 201);
		assert.equal(ok.json.user_id, u.id, 'a token is always for the caller');
	});

	test('malformed Authorization headers are 401 with WWW-Authenticate', async () => {
		for (const h of ['Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', 'Bearer cbt_', 'Bearer cbt_nope', 'Bearer not-a-token',
			`Bearer ${'cbt_' + 'a'.repeat(300)}`, `Bearer ${s.adminToken}x`, `Token ${s.adminToken}`]) {
			const r = await s.req('GET', '/api/v1/me', { headers: { authorization: h } });
			assertProblem(r, 401, [], { slug: 'unauthenticated' });
			assert.match(r.headers.get('www-authenticate') || '', /Bearer/);
		}
		const lower = await s.req('GET', '/api/v1/me', { headers: { authorization: `bearer ${s.adminToken}` } });
		assert.equal(lower.status, 200, 'the scheme is case-insensitive');
	});

	test('a bearer token wins over a session cookie', async () => {
		const u = await s.actor('analyst');
		const { session } = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
		const r = await s.req('GET', '/api/v1/me', { token: u.token, session });
		assert.equal(r.status, 200);
		assert.equal(r.json.id, u.id);
	});
});

describe('revoke', () => {
	test('DELETE /tokens/{id}: 204, then the token is 401; revoking twice is fine; audit', async () => {
		const u = await s.actor('channel_manager');
		const c = await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: 'short-lived' } });
		const t = c.json;
		assert.equal((await s.req('GET', '/api/v1/me', { token: t.token })).status, 200);
		const d = await s.req('DELETE', `/api/v1/tokens/${t.id}`, { token: u.token });
		assert.equal(d.status, 204, d.describe());
		assert.equal(d.text, '');
		assertProblem(await s.req('GET', '/api/v1/me', { token: t.token }), 401);
		assertProblem(await s.req('POST', '/api/v1/tokens', { token: t.token, body: { name: 'x' } }), 401);
		const d2 = await s.req('DELETE', `/api/v1/tokens/${t.id}`, { token: u.token });
		assert.equal(d2.status, 204);
		const list = await s.req('GET', '/api/v1/tokens?limit=200', { token: u.token });
		assert.ok(list.json.items.find((x) => x.id === t.id).revoked_at, 'revoked_at set');
		const rows = await auditRows(s, `entity=token&id=${t.id}`);
		assert.deepEqual(rows.map((x) => x.action), ['token.revoke', 'token.create'], 'one revoke row');
		// The other token of the user is unaffected.
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).status, 200);
	});

	test('a token can revoke itself', async () => {
		const u = await s.actor('analyst');
		const list = await s.req('GET', '/api/v1/tokens', { token: u.token });
		const self = list.json.items[0];
		assert.equal((await s.req('DELETE', `/api/v1/tokens/${self.id}`, { token: u.token })).status, 204);
		assertProblem(await s.req('GET', '/api/v1/me', { token: u.token }), 401);
	});

	test('non-admins see and revoke only their own tokens; admin sees and revokes all', async () => {
		const pid = await s.partner();
		const a = await s.actor('partner_admin', { partner: pid });
		const b = await s.actor('partner_rep', { partner: pid });
		const v = await s.actor('channel_manager');
		const bl = await s.req('GET', '/api/v1/tokens?limit=200', { token: b.token });
		const bTok = bl.json.items[0];
		assert.ok(bl.json.items.every((x) => x.user_id === b.id), 'own tokens only');
		for (const other of [a, v]) {
			const l = await s.req('GET', '/api/v1/tokens?limit=200', { token: other.token });
			assert.ok(l.json.items.every((x) => x.user_id === other.id));
			assert.ok(!l.json.items.some((x) => x.id === bTok.id));
			// Even a partner admin of the same partner may not revoke a colleague's token.
			assertProblem(await s.req('DELETE', `/api/v1/tokens/${bTok.id}`, { token: other.token }), 404);
		}
		assert.equal((await s.req('GET', '/api/v1/me', { token: b.token })).status, 200);
		const all = await readAll(s, '/api/v1/tokens', { token: s.adminToken }, 3);
		for (const x of [a, b, v]) assert.ok(all.some((t) => t.user_id === x.id), 'admin lists every user\'s tokens');
		assert.equal(new Set(all.map((t) => t.id)).size, all.length, 'pages do not overlap');
		assert.equal((await s.req('DELETE', `/api/v1/tokens/${bTok.id}`, { token: s.adminToken })).status, 204);
		assertProblem(await s.req('GET', '/api/v1/me', { token: b.token }), 401);
	});

	test('unknown and bad ids', async () => {
		assertProblem(await s.req('DELETE', '/api/v1/tokens/999999', { token: s.adminToken }), 404, [], { slug: 'not-found' });
		assertProblem(await s.req('DELETE', '/api/v1/tokens/abc', { token: s.adminToken }), 400, ['id']);
		assertProblem(await s.req('DELETE', '/api/v1/tokens/0', { token: s.adminToken }), 400, ['id']);
		assertProblem(await s.req('DELETE', '/api/v1/tokens/-1', { token: s.adminToken }), 400, ['id']);
		assertProblem(await s.req('DELETE', '/api/v1/tokens/99999999999999999999999', { token: s.adminToken }), 400, ['id']);
	});

	test('tokens revoked by the CLI stop working', async () => {
		const u = await s.actor('finance');
		const l = await s.req('GET', '/api/v1/tokens', { token: u.token });
		const id = l.json.items[0].id;
		const r = await s.cli(['token', 'revoke', '--id', String(id)]);
		assert.match(r.stdout, new RegExp(`token ${id} revoked`));
		assertProblem(await s.req('GET', '/api/v1/me', { token: u.token }), 401);
	});
});

describe('changes seen by the next request', () => {
	// A thread keeps what a token resolved to while nothing in the database changed; any
	// commit (this server or another process) must show on the very next request.
	test('a role change, a rename and a revoke show at once after repeated use', async () => {
		const u = await s.actor('channel_manager');
		for (let i = 0; i < 4; i++) assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).json.role, 'channel_manager');
		const p = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { role: 'analyst', name: 'Renamed Analyst' } });
		assert.equal(p.status, 200, p.describe());
		for (let i = 0; i < 4; i++) {
			const me = await s.req('GET', '/api/v1/me', { token: u.token });
			assert.equal(me.json.role, 'analyst');
			assert.equal(me.json.name, 'Renamed Analyst');
		}
		assertProblem(await s.req('POST', '/api/v1/partners', { token: u.token, body: { name: 'Not Allowed Ltd' } }), 403);
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).status, 200);
		const l = await s.req('GET', '/api/v1/tokens', { token: u.token });
		assert.equal((await s.req('DELETE', `/api/v1/tokens/${l.json.items[0].id}`, { token: s.adminToken })).status, 204);
		assertProblem(await s.req('GET', '/api/v1/me', { token: u.token }), 401);
	});
});

describe('disabled users', () => {
	test("a disabled user's token is 401 and they cannot make tokens through the CLI", async () => {
		const u = await s.actor('analyst');
		const d = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { disabled: true } });
		assert.equal(d.status, 200);
		const r = await s.req('GET', '/api/v1/tokens', { token: u.token });
		assertProblem(r, 401);
		assert.match(r.json.detail, /revoked|disabled|unknown/);
		const c = await s.cli(['token', 'create', '--email', u.email, '--name', 'x'], { expect: 1 });
		assert.match(c.stderr, /disabled/);
		assert.equal(c.stdout, '', 'no secret printed');
	});
});

describe('list', () => {
	test('pagination with limit and after; bad limits', async () => {
		const u = await s.actor('analyst');
		for (let i = 0; i < 4; i++)
			assert.equal((await s.req('POST', '/api/v1/tokens', { token: u.token, body: { name: `t${i}` } })).status, 201);
		const all = await readAll(s, '/api/v1/tokens', { token: u.token }, 2);
		assert.equal(all.length, 5);
		assert.deepEqual(all.map((t) => t.id), [...all.map((t) => t.id)].sort((x, y) => x - y), 'ascending ids');
		const one = await s.req('GET', '/api/v1/tokens?limit=200', { token: u.token });
		assert.equal(one.json.items.length, 5);
		assert.equal(one.json.next_after, null);
		for (const q of ['limit=0', 'limit=201', 'limit=-1', 'limit=abc', 'limit=', 'limit=1.5', 'after=-1', 'after=x'])
			assertProblem(await s.req('GET', `/api/v1/tokens?${q}`, { token: u.token }), 400, [q.split('=')[0]]);
	});
});
