// merge.test.mjs — regression tests for the partner merge (issue 3 audit): who may merge
// which partners, a merged partner refusing writes, nothing lost and every change audited,
// and the tag-list limit over the union.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { assertProblem, auditRows, startServer } from './harness.mjs';

let s, cm, otherCm;
let seq = 0;
const uniq = () => `${process.pid}m${++seq}`;

async function create(body, token = s.adminToken) {
	const r = await s.req('POST', '/api/v1/partners', { token, body });
	assert.equal(r.status, 201, r.describe());
	return r.json;
}

before(async () => {
	s = await startServer();
	cm = await s.actor('channel_manager');
	otherCm = await s.actor('channel_manager');
});
after(async () => s && (await s.stop()));

describe('merge permissions (issue 3)', () => {
	test('a channel manager cannot merge away a partner managed by someone else: 403 naming the id', async () => {
		const mine = await create({ name: `Mine ${uniq()}` }, cm.token);
		const theirs = await create({ name: `Theirs ${uniq()}` }, otherCm.token);
		const r = await s.req('POST', `/api/v1/partners/${mine.id}/merge`, { token: cm.token, body: { from: [theirs.id] } });
		const p = assertProblem(r, 403, ['from']);
		assert.ok(p.errors.some((e) => e.message.includes(String(theirs.id))), r.text);
		const still = await s.req('GET', `/api/v1/partners/${theirs.id}`, { token: s.adminToken });
		assert.equal(still.json.merged_into, null);
		// Two of their own merge fine.
		const mine2 = await create({ name: `Mine two ${uniq()}` }, cm.token);
		const ok = await s.req('POST', `/api/v1/partners/${mine.id}/merge`, { token: cm.token, body: { from: [mine2.id] } });
		assert.equal(ok.status, 200, ok.describe());
	});
});

describe('a merged partner is read-only (issue 3)', () => {
	test('child writes and status changes on a merged partner are 422; GET shows merged_into', async () => {
		const a = await create({ name: `Survivor ${uniq()}` });
		const b = await create({ name: `Merged ${uniq()}` });
		assert.equal((await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [b.id] } })).status, 200);
		const gone = await s.req('GET', `/api/v1/partners/${b.id}`, { token: s.adminToken });
		assert.equal(gone.status, 200, gone.describe());
		assert.equal(gone.json.merged_into, a.id);
		const t = s.adminToken;
		assertProblem(await s.req('POST', `/api/v1/partners/${b.id}/contacts`, { token: t, body: { name: 'Late Contact' } }), 422);
		assertProblem(await s.req('POST', `/api/v1/partners/${b.id}/notes`, { token: t, body: { kind: 'call', text: 'late' } }), 422);
		assertProblem(await s.req('POST', `/api/v1/partners/${b.id}/territories`, { token: t, body: { country: 'AE' } }), 422);
		assertProblem(await s.req('POST', `/api/v1/partners/${b.id}/status`, { token: t, body: { to: 'applied', reason: 'late' } }), 422);
		const fd = new FormData();
		fd.append('file', new Blob([Buffer.from('late document\n')]), 'late.txt');
		const up = await fetch(`${s.base}/api/v1/partners/${b.id}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${t}` } });
		assert.equal(up.status, 422, await up.text());
		const rec = (await s.req('GET', `/api/v1/partners/${a.id}`, { token: t })).json;
		assert.deepEqual([rec.contacts.length, rec.latest_notes.length, rec.territories.length, rec.documents.length], [0, 0, 0, 0]);
	});
});

describe('merge keeps every row and audits every change (issue 3)', () => {
	test('a shared territory is combined (exclusive if either) and its removal audited; tags and users audited', async () => {
		const a = await create({ name: `Keep ${uniq()}`, industries: ['Banking'] });
		const b = await create({ name: `Fold ${uniq()}`, industries: ['Retail', 'banking'] });
		const t = s.adminToken;
		const region = `R${uniq()}`;
		const ta = await s.req('POST', `/api/v1/partners/${a.id}/territories`, { token: t, body: { country: 'OM', region, exclusive: false } });
		assert.equal(ta.status, 201, ta.describe());
		const tb = await s.req('POST', `/api/v1/partners/${b.id}/territories`, { token: t, body: { country: 'OM', region, exclusive: true } });
		assert.equal(tb.status, 201, tb.describe());
		const tb2 = await s.req('POST', `/api/v1/partners/${b.id}/territories`, { token: t, body: { country: 'QA', region } });
		assert.equal(tb2.status, 201, tb2.describe());
		const pu = await s.user({ role: 'partner_rep', partner: b.id });

		const m = await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: t, body: { from: [b.id] } });
		assert.equal(m.status, 200, m.describe());
		const rec = (await s.req('GET', `/api/v1/partners/${a.id}`, { token: t })).json;
		const terr = rec.territories.map((x) => [x.country, x.region, x.exclusive]).sort();
		assert.deepEqual(terr, [['OM', region, true], ['QA', region, false]]);
		assert.deepEqual(rec.industries, ['Banking', 'Retail']);

		const removed = await auditRows(s, `entity=territory&id=${tb.json.id}`);
		const rm = removed.find((x) => x.action === 'territory.remove');
		assert.ok(rm, JSON.stringify(removed));
		assert.deepEqual(rm.changes.country, ['OM', null]);
		assert.deepEqual(rm.changes.exclusive, [true, false]);
		const kept = await auditRows(s, `entity=territory&id=${ta.json.id}`);
		assert.ok(kept.some((x) => x.action === 'territory.update' && x.changes.exclusive?.[1] === true), JSON.stringify(kept));
		const movedT = await auditRows(s, `entity=territory&id=${tb2.json.id}`);
		assert.ok(movedT.some((x) => x.changes.partner_id?.[1] === a.id), JSON.stringify(movedT));

		const sa = (await auditRows(s, `entity=partner&id=${a.id}`)).find((x) => x.action === 'partner.merge');
		assert.deepEqual(sa.changes.industries, [['Banking'], ['Banking', 'Retail']]);
		const sb = (await auditRows(s, `entity=partner&id=${b.id}`)).find((x) => x.action === 'partner.merged');
		assert.deepEqual(sb.changes.industries, [['Retail', 'banking'], []]);
		const ua = (await auditRows(s, `entity=user&id=${pu.id}`)).find((x) => x.changes.partner_id);
		assert.deepEqual(ua.changes.partner_id, [b.id, a.id]);
	});

	test('a union of tags over the 30-entry limit is refused with 422 naming the list; nothing moves', async () => {
		const many = (p, n) => Array.from({ length: n }, (_, i) => `${p}${i}`);
		const a = await create({ name: `Wide ${uniq()}`, specialisations: many('a', 20) });
		const b = await create({ name: `Wider ${uniq()}`, specialisations: many('b', 15) });
		assert.equal((await s.req('POST', `/api/v1/partners/${b.id}/contacts`, { token: s.adminToken, body: { name: 'Stays' } })).status, 201);
		const r = await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [b.id] } });
		assertProblem(r, 422, ['specialisations']);
		const rb = (await s.req('GET', `/api/v1/partners/${b.id}`, { token: s.adminToken })).json;
		assert.equal(rb.merged_into, null);
		assert.equal(rb.specialisations.length, 15);
		assert.equal(rb.contacts.length, 1);
		const ra = (await s.req('GET', `/api/v1/partners/${a.id}`, { token: s.adminToken })).json;
		assert.equal(ra.specialisations.length, 20);
	});
});

describe('imports name a merged partner by its external id (issue 3)', () => {
	test('a contacts file naming a merged partner\'s ERP id adds the contact to the partner it was merged into', async () => {
		const keep = await create({ name: `Keep ${uniq()}`, external_ids: { erp: `K-${uniq()}` } });
		const gone = await create({ name: `Gone ${uniq()}`, external_ids: { erp: `G-${uniq()}` } });
		const m = await s.req('POST', `/api/v1/partners/${keep.id}/merge`, { token: s.adminToken, body: { from: [gone.id] } });
		assert.equal(m.status, 200, m.describe());
		const file = `partner_external_id,name,email,role\n${gone.external_ids.erp},Leila Karimi,leila@${uniq()}.example,sales\n`;
		const r = await s.req('POST', '/api/v1/imports/contacts', { token: s.adminToken, raw: file, type: 'text/csv' });
		assert.equal(r.status, 200, r.describe());
		assert.equal(r.json.created, 1);
		const c = await s.req('GET', `/api/v1/partners/${keep.id}/contacts`, { token: s.adminToken });
		assert.ok(c.json.items.some((x) => x.name === 'Leila Karimi'), 'the contact is on the survivor');
		const bad = await s.req('POST', '/api/v1/imports/contacts', { token: s.adminToken, raw: `partner_external_id,name\nNOPE-${uniq()},X\n`, type: 'text/csv' });
		assert.equal(bad.status, 422, bad.describe());
	});
});
