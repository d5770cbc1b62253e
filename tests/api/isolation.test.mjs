// isolation.test.mjs — a partner user never sees another partner's data: not by id, not by
// guessing child ids under its own partner's path, not through search, duplicates,
// exports, users or the audit trail. Another partner's record is indistinguishable from a
// missing one (404), never a 403 that would confirm it exists.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { PARTNER_ROLES, assertProblem, startServer } from './harness.mjs';

let s;
const A = {}, B = {};

async function admin(method, p, body) {
	const r = await s.req(method, p, { token: s.adminToken, body });
	assert.ok(r.status >= 200 && r.status < 300, `${method} ${p}: ${r.describe()}`);
	return r.json;
}

async function upload(token, partner, text) {
	const fd = new FormData();
	fd.append('kind', 'tax');
	fd.append('file', new Blob([text], { type: 'text/plain' }), 'tax.txt');
	const res = await fetch(`${s.base}/api/v1/partners/${partner}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
	return { status: res.status, json: res.status === 201 ? await res.json() : await res.text() };
}

async function fill(side, name) {
	side.partner = (await admin('POST', '/api/v1/partners', { name, country: 'AE', city: 'Dubai', tax_id: 'AE-SHARED-1', website: 'https://shared-domain.example' })).id;
	side.contact = (await admin('POST', `/api/v1/partners/${side.partner}/contacts`, { name: `${name} Contact`, email: `c@${name.toLowerCase()}.example` })).id;
	side.territory = (await admin('POST', `/api/v1/partners/${side.partner}/territories`, { country: 'AE', region: name })).id;
	side.note = (await admin('POST', `/api/v1/partners/${side.partner}/notes`, { kind: 'visit', text: `secret note about ${name}` })).id;
	const doc = await upload(s.adminToken, side.partner, `${name} tax certificate\n`);
	assert.equal(doc.status, 201);
	side.document = doc.json.id;
	for (const role of PARTNER_ROLES) side[role] = await s.actor(role, { partner: side.partner });
}

before(async () => {
	s = await startServer();
	await fill(A, 'Alphaserve');
	await fill(B, 'Betasolve');
});
after(async () => s && (await s.stop()));

describe('a partner user and another partner', () => {
	for (const role of PARTNER_ROLES) {
		test(`${role} of A gets 404 for every B resource, by B's path and under A's path`, async () => {
			const t = A[role].token;
			const reads = [
				`/api/v1/partners/${B.partner}`, `/api/v1/partners/${B.partner}/contacts`, `/api/v1/partners/${B.partner}/territories`,
				`/api/v1/partners/${B.partner}/documents`, `/api/v1/partners/${B.partner}/documents/${B.document}`,
				`/api/v1/partners/${A.partner}/documents/${B.document}`,
			];
			for (const p of reads) assertProblem(await s.req('GET', p, { token: t }), 404);
			const writes = [
				['PATCH', `/api/v1/partners/${B.partner}`, { phone: '+971 4 555 1111' }],
				['POST', `/api/v1/partners/${B.partner}/contacts`, { name: 'Intruder' }],
				['PATCH', `/api/v1/partners/${B.partner}/contacts/${B.contact}`, { name: 'Intruder' }],
				['PATCH', `/api/v1/partners/${A.partner}/contacts/${B.contact}`, { name: 'Intruder' }],
				['DELETE', `/api/v1/partners/${B.partner}/contacts/${B.contact}`],
				['DELETE', `/api/v1/partners/${A.partner}/contacts/${B.contact}`],
				['DELETE', `/api/v1/partners/${B.partner}/documents/${B.document}`],
				['DELETE', `/api/v1/partners/${A.partner}/documents/${B.document}`],
			];
			for (const [m, p, body] of writes) assertProblem(await s.req(m, p, { token: t, body }), 404);
			const up = await upload(t, B.partner, 'sneaky\n');
			assert.equal(up.status, 404);
			// B is untouched
			const rec = (await s.req('GET', `/api/v1/partners/${B.partner}`, { token: s.adminToken })).json;
			assert.deepEqual(rec.contacts.map((c) => c.name), ['Betasolve Contact']);
			assert.equal(rec.documents.length, 1);
			assert.equal(rec.phone, null);
		});

		test(`${role} of A cannot reach B through lists, search, duplicates, exports, users or audit`, async () => {
			const t = A[role].token;
			for (const q of ['', '?q=Betasolve', '?q=betasolve&country=AE', '?city=Dubai', '?limit=200&sort=-updated']) {
				const r = await s.req('GET', `/api/v1/partners${q}`, { token: t });
				assert.equal(r.status, 200, r.describe());
				assert.ok(r.json.items.every((p) => p.id === A.partner), `${q}: ${r.text.slice(0, 200)}`);
			}
			assert.deepEqual((await s.req('GET', '/api/v1/partners?q=Betasolve', { token: t })).json.items, []);
			// Issue 3: the list cursor must not compare A's row with B's (which would tell
			// B's name, score or tier by whether A's row comes after it).
			for (const sort of ['score', '-score', 'name', 'tier', 'updated'])
				assertProblem(await s.req('GET', `/api/v1/partners?sort=${sort}&after=${B.partner}`, { token: t }), 400, ['after']);
			const self = await s.req('GET', `/api/v1/partners?sort=score&after=${A.partner}`, { token: t });
			assert.equal(self.status, 200, self.describe());
			assert.deepEqual(self.json.items, []);
			for (const p of ['/api/v1/partners/duplicates', '/api/v1/exports/partners.csv', '/api/v1/exports/partners.json', '/api/v1/audit', `/api/v1/partners/${A.partner}/notes`])
				assertProblem(await s.req('GET', p, { token: t }), 403);
			const own = await s.req('GET', `/api/v1/partners/${A.partner}`, { token: t });
			assert.equal(own.status, 200);
			assert.equal(own.json.latest_notes, undefined);
			assert.ok(!own.text.includes('secret note'));
			for (const f of ['segment', 'technical_score', 'commercial_score', 'current_value', 'future_potential'])
				assert.ok(!(f in own.json), `${f} hidden from partner users`);
			if (role === 'partner_admin') {
				const users = await s.req('GET', '/api/v1/users?limit=200', { token: t });
				assert.ok(users.json.items.every((u) => u.partner_id === A.partner), users.text.slice(0, 300));
			}
		});
	}

	test('vendor roles do see both, and the shared tax id makes them a duplicate group', async () => {
		const d = await s.req('GET', `/api/v1/partners/duplicates?partner_id=${A.partner}`, { token: s.adminToken });
		assert.deepEqual(d.json.items[0].partners.map((p) => p.id).sort(), [A.partner, B.partner].sort());
	});
});
