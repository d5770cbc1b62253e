// roles.test.mjs — the role matrix: every route, called as every role (and anonymously),
// must be allowed exactly for the roles EXPECTED below names. EXPECTED is written here as
// data, from the product's rules (issue 2 and the partner issues), not read from the
// route table it checks: `channelbase routes` is only compared with it, so a route added,
// removed or given other roles fails the suite until this table agrees. Allowed calls
// must succeed (2xx) with a request that role may make; denied ones are 403 problem+json
// (401 when anonymous). The state-changing routes are called once more through cookie
// sessions: with the X-CSRF-Token header as with a token, and refused (403) without it.
// Partner users act on their own partner (A); isolation.test.mjs covers other partners'
// data.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { ALL_ROLES, PASSWORD, cli, startServer, uniqEmail } from './harness.mjs';

let s;
const actors = {};
let partnerA, cm;
let seq = 0;
const uniq = () => `${process.pid}-${++seq}`;

// Fixture makers, all as admin.
async function admin(method, p, body) {
	const r = await s.req(method, p, { token: s.adminToken, body });
	assert.ok(r.status >= 200 && r.status < 300, `fixture ${method} ${p}: ${r.describe()}`);
	return r.json;
}
const newPartner = async () => (await admin('POST', '/api/v1/partners', { name: `Fixture ${uniq()}`, manager_id: cm.id })).id;
const newContact = async () => (await admin('POST', `/api/v1/partners/${partnerA}/contacts`, { name: `Contact ${uniq()}` })).id;
const newNote = async () => (await admin('POST', `/api/v1/partners/${partnerA}/notes`, { kind: 'call', text: 'fixture' })).id;
const countries = ['AE', 'SA', 'EG', 'TR', 'MY', 'ID', 'SG', 'QA', 'KW', 'OM', 'BH', 'JO', 'LB', 'MA', 'PK', 'IN'];
let nextCountry = 0;
const newTerritory = async () => (await admin('POST', `/api/v1/partners/${partnerA}/territories`, { country: countries[nextCountry++ % countries.length], region: `R${uniq()}` })).id;

async function upload(token, partner, session) {
	const fd = new FormData();
	fd.append('kind', 'contract');
	fd.append('file', new Blob([`plain text ${uniq()}\n`], { type: 'text/plain' }), 'notes.txt');
	const headers = token ? { authorization: `Bearer ${token}` } : {};
	if (session) {
		headers.cookie = `cb_session=${session.cookie}`;
		if (session.csrf) headers['x-csrf-token'] = session.csrf;
	}
	const res = await fetch(`${s.base}/api/v1/partners/${partner}/documents`, { method: 'POST', body: fd, headers });
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : null, text, type: res.headers.get('content-type') || '' };
}
const newDocument = async () => {
	const r = await upload(s.adminToken, partnerA);
	assert.equal(r.status, 201, r.text);
	return r.json.id;
};

// Who may call each route: PUBLIC (no credentials), or the list of roles.
const PUBLIC = null;
const ANY = ['admin', 'channel_manager', 'analyst', 'finance', 'partner_admin', 'partner_rep'];
const VENDOR = ['admin', 'channel_manager', 'analyst', 'finance'];
const ADMIN_CM = ['admin', 'channel_manager'];
const EDITORS = ['admin', 'channel_manager', 'partner_admin', 'partner_rep']; // vendor managers and the partner's own users
const USER_READERS = [...VENDOR, 'partner_admin'];
const USER_MANAGERS = ['admin', 'partner_admin'];
const EXPECTED = {
	'GET /healthz': PUBLIC,
	'GET /readyz': PUBLIC,
	'GET /metrics': PUBLIC,
	'GET /api/v1/openapi.json': PUBLIC,
	'POST /api/v1/session': PUBLIC,
	'DELETE /api/v1/session': ANY,
	'GET /api/v1/me': ANY,
	'PATCH /api/v1/me': ANY,
	'GET /api/v1/users': USER_READERS,
	'POST /api/v1/users': USER_MANAGERS,
	'GET /api/v1/users/{id}': USER_READERS,
	'PATCH /api/v1/users/{id}': USER_MANAGERS,
	'POST /api/v1/users/{id}/password': ANY, // own password for all; others' by admin / partner_admin (users.test.mjs)
	'GET /api/v1/tokens': ANY,
	'POST /api/v1/tokens': ANY,
	'DELETE /api/v1/tokens/{id}': ANY,
	'GET /api/v1/audit': ['admin', 'analyst'],
	'GET /api/v1/activity': VENDOR,
	'GET /api/v1/partners': ANY,
	'POST /api/v1/partners': ADMIN_CM,
	'GET /api/v1/partners/duplicates': VENDOR,
	'GET /api/v1/partners/stats': VENDOR,
	'GET /api/v1/partners/{id}': ANY,
	'PATCH /api/v1/partners/{id}': EDITORS,
	'POST /api/v1/partners/{id}/status': ADMIN_CM,
	'POST /api/v1/partners/{id}/merge': ADMIN_CM,
	'GET /api/v1/partners/{id}/history': VENDOR,
	'GET /api/v1/partners/{id}/contacts': ANY,
	'POST /api/v1/partners/{id}/contacts': EDITORS,
	'PATCH /api/v1/partners/{id}/contacts/{contact_id}': EDITORS,
	'DELETE /api/v1/partners/{id}/contacts/{contact_id}': EDITORS,
	'GET /api/v1/partners/{id}/territories': ANY,
	'POST /api/v1/partners/{id}/territories': ADMIN_CM,
	'DELETE /api/v1/partners/{id}/territories/{territory_id}': ADMIN_CM,
	'GET /api/v1/partners/{id}/notes': VENDOR,
	'POST /api/v1/partners/{id}/notes': ADMIN_CM,
	'DELETE /api/v1/partners/{id}/notes/{note_id}': ADMIN_CM,
	'GET /api/v1/partners/{id}/documents': ANY,
	'POST /api/v1/partners/{id}/documents': EDITORS,
	'GET /api/v1/partners/{id}/documents/{document_id}': ANY,
	'DELETE /api/v1/partners/{id}/documents/{document_id}': EDITORS,
	'GET /api/v1/tiers': ANY,
	'POST /api/v1/tiers': ['admin'],
	'PATCH /api/v1/tiers/{id}': ['admin'],
	'POST /api/v1/imports/partners': ADMIN_CM,
	'POST /api/v1/imports/contacts': ADMIN_CM,
	'GET /api/v1/exports/partners.csv': VENDOR,
	'GET /api/v1/exports/partners.json': VENDOR,
};
const ROUTES = Object.entries(EXPECTED).map(([k, allowed]) => {
	const [method, path] = k.split(' ');
	return { method, path, allowed };
});
const UNSAFE = (m) => !['GET', 'HEAD', 'OPTIONS'].includes(m);

// route → async (role, actor) => {path, body?, raw?, type?, multipart?}
const CASES = {
	'GET /healthz': async () => ({ path: '/healthz' }),
	'GET /readyz': async () => ({ path: '/readyz' }),
	'GET /metrics': async () => ({ path: '/metrics' }),
	'GET /api/v1/openapi.json': async () => ({ path: '/api/v1/openapi.json' }),
	'POST /api/v1/session': async () => ({ path: '/api/v1/session', body: { email: s.adminEmail, password: s.adminPassword } }),
	'DELETE /api/v1/session': async () => ({ path: '/api/v1/session' }),
	'GET /api/v1/me': async () => ({ path: '/api/v1/me' }),
	'PATCH /api/v1/me': async () => ({ path: '/api/v1/me', body: { name: `Renamed ${uniq()}` } }),
	'GET /api/v1/users': async () => ({ path: '/api/v1/users' }),
	'POST /api/v1/users': async () => ({ path: '/api/v1/users', body: { email: uniqEmail('made'), role: 'partner_rep', partner_id: partnerA, password: PASSWORD } }),
	'GET /api/v1/users/{id}': async () => ({ path: `/api/v1/users/${actors.partner_rep.id}` }),
	'PATCH /api/v1/users/{id}': async () => {
		const u = await s.user({ role: 'partner_rep', partner: partnerA });
		return { path: `/api/v1/users/${u.id}`, body: { name: `Renamed ${uniq()}` } };
	},
	'POST /api/v1/users/{id}/password': async (role, a) => {
		const body = { current_password: a.password, password: `New-passw0rd-${uniq()}` };
		a.password = body.password;
		return { path: `/api/v1/users/${a.id}/password`, body };
	},
	'GET /api/v1/tokens': async () => ({ path: '/api/v1/tokens' }),
	'POST /api/v1/tokens': async () => ({ path: '/api/v1/tokens', body: { name: `t ${uniq()}` } }),
	'DELETE /api/v1/tokens/{id}': async (role, a) => {
		const r = await s.req('POST', '/api/v1/tokens', { token: a.token, body: { name: `doomed ${uniq()}` } });
		assert.equal(r.status, 201, r.describe());
		return { path: `/api/v1/tokens/${r.json.id}` };
	},
	'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=5' }),
	'GET /api/v1/activity': async () => ({ path: '/api/v1/activity?limit=5' }),
	'GET /api/v1/partners': async () => ({ path: '/api/v1/partners?limit=5' }),
	'POST /api/v1/partners': async () => ({ path: '/api/v1/partners', body: { name: `Made ${uniq()}` } }),
	'GET /api/v1/partners/duplicates': async () => ({ path: '/api/v1/partners/duplicates' }),
	'GET /api/v1/partners/stats': async () => ({ path: '/api/v1/partners/stats' }),
	'GET /api/v1/partners/{id}': async () => ({ path: `/api/v1/partners/${partnerA}` }),
	'PATCH /api/v1/partners/{id}': async () => ({ path: `/api/v1/partners/${partnerA}`, body: { phone: `+971 4 555 ${String(1000 + (seq++ % 9000))}` } }),
	'POST /api/v1/partners/{id}/status': async () => ({ path: `/api/v1/partners/${await newPartner()}/status`, body: { to: 'applied', reason: 'role matrix' } }),
	'POST /api/v1/partners/{id}/merge': async () => {
		const survivor = await newPartner();
		const dup = await newPartner();
		return { path: `/api/v1/partners/${survivor}/merge`, body: { from: [dup] } };
	},
	'GET /api/v1/partners/{id}/history': async () => ({ path: `/api/v1/partners/${partnerA}/history?limit=5` }),
	'GET /api/v1/partners/{id}/contacts': async () => ({ path: `/api/v1/partners/${partnerA}/contacts` }),
	'POST /api/v1/partners/{id}/contacts': async () => ({ path: `/api/v1/partners/${partnerA}/contacts`, body: { name: `Person ${uniq()}` } }),
	'PATCH /api/v1/partners/{id}/contacts/{contact_id}': async () => ({ path: `/api/v1/partners/${partnerA}/contacts/${await newContact()}`, body: { title: 'CEO' } }),
	'DELETE /api/v1/partners/{id}/contacts/{contact_id}': async () => ({ path: `/api/v1/partners/${partnerA}/contacts/${await newContact()}` }),
	'GET /api/v1/partners/{id}/territories': async () => ({ path: `/api/v1/partners/${partnerA}/territories` }),
	'POST /api/v1/partners/{id}/territories': async () => ({ path: `/api/v1/partners/${partnerA}/territories`, body: { country: countries[nextCountry++ % countries.length], region: `R${uniq()}` } }),
	'DELETE /api/v1/partners/{id}/territories/{territory_id}': async () => ({ path: `/api/v1/partners/${partnerA}/territories/${await newTerritory()}` }),
	'GET /api/v1/partners/{id}/notes': async () => ({ path: `/api/v1/partners/${partnerA}/notes` }),
	'POST /api/v1/partners/{id}/notes': async () => ({ path: `/api/v1/partners/${partnerA}/notes`, body: { kind: 'visit', text: `Visited ${uniq()}` } }),
	// Notes and documents may be deleted only by their author or an admin: made by the actor
	// when its role may make them.
	'DELETE /api/v1/partners/{id}/notes/{note_id}': async (role, a) => {
		let id = await newNote();
		if (['admin', 'channel_manager'].includes(role)) {
			const r = await s.req('POST', `/api/v1/partners/${partnerA}/notes`, { token: a.token, body: { kind: 'qbr', text: 'mine' } });
			assert.equal(r.status, 201, r.describe());
			id = r.json.id;
		}
		return { path: `/api/v1/partners/${partnerA}/notes/${id}` };
	},
	'GET /api/v1/partners/{id}/documents': async () => ({ path: `/api/v1/partners/${partnerA}/documents` }),
	'POST /api/v1/partners/{id}/documents': async () => ({ multipart: true, path: `/api/v1/partners/${partnerA}/documents` }),
	'GET /api/v1/partners/{id}/documents/{document_id}': async () => ({ path: `/api/v1/partners/${partnerA}/documents/${await newDocument()}` }),
	'DELETE /api/v1/partners/{id}/documents/{document_id}': async (role, a) => {
		let id = await newDocument();
		if (['admin', 'channel_manager', 'partner_admin', 'partner_rep'].includes(role)) {
			const r = await upload(a.token, partnerA);
			assert.equal(r.status, 201, r.text);
			id = r.json.id;
		}
		return { path: `/api/v1/partners/${partnerA}/documents/${id}` };
	},
	'GET /api/v1/tiers': async () => ({ path: '/api/v1/tiers' }),
	'POST /api/v1/tiers': async () => ({ path: '/api/v1/tiers', body: { name: `Tier ${uniq()}`, rank: 10 + (seq++ % 80) } }),
	'PATCH /api/v1/tiers/{id}': async () => ({ path: '/api/v1/tiers/1', body: { description: `Entry level ${uniq()}` } }),
	'POST /api/v1/imports/partners': async () => ({ path: '/api/v1/imports/partners?dry_run=1', raw: 'name,country\nImported Co,AE\n', type: 'text/csv' }),
	'POST /api/v1/imports/contacts': async () => ({ path: '/api/v1/imports/contacts?dry_run=1', raw: `partner_id,name\n${partnerA},Imported Person\n`, type: 'text/csv' }),
	'GET /api/v1/exports/partners.csv': async () => ({ path: '/api/v1/exports/partners.csv' }),
	'GET /api/v1/exports/partners.json': async () => ({ path: '/api/v1/exports/partners.json' }),
};

let routes = []; // as `channelbase routes` prints them, only to compare with EXPECTED

/* Calls a case with a bearer token, or with a cookie session ({cookie, csrf}; csrf
 * null sends no X-CSRF-Token). */
async function call(method, c, token, session) {
	if (c.multipart) return upload(token, partnerA, session);
	const opts = { token };
	if (session) Object.assign(opts, { session, csrf: session.csrf ?? false });
	if (c.raw !== undefined) Object.assign(opts, { raw: c.raw, type: c.type });
	else if (c.body !== undefined) opts.body = c.body;
	return s.req(method, c.path, opts);
}

before(async () => {
	s = await startServer();
	const out = await cli(['routes']);
	routes = out.stdout.trim().split('\n').map((line) => {
		const [method, path, roles] = line.split(/\s+/);
		const allowed = roles === 'public' ? PUBLIC : roles === 'any' ? ALL_ROLES : roles.split(',');
		return { method, path, allowed };
	});
	cm = await s.actor('channel_manager');
	partnerA = await newPartner();
	actors.channel_manager = cm;
	for (const role of ALL_ROLES.filter((r) => r !== 'channel_manager'))
		actors[role] = role === 'admin' ? await s.actor('admin') : await s.actor(role, { partner: role.startsWith('partner_') ? partnerA : null });
	// The partner's own user needs to be the one the PATCH /users/{id} case can touch.
});
after(async () => s && (await s.stop()));

describe('role matrix', () => {
	test('the route table has exactly the routes and roles EXPECTED names (issue 2)', () => {
		const keys = routes.map((r) => `${r.method} ${r.path}`);
		assert.deepEqual(keys.filter((k) => !(k in EXPECTED)), [], 'routes this test does not list (add them to EXPECTED and CASES)');
		assert.deepEqual(Object.keys(EXPECTED).filter((k) => !keys.includes(k)), [], 'routes EXPECTED lists that the table lacks');
		const sorted = (a) => (a === PUBLIC ? 'public' : [...a].sort().join(','));
		for (const r of routes)
			assert.equal(sorted(r.allowed), sorted(EXPECTED[`${r.method} ${r.path}`]), `roles of ${r.method} ${r.path}`);
		assert.deepEqual(Object.keys(CASES).sort(), Object.keys(EXPECTED).sort(), 'a case for every expected route');
		assert.ok(routes.length >= 40);
	});

	test('anonymous: public routes work, every other route is 401 problem+json', async () => {
		for (const r of ROUTES) {
			// fixtures are made as admin; the call itself carries no credentials
			const c = await CASES[`${r.method} ${r.path}`]('anonymous', { id: s.adminId, password: 'unused', token: s.adminToken });
			const res = await call(r.method, c, null);
			if (r.allowed === null) assert.ok(res.status >= 200 && res.status < 300, `${r.method} ${r.path} anonymous: ${res.status} ${res.text?.slice(0, 200)}`);
			else assert.equal(res.status, 401, `${r.method} ${r.path} anonymous: ${res.status}`);
		}
	});

	for (const role of ALL_ROLES) {
		test(`${role}: allowed exactly where the route table says`, async () => {
			const a = actors[role];
			for (const r of ROUTES) {
				if (r.allowed === PUBLIC) continue;
				const c = await CASES[`${r.method} ${r.path}`](role, a);
				const res = await call(r.method, c, a.token);
				const what = `${role} ${r.method} ${c.path}: ${res.status} ${(res.text || '').slice(0, 300)}`;
				if (r.allowed.includes(role)) {
					assert.ok(res.status >= 200 && res.status < 300, `should be allowed — ${what}`);
				} else {
					assert.equal(res.status, 403, `should be denied — ${what}`);
					assert.match(res.type, /^application\/problem\+json/, what);
				}
			}
		});
	}

	// The same over cookie sessions: a state-changing call without X-CSRF-Token is 403
	// and changes nothing; with it, the answer is the bearer token's (allowed or 403).
	for (const role of ALL_ROLES) {
		test(`${role}: cookie session with X-CSRF-Token on every state-changing route, refused without it (issue 2)`, async () => {
			const a = actors[role];
			const { session } = await s.login(a.email, a.password);
			// logging out ends the session: last
			const unsafe = ROUTES.filter((r) => r.allowed !== PUBLIC && UNSAFE(r.method))
				.sort((x, y) => (x.path === '/api/v1/session') - (y.path === '/api/v1/session'));
			assert.ok(unsafe.length >= 20);
			for (const r of unsafe) {
				const c = await CASES[`${r.method} ${r.path}`](role, a);
				const bare = await call(r.method, c, null, { cookie: session.cookie, csrf: null });
				const what = (res) => `${role} ${r.method} ${c.path} (session): ${res.status} ${(res.text || '').slice(0, 300)}`;
				assert.equal(bare.status, 403, `without X-CSRF-Token — ${what(bare)}`);
				if (r.allowed.includes(role))
					assert.match(bare.text, /X-CSRF-Token/, `names the header — ${what(bare)}`);
				const res = await call(r.method, c, null, session);
				if (r.allowed.includes(role)) assert.ok(res.status >= 200 && res.status < 300, `should be allowed — ${what(res)}`);
				else assert.equal(res.status, 403, `should be denied — ${what(res)}`);
			}
			const me = await s.req('GET', '/api/v1/me', { session });
			assert.equal(me.status, 401, 'the last call logged out');
		});
	}
});
