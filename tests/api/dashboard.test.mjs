// dashboard.test.mjs — what the console's home page reads: GET /api/v1/partners/stats
// (counts by facet and map points, agreeing with the list for every filter),
// GET /api/v1/partners/{id}/history (one partner's audit trail, child rows included,
// nothing of another partner) and GET /api/v1/activity (partner activity across partners,
// no logins, users or tokens) — exact numbers on a small known data set, every role, every
// bad parameter, pagination; and GET/PATCH /api/v1/me's locale, which the console uses.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { VENDOR_ROLES, PARTNER_ROLES, assertProblem, auditRows, readAll, startServer } from './harness.mjs';

let s, cm, cm2;
const actors = {};
const P = {}; // name → partner record as created
let noteA, noteB, contactA, contactB;

async function as(token, method, p, body) {
	const r = await s.req(method, p, { token, body });
	assert.ok(r.status >= 200 && r.status < 300, `${method} ${p}: ${r.describe()}`);
	return r.json;
}
const admin = (method, p, body) => as(s.adminToken, method, p, body);
const stats = async (query = '', token = s.adminToken) => {
	const r = await s.req('GET', `/api/v1/partners/stats${query}`, { token });
	assert.equal(r.status, 200, r.describe());
	assert.match(r.type, /^application\/json/);
	return r.json;
};
const sum = (list) => list.reduce((n, b) => n + b.count, 0);
const FACETS = ['by_status', 'by_tier', 'by_type', 'by_model', 'by_country', 'by_segment'];

before(async () => {
	s = await startServer();
	cm = await s.actor('channel_manager');
	cm2 = await s.actor('channel_manager');
	// The known data set: four live partners and one merged away.
	const make = async (key, body) => (P[key] = await admin('POST', '/api/v1/partners', body));
	await make('alpha', { name: 'Alpha Dash', type: 'reseller', model: 'sell_to', tier: 'Gold', segment: 'SMB', country: 'AE', region: 'Dubai', latitude: 25.2048, longitude: 55.2708, manager_id: cm.id, industries: ['Energy'] });
	await make('beta', { name: 'Beta Dash', type: 'distributor', model: 'sell_with', tier: 'Silver', segment: 'Enterprise', country: 'AE', region: 'Abu Dhabi', latitude: 24.4539, longitude: 54.3773, manager_id: cm2.id, industries: ['Banking'] });
	await make('gamma', { name: 'Gamma Dash', type: 'reseller', model: 'referral', country: 'SA', manager_id: cm.id });
	await make('delta', { name: 'Delta Dash', type: 'msp', model: 'sell_to', tier: 'Gold', segment: 'SMB', country: 'MY', latitude: 3.139, manager_id: cm2.id, industries: ['energy'] });
	await make('merged', { name: 'Merged Dash', type: 'isv', model: 'sell_with', tier: 'Platinum', segment: 'SMB', country: 'EG', latitude: 30.0444, longitude: 31.2357 });
	for (const to of ['applied', 'onboarding', 'active'])
		await admin('POST', `/api/v1/partners/${P.alpha.id}/status`, { to, reason: `dashboard ${to}` });
	await admin('POST', `/api/v1/partners/${P.gamma.id}/status`, { to: 'applied', reason: 'form received' });
	await admin('POST', `/api/v1/partners/${P.alpha.id}/merge`, { from: [P.merged.id] });
	// Child rows of alpha and of beta.
	noteA = await as(cm.token, 'POST', `/api/v1/partners/${P.alpha.id}/notes`, { kind: 'visit', text: 'Quarterly visit at Alpha' });
	noteB = await admin('POST', `/api/v1/partners/${P.beta.id}/notes`, { kind: 'call', text: 'Call with Beta' });
	contactA = await as(cm.token, 'POST', `/api/v1/partners/${P.alpha.id}/contacts`, { name: 'Amal Haddad', role: 'sales' });
	await as(cm.token, 'PATCH', `/api/v1/partners/${P.alpha.id}/contacts/${contactA.id}`, { title: 'Head of Sales' });
	contactB = await admin('POST', `/api/v1/partners/${P.beta.id}/contacts`, { name: 'Badr Saleh' });
	await admin('POST', `/api/v1/partners/${P.beta.id}/status`, { to: 'applied', reason: 'beta applied' });
	await admin('POST', `/api/v1/partners/${P.beta.id}/territories`, { country: 'AE', region: 'Abu Dhabi' });
	actors.admin = { token: s.adminToken };
	actors.channel_manager = cm;
	for (const role of ['analyst', 'finance']) actors[role] = await s.actor(role);
	for (const role of PARTNER_ROLES) actors[role] = await s.actor(role, { partner: P.alpha.id });
});
after(async () => s && (await s.stop()));

describe('GET /api/v1/partners/stats', () => {
	test('exact counts by every facet on a known data set; merged partners are not counted', async () => {
		const st = await stats();
		assert.equal(st.total, 4);
		assert.deepEqual(st.by_status, [
			{ key: 'prospect', count: 1 },
			{ key: 'applied', count: 2 },
			{ key: 'active', count: 1 },
		]);
		assert.deepEqual(st.by_tier, [
			{ key: 'Silver', name: 'Silver', id: 2, rank: 2, colour: '#9ca3af', count: 1 },
			{ key: 'Gold', name: 'Gold', id: 3, rank: 3, colour: '#d4a017', count: 2 },
			{ key: null, name: null, id: null, rank: null, colour: null, count: 1 },
		]);
		assert.deepEqual(st.by_type, [
			{ key: 'reseller', count: 2 },
			{ key: 'distributor', count: 1 },
			{ key: 'msp', count: 1 },
		]);
		assert.deepEqual(st.by_model, [
			{ key: 'sell_to', count: 2 },
			{ key: 'referral', count: 1 },
			{ key: 'sell_with', count: 1 },
		]);
		assert.deepEqual(st.by_country, [
			{ key: 'AE', count: 2 },
			{ key: 'MY', count: 1 },
			{ key: 'SA', count: 1 },
		]);
		assert.deepEqual(st.by_segment, [
			{ key: 'SMB', count: 2 },
			{ key: 'Enterprise', count: 1 },
			{ key: null, count: 1 },
		]);
		// Only partners with both coordinates, by id; delta has a latitude only.
		assert.deepEqual(st.points, [
			{ id: P.alpha.id, name: 'Alpha Dash', tier: 'Gold', status: 'active', latitude: 25.2048, longitude: 55.2708 },
			{ id: P.beta.id, name: 'Beta Dash', tier: 'Silver', status: 'applied', latitude: 24.4539, longitude: 54.3773 },
		]);
		assert.equal(st.points_truncated, false);
		assert.deepEqual(Object.keys(st), ['total', ...FACETS, 'points', 'points_truncated']);
	});

	test('every filter of the list gives the same partners as the list, and facets add up to the total', async () => {
		const filters = [
			'', '?country=AE', '?tier=Gold', '?tier=gold', '?status=applied', '?type=reseller', '?model=sell_to',
			'?segment=SMB', `?manager=${cm.id}`, `?manager=${cm2.id}`, '?region=Dubai', '?industry=energy', '?q=dash', '?q=alpha',
			`?country=AE&status=applied&manager=${cm2.id}`, '?tier=Gold&segment=SMB&type=msp', '?country=EG', '?tier=Platinum',
			'?q=nothing-matches-this',
		];
		for (const f of filters) {
			const st = await stats(f);
			const listed = await readAll(s, `/api/v1/partners${f}`, { token: s.adminToken }, 200);
			assert.equal(st.total, listed.length, `total for ${f || '(none)'}`);
			for (const k of FACETS) assert.equal(sum(st[k]), st.total, `${k} adds up for ${f || '(none)'}`);
			const byStatus = Object.fromEntries(st.by_status.map((b) => [b.key, b.count]));
			const listedStatus = {};
			for (const p of listed) listedStatus[p.status] = (listedStatus[p.status] || 0) + 1;
			assert.deepEqual(byStatus, listedStatus, `by_status for ${f || '(none)'}`);
			const withPos = listed.filter((p) => p.latitude !== null && p.longitude !== null).map((p) => p.id).sort((a, b) => a - b);
			assert.deepEqual(st.points.map((p) => p.id), withPos, `points for ${f || '(none)'}`);
		}
		assert.equal((await stats('?country=EG')).total, 0, 'the merged partner is in neither');
		assert.deepEqual((await stats('?tier=Platinum')).by_tier, []);
	});

	test('reads write no audit row', async () => {
		const before = (await auditRows(s, 'limit=1'))[0].id;
		await stats();
		await stats('?country=AE');
		assert.equal((await auditRows(s))[0].id, before);
	});

	test('bad parameters: 400 naming the parameter; unknown enum values 422 as on the list', async () => {
		for (const [q, field] of [['?manager=abc', 'manager'], ['?manager=0', 'manager'], ['?country=XYZ', 'country'], ['?country=1', 'country'], [`?q=${'x'.repeat(201)}`, 'q']]) {
			assertProblem(await s.req('GET', `/api/v1/partners/stats${q}`, { token: s.adminToken }), 400, [field]);
			assertProblem(await s.req('GET', `/api/v1/partners${q}`, { token: s.adminToken }), 400, [field]);
		}
		for (const [q, field] of [['?status=sleeping', 'status'], ['?type=wholesaler', 'type'], ['?model=barter', 'model']]) {
			assertProblem(await s.req('GET', `/api/v1/partners/stats${q}`, { token: s.adminToken }), 422, [field]);
			assertProblem(await s.req('GET', `/api/v1/partners${q}`, { token: s.adminToken }), 422, [field]);
		}
		// issue 3: a lower-case country is accepted, as the partner body accepts it
		const lower = await s.req('GET', '/api/v1/partners/stats?country=ae', { token: s.adminToken });
		assert.equal(lower.status, 200, lower.describe());
		assert.deepEqual(lower.json, (await s.req('GET', '/api/v1/partners/stats?country=AE', { token: s.adminToken })).json);
		const both = assertProblem(await s.req('GET', '/api/v1/partners/stats?status=x&type=y', { token: s.adminToken }), 422, ['status', 'type']);
		assert.match(both.errors.find((e) => e.field === 'status').message, /prospect/);
	});
});

describe('GET /api/v1/partners/{id}/history', () => {
	test('the partner, its status changes, merges into it, notes and contacts — none of another partner', async () => {
		const r = await s.req('GET', `/api/v1/partners/${P.alpha.id}/history?limit=200`, { token: cm.token });
		assert.equal(r.status, 200, r.describe());
		const items = r.json.items;
		assert.equal(r.json.next_after, null);
		const ids = items.map((e) => e.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
		const has = (action, entity, id) => items.some((e) => e.action === action && e.entity === entity && e.entity_id === id);
		assert.ok(has('partner.create', 'partner', P.alpha.id));
		assert.ok(has('partner.merge', 'partner', P.alpha.id));
		assert.ok(has('note.add', 'note', noteA.id), 'the note');
		assert.ok(has('contact.create', 'contact', contactA.id), 'the contact');
		assert.ok(has('contact.update', 'contact', contactA.id), 'the contact change');
		const statuses = items.filter((e) => e.action === 'partner.status');
		assert.deepEqual(statuses.map((e) => e.changes.status[1]), ['active', 'onboarding', 'applied']);
		assert.deepEqual(statuses[0].changes.reason, [null, 'dashboard active']);
		assert.deepEqual(items.find((e) => e.action === 'contact.update').changes.title, [null, 'Head of Sales']);
		// nothing about beta or its rows
		assert.ok(!items.some((e) => e.entity === 'partner' && e.entity_id !== P.alpha.id));
		assert.ok(!has('note.add', 'note', noteB.id));
		assert.ok(!has('contact.create', 'contact', contactB.id));
		assert.ok(!items.some((e) => e.entity === 'territory'));
		// the entry shape of /audit, entry for entry
		const audit = await auditRows(s);
		for (const e of items) assert.deepEqual(e, audit.find((a) => a.id === e.id));
		assert.equal(items.length, 8); // create, 3 status, merge, note, contact create + update
	});

	test('another partner has its own history; a merged partner keeps its own; documents, and deleted child rows, stay', async () => {
		const beta = await readAll(s, `/api/v1/partners/${P.beta.id}/history`, { token: s.adminToken }, 200);
		assert.deepEqual(beta.map((e) => e.action).sort(), ['contact.create', 'note.add', 'partner.create', 'partner.status', 'territory.add']);
		const merged = await readAll(s, `/api/v1/partners/${P.merged.id}/history`, { token: s.adminToken }, 200);
		assert.deepEqual(merged.map((e) => e.action), ['partner.merged', 'partner.create']);
		// a contact of gamma created and deleted: both entries stay in gamma's history
		const c = await admin('POST', `/api/v1/partners/${P.gamma.id}/contacts`, { name: 'Temporary Person' });
		await admin('DELETE', `/api/v1/partners/${P.gamma.id}/contacts/${c.id}`);
		const n = await admin('POST', `/api/v1/partners/${P.gamma.id}/notes`, { kind: 'other', text: 'to be removed' });
		await admin('DELETE', `/api/v1/partners/${P.gamma.id}/notes/${n.id}`);
		const fd = new FormData();
		fd.append('kind', 'contract');
		fd.append('file', new Blob(['signed contract\n'], { type: 'text/plain' }), 'contract.txt');
		const up = await fetch(`${s.base}/api/v1/partners/${P.gamma.id}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${s.adminToken}` } });
		assert.equal(up.status, 201);
		const d = await up.json();
		await admin('DELETE', `/api/v1/partners/${P.gamma.id}/documents/${d.id}`);
		const gamma = await readAll(s, `/api/v1/partners/${P.gamma.id}/history`, { token: s.adminToken }, 200);
		assert.deepEqual(gamma.slice(0, 6).map((e) => `${e.action} ${e.entity_id}`), [
			`document.delete ${d.id}`, `document.add ${d.id}`, `note.delete ${n.id}`, `note.add ${n.id}`, `contact.delete ${c.id}`, `contact.create ${c.id}`,
		]);
	});

	test('cursor pagination: pages of 3 give the same entries as one page', async () => {
		const all = (await s.req('GET', `/api/v1/partners/${P.alpha.id}/history?limit=200`, { token: s.adminToken })).json.items;
		const paged = await readAll(s, `/api/v1/partners/${P.alpha.id}/history`, { token: s.adminToken }, 3);
		assert.deepEqual(paged, all);
		const second = await s.req('GET', `/api/v1/partners/${P.alpha.id}/history?limit=2&after=${all[1].id}`, { token: s.adminToken });
		assert.deepEqual(second.json.items, all.slice(2, 4));
	});

	test('unknown partner 404; bad id, limit and after 400 naming the parameter', async () => {
		assertProblem(await s.req('GET', '/api/v1/partners/987654/history', { token: s.adminToken }), 404);
		assertProblem(await s.req('GET', '/api/v1/partners/abc/history', { token: s.adminToken }), 400, ['id']);
		assertProblem(await s.req('GET', '/api/v1/partners/0/history', { token: s.adminToken }), 400, ['id']);
		for (const [q, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit'], ['after=-1', 'after'], ['after=1e3', 'after'], ['after=0', 'after']])
			assertProblem(await s.req('GET', `/api/v1/partners/${P.alpha.id}/history?${q}`, { token: s.adminToken }), 400, [field]);
	});

	test('partner users cannot read any history — their own partner\'s (notes are vendor-only) nor another\'s: 403', async () => {
		for (const role of PARTNER_ROLES) {
			for (const id of [P.alpha.id, P.beta.id, 987654]) {
				const r = await s.req('GET', `/api/v1/partners/${id}/history`, { token: actors[role].token });
				assertProblem(r, 403);
			}
		}
	});
});

describe('GET /api/v1/activity', () => {
	test('partner activity of every partner with its name, newest first; no logins, users or tokens', async () => {
		// make some non-partner activity: a login, a token, a user change
		const u = await s.user({ role: 'analyst' });
		await s.login(u.email, u.password);
		await s.req('POST', '/api/v1/tokens', { token: s.adminToken, body: { name: 'activity test' } });
		await admin('PATCH', `/api/v1/users/${u.id}`, { name: 'Renamed Analyst' });
		const audit = await auditRows(s);
		assert.ok(audit.some((e) => e.action === 'session.login'), 'the audit trail has the login');
		const items = await readAll(s, '/api/v1/activity', { token: cm.token }, 100);
		assert.ok(items.length > 0);
		const ids = items.map((e) => e.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
		for (const e of items) {
			assert.ok(!/^(session|user|token|tier)\./.test(e.action), `not partner activity: ${e.action}`);
			assert.ok(['partner', 'contact', 'note', 'territory', 'document'].includes(e.entity), e.entity);
			assert.equal(typeof e.partner_id, 'number');
			const { partner_id, partner_name, ...rest } = e;
			assert.deepEqual(rest, audit.find((a) => a.id === e.id), 'the /audit entry plus partner_id and partner_name');
		}
		const name = (id) => Object.values(P).find((p) => p.id === id)?.name;
		for (const e of items) assert.equal(e.partner_name, name(e.partner_id));
		const note = items.find((e) => e.action === 'note.add' && e.entity_id === noteA.id);
		assert.equal(note.partner_id, P.alpha.id);
		assert.equal(note.partner_name, 'Alpha Dash');
		assert.ok(items.some((e) => e.action === 'territory.add' && e.partner_id === P.beta.id));
		assert.ok(items.some((e) => e.action === 'partner.merged' && e.partner_id === P.merged.id && e.partner_name === 'Merged Dash'));
		// every partner-related audit entry is there
		const related = audit.filter((e) => ['partner', 'contact', 'note', 'territory', 'document'].includes(e.entity));
		assert.deepEqual(ids, related.map((e) => e.id));
	});

	test('limit: default 20, at most 100; cursor pages', async () => {
		const first = await s.req('GET', '/api/v1/activity', { token: s.adminToken });
		assert.equal(first.status, 200);
		assert.ok(first.json.items.length <= 20);
		const all = await readAll(s, '/api/v1/activity', { token: s.adminToken }, 100);
		assert.deepEqual(first.json.items, all.slice(0, 20));
		assert.equal(first.json.next_after, all.length > 20 ? all[19].id : null);
		assert.deepEqual(await readAll(s, '/api/v1/activity', { token: s.adminToken }, 7), all);
		for (const [q, field] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'], ['after=-5', 'after'], ['after=x', 'after']])
			assertProblem(await s.req('GET', `/api/v1/activity?${q}`, { token: s.adminToken }), 400, [field]);
	});
});

describe('roles', () => {
	const paths = () => ['/api/v1/partners/stats', `/api/v1/partners/${P.alpha.id}/history`, '/api/v1/activity'];
	test('vendor roles read all three; partner roles 403; anonymous 401', async () => {
		for (const role of VENDOR_ROLES) {
			for (const p of paths()) {
				const r = await s.req('GET', p, { token: actors[role].token });
				assert.equal(r.status, 200, `${role} ${p}: ${r.describe()}`);
			}
		}
		for (const role of PARTNER_ROLES) for (const p of paths()) assertProblem(await s.req('GET', p, { token: actors[role].token }), 403);
		for (const p of paths()) assertProblem(await s.req('GET', p), 401);
	});

	test('every vendor role sees the same statistics', async () => {
		const want = await stats();
		for (const role of VENDOR_ROLES) assert.deepEqual(await stats('', actors[role].token), want, role);
	});

	test('a cookie session reads them too (GET needs no CSRF token)', async () => {
		const u = await s.user({ role: 'finance' });
		const { session } = await s.login(u.email, u.password);
		for (const p of paths()) assert.equal((await s.req('GET', p, { session })).status, 200, p);
	});
});

describe('GET/PATCH /api/v1/me locale (used by the console)', () => {
	test('GET /me has locale; PATCH {"locale":"fa"} changes it', async () => {
		const u = await s.actor('channel_manager');
		const me = await s.req('GET', '/api/v1/me', { token: u.token });
		assert.equal(me.status, 200, me.describe());
		assert.equal(me.json.locale, null); // not chosen yet: the console follows the browser (issue 2)
		const r = await s.req('PATCH', '/api/v1/me', { token: u.token, body: { locale: 'fa' } });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.locale, 'fa');
		assert.equal((await s.req('GET', '/api/v1/me', { token: u.token })).json.locale, 'fa');
	});
});
