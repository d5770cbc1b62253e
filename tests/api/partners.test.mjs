// partners.test.mjs — the partner record over HTTP: create and the 360° record, ETag and
// If-Match, field ownership, the status life cycle, search across scripts, every bad
// input class of the partner database, documents, merge, and CSV import/export.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { assertProblem, auditRows, cli, errorFields, initDb, startServer } from './harness.mjs';

let s, cm, otherCm, pa, pr;
let seq = 0;
const uniq = () => `${process.pid}x${++seq}`;

async function create(body, token = s.adminToken) {
	const r = await s.req('POST', '/api/v1/partners', { token, body });
	assert.equal(r.status, 201, r.describe());
	return r.json;
}

async function upload(token, partner, name, bytes, type = 'application/octet-stream') {
	const fd = new FormData();
	fd.append('kind', 'certificate');
	fd.append('file', new Blob([bytes], { type }), name);
	const res = await fetch(`${s.base}/api/v1/partners/${partner}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
	const text = await res.text();
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: res.status, text, json, type: res.headers.get('content-type') || '' };
}

async function csv(pathAndQuery, body, token = s.adminToken) {
	return s.req('POST', pathAndQuery, { token, raw: body, type: 'text/csv' });
}

before(async () => {
	s = await startServer();
	cm = await s.actor('channel_manager');
	otherCm = await s.actor('channel_manager');
});
after(async () => s && (await s.stop()));

describe('create and read', () => {
	test('POST returns 201 with Location, ETag and every field; GET is the 360° record', async () => {
		const body = {
			legal_name: 'Pars Data Processing Co.', name: 'Pars Data', type: 'system_integrator', model: 'sell_with',
			tier: 'Gold', segment: 'Enterprise', country: 'ir', region: 'Tehran Province', city: 'Tehran',
			latitude: 35.6892, longitude: 51.389, website: 'https://www.parsdata.example', email_domain: 'parsdata.example',
			tax_id: 'IR-123', phone: '+98 21 5555 0101', industries: ['Banking', 'Retail'], specialisations: ['Cloud'],
			languages: ['fa', 'en'], manager_id: cm.id, technical_score: 70, commercial_score: 55, current_value: 40,
			future_potential: 90, external_ids: { erp: `ERP-${uniq()}`, crm: null },
		};
		const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body });
		assert.equal(r.status, 201, r.describe());
		const p = r.json;
		assert.equal(r.headers.get('location'), `/api/v1/partners/${p.id}`);
		assert.equal(r.headers.get('etag'), `"${p.version}"`);
		assert.equal(p.version, 1);
		assert.equal(p.status, 'prospect');
		assert.equal(p.country, 'IR');
		assert.equal(p.tier, 'Gold');
		assert.equal(p.manager_id, cm.id);
		assert.deepEqual(p.industries, ['Banking', 'Retail']);
		assert.equal(p.latitude, 35.6892);
		assert.equal(p.external_ids.erp, body.external_ids.erp);
		const g = await s.req('GET', `/api/v1/partners/${p.id}`, { token: s.adminToken });
		assert.equal(g.status, 200);
		for (const k of ['contacts', 'territories', 'documents', 'latest_notes']) assert.deepEqual(g.json[k], [], k);
		assert.deepEqual(g.json.performance, {});
		assert.deepEqual(g.json.operations, {});
		const audit = await auditRows(s, `entity=partner&id=${p.id}`);
		assert.ok(audit.some((a) => a.action === 'partner.create'));
	});

	test('unknown ids are 404; missing name is 400', async () => {
		assertProblem(await s.req('GET', '/api/v1/partners/999999', { token: s.adminToken }), 404);
		assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { country: 'AE' } }), 400, ['name']);
	});
});

describe('bad input', () => {
	test('unknown enum values are 422 listing the allowed values', async () => {
		for (const [field, value] of [['type', 'wholesaler'], ['model', 'resell'], ['status', 'dormant']]) {
			const p = assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: 'X', [field]: value } }), 422, [field]);
			const msg = p.errors.find((e) => e.field === field).message;
			assert.match(msg, field === 'type' ? /reseller/ : field === 'model' ? /sell_to/ : /prospect|active/, msg);
		}
		assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: 'X', tier: 'Diamond' } }), 422, ['tier']);
	});

	test('bad country, coordinates, website, e-mail domain, phone and scores are 400 naming each field', async () => {
		const r = await s.req('POST', '/api/v1/partners', {
			token: s.adminToken,
			body: { name: 'Bad', country: 'XX', latitude: 91, longitude: -181, website: 'javascript:alert(1)', email_domain: 'not a domain', phone: 'call me', technical_score: 101, commercial_score: -1 },
		});
		assertProblem(r, 400, ['country', 'latitude', 'longitude', 'website', 'email_domain', 'phone', 'technical_score', 'commercial_score']);
		const list = await s.req('GET', '/api/v1/partners?q=Bad&limit=200', { token: s.adminToken });
		assert.ok(!list.json.items.some((p) => p.name === 'Bad'), 'nothing written');
	});

	test('stale If-Match is 412 and changes nothing; a fresh one succeeds and moves the ETag', async () => {
		const p = await create({ name: `Etag ${uniq()}` });
		const ok = await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: s.adminToken, body: { city: 'Dubai' }, headers: { 'if-match': `"${p.version}"` } });
		assert.equal(ok.status, 200, ok.describe());
		assert.equal(ok.json.version, p.version + 1);
		assert.equal(ok.headers.get('etag'), `"${p.version + 1}"`);
		const stale = await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: s.adminToken, body: { city: 'Riyadh' }, headers: { 'if-match': `"${p.version}"` } });
		assertProblem(stale, 412);
		const g = await s.req('GET', `/api/v1/partners/${p.id}`, { token: s.adminToken });
		assert.equal(g.json.city, 'Dubai');
	});

	test('fields the role does not own are 403 naming each field', async () => {
		const p = await create({ name: `Owned ${uniq()}`, manager_id: cm.id });
		pa = await s.actor('partner_admin', { partner: p.id });
		pr = await s.actor('partner_rep', { partner: p.id });
		const r = await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: pa.token, body: { tier: 'Platinum', technical_score: 99, phone: '+971 4 555 0000' } });
		const prob = assertProblem(r, 403, ['tier', 'technical_score']);
		assert.ok(!errorFields(r).includes('phone'), 'the owned field is not named');
		// the partner's own users may change partner-owned fields
		const ok = await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: pr.token, body: { phone: '+971 4 555 0000', description: 'We integrate.' } });
		assert.equal(ok.status, 200, ok.describe());
		// a channel manager may change vendor-owned fields of partners they manage, not of others
		assert.equal((await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: cm.token, body: { segment: 'SMB', technical_score: 80 } })).status, 200);
		assertProblem(await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: otherCm.token, body: { segment: 'Enterprise' } }), 403, ['segment']);
		// system-owned: only admin
		assertProblem(await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: cm.token, body: { external_ids: { erp: 'X-1' } } }), 403, ['external_ids.erp']);
		assert.ok(prob.detail.length > 0);
		// Issue 3: a partner user sending status is told it may not change it (403), not how (422)
		assertProblem(await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: pa.token, body: { status: 'active' } }), 403, ['status']);
		assertProblem(await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: cm.token, body: { status: 'active' } }), 422, ['status']);
	});

	test('illegal status transitions are 422 naming the allowed ones; legal ones are audited with the reason', async () => {
		const p = await create({ name: `Life ${uniq()}`, manager_id: cm.id });
		const bad = assertProblem(await s.req('POST', `/api/v1/partners/${p.id}/status`, { token: cm.token, body: { to: 'active', reason: 'skip ahead' } }), 422, ['to']);
		assert.match(bad.errors[0].message, /applied/);
		assertProblem(await s.req('POST', `/api/v1/partners/${p.id}/status`, { token: cm.token, body: { to: 'applied' } }), 400, ['reason']);
		assertProblem(await s.req('POST', `/api/v1/partners/${p.id}/status`, { token: cm.token, body: { to: 'sleeping', reason: 'x' } }), 422, ['to']);
		for (const to of ['applied', 'onboarding', 'active', 'suspended', 'active', 'suspended', 'terminated']) {
			const r = await s.req('POST', `/api/v1/partners/${p.id}/status`, { token: cm.token, body: { to, reason: `to ${to}` } });
			assert.equal(r.status, 200, `${to}: ${r.describe()}`);
			assert.equal(r.json.status, to);
		}
		assertProblem(await s.req('POST', `/api/v1/partners/${p.id}/status`, { token: s.adminToken, body: { to: 'active', reason: 'back' } }), 422, ['to']);
		const audit = await auditRows(s, `entity=partner&id=${p.id}`);
		assert.equal(audit.filter((a) => a.action === 'partner.status').length, 7);
		// status does not change through PATCH
		assertProblem(await s.req('PATCH', `/api/v1/partners/${p.id}`, { token: s.adminToken, body: { status: 'active' } }), 422, ['status']);
	});
});

describe('search', () => {
	test('names match across scripts, letter variants, digits and legal forms', async () => {
		const fa = await create({ name: 'شرکت داده‌پردازان پارس', country: 'IR' });
		const ali = await create({ name: 'مؤسسه علی ۱۲۳', country: 'IR' });
		const kaveh = await create({ name: 'كاوه تجارت', country: 'IR' });
		const find = async (q) => (await s.req('GET', `/api/v1/partners?q=${encodeURIComponent(q)}&limit=200`, { token: s.adminToken })).json.items.map((p) => p.id);
		assert.ok((await find('داده پردازان پارس')).includes(fa.id));
		assert.ok((await find('علي')).includes(ali.id), 'Arabic yeh finds Persian yeh');
		assert.ok((await find('123')).includes(ali.id), 'Latin digits find Persian digits');
		assert.ok((await find('کاوه')).includes(kaveh.id), 'Persian kaf finds Arabic kaf');
		assert.ok(!(await find('داده پردازان پارس')).includes(kaveh.id));
	});

	test('a word thousands of partners share: every match once, in name order, page by page', async () => {
		// Past a few thousand matches (a few hundred on PostgreSQL) search switches from
		// gathering the matches to probing each row of the sorted scan: both must agree.
		const word = `Kelvaro${uniq()}`;
		const n = 3100;
		const rows = [];
		for (let i = 0; i < n; i++) rows.push(`${word} ${String(i).padStart(4, '0')} Holding;BH`);
		for (let i = 0; i < 20; i++) rows.push(`Other ${word.slice(0, 5)} ${i};BH`);
		const imp = await csv('/api/v1/imports/partners', `name;country\n${rows.join('\n')}\n`);
		assert.equal(imp.status, 200, imp.describe());
		for (const country of ['&country=BH', '']) {
			const names = [];
			let after = 0;
			for (let page = 0; page < 40; page++) {
				const r = await s.req('GET', `/api/v1/partners?q=${word.toLowerCase()}${country}&limit=200${after ? `&after=${after}` : ''}`, { token: s.adminToken });
				assert.equal(r.status, 200, r.describe());
				names.push(...r.json.items.map((p) => p.name));
				if (!r.json.next_after) break;
				after = r.json.next_after;
			}
			assert.equal(names.length, n, `matches for ${country || 'any country'}`);
			assert.deepEqual(names, [...names].sort(), 'in name order');
			assert.equal(new Set(names).size, n, 'each once');
		}
	});

	test('filters, sorting and cursor pages; bad parameters name themselves', async () => {
		const tag = `Zeta${uniq()}`.toLowerCase();
		const ids = [];
		for (let i = 0; i < 7; i++) ids.push((await create({ name: `${tag} ${i}`, country: i % 2 ? 'AE' : 'SA', industries: ['Energy'], technical_score: i * 10 })).id);
		let seen = [], after = 0;
		for (;;) {
			const r = await s.req('GET', `/api/v1/partners?q=${tag}&limit=3&sort=created${after ? `&after=${after}` : ''}`, { token: s.adminToken });
			assert.equal(r.status, 200, r.describe());
			seen.push(...r.json.items.map((p) => p.id));
			if (!r.json.next_after) break;
			after = r.json.next_after;
		}
		assert.deepEqual(seen, ids, 'every match once, in creation order');
		const ae = await s.req('GET', `/api/v1/partners?q=${tag}&country=AE&industry=energy&sort=-score&limit=50`, { token: s.adminToken });
		assert.deepEqual(ae.json.items.map((p) => p.id), [ids[5], ids[3], ids[1]]);
		assertProblem(await s.req('GET', '/api/v1/partners?sort=colour', { token: s.adminToken }), 422, ['sort']);
		assertProblem(await s.req('GET', '/api/v1/partners?country=ZZ', { token: s.adminToken }), 400, ['country']);
		assertProblem(await s.req('GET', '/api/v1/partners?type=wholesaler', { token: s.adminToken }), 422, ['type']);
	});

	test('notes come newest day first in cursor pages; a foreign cursor gives an empty page', async () => {
		const p = await create({ name: `Paged notes ${uniq()}`, manager_id: cm.id });
		const days = ['2026-01-05', '2026-03-01', '2026-03-01', '2025-12-31', '2026-02-14'];
		const ids = [];
		for (const d of days) {
			const r = await s.req('POST', `/api/v1/partners/${p.id}/notes`, { token: cm.token, body: { kind: 'call', date: d, text: `note ${d}` } });
			assert.equal(r.status, 201, r.describe());
			ids.push(r.json.id);
		}
		const want = [ids[2], ids[1], ids[4], ids[0], ids[3]];
		const seen = [];
		let after = 0;
		for (let i = 0; i < 10; i++) {
			const r = await s.req('GET', `/api/v1/partners/${p.id}/notes?limit=2${after ? `&after=${after}` : ''}`, { token: cm.token });
			assert.equal(r.status, 200, r.describe());
			seen.push(...r.json.items.map((n) => n.id));
			if (!r.json.next_after) break;
			assert.equal(r.json.items.length, 2);
			after = r.json.next_after;
		}
		assert.deepEqual(seen, want);
		const other = await create({ name: `Other notes ${uniq()}`, manager_id: cm.id });
		const foreign = await s.req('GET', `/api/v1/partners/${other.id}/notes?after=${ids[0]}`, { token: cm.token });
		assert.deepEqual(foreign.json, { items: [], next_after: null });
		assertProblem(await s.req('GET', `/api/v1/partners/${p.id}/notes?after=x`, { token: cm.token }), 400, ['after']);
	});

	test('notes are searchable by vendor roles only', async () => {
		const p = await create({ name: `Noted ${uniq()}`, manager_id: cm.id });
		const word = `quokka${uniq()}`.toLowerCase();
		assert.equal((await s.req('POST', `/api/v1/partners/${p.id}/notes`, { token: cm.token, body: { kind: 'visit', text: `Saw the ${word} at their office` } })).status, 201);
		const user = await s.actor('partner_admin', { partner: p.id });
		const v = await s.req('GET', `/api/v1/partners?q=${word}`, { token: s.adminToken });
		assert.deepEqual(v.json.items.map((x) => x.id), [p.id]);
		const u = await s.req('GET', `/api/v1/partners?q=${word}`, { token: user.token });
		assert.deepEqual(u.json.items, [], 'a partner user cannot find its own record through a note');
		const rec = await s.req('GET', `/api/v1/partners/${p.id}`, { token: user.token });
		assert.equal(rec.json.latest_notes, undefined, 'no notes in the partner user view');
		assertProblem(await s.req('GET', `/api/v1/partners/${p.id}/notes`, { token: user.token }), 403);
	});
});

describe('documents', () => {
	test('upload is sniffed; download returns the bytes, the stored type and an attachment', async () => {
		const p = await create({ name: `Docs ${uniq()}` });
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
		const up = await upload(s.adminToken, p.id, 'contract.pdf', pdf);
		assert.equal(up.status, 201, up.text);
		assert.equal(up.json.mime, 'application/pdf');
		assert.equal(up.json.size, pdf.length);
		const res = await fetch(`${s.base}/api/v1/partners/${p.id}/documents/${up.json.id}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'application/pdf');
		assert.match(res.headers.get('content-disposition'), /^attachment; filename="contract\.pdf"/);
		assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
	});

	test('a disallowed type is 415 whatever its name; over 20 MiB is 413', async () => {
		const p = await create({ name: `Docs ${uniq()}` });
		const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200, 1)]);
		const r = await upload(s.adminToken, p.id, 'invoice.pdf', exe, 'application/pdf');
		assert.equal(r.status, 415, r.text);
		assert.match(r.type, /problem\+json/);
		const html = await upload(s.adminToken, p.id, 'report.pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'));
		assert.equal(html.status, 415, html.text);
		const big = await upload(s.adminToken, p.id, 'big.txt', Buffer.alloc(20 * 1024 * 1024 + 10, 0x61));
		assert.equal(big.status, 413, big.text.slice(0, 200));
		const list = await s.req('GET', `/api/v1/partners/${p.id}/documents`, { token: s.adminToken });
		assert.deepEqual(list.json.items ?? list.json, [], 'nothing stored');
	});
});

describe('documents under concurrency (issue 3 audit)', () => {
	test('many uploads of the same new content at once all succeed and read back', async () => {
		const p = await create({ name: `Uploads ${uniq()}` });
		const bytes = Buffer.from(`same content ${uniq()} ${Date.now()}\n`);
		const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(s.adminToken, p.id, `same${i}.txt`, bytes)));
		assert.deepEqual(rs.map((r) => r.status), Array(8).fill(201), rs.map((r) => r.text).join('\n'));
		const got = await fetch(`${s.base}/api/v1/partners/${p.id}/documents/${rs[0].json.id}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
		assert.equal(got.status, 200);
		assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);
	});
});

describe('duplicates and merge', () => {
	test('planted duplicates are grouped with reasons; merge moves children and keeps the name as an alias', async () => {
		const a = await create({ name: `Kestrel Systems ${uniq()}`, country: 'AE', city: 'Dubai', tax_id: `AE-${uniq()}`, website: `https://kestrel${seq}.example` });
		const b = await create({ name: `${a.name.toUpperCase()} LLC`, country: 'AE', city: 'Dubai', tax_id: a.tax_id, website: `http://www.kestrel${seq}.example/about` });
		const d = await s.req('GET', `/api/v1/partners/duplicates?partner_id=${a.id}`, { token: s.adminToken });
		assert.equal(d.status, 200);
		assert.equal(d.json.items.length, 1, d.text);
		const g = d.json.items[0];
		assert.deepEqual(g.partners.map((m) => m.id).sort(), [a.id, b.id].sort());
		const reasons = g.reasons.map((x) => x.reason);
		for (const want of ['tax_id', 'name', 'web_domain']) assert.ok(reasons.includes(want), `${want} in ${reasons}`);
		assert.equal(g.score, 0.95);

		assert.equal((await s.req('POST', `/api/v1/partners/${b.id}/contacts`, { token: s.adminToken, body: { name: 'Moved Person' } })).status, 201);
		assert.equal((await s.req('POST', `/api/v1/partners/${b.id}/notes`, { token: s.adminToken, body: { kind: 'call', text: 'moved note' } })).status, 201);
		assert.equal((await upload(s.adminToken, b.id, 'a.txt', Buffer.from('hello merge\n'))).status, 201);
		assert.equal((await s.req('POST', `/api/v1/partners/${b.id}/territories`, { token: s.adminToken, body: { country: 'AE', region: 'Dubai' } })).status, 201);

		assertProblem(await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [a.id] } }), 422);
		assertProblem(await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [987654] } }), 422);
		const m = await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [b.id] } });
		assert.equal(m.status, 200, m.describe());
		const rec = (await s.req('GET', `/api/v1/partners/${a.id}`, { token: s.adminToken })).json;
		assert.deepEqual(rec.contacts.map((c) => c.name), ['Moved Person']);
		assert.equal(rec.latest_notes.length, 1);
		assert.equal(rec.documents.length, 1);
		assert.equal(rec.territories.length, 1);
		const gone = await s.req('GET', `/api/v1/partners/${b.id}`, { token: s.adminToken });
		assert.equal(gone.status, 200, gone.describe());
		assert.equal(gone.json.merged_into, a.id);
		const found = await s.req('GET', `/api/v1/partners?q=${encodeURIComponent(b.name.split(' ').slice(-2, -1)[0])}&limit=200`, { token: s.adminToken });
		assert.ok(found.json.items.some((x) => x.id === a.id));
		assert.ok((await auditRows(s, `entity=partner&id=${a.id}`)).some((x) => x.action === 'partner.merge'));
	});
});

describe('CSV import and export', () => {
	test('search rows held back by an import are written once, also for a partner the same file creates then renames', async () => {
		// The import writes new partners' search rows in key order at its end; a later row
		// updating a partner created earlier in the file must find those rows (not index the
		// old name next to the new one), and a file with a bad row must leave none behind.
		const ext = `HELD-${uniq()}`, w1 = `quorvane${uniq()}`, w2 = `plimsk${uniq()}`, w3 = `trandel${uniq()}`;
		const file = `name,legal_name,country,external_id\n${w1} Trading,${w1} Trading,AE,${ext}-1\n${w3} Systems,,AE,${ext}-2\n${w2} Trading,${w2} Trading,AE,${ext}-1\n`;
		assert.deepEqual((await csv('/api/v1/imports/partners', file)).json, { dry_run: false, rows: 3, created: 2, updated: 1, unchanged: 0 });
		const find = async (q) => (await s.req('GET', `/api/v1/partners?q=${q}&country=AE&limit=50`, { token: s.adminToken })).json.items.map((p) => p.external_ids.erp);
		assert.deepEqual(await find(w1), []);
		assert.deepEqual(await find(w2), [`${ext}-1`]);
		assert.deepEqual(await find(w3), [`${ext}-2`]);
		assert.deepEqual(await find('trading').then((ids) => ids.filter((e) => e?.startsWith(ext))), [`${ext}-1`]);
		const w4 = `brusk${uniq()}`;
		const bad = await csv('/api/v1/imports/partners', `name,country,latitude\n${w4} One,AE,1\n${w4} Two,AE,100\n`);
		assert.equal(bad.status, 422, bad.describe());
		assert.deepEqual(await find(w4), []);
		assert.deepEqual((await csv('/api/v1/imports/partners', `name,country\n${w4} One,AE\n`)).json.created, 1);
		assert.equal((await find(w4)).length, 1);
	});

	test('every row keeps its own tier when a file cycles through the tiers in rows of different lengths', async () => {
		// The importer remembers the tier names it has looked up. It once kept them in the
		// row's memory, which is freed after each row: later rows then matched a stale name
		// and took another row's tier (629 of 10,000 in a demo file). Under the sanitizer
		// build that reading of freed memory fails the request outright.
		const ext = `TIER-${uniq()}`;
		const names = ['Gold', 'Registered', 'Silver', 'Platinum', 'gold', ' Silver ', 'Registered', 'Platinum', 'Gold', 'Silver', 'Silver', 'Registered', 'PLATINUM'];
		const tiers = Array.from({ length: 240 }, (_, i) => names[(i * 7 + (i >> 3)) % names.length]);
		const lines = tiers.map((t, i) => `Tiered ${'x'.repeat((i * 7) % 23)} ${i},AE,${ext}-${i},"${t}",${'y'.repeat((i * 5) % 17)}`);
		const imp = await csv('/api/v1/imports/partners', `name,country,external_id,tier,city\n${lines.join('\n')}\n`);
		assert.equal(imp.status, 200, imp.describe());
		assert.equal(imp.json.created, tiers.length);
		const got = new Map();
		const rows = (await s.req('GET', '/api/v1/exports/partners.json', { token: s.adminToken })).json;
		for (const p of Array.isArray(rows) ? rows : rows.items)
			if (p.external_ids?.erp?.startsWith(`${ext}-`)) got.set(p.external_ids.erp, p.tier);
		const want = tiers.map((t) => t.trim()).map((t) => t[0].toUpperCase() + t.slice(1).toLowerCase());
		assert.deepEqual(tiers.map((_, i) => got.get(`${ext}-${i}`)), want);
	});

	test('dry run writes nothing; a real run creates; re-import is unchanged; update by external_id', async () => {
		const ext = `IMP-${uniq()}`;
		const file = `\ufeffname;country;external_id;industries\nImported One;AE;${ext}-1;Energy|Retail\nImported Two;SA;${ext}-2;\n`;
		const dry = await csv('/api/v1/imports/partners?dry_run=1', file);
		assert.equal(dry.status, 200, dry.describe());
		assert.deepEqual(dry.json, { dry_run: true, rows: 2, created: 2, updated: 0, unchanged: 0 });
		const none = await s.req('GET', `/api/v1/partners?q=Imported&limit=200`, { token: s.adminToken });
		assert.ok(!none.json.items.some((p) => p.external_ids.erp === `${ext}-1`));
		assert.deepEqual((await csv('/api/v1/imports/partners', file)).json, { dry_run: false, rows: 2, created: 2, updated: 0, unchanged: 0 });
		assert.deepEqual((await csv('/api/v1/imports/partners', file)).json, { dry_run: false, rows: 2, created: 0, updated: 0, unchanged: 2 });
		const upd = `external_id,city\n${ext}-2,Jeddah\n`;
		assert.deepEqual((await csv('/api/v1/imports/partners', upd)).json, { dry_run: false, rows: 1, created: 0, updated: 1, unchanged: 0 });
	});

	test('rows without id or external_id match by name and country: a re-import changes nothing; an ambiguous name is refused', async () => {
		const tag = `Keyless${uniq()}`;
		const file = `name,country,city\n${tag} Trading LLC,AE,Dubai\n${tag} Systems,MY,Penang\n`;
		assert.deepEqual((await csv('/api/v1/imports/partners', file)).json, { dry_run: false, rows: 2, created: 2, updated: 0, unchanged: 0 });
		assert.deepEqual((await csv('/api/v1/imports/partners?dry_run=1', file)).json, { dry_run: true, rows: 2, created: 0, updated: 0, unchanged: 2 });
		assert.deepEqual((await csv('/api/v1/imports/partners', file)).json, { dry_run: false, rows: 2, created: 0, updated: 0, unchanged: 2 });
		// the name as normalised: case and the legal suffix do not matter; the country does
		const moved = `name,country,city\n${tag.toUpperCase()} TRADING,AE,Abu Dhabi\n${tag} Systems,SG,Singapore\n`;
		assert.deepEqual((await csv('/api/v1/imports/partners', moved)).json, { dry_run: false, rows: 2, created: 1, updated: 1, unchanged: 0 });
		const list = await s.req('GET', `/api/v1/partners?q=${tag}&limit=50`, { token: s.adminToken });
		assert.equal(list.json.items.length, 3);
		assert.equal(list.json.items.find((p) => p.country === 'AE').city, 'Abu Dhabi');
		// two partners of that name in MY: a keyless row cannot say which
		await create({ name: `${tag} Systems`, country: 'MY' });
		const amb = await csv('/api/v1/imports/partners', `name,country,city\n${tag} Systems,MY,Ipoh\n`);
		const prob = assertProblem(amb, 422, ['line 2: name']);
		assert.match(prob.errors[0].message, /several partners .* MY/);
	});

	test('a bad file is reported line by line and nothing is written', async () => {
		const tag = `Badimport${uniq()}`;
		const file = `name,country,type,latitude\n${tag} A,AE,reseller,10\n${tag} B,XX,reseller,10\n${tag} C,AE,wholesaler,10\n${tag} D,AE,reseller,95\n`;
		const r = await csv('/api/v1/imports/partners', file);
		const p = assertProblem(r, 422);
		const fields = errorFields(r);
		for (const f of ['line 3: country', 'line 4: type', 'line 5: latitude']) assert.ok(fields.includes(f), `${f} in ${fields}`);
		assert.ok(!fields.some((f) => f.startsWith('line 2')));
		assert.match(p.detail, /nothing was imported/);
		const none = await s.req('GET', `/api/v1/partners?q=${tag}`, { token: s.adminToken });
		assert.deepEqual(none.json.items, []);
		assertProblem(await csv('/api/v1/imports/partners', 'nom,pays\nA,AE\n'), 422, ['line 1: nom', 'line 1: pays']);
		const unclosed = await csv('/api/v1/imports/partners', `name\n"${tag} open\n`);
		assertProblem(unclosed, 422);
		assert.match(errorFields(unclosed).join(' '), /line 2/);
		assertProblem(await s.req('POST', '/api/v1/imports/partners', { token: s.adminToken, raw: 'name\nx\n', type: 'application/json' }), 415);
	});

	test('issue 3: errors name the physical line; a NUL byte in a cell rejects the row naming the column', async () => {
		const tag = `Lines${uniq()}`;
		const file = `name,country,description\n${tag} A,AE,"two\nlines"\n\n${tag} B,XX,ok\n`;
		const r = await csv('/api/v1/imports/partners', file);
		assertProblem(r, 422, ['line 5: country']);
		const nul = await csv('/api/v1/imports/partners', Buffer.from(`name,country\n${tag} N\0hidden,AE\n`));
		const p = assertProblem(nul, 422, ['line 2: name']);
		assert.match(p.errors[0].message, /NUL/);
		assert.deepEqual((await s.req('GET', `/api/v1/partners?q=${tag}`, { token: s.adminToken })).json.items, []);
	});

	test('export then import reports zero changes (CSV and JSON export agree)', async () => {
		const exp = await s.req('GET', '/api/v1/exports/partners.csv', { token: s.adminToken });
		assert.equal(exp.status, 200);
		assert.match(exp.headers.get('content-disposition'), /attachment/);
		const rows = exp.text.trim().split('\r\n').length - 1;
		const j = await s.req('GET', '/api/v1/exports/partners.json', { token: s.adminToken });
		assert.equal(j.json.length, rows);
		const back = await csv('/api/v1/imports/partners', exp.text);
		assert.equal(back.status, 200, back.describe());
		assert.deepEqual(back.json, { dry_run: false, rows, created: 0, updated: 0, unchanged: rows });
	});

	test('exports honour the list filters and sort, and name a bad one', async () => {
		const tag = `Exportfilter${uniq()}`.toLowerCase();
		const a = await create({ name: `${tag} b`, country: 'MY', type: 'distributor' });
		const b = await create({ name: `${tag} a`, country: 'MY', type: 'reseller' });
		await create({ name: `${tag} c`, country: 'SG', type: 'reseller' });
		const list = await s.req('GET', `/api/v1/partners?q=${tag}&country=MY&sort=name&limit=50`, { token: s.adminToken });
		assert.deepEqual(list.json.items.map((p) => p.id), [b.id, a.id]);
		const j = await s.req('GET', `/api/v1/exports/partners.json?q=${tag}&country=MY&sort=name`, { token: s.adminToken });
		assert.equal(j.status, 200, j.describe());
		assert.deepEqual(j.json.map((p) => p.id), [b.id, a.id], 'the same partners in the same order as the list');
		const c = await s.req('GET', `/api/v1/exports/partners.csv?q=${tag}&type=reseller`, { token: s.adminToken });
		const lines = c.text.trim().split('\r\n');
		assert.equal(lines.length, 3, 'header and the two resellers');
		assert.ok(lines.slice(1).every((l) => l.includes(tag)));
		assertProblem(await s.req('GET', '/api/v1/exports/partners.csv?country=zz', { token: s.adminToken }), 400, ['country']);
		assertProblem(await s.req('GET', '/api/v1/exports/partners.json?type=wholesaler', { token: s.adminToken }), 422, ['type']);
	});

	test('contacts import: by partner id or external id, update by e-mail, idempotent', async () => {
		const p = await create({ name: `Contacts ${uniq()}`, external_ids: { erp: `C-${uniq()}` } });
		const file = `partner_id,partner_external_id,name,email,role,primary\n${p.id},,Sara Ahmadi,sara@c.example,owner,yes\n,${p.external_ids.erp},Omar Haddad,omar@c.example,sales,no\n`;
		assert.deepEqual((await csv('/api/v1/imports/contacts', file)).json, { dry_run: false, rows: 2, created: 2, updated: 0, unchanged: 0 });
		assert.deepEqual((await csv('/api/v1/imports/contacts', file)).json, { dry_run: false, rows: 2, created: 0, updated: 0, unchanged: 2 });
		const changed = file.replace('sales,no', 'technical,no');
		assert.deepEqual((await csv('/api/v1/imports/contacts', changed)).json, { dry_run: false, rows: 2, created: 0, updated: 1, unchanged: 1 });
		const bad = await csv('/api/v1/imports/contacts', `partner_id,name,email\n999999,X,x@y.example\n${p.id},,bad-mail\n`);
		assertProblem(bad, 422, ['line 2: partner_id', 'line 3: email']);
		const rec = (await s.req('GET', `/api/v1/partners/${p.id}`, { token: s.adminToken })).json;
		assert.equal(rec.contacts.length, 2);
		assert.equal(rec.contacts.filter((c) => c.primary).length, 1);
	});

	test('a partner with more than 500 contacts: every one listed, and a re-import (matched by e-mail, any case) changes nothing', async () => {
		const p = await create({ name: `Many contacts ${uniq()}` });
		const rows = Array.from({ length: 520 }, (_, i) => `${p.id},Person ${String(i).padStart(3, '0')},p${i}@many.example,sales,no`);
		const file = `partner_id,name,email,role,primary\n${rows.join('\n')}\n`;
		assert.deepEqual((await csv('/api/v1/imports/contacts', file)).json, { dry_run: false, rows: 520, created: 520, updated: 0, unchanged: 0 });
		const upper = file.replace(/p(\d+)@many\.example/g, 'P$1@MANY.example');
		assert.deepEqual((await csv('/api/v1/imports/contacts', upper)).json, { dry_run: false, rows: 520, created: 0, updated: 0, unchanged: 520 });
		const list = (await s.req('GET', `/api/v1/partners/${p.id}/contacts`, { token: s.adminToken })).json;
		assert.equal(list.items.length, 520);
		assert.equal(list.items[519].name, 'Person 519');
		const rec = (await s.req('GET', `/api/v1/partners/${p.id}`, { token: s.adminToken })).json;
		assert.equal(rec.contacts.length, 520);
	});
});

describe('list filters, tiers and territories (issue 3 audit)', () => {
	test('an unknown tier filter is 422 listing the tiers; a lower-case country filter is accepted', async () => {
		const p = await create({ name: `Filtered ${uniq()}`, country: 'OM', tier: 'Gold' });
		for (const path of ['/api/v1/partners?tier=Diamond', '/api/v1/exports/partners.csv?tier=Diamond']) {
			const bad = assertProblem(await s.req('GET', path, { token: s.adminToken }), 422, ['tier']);
			assert.match(bad.errors[0].message, /Registered.*Silver.*Gold.*Platinum/);
		}
		const low = await s.req('GET', '/api/v1/partners?country=om&tier=gold&limit=200', { token: s.adminToken });
		assert.equal(low.status, 200, low.describe());
		assert.ok(low.json.items.some((x) => x.id === p.id), low.text.slice(0, 300));
		assert.ok(low.json.items.every((x) => x.country === 'OM' && x.tier === 'Gold'));
	});

	test('an industry filter folds non-ASCII case alike on every backend', async () => {
		const word = `Énergie${uniq().replace(/\D/g, '')}`;
		const p = await create({ name: `Folded ${uniq()}`, industries: [word] });
		for (const q of [word, word.toLowerCase(), word.toUpperCase()]) {
			const r = await s.req('GET', `/api/v1/partners?industry=${encodeURIComponent(q)}&limit=200`, { token: s.adminToken });
			assert.equal(r.status, 200, r.describe());
			assert.deepEqual(r.json.items.map((x) => x.id), [p.id], q);
		}
	});

	test('tier names are unique without regard to case (409)', async () => {
		const name = `Copper${uniq().replace(/\D/g, '')}`;
		const t = await s.req('POST', '/api/v1/tiers', { token: s.adminToken, body: { name, rank: 50 + (seq % 40) } });
		assert.equal(t.status, 201, t.describe());
		assertProblem(await s.req('POST', '/api/v1/tiers', { token: s.adminToken, body: { name: name.toLowerCase(), rank: 95 } }), 409, ['name']);
		assertProblem(await s.req('POST', '/api/v1/tiers', { token: s.adminToken, body: { name: 'GOLD', rank: 96 } }), 409, ['name']);
		assertProblem(await s.req('PATCH', `/api/v1/tiers/${t.json.id}`, { token: s.adminToken, body: { name: 'silver' } }), 409, ['name']);
		const same = await s.req('PATCH', `/api/v1/tiers/${t.json.id}`, { token: s.adminToken, body: { name: name.toUpperCase() } });
		assert.equal(same.status, 200, same.describe());
		const p = await create({ name: `Tiered ${uniq()}`, tier: name.toLowerCase() });
		assert.equal(p.tier, name.toUpperCase());
	});

	test('concurrent exclusive claims on one area: exactly one wins, the rest 409; a terminated holder lets go', async () => {
		const region = `Race ${uniq()}`;
		const ps = [];
		for (let i = 0; i < 6; i++) ps.push(await create({ name: `Racer ${uniq()}` }));
		const rs = await Promise.all(ps.map((p) => s.req('POST', `/api/v1/partners/${p.id}/territories`, { token: s.adminToken, body: { country: 'KW', region, exclusive: true } })));
		assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], rs.map((r) => r.describe()).join('\n'));
		const winner = ps[rs.findIndex((r) => r.status === 201)];
		for (const to of ['applied', 'onboarding', 'active', 'suspended', 'terminated'])
			assert.equal((await s.req('POST', `/api/v1/partners/${winner.id}/status`, { token: s.adminToken, body: { to, reason: 'test' } })).status, 200);
		const held = (await s.req('GET', `/api/v1/partners/${winner.id}/territories`, { token: s.adminToken })).json;
		assert.deepEqual((held.items ?? held).map((x) => x.exclusive), [false]);
		const next = ps.find((p) => p.id !== winner.id);
		const r = await s.req('POST', `/api/v1/partners/${next.id}/territories`, { token: s.adminToken, body: { country: 'KW', region, exclusive: true } });
		assert.equal(r.status, 201, r.describe());
	});
});

describe('import and export rules (issue 3 audit)', () => {
	test('tags with ; or | are refused; formula-like cells are exported with a quote and round-trip unchanged', async () => {
		assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `Semi ${uniq()}`, industries: ['Oil;Gas'] } }), 400, ['industries']);
		assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `Pipe ${uniq()}`, languages: ['en|fa'] } }), 400, ['languages']);
		const region = `Formula ${uniq()}`;
		const p = await create({ name: `=HYPERLINK("http://evil.example") ${uniq()}`, region, description: "-2+3 and '=x", city: '@home', industries: ['+plus'], external_ids: { erp: `FX-${uniq()}` } });
		const q = await create({ name: `'=already quoted ${uniq()}`, region, description: "'plain quote", external_ids: { erp: `FX-${uniq()}` } });
		const exp = await s.req('GET', `/api/v1/exports/partners.csv?region=${encodeURIComponent(region)}`, { token: s.adminToken });
		assert.equal(exp.status, 200, exp.describe());
		assert.ok(exp.text.includes(`'=HYPERLINK`), exp.text);
		assert.ok(exp.text.includes(`'@home`) && exp.text.includes(`'+plus`) && exp.text.includes(`'-2+3`), exp.text);
		assert.ok(!/(^|,)"?[=+@-]/m.test(exp.text.split('\n').slice(1).join('\n')), 'no data cell starts with a formula character');
		const back = await csv('/api/v1/imports/partners', exp.text);
		assert.deepEqual(back.json, { dry_run: false, rows: 2, created: 0, updated: 0, unchanged: 2 }, back.text);
		const g = (await s.req('GET', `/api/v1/partners/${p.id}`, { token: s.adminToken })).json;
		assert.equal(g.name, p.name);
		assert.equal(g.description, "-2+3 and '=x");
		assert.equal((await s.req('GET', `/api/v1/partners/${q.id}`, { token: s.adminToken })).json.name, q.name);
	});

	test('an external_id of a merged partner updates its survivor', async () => {
		const a = await create({ name: `Merge target ${uniq()}`, external_ids: { erp: `MA-${uniq()}` } });
		const b = await create({ name: `Merge source ${uniq()}`, external_ids: { erp: `MB-${uniq()}` } });
		assert.equal((await s.req('POST', `/api/v1/partners/${a.id}/merge`, { token: s.adminToken, body: { from: [b.id] } })).status, 200);
		const r = await csv('/api/v1/imports/partners', `external_id,city\n${b.external_ids.erp},Muscat\n`);
		assert.deepEqual(r.json, { dry_run: false, rows: 1, created: 0, updated: 1, unchanged: 0 }, r.text);
		const ga = (await s.req('GET', `/api/v1/partners/${a.id}`, { token: s.adminToken })).json;
		assert.equal(ga.city, 'Muscat');
		assert.equal(ga.external_ids.erp, a.external_ids.erp);
		assert.equal((await s.req('GET', `/api/v1/partners/${b.id}`, { token: s.adminToken })).json.city, null);
		const again = await csv('/api/v1/imports/partners', `external_id,city\n${b.external_ids.erp},Muscat\n`);
		assert.deepEqual(again.json, { dry_run: false, rows: 1, created: 0, updated: 0, unchanged: 1 }, again.text);
	});

	test('a channel manager import writes external ids of partners it may write, not of others', async () => {
		const mine = await create({ name: `CM import ${uniq()}`, manager_id: cm.id });
		const theirs = await create({ name: `Other import ${uniq()}`, manager_id: otherCm.id });
		const ext = `CMI-${uniq()}`;
		const ok = await csv('/api/v1/imports/partners', `id,external_id,crm_id\n${mine.id},${ext},CRM-${ext}\n`, cm.token);
		assert.deepEqual(ok.json, { dry_run: false, rows: 1, created: 0, updated: 1, unchanged: 0 }, ok.text);
		assert.equal((await s.req('GET', `/api/v1/partners/${mine.id}`, { token: s.adminToken })).json.external_ids.crm, `CRM-${ext}`);
		const created = await csv('/api/v1/imports/partners', `name,external_id\nCM created ${ext},${ext}-new\n`, cm.token);
		assert.deepEqual(created.json, { dry_run: false, rows: 1, created: 1, updated: 0, unchanged: 0 }, created.text);
		const bad = await csv('/api/v1/imports/partners', `id,external_id\n${theirs.id},${ext}-x\n`, cm.token);
		assert.ok(bad.status === 403 || bad.status === 422, bad.describe());
		assert.ok(errorFields(bad).some((f) => f.startsWith('line 2')), bad.text);
		// still not through the API
		assertProblem(await s.req('PATCH', `/api/v1/partners/${mine.id}`, { token: cm.token, body: { external_ids: { erp: 'X-2' } } }), 403, ['external_ids.erp']);
	});

	test('a new partner starts as prospect, applied, onboarding or active; import may keep any status', async () => {
		for (const status of ['suspended', 'terminated'])
			assertProblem(await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `Start ${uniq()}`, status } }), 422, ['status']);
		assert.equal((await create({ name: `Start ${uniq()}`, status: 'active' })).status, 'active');
		const r = await csv('/api/v1/imports/partners', `name,status\nImported terminated ${uniq()},terminated\n`);
		assert.deepEqual(r.json, { dry_run: false, rows: 1, created: 1, updated: 0, unchanged: 0 }, r.text);
	});

	test('demo --partners N creates exactly N partners, planted duplicates included', async () => {
		const { db } = await initDb();
		const d = await cli(['demo', '--partners', '110', '--db', db], { timeoutMs: 120000 });
		assert.match(d.stdout, /110 partners \(2 planted duplicates\)/, d.stdout);
		const e = await cli(['export', 'partners', '--format', 'json', '--db', db], { timeoutMs: 60000 });
		const rows = JSON.parse(e.stdout);
		assert.equal((rows.items ?? rows).length, 110);
	});
});
