// users.test.mjs — /api/v1/users: create, list (filters, pagination), read, change,
// set password, and the role rules of src/core/user.c.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { PASSWORD, assertProblem, auditRows, readAll, startServer, uniqEmail } from './harness.mjs';

let s;
let p1, p2; // partner ids
let pa1, pa2; // partner admins of p1, p2 (with tokens)
before(async () => {
	s = await startServer();
	p1 = await s.partner('First Partner');
	p2 = await s.partner('Second Partner');
	pa1 = await s.actor('partner_admin', { partner: p1 });
	pa2 = await s.actor('partner_admin', { partner: p2 });
});
after(async () => {
	await s?.stop();
	s?.cleanup();
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function create(token, body) {
	return s.req('POST', '/api/v1/users', { token, body });
}

describe('create', () => {
	test('admin creates a user: 201, Location, normalised fields, audit without the password', async () => {
		const email = uniqEmail('Create').toUpperCase();
		const r = await create(s.adminToken, { email: `  ${email} `, name: '  Sara Tan ', role: 'channel_manager', password: PASSWORD });
		assert.equal(r.status, 201, r.describe());
		const u = r.json;
		assert.equal(r.headers.get('location'), `/api/v1/users/${u.id}`);
		assert.equal(u.email, email.toLowerCase());
		assert.equal(u.name, 'Sara Tan');
		assert.equal(u.role, 'channel_manager');
		assert.equal(u.partner_id, null);
		assert.equal(u.locale, null, 'no locale chosen: the web UI follows the browser (issue 2)');
		assert.equal(u.disabled, false);
		assert.match(u.created_at, ISO);
		assert.match(u.updated_at, ISO);
		assert.deepEqual(Object.keys(u).sort(), ['created_at', 'disabled', 'email', 'id', 'locale', 'name', 'partner_id', 'role', 'updated_at']);
		const g = await s.req('GET', r.headers.get('location'), { token: s.adminToken });
		assert.equal(g.status, 200);
		assert.deepEqual(g.json, u);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		assert.equal(rows.length, 1);
		assert.equal(rows[0].action, 'user.create');
		assert.equal(rows[0].actor_id, 1);
		assert.equal(rows[0].actor, 'admin@example.com');
		assert.equal(rows[0].entity, 'user');
		assert.deepEqual(rows[0].changes.role, [null, 'channel_manager']);
		assert.deepEqual(rows[0].changes.email, [null, u.email]);
		assert.deepEqual(rows[0].changes.password, [null, '(set)']);
		assert.ok(!JSON.stringify(rows).includes(PASSWORD), 'no password in the audit trail');
		assert.equal(rows[0].request_id, r.headers.get('x-request-id'));
		// The new user can log in with the password given.
		await s.login(u.email, PASSWORD);
	});

	test('locale and partner roles', async () => {
		const r = await create(s.adminToken, { email: uniqEmail(), role: 'partner_rep', partner_id: p1, password: PASSWORD, locale: 'ms' });
		assert.equal(r.status, 201, r.describe());
		assert.equal(r.json.partner_id, p1);
		assert.equal(r.json.locale, 'ms');
		const v = await create(s.adminToken, { email: uniqEmail(), role: 'analyst', partner_id: null, password: PASSWORD });
		assert.equal(v.status, 201, 'null partner_id is fine for vendor roles');
	});

	test('missing and mistyped fields: 400 naming each', async () => {
		assertProblem(await create(s.adminToken, {}), 400, ['email', 'role', 'password']);
		assertProblem(await create(s.adminToken, { email: 5, role: true, password: [], partner_id: 'x', name: {}, locale: 1 }), 400,
			['email', 'role', 'password', 'partner_id', 'name', 'locale']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'analyst', password: PASSWORD, admin: true }), 400, ['admin']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'partner_rep', password: PASSWORD, partner_id: 0 }), 400, ['partner_id']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'partner_rep', password: PASSWORD, partner_id: 1.5 }), 400, ['partner_id']);
		assertProblem(await create(s.adminToken, { email: '', role: 'analyst', password: PASSWORD }), 400, ['email']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'analyst', password: PASSWORD, name: 'n'.repeat(201) }), 400, ['name']);
		for (const bad of ['no-at-sign', 'a@b', '@example.com', 'a@@example.com', 'a b@example.com', 'a@example..com', 'x'.repeat(250) + '@example.com'])
			assertProblem(await create(s.adminToken, { email: bad, role: 'analyst', password: PASSWORD }), 400, ['email']);
	});

	test('unknown role: 422 listing the allowed roles', async () => {
		const r = await create(s.adminToken, { email: uniqEmail(), role: 'superuser', password: PASSWORD });
		const p = assertProblem(r, 422, ['role'], { slug: 'rule-violation' });
		const msg = p.errors.find((e) => e.field === 'role').message;
		for (const role of ['admin', 'channel_manager', 'analyst', 'finance', 'partner_admin', 'partner_rep'])
			assert.ok(msg.includes(role), `message lists ${role}: ${msg}`);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'Admin', password: PASSWORD }), 422, ['role']);
	});

	test('partner_id rules for an admin', async () => {
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'partner_rep', password: PASSWORD }), 422, ['partner_id']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'analyst', partner_id: p1, password: PASSWORD }), 422, ['partner_id']);
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'partner_admin', partner_id: 987654, password: PASSWORD }), 422, ['partner_id']);
	});

	test('every bad field is named at once: 400 when one is malformed, else 422; nothing written (issue 2)', async () => {
		const before = (await s.req('GET', '/api/v1/users?limit=200', { token: s.adminToken })).json.items.length;
		let p = assertProblem(await create(s.adminToken, { email: 'notanemail', role: 'bogus', password: 'short', locale: 'xx' }), 400,
			['email', 'role', 'password', 'locale']);
		assert.equal(p.errors.length, 4, JSON.stringify(p.errors));
		p = assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'bogus', password: 'short', locale: 'xx' }), 422,
			['role', 'password', 'locale']);
		assert.ok(!p.errors.some((e) => e.field === 'email'));
		// a type error and rule violations together: 400, all named, each once
		p = assertProblem(await create(s.adminToken, { email: 5, role: 'bogus', password: 'short', name: 'n'.repeat(201) }), 400,
			['email', 'role', 'password', 'name']);
		assert.equal(p.errors.filter((e) => e.field === 'email').length, 1, JSON.stringify(p.errors));
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'partner_rep', password: 'short' }), 422, ['partner_id', 'password']);
		assertProblem(await create(s.adminToken, { role: 'analyst', password: 'short', bogus: 1 }), 400, ['email', 'password', 'bogus']);
		const after = (await s.req('GET', '/api/v1/users?limit=200', { token: s.adminToken })).json.items.length;
		assert.equal(after, before, 'no user written');
	});

	test('invalid locale: 422 naming locale', async () => {
		assertProblem(await create(s.adminToken, { email: uniqEmail(), role: 'analyst', password: PASSWORD, locale: 'de' }), 422, ['locale']);
	});

	test('duplicate e-mail (any case): 409 naming email, nothing written', async () => {
		const email = uniqEmail('dup');
		assert.equal((await create(s.adminToken, { email, role: 'analyst', password: PASSWORD })).status, 201);
		const before = (await auditRows(s, 'entity=user')).length;
		const r = await create(s.adminToken, { email: email.toUpperCase(), role: 'finance', password: PASSWORD });
		assertProblem(r, 409, ['email'], { slug: 'conflict' });
		assert.equal((await auditRows(s, 'entity=user')).length, before, 'no audit row for a refused create');
	});

	test('password policy: 422 naming password', async () => {
		const email = 'abcdefghijkl@example.com';
		const cases = [
			'short-pw1',                // < 12 characters
			'abababababababab',         // 2 distinct characters
			'aaaabbbbccccdddd',         // 4 distinct characters
			'éèêëéèêëéèêëéèêë',         // 4 distinct code points (8 distinct bytes)
			'ÄBCDEFÄBCDE',              // 11 characters, 13 bytes
			email,                      // the e-mail address
			email.toUpperCase(),
			'abcdefghijkl',             // the local part
		];
		for (const pw of cases) {
			const r = await create(s.adminToken, { email, role: 'analyst', password: pw });
			assertProblem(r, 422, ['password']);
		}
		const ok = await create(s.adminToken, { email, role: 'analyst', password: 'éèêëa-12345' + 'x' });
		assert.equal(ok.status, 201, ok.describe());
	});
});

describe('list', () => {
	let made;
	before(async () => {
		made = [
			await s.user({ role: 'finance', name: 'Zahra Karimi' }),
			await s.user({ role: 'finance', name: 'پرستو رحیمی' }),
			await s.user({ role: 'partner_rep', partner: p2, name: 'Under_Score Rep' }),
		];
	});

	test('every user, in id order, through pages of any size', async () => {
		const full = await s.req('GET', '/api/v1/users?limit=200', { token: s.adminToken });
		assert.equal(full.status, 200);
		assert.equal(full.json.next_after, null);
		const ids = full.json.items.map((u) => u.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
		for (const m of made) assert.ok(ids.includes(m.id));
		for (const size of [1, 3, 7]) {
			const all = await readAll(s, '/api/v1/users', { token: s.adminToken }, size);
			assert.deepEqual(all.map((u) => u.id), ids, `page size ${size}`);
		}
		const d = await s.req('GET', '/api/v1/users', { token: s.adminToken });
		assert.ok(d.json.items.length <= 50, 'default limit 50');
		const after = await s.req('GET', `/api/v1/users?after=${ids[ids.length - 1]}`, { token: s.adminToken });
		assert.deepEqual(after.json, { items: [], next_after: null });
	});

	test('filters: role, partner_id, disabled, q (escaped LIKE, case-insensitive, Unicode)', async () => {
		const get = async (q) => {
			const r = await s.req('GET', `/api/v1/users?limit=200&${q}`, { token: s.adminToken });
			assert.equal(r.status, 200, `${q}: ${r.describe()}`);
			return r.json.items;
		};
		const fin = await get('role=finance');
		assert.ok(fin.length >= 2 && fin.every((u) => u.role === 'finance'));
		const inP2 = await get(`partner_id=${p2}`);
		assert.ok(inP2.length >= 2 && inP2.every((u) => u.partner_id === p2));
		assert.ok(inP2.some((u) => u.id === made[2].id));
		const both = await get(`partner_id=${p2}&role=partner_admin`);
		assert.deepEqual(both.map((u) => u.id), [pa2.id]);
		assert.deepEqual((await get('q=zahra')).map((u) => u.id), [made[0].id]);
		assert.deepEqual((await get('q=KARIMI')).map((u) => u.id), [made[0].id]);
		assert.deepEqual((await get(`q=${encodeURIComponent('رحیمی')}`)).map((u) => u.id), [made[1].id]);
		assert.deepEqual((await get(`q=${encodeURIComponent(made[2].email.slice(0, 20).toUpperCase())}`)).map((u) => u.id), [made[2].id]);
		assert.deepEqual((await get('q=%25')).map((u) => u.id), [], '% is literal');
		assert.deepEqual((await get('q=_')).map((u) => u.id), [made[2].id], '_ is literal');
		assert.ok((await get('q=')).length >= 5, 'empty q = no filter');
		const dis = await s.user({ role: 'analyst' });
		await s.req('PATCH', `/api/v1/users/${dis.id}`, { token: s.adminToken, body: { disabled: true } });
		const disabled = await get('disabled=true');
		assert.deepEqual(disabled.map((u) => u.id), [dis.id]);
		assert.deepEqual((await get('disabled=1')).map((u) => u.id), [dis.id]);
		const active = await get('disabled=false');
		assert.ok(!active.some((u) => u.id === dis.id) && active.length > 0);
	});

	test('bad filters and page parameters', async () => {
		assertProblem(await s.req('GET', '/api/v1/users?role=wizard', { token: s.adminToken }), 422, ['role']);
		for (const q of ['disabled=maybe', 'partner_id=x', 'partner_id=0', 'limit=0', 'limit=201', 'limit=ten', 'after=-5', 'after=1e3'])
			assertProblem(await s.req('GET', `/api/v1/users?${q}`, { token: s.adminToken }), 400, [q.split('=')[0]]);
		const r = await s.req('GET', '/api/v1/users?limit=0&after=x&disabled=2', { token: s.adminToken });
		assertProblem(r, 400, ['limit', 'after', 'disabled']);
	});

	test('vendor read-only roles list every user; partner_admin only its partner', async () => {
		for (const role of ['channel_manager', 'analyst', 'finance']) {
			const a = await s.actor(role);
			const r = await s.req('GET', '/api/v1/users?limit=200', { token: a.token });
			assert.equal(r.status, 200);
			assert.ok(r.json.items.some((u) => u.partner_id === p1) && r.json.items.some((u) => u.partner_id === null));
		}
		const all = await readAll(s, '/api/v1/users', { token: pa1.token }, 1);
		assert.ok(all.length >= 1);
		assert.ok(all.every((u) => u.partner_id === p1), 'only own partner\'s users, on every page');
		const f = await s.req('GET', `/api/v1/users?partner_id=${p2}`, { token: pa1.token });
		assert.deepEqual(f.json.items, [], 'filtering for another partner finds nothing');
		const q = await s.req('GET', `/api/v1/users?q=${encodeURIComponent(pa2.email)}`, { token: pa1.token });
		assert.deepEqual(q.json.items, []);
		const r = await s.req('GET', '/api/v1/users?role=admin', { token: pa1.token });
		assert.deepEqual(r.json.items, [], 'vendor users are invisible to partner users');
	});
});

describe('read', () => {
	test('GET /users/{id}: 200, 404 for unknown ids, 400 for bad ids', async () => {
		const u = await s.user({ role: 'analyst' });
		const r = await s.req('GET', `/api/v1/users/${u.id}`, { token: s.adminToken });
		assert.equal(r.status, 200);
		assert.equal(r.json.email, u.email);
		assertProblem(await s.req('GET', '/api/v1/users/99999999', { token: s.adminToken }), 404, [], { slug: 'not-found' });
		for (const id of ['abc', '0', '-1', '1.0', '1e3', '%20', '9223372036854775808'])
			assertProblem(await s.req('GET', `/api/v1/users/${id}`, { token: s.adminToken }), 400, ['id']);
	});
});

describe('change', () => {
	test('admin changes name, locale and role; audit lists the changed fields', async () => {
		const u = await s.user({ role: 'analyst', name: 'Old Name' });
		const r = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { name: 'New Name', locale: 'ar', role: 'finance' } });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.name, 'New Name');
		assert.equal(r.json.locale, 'ar');
		assert.equal(r.json.role, 'finance');
		const g = await s.req('GET', `/api/v1/users/${u.id}`, { token: s.adminToken });
		assert.deepEqual(g.json, r.json, 'stored');
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		assert.equal(rows[0].action, 'user.update');
		assert.deepEqual(rows[0].changes, { locale: [null, 'ar'], name: ['Old Name', 'New Name'], role: ['analyst', 'finance'] });
	});

	test('an empty or no-op change is 200 and writes no audit row', async () => {
		const u = await s.user({ role: 'analyst', name: 'Same' });
		const before = (await auditRows(s, `entity=user&id=${u.id}`)).length;
		assert.equal((await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: {} })).status, 200);
		assert.equal((await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { name: 'Same', role: 'analyst', disabled: false } })).status, 200);
		assert.equal((await auditRows(s, `entity=user&id=${u.id}`)).length, before);
	});

	test('bad changes', async () => {
		const u = await s.user({ role: 'analyst' });
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { role: 'root' } }), 422, ['role']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { role: 'partner_rep' } }), 422, ['role']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { locale: 'xx' } }), 422, ['locale']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { disabled: 'yes' } }), 400, ['disabled']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { email: 'x@example.com' } }), 400, ['email']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { partner_id: p1 } }), 400, ['partner_id']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { password: PASSWORD } }), 400, ['password']);
		assertProblem(await s.req('PATCH', '/api/v1/users/88888888', { token: s.adminToken, body: { name: 'x' } }), 404);
		assertProblem(await s.req('PATCH', '/api/v1/users/zero', { token: s.adminToken, body: { name: 'x' } }), 400, ['id']);
		const r = await s.req('PATCH', `/api/v1/users/${u.id}`, { token: s.adminToken, body: { role: 'partner_admin' } });
		assertProblem(r, 422, ['role']);
		const pr = await s.user({ role: 'partner_rep', partner: p1 });
		assertProblem(await s.req('PATCH', `/api/v1/users/${pr.id}`, { token: s.adminToken, body: { role: 'analyst' } }), 422, ['role']);
		const g = await s.req('GET', `/api/v1/users/${u.id}`, { token: s.adminToken });
		assert.equal(g.json.role, 'analyst', 'unchanged');
	});

	test('PATCH names every bad field at once (issue 2)', async () => {
		const u = await s.user({ role: 'analyst', name: 'Kept Name' });
		const url = `/api/v1/users/${u.id}`;
		assertProblem(await s.req('PATCH', url, { token: s.adminToken, body: { role: 'bogus', locale: 'xx', disabled: 'yes' } }), 400,
			['role', 'locale', 'disabled']);
		const p = assertProblem(await s.req('PATCH', url, { token: s.adminToken, body: { role: 'bogus', locale: 'xx', name: 'Changed' } }), 422,
			['role', 'locale']);
		assert.equal(p.errors.length, 2);
		assertProblem(await s.req('PATCH', url, { token: s.adminToken, body: { role: 'partner_rep', locale: 'de', name: 'n'.repeat(201) } }), 400,
			['role', 'locale', 'name']);
		const g = await s.req('GET', url, { token: s.adminToken });
		assert.equal(g.json.name, 'Kept Name', 'nothing changed');
		assert.equal(g.json.role, 'analyst');
		assert.equal(g.json.locale, null);
		// an admin may set and reset a user's locale
		assert.equal((await s.req('PATCH', url, { token: s.adminToken, body: { locale: 'ms' } })).json.locale, 'ms');
		assert.equal((await s.req('PATCH', url, { token: s.adminToken, body: { locale: null } })).json.locale, null);
	});

	test('nobody changes their own role (403) or disables themselves (422)', async () => {
		assertProblem(await s.req('PATCH', '/api/v1/users/1', { token: s.adminToken, body: { role: 'analyst' } }), 403, ['role']);
		assertProblem(await s.req('PATCH', '/api/v1/users/1', { token: s.adminToken, body: { disabled: true } }), 422, ['disabled']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${pa1.id}`, { token: pa1.token, body: { role: 'partner_rep' } }), 403, ['role']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${pa1.id}`, { token: pa1.token, body: { disabled: true } }), 422, ['disabled']);
		// Restating your own role and changing your own name are fine.
		const ok = await s.req('PATCH', '/api/v1/users/1', { token: s.adminToken, body: { role: 'admin', name: 'Administrator' } });
		assert.equal(ok.status, 200, ok.describe());
		const me = await s.req('GET', '/api/v1/me', { token: s.adminToken });
		assert.equal(me.json.role, 'admin');
		assert.equal(me.json.disabled, false);
	});

	test('with two admins, one may demote or disable the other', async () => {
		const b = await s.actor('admin');
		const c = await s.actor('admin');
		const r = await s.req('PATCH', `/api/v1/users/${c.id}`, { token: b.token, body: { disabled: true } });
		assert.equal(r.status, 200, r.describe());
		assertProblem(await s.req('GET', '/api/v1/me', { token: c.token }), 401);
		const d = await s.req('PATCH', `/api/v1/users/${b.id}`, { token: s.adminToken, body: { role: 'channel_manager' } });
		assert.equal(d.status, 200, d.describe());
		// b is no longer an admin: user management is refused.
		assertProblem(await s.req('PATCH', '/api/v1/users/1', { token: b.token, body: { name: 'x' } }), 403);
	});
});

describe('partner_admin scoping', () => {
	test('creates only partner-role users of its own partner', async () => {
		const snapshot = await s.req('GET', '/api/v1/users?limit=200', { token: s.adminToken });
		const p2Before = snapshot.json.items.filter((u) => u.partner_id === p2).map((u) => u.id);
		const maxBefore = Math.max(...snapshot.json.items.map((u) => u.id));
		let r = await create(pa1.token, { email: uniqEmail('rep'), role: 'partner_rep', password: PASSWORD });
		assert.equal(r.status, 201, r.describe());
		assert.equal(r.json.partner_id, p1, 'partner defaults to the admin\'s own');
		r = await create(pa1.token, { email: uniqEmail('rep'), role: 'partner_admin', partner_id: p1, password: PASSWORD });
		assert.equal(r.status, 201, r.describe());
		assertProblem(await create(pa1.token, { email: uniqEmail(), role: 'partner_rep', partner_id: p2, password: PASSWORD }), 403, ['partner_id']);
		for (const role of ['admin', 'channel_manager', 'analyst', 'finance'])
			assertProblem(await create(pa1.token, { email: uniqEmail(), role, password: PASSWORD }), 403, ['role']);
		assertProblem(await create(pa1.token, { email: uniqEmail(), role: 'analyst', partner_id: p1, password: PASSWORD }), 403, ['role']);
		const inP2 = await s.req('GET', `/api/v1/users?limit=200&partner_id=${p2}`, { token: s.adminToken });
		assert.deepEqual(inP2.json.items.map((u) => u.id), p2Before, 'nothing created in another partner');
		const vendors = await s.req('GET', '/api/v1/users?limit=200', { token: s.adminToken });
		assert.ok(!vendors.json.items.some((u) => u.partner_id === null && u.id > maxBefore), 'no vendor user created');
	});

	test('changes only users of its own partner, within partner roles', async () => {
		const mine = await s.user({ role: 'partner_rep', partner: p1 });
		const theirs = await s.user({ role: 'partner_rep', partner: p2 });
		const vendor = await s.user({ role: 'analyst' });
		let r = await s.req('PATCH', `/api/v1/users/${mine.id}`, { token: pa1.token, body: { role: 'partner_admin', name: 'Promoted' } });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.role, 'partner_admin');
		r = await s.req('PATCH', `/api/v1/users/${mine.id}`, { token: pa1.token, body: { role: 'partner_rep' } });
		assert.equal(r.status, 200);
		assertProblem(await s.req('PATCH', `/api/v1/users/${mine.id}`, { token: pa1.token, body: { role: 'admin' } }), 403, ['role']);
		assertProblem(await s.req('PATCH', `/api/v1/users/${theirs.id}`, { token: pa1.token, body: { name: 'Hijacked' } }), 404);
		assertProblem(await s.req('PATCH', `/api/v1/users/${theirs.id}`, { token: pa1.token, body: { disabled: true } }), 404);
		assertProblem(await s.req('PATCH', `/api/v1/users/${vendor.id}`, { token: pa1.token, body: { disabled: true } }), 404);
		assertProblem(await s.req('PATCH', '/api/v1/users/1', { token: pa1.token, body: { role: 'partner_rep' } }), 404);
		r = await s.req('PATCH', `/api/v1/users/${mine.id}`, { token: pa1.token, body: { disabled: true } });
		assert.equal(r.status, 200);
		assert.equal(r.json.disabled, true);
		const t = await s.req('GET', `/api/v1/users/${theirs.id}`, { token: s.adminToken });
		assert.equal(t.json.name, '', 'other partner\'s user untouched');
		assert.equal(t.json.disabled, false);
		const v = await s.req('GET', `/api/v1/users/${vendor.id}`, { token: s.adminToken });
		assert.equal(v.json.disabled, false);
		const rows = await auditRows(s, `entity=user&id=${mine.id}`);
		assert.equal(rows[0].action, 'user.disable');
		assert.equal(rows[0].actor_id, pa1.id);
	});

	test('reads only users of its own partner', async () => {
		const theirs = await s.user({ role: 'partner_rep', partner: p2 });
		assertProblem(await s.req('GET', `/api/v1/users/${theirs.id}`, { token: pa1.token }), 404);
		assertProblem(await s.req('GET', '/api/v1/users/1', { token: pa1.token }), 404);
		const me = await s.req('GET', `/api/v1/users/${pa1.id}`, { token: pa1.token });
		assert.equal(me.status, 200);
	});
});

describe('passwords', () => {
	test('admin sets anyone\'s password without the current one; audit row', async () => {
		const u = await s.user({ role: 'finance' });
		const r = await s.req('POST', `/api/v1/users/${u.id}/password`, { token: s.adminToken, body: { password: 'Brand-new-passw0rd' } });
		assert.equal(r.status, 204, r.describe());
		await s.login(u.email, 'Brand-new-passw0rd');
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		assert.equal(rows[0].action === 'session.login' ? rows[1].action : rows[0].action, 'user.password');
	});

	test('policy and body errors', async () => {
		const u = await s.user({ role: 'finance' });
		const url = `/api/v1/users/${u.id}/password`;
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: 'short' } }), 422, ['password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: u.email } }), 422, ['password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: 'zzzzzzzzzzzzzzzzzz' } }), 422, ['password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: {} }), 400, ['password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: 12345678901234 } }), 400, ['password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: PASSWORD, new_password: 'x' } }), 400, ['new_password']);
		assertProblem(await s.req('POST', url, { token: s.adminToken, body: { password: 'p'.repeat(1025) } }), 400, ['password']);
		assertProblem(await s.req('POST', '/api/v1/users/77777777/password', { token: s.adminToken, body: { password: PASSWORD } }), 404);
		assertProblem(await s.req('POST', '/api/v1/users/x/password', { token: s.adminToken, body: { password: PASSWORD } }), 400, ['id']);
		await s.login(u.email, u.password); // unchanged
	});

	test('own password needs the current one, for every role', async () => {
		const u = await s.actor('partner_rep', { partner: p1 });
		const url = `/api/v1/users/${u.id}/password`;
		assertProblem(await s.req('POST', url, { token: u.token, body: { password: 'Another-passw0rd' } }), 400, ['current_password']);
		assertProblem(await s.req('POST', url, { token: u.token, body: { current_password: 'Not-my-passw0rd', password: 'Another-passw0rd' } }), 403, ['current_password']);
		const r = await s.req('POST', url, { token: u.token, body: { current_password: u.password, password: 'Another-passw0rd' } });
		assert.equal(r.status, 204, r.describe());
		await s.login(u.email, 'Another-passw0rd');
		// An admin changing their own password needs it too.
		assertProblem(await s.req('POST', '/api/v1/users/1/password', { token: s.adminToken, body: { password: 'Whatever-passw0rd' } }), 400, ['current_password']);
	});

	test('who may set whose password', async () => {
		const rep = await s.actor('partner_rep', { partner: p1 });
		const rep2 = await s.user({ role: 'partner_rep', partner: p1 });
		const other = await s.user({ role: 'partner_rep', partner: p2 });
		const cm = await s.actor('channel_manager');
		const an = await s.user({ role: 'analyst' });
		const body = { password: 'Set-by-someone-else1' };
		// partner_admin: own partner's users yes; others are not found.
		assert.equal((await s.req('POST', `/api/v1/users/${rep2.id}/password`, { token: pa1.token, body })).status, 204);
		assertProblem(await s.req('POST', `/api/v1/users/${other.id}/password`, { token: pa1.token, body }), 404);
		assertProblem(await s.req('POST', `/api/v1/users/${an.id}/password`, { token: pa1.token, body }), 404);
		assertProblem(await s.req('POST', '/api/v1/users/1/password', { token: pa1.token, body }), 404);
		// partner_rep: a colleague's password is refused; another partner's user is not found.
		assertProblem(await s.req('POST', `/api/v1/users/${rep2.id}/password`, { token: rep.token, body }), 403);
		assertProblem(await s.req('POST', `/api/v1/users/${other.id}/password`, { token: rep.token, body }), 404);
		// Vendor non-admins may not set other people's passwords.
		assertProblem(await s.req('POST', `/api/v1/users/${an.id}/password`, { token: cm.token, body }), 403);
		assertProblem(await s.req('POST', '/api/v1/users/1/password', { token: cm.token, body }), 403);
		// The refused ones did not change anything.
		await s.login(an.email, an.password);
		await s.login(other.email, other.password);
	});
	test('a wrong current_password is rate-limited like a login and every failure is audited (issue 2)', async () => {
		const u = await s.actor('analyst');
		const url = `/api/v1/users/${u.id}/password`;
		for (let i = 0; i < 5; i++)
			assertProblem(await s.req('POST', url, { token: u.token, body: { current_password: `Wrong-guess-${i}-xx`, password: 'Another-passw0rd' } }), 403, ['current_password']);
		// the sixth try is refused even with the right password, with Retry-After
		const r = await s.req('POST', url, { token: u.token, body: { current_password: u.password, password: 'Another-passw0rd' } });
		assertProblem(r, 429, [], { slug: 'rate-limited' });
		const ra = Number(r.headers.get('retry-after'));
		assert.ok(ra >= 1 && ra <= 300, `Retry-After ${r.headers.get('retry-after')}`);
		// the same per-account window as login: logging in is refused too
		assertProblem((await s.login(u.email, u.password, { expect: 429, localAddress: '127.0.0.81' })).res, 429);
		const rows = await auditRows(s, `entity=user&id=${u.id}`);
		const failed = rows.filter((x) => x.action === 'user.password_failed');
		const refused = rows.filter((x) => x.action === 'user.password_refused');
		assert.equal(failed.length, 5);
		assert.equal(refused.length, 1);
		assert.deepEqual(failed[0].changes.reason, [null, 'wrong current password']);
		assert.ok(!JSON.stringify(rows).includes('Wrong-guess'), 'no guessed password in the audit trail');
		// the password was not changed
		assertProblem((await s.login(u.email, 'Another-passw0rd', { expect: 429, localAddress: '127.0.0.82' })).res, 429);
	});
});
