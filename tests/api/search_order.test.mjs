// search_order.test.mjs — a word search in one country, in the list's default name order,
// is read from the search index in that order (migration 005, partner_filter's drive):
// every match once (also when the word is in the partner's notes as well as its name),
// in name order both ways, paged by cursor without gaps or repeats, and in the new order
// at once after a rename. The results must equal those of the same search without the
// country filter narrowed by hand, which takes the other plan.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { startServer } from './harness.mjs';

let s;
const word = `zorbex${process.pid}`;
const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo', 'foxtrot'];
const ids = {};

const list = async (query, token = s.adminToken) => {
	const r = await s.req('GET', `/api/v1/partners?${query}`, { token });
	assert.equal(r.status, 200, r.describe());
	return r.json;
};
const pageAll = async (query, limit) => {
	const out = [];
	let after = 0;
	for (let guard = 0; guard < 20; guard++) {
		const page = await list(`${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
		out.push(...page.items.map((p) => p.name));
		if (!page.next_after) return out;
		after = page.next_after;
	}
	throw new Error('paging did not end');
};

before(async () => {
	s = await startServer();
	for (const n of names) {
		const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `${n} ${word}`, country: 'OM' } });
		assert.equal(r.status, 201, r.describe());
		ids[n] = r.json.id;
	}
	// Same word elsewhere: another country, and the notes of one matching partner.
	const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `Golf ${word}`, country: 'QA' } });
	assert.equal(r.status, 201, r.describe());
	const n = await s.req('POST', `/api/v1/partners/${ids.Charlie}/notes`, { token: s.adminToken, body: { kind: 'visit', text: `Talked about ${word} again` } });
	assert.equal(n.status, 201, n.describe());
});
after(async () => s && (await s.stop()));

describe('search in name order', () => {
	const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((n) => `${n} ${word}`);

	test('each match once, in name order, only in the country asked', async () => {
		const page = await list(`q=${word}&country=OM&limit=50`);
		assert.deepEqual(page.items.map((p) => p.name), sorted);
		assert.equal(page.next_after, null);
	});

	test('descending order, and cursor pages of 2 and 4 both ways add up to the whole list', async () => {
		const desc = await list(`q=${word}&country=OM&limit=50&sort=-name`);
		assert.deepEqual(desc.items.map((p) => p.name), [...sorted].reverse());
		assert.deepEqual(await pageAll(`q=${word}&country=OM`, 2), sorted);
		assert.deepEqual(await pageAll(`q=${word}&country=OM`, 4), sorted);
		assert.deepEqual(await pageAll(`q=${word}&country=OM&sort=-name`, 4), [...sorted].reverse());
	});

	test('other filters still apply on the driven read', async () => {
		const r = await s.req('POST', `/api/v1/partners/${ids.Echo}/status`, { token: s.adminToken, body: { to: 'applied', reason: 'test' } });
		assert.equal(r.status, 200, r.describe());
		const page = await list(`q=${word}&country=OM&status=applied`);
		assert.deepEqual(page.items.map((p) => p.name), [`Echo ${word}`]);
	});

	test('a rename moves the partner to its new place in the order at once', async () => {
		const cur = await s.req('GET', `/api/v1/partners/${ids.alpha}`, { token: s.adminToken });
		const r = await s.req('PATCH', `/api/v1/partners/${ids.alpha}`, { token: s.adminToken, body: { name: `zulu ${word}` }, headers: { 'if-match': cur.headers.get('etag') } });
		assert.equal(r.status, 200, r.describe());
		const page = await list(`q=${word}&country=OM&limit=50`);
		const names2 = page.items.map((p) => p.name);
		assert.equal(names2.at(-1), `zulu ${word}`);
		assert.equal(names2.length, names.length);
	});

	test('a prefix of several indexed words: each partner once, in order, paged exactly', async () => {
		const stem = `quaxo${process.pid}`;
		const made = [];
		for (const [n, w] of [['Mike', 'alpha'], ['kilo', 'beta'], ['Lima', 'gamma'], ['juliet', 'alpha beta'], ['Oscar', 'gamma']]) {
			const words = w.split(' ').map((x) => `${stem}${x}`).join(' ');
			const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `${n} ${words}`, country: 'OM' } });
			assert.equal(r.status, 201, r.describe());
			made.push(r.json.name);
		}
		const want = [...made].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
		const page = await list(`q=${stem}&country=OM&limit=50`);
		assert.deepEqual(page.items.map((p) => p.name), want);
		assert.deepEqual(await pageAll(`q=${stem}&country=OM`, 2), want);
		assert.deepEqual(await pageAll(`q=${stem}&country=OM&sort=-name`, 3), [...want].reverse());
	});

	test('a partner user gets only its own partner through the same search', async () => {
		const pa = await s.actor('partner_admin', { partner: ids.bravo });
		const page = await list(`q=${word}&country=OM&limit=50`, pa.token);
		assert.deepEqual(page.items.map((p) => p.id), [ids.bravo]);
	});
});
