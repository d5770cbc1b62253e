// scale.test.mjs — PostgreSQL and several nodes (runs in the PostgreSQL pass only): the two
// sets of migrations agree; a SQLite database copied to PostgreSQL (and back) answers
// every read with the same bodies; two nodes on one database share sessions and never
// lose an update; a node survives its database going away and coming back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import {
	ADMIN_EMAIL,
	ADMIN_PASSWORD,
	PASSWORD,
	Server,
	assertProblem,
	auditRows,
	cli,
	describe,
	only,
	pgCreateDb,
	privatePg,
	startServer,
	test,
	tmpDir,
} from './harness.mjs';

const PG = only('pg');

/* A SQLite database with the test admin, made regardless of the run's backend. */
async function sqliteDb() {
	const dir = tmpDir();
	const db = path.join(dir, 'channelbase.db');
	const pw = path.join(dir, 'pw');
	(await import('node:fs')).writeFileSync(pw, ADMIN_PASSWORD + '\n');
	await cli(['init', '--db', db, '--admin-email', ADMIN_EMAIL, '--admin-password-file', pw]);
	return { dir, db };
}

describe('migrations', () => {
	test('SQLite and PostgreSQL have the same tables and columns', PG, async () => {
		const { db } = await sqliteDb();
		const pg = pgCreateDb();
		await cli(['init', '--db', pg, '--admin-email', ADMIN_EMAIL]);
		const a = (await cli(['schema', '--db', db])).stdout;
		const b = (await cli(['schema', '--db', pg])).stdout;
		assert.ok(a.split('\n').length > 100, a);
		assert.equal(b, a);
	});
});

describe('copy between backends', () => {
	let sq, pg, sqs, pgs, tokens, docs;
	before(async () => {
		if (only('pg').skip) return;
		const { dir, db } = await sqliteDb();
		await cli(['demo', '--partners', '150', '--db', db], { timeoutMs: 180000 });
		tokens = {};
		for (const [who, email] of [['admin', ADMIN_EMAIL], ['partner', 'admin@gulf.partner.demo']]) {
			const r = await cli(['token', 'create', '--email', email, '--name', 'copy', '--db', db]);
			tokens[who] = r.stdout.trim();
		}
		sq = db;
		sqs = new Server(dir, sq);
		await sqs.start(['--data-dir', dir]);
		// documents (their files are shared: both servers use the same data directory),
		// one on the partner user's own partner and one elsewhere
		const mine = (await sqs.req('GET', '/api/v1/me', { token: tokens.partner })).json.partner_id;
		const first = (await sqs.req('GET', '/api/v1/partners?limit=1&sort=created', { token: tokens.admin })).json.items[0].id;
		docs = [];
		for (const [partner, text] of [[mine, 'partner tax form'], [first, 'other tax form'], [mine, 'second form']]) {
			const fd = new FormData();
			fd.append('kind', 'tax');
			fd.append('file', new Blob([text], { type: 'text/plain' }), 'tax.txt');
			const up = await fetch(`${sqs.base}/api/v1/partners/${partner}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${tokens.admin}` } });
			const body = await up.text();
			assert.equal(up.status, 201, body);
			docs.push({ partner, id: JSON.parse(body).id });
		}
		pg = pgCreateDb();
		// copied while the SQLite node is serving
		const c = await cli(['copy', '--from', sq, '--to', pg]);
		assert.match(c.stdout, /^partners\s+(\d+)\s+\1\s+([0-9a-f]{16})\s+\2\s+same$/m, c.stdout);
		assert.doesNotMatch(c.stdout, /DIFFERENT/);
		pgs = new Server(dir, pg);
		await pgs.start(['--data-dir', dir]);
	});
	after(async () => {
		await sqs?.stop();
		await pgs?.stop();
	});

	test('a second copy into the same database is refused without --force, replaces it with', PG, async () => {
		const again = await cli(['copy', '--from', sq, '--to', pg], { expect: 1 });
		assert.match(again.stderr, /not empty.*--force/);
		const forced = await cli(['copy', '--from', sq, '--to', pg, '--force']);
		assert.match(forced.stdout, /copied \d+ tables/);
	});

	test('every read returns the same body on both backends', PG, async () => {
		const list = await sqs.req('GET', '/api/v1/partners?limit=200', { token: tokens.admin });
		assert.equal(list.status, 200);
		const ids = list.json.items.map((p) => p.id);
		assert.ok(ids.length >= 100);
		const urls = [
			// first: a token's last use is written at most once a minute, on each side
			'/api/v1/tokens',
			'/api/v1/me',
			'/api/v1/tiers',
			'/api/v1/users?limit=200',
			'/api/v1/audit?limit=200',
			'/api/v1/partners/duplicates?limit=100',
			'/api/v1/exports/partners.csv',
			'/api/v1/exports/partners.json',
			'/api/v1/partners?q=%D8%AF%D8%A7%D8%AF%D9%87%20%D9%BE%D8%B1%D8%AF%D8%A7%D8%B2%D8%A7%D9%86&limit=50',
			'/api/v1/partners?q=data&limit=50',
			'/api/v1/partners?q=systems&country=MY&limit=50',
			'/api/v1/partners?country=IR&sort=name&limit=30',
			'/api/v1/partners?status=active&sort=score&limit=30',
			'/api/v1/partners?sort=tier&limit=30',
			'/api/v1/partners?sort=updated&limit=30',
			'/api/v1/partners?sort=created&limit=30',
			'/api/v1/partners?type=distributor&model=sell_with&limit=30',
			'/api/v1/partners/stats',
			'/api/v1/activity',
			'/api/v1/activity?limit=200',
		];
		const users = await sqs.req('GET', '/api/v1/users?limit=200', { token: tokens.admin });
		for (const u of users.json.items) urls.push(`/api/v1/users/${u.id}`);
		for (const id of ids.slice(0, 40))
			for (const sub of ['', '/contacts', '/territories', '/notes', '/documents', '/history']) urls.push(`/api/v1/partners/${id}${sub}`);
		for (const d of docs) urls.push(`/api/v1/partners/${d.partner}/documents`, `/api/v1/partners/${d.partner}/documents/${d.id}`);
		for (const u of urls) {
			for (const who of ['admin', 'partner']) {
				const a = await sqs.req('GET', u, { token: tokens[who] });
				const b = await pgs.req('GET', u, { token: tokens[who] });
				assert.equal(b.status, a.status, `${who} ${u}: ${a.describe()} / ${b.describe()}`);
				// a problem carries its own request's id; everything else must be identical
				const strip = (t) => t.replace(/"request_id":"[0-9a-f]+"/, '');
				assert.equal(strip(b.text), strip(a.text), `${who} ${u}: bodies differ`);
			}
		}
		// the cursor of a page leads to the same next page on both
		const p1 = await sqs.req('GET', '/api/v1/partners?sort=name&limit=25', { token: tokens.admin });
		const cur = encodeURIComponent(p1.json.next_cursor ?? p1.json.next_after ?? '');
		const key = p1.json.next_cursor !== undefined ? 'cursor' : 'after';
		const a = await sqs.req('GET', `/api/v1/partners?sort=name&limit=25&${key}=${cur}`, { token: tokens.admin });
		const b = await pgs.req('GET', `/api/v1/partners?sort=name&limit=25&${key}=${cur}`, { token: tokens.admin });
		assert.equal(b.text, a.text);
	});

	test('writes get fresh ids on PostgreSQL after the copy, and it copies back to SQLite', PG, async () => {
		const r = await pgs.req('POST', '/api/v1/partners', { token: tokens.admin, body: { name: 'After The Copy' } });
		assert.equal(r.status, 201, r.describe());
		const back = path.join(tmpDir(), 'back.db');
		const c = await cli(['copy', '--from', pg, '--to', back]);
		assert.doesNotMatch(c.stdout, /DIFFERENT/);
		const json = JSON.parse((await cli(['export', 'partners', '--format', 'json', '--db', back])).stdout);
		assert.ok(json.some((p) => p.id === r.json.id && p.name === 'After The Copy'));
	});
});

describe('two nodes on one database', () => {
	let a, b;
	before(async () => {
		if (only('pg').skip) return;
		a = await startServer();
		b = new Server(a.dir, a.db);
		await b.start(['--data-dir', a.dir]);
		b.adminToken = a.adminToken;
	});
	after(async () => {
		await a?.stop();
		await b?.stop();
	});

	test('a login on one node is a session on the other; logout on one ends it on both', PG, async () => {
		const u = await a.user({ role: 'channel_manager' });
		const { session } = await a.login(u.email, PASSWORD);
		const me = await b.req('GET', '/api/v1/me', { session });
		assert.equal(me.status, 200, me.describe());
		assert.equal(me.json.email, u.email);
		// CSRF state is shared too: an unsafe request on B with A's token works
		const p = await b.req('POST', '/api/v1/partners', { session, body: { name: 'Made On B' } });
		assert.equal(p.status, 201, p.describe());
		assert.equal((await b.req('DELETE', '/api/v1/session', { session })).status, 204);
		assertProblem(await a.req('GET', '/api/v1/me', { session }), 401);
	});

	test('the login rate limit counts failures from both nodes', PG, async () => {
		const u = await a.user({ role: 'analyst' });
		for (let i = 0; i < 5; i++) {
			const node = i % 2 ? b : a;
			assertProblem(await node.req('POST', '/api/v1/session', { body: { email: u.email, password: 'wrong-password-here' } }), 401);
		}
		const r = await b.req('POST', '/api/v1/session', { body: { email: u.email, password: PASSWORD } });
		assertProblem(r, 429);
		assert.ok(Number(r.headers.get('retry-after')) > 0);
	});

	test('twelve concurrent wrong logins on both nodes: at most five are verified, the rest refused', PG, async () => {
		const u = await a.user({ role: 'analyst' });
		// an address of its own, so that the other tests' failures from 127.0.0.1 do not count
		const localAddress = '127.0.0.45';
		const rs = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				(i % 2 ? b : a).rawReq('POST', '/api/v1/session', { body: { email: u.email, password: `wrong-password-${i}` }, localAddress })
			)
		);
		const counts = {};
		for (const r of rs) counts[r.status] = (counts[r.status] ?? 0) + 1;
		assert.deepEqual(Object.keys(counts).sort(), ['401', '429'], JSON.stringify(counts));
		assert.ok(counts[401] <= 5, `at most 5 verified: ${JSON.stringify(counts)}`);
		// every attempt is audited: failures as failed, the others as refused
		const rows = await auditRows(a, `entity=user&id=${u.id}`);
		const failed = rows.filter((x) => x.action === 'session.login_failed');
		const refused = rows.filter((x) => x.action === 'session.login_refused');
		assert.equal(failed.length, counts[401]);
		assert.equal(refused.length, counts[429]);
		// the window stays shut for the right password too
		assertProblem(await a.rawReq('POST', '/api/v1/session', { body: { email: u.email, password: PASSWORD }, localAddress: '127.0.0.46' }), 429);
	});

	test('twelve concurrent wrong current_passwords on both nodes: at most five are verified, the rest refused', PG, async () => {
		// The check used to come before the hit: concurrent attempts all passed it before
		// any of them had counted, and more than five guesses were verified.
		const u = await a.actor('analyst');
		const url = `/api/v1/users/${u.id}/password`;
		const rs = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				(i % 2 ? b : a).req('POST', url, { token: u.token, body: { current_password: `Wrong-guess-${i}-xx`, password: 'Another-passw0rd' } })
			)
		);
		const counts = {};
		for (const r of rs) counts[r.status] = (counts[r.status] ?? 0) + 1;
		assert.deepEqual(Object.keys(counts).sort(), ['403', '429'], JSON.stringify(counts));
		assert.ok(counts[403] <= 5, `at most 5 verified: ${JSON.stringify(counts)}`);
		for (const r of rs) {
			if (r.status === 403) assertProblem(r, 403, ['current_password']);
			else {
				assertProblem(r, 429, [], { slug: 'rate-limited' });
				assert.ok(Number(r.headers.get('retry-after')) >= 1, r.describe());
			}
		}
		// every attempt is audited: wrong ones as failed, the others as refused
		const rows = await auditRows(a, `entity=user&id=${u.id}`);
		assert.equal(rows.filter((x) => x.action === 'user.password_failed').length, counts[403]);
		assert.equal(rows.filter((x) => x.action === 'user.password_refused').length, counts[429]);
		// A refused attempt takes its hit back, so the burst may have left fewer than five
		// failures: wrong guesses one at a time are verified until exactly five have been.
		let failed = counts[403];
		for (let i = 0; i < 6; i++) {
			const r = await a.req('POST', url, { token: u.token, body: { current_password: `Wrong-again-${i}-xx`, password: 'Another-passw0rd' } });
			if (r.status === 429) break;
			assertProblem(r, 403, ['current_password']);
			failed++;
		}
		assert.equal(failed, 5, JSON.stringify(counts));
		// the window stays shut for the right password too, and nothing was changed
		assertProblem(await b.req('POST', url, { token: u.token, body: { current_password: u.password, password: 'Another-passw0rd' } }), 429);
		assertProblem((await a.login(u.email, 'Another-passw0rd', { expect: 429, localAddress: '127.0.0.47' })).res, 429);
	});

	test('concurrent exclusive claims on a whole country and a region of it from both nodes: one 201, one 409', PG, async () => {
		// The whole-country/region clash is checked in core, where two transactions could
		// each see no clash and both insert; both claims of a country now take one lock
		// first. One country per round; which node claims what alternates.
		const partner = async (name) => {
			const r = await a.req('POST', '/api/v1/partners', { token: a.adminToken, body: { name } });
			assert.equal(r.status, 201, r.describe());
			return r.json.id;
		};
		const claim = (node, id, country, region) =>
			node.req('POST', `/api/v1/partners/${id}/territories`, { token: node.adminToken, body: { country, region, exclusive: true } });
		// the sequential answer, which the loser of a race must get too
		const [p0, q0] = [await partner('Whole TN'), await partner('Region TN')];
		assert.equal((await claim(a, p0, 'TN', null)).status, 201);
		const seq = assertProblem(await claim(b, q0, 'TN', 'North'), 409, ['exclusive']);
		assert.match(seq.errors[0].message, /^TN \/ North is already held exclusively by partner \d+ \(Whole TN\)$/);
		for (const [i, country] of 'BH QA JO LB EG MA IQ YE SA LY SD SY'.split(' ').entries()) {
			const [p, q] = [await partner(`Whole ${country}`), await partner(`Region ${country}`)];
			const [x, y] = i % 2 ? [b, a] : [a, b];
			const rs = await Promise.all([claim(x, p, country, null), claim(y, q, country, 'North')]);
			assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409], `${country}:\n${rs.map((r) => r.describe()).join('\n')}`);
			const lost = assertProblem(rs.find((r) => r.status === 409), 409, ['exclusive']);
			assert.equal(lost.type, seq.type);
			// the loser's message names its own claim and the winner
			const [winner, loser] = rs[0].status === 201 ? [`Whole ${country}`, `${country} / North`] : [`Region ${country}`, country];
			assert.match(lost.errors[0].message, new RegExp(`^${loser} is already held exclusively by partner \\d+ \\(${winner}\\)$`));
			// what is stored: one exclusive claim in the country
			const held = [];
			for (const id of [p, q]) held.push(...(await b.req('GET', `/api/v1/partners/${id}/territories`, { token: b.adminToken })).json.items);
			assert.equal(held.filter((t) => t.exclusive).length, 1, JSON.stringify(held));
		}
	});

	test('concurrent PATCHes of one version from both nodes: one 200, one 412, nothing lost', PG, async () => {
		for (let round = 0; round < 10; round++) {
			const c = await a.req('POST', '/api/v1/partners', { token: a.adminToken, body: { name: `Race ${round}` } });
			const { id, version } = c.json;
			const [ra, rb] = await Promise.all([
				a.req('PATCH', `/api/v1/partners/${id}`, { token: a.adminToken, headers: { 'if-match': String(version) }, body: { city: 'From A' } }),
				b.req('PATCH', `/api/v1/partners/${id}`, { token: b.adminToken, headers: { 'if-match': String(version) }, body: { city: 'From B' } }),
			]);
			const statuses = [ra.status, rb.status].sort();
			assert.deepEqual(statuses, [200, 412], `${ra.describe()} / ${rb.describe()}`);
			const winner = ra.status === 200 ? 'From A' : 'From B';
			const now = await b.req('GET', `/api/v1/partners/${id}`, { token: b.adminToken });
			assert.equal(now.json.city, winner);
			assert.equal(now.json.version, version + 1);
		}
	});

	test('a write on one node is read at once on the other', PG, async () => {
		for (let i = 0; i < 10; i++) {
			const c = await a.req('POST', '/api/v1/partners', { token: a.adminToken, body: { name: `Visible ${i}`, city: 'Shiraz' } });
			assert.equal(c.status, 201);
			const r = await b.req('GET', `/api/v1/partners/${c.json.id}`, { token: b.adminToken });
			assert.equal(r.status, 200, r.describe());
			assert.equal(r.json.name, `Visible ${i}`);
			const n = await b.req('PATCH', `/api/v1/partners/${c.json.id}`, { token: b.adminToken, body: { city: 'Tabriz' } });
			assert.equal(n.status, 200);
			assert.equal((await a.req('GET', `/api/v1/partners/${c.json.id}`, { token: a.adminToken })).json.city, 'Tabriz');
		}
	});
});

describe('the database goes away and comes back', () => {
	test('503 problem+json and a failing readyz while it is down; serving again after, without a restart', PG, async () => {
		const pg = await privatePg();
		let s;
		try {
			const db = `${pg.url}/postgres`;
			await cli(['init', '--db', db, '--admin-email', ADMIN_EMAIL]);
			s = new Server(tmpDir(), db);
			await s.start(['--data-dir', s.dir]);
			s.adminToken = await s.token(ADMIN_EMAIL);
			assert.equal((await s.req('GET', '/readyz')).status, 200);
			assert.equal((await s.req('GET', '/api/v1/partners', { token: s.adminToken })).status, 200);

			pg.stop();
			for (let i = 0; i < 6; i++) {
				const r = await s.req('GET', '/api/v1/partners', { token: s.adminToken });
				assertProblem(r, 503);
				const w = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: 'While Down' } });
				assertProblem(w, 503);
			}
			assert.equal((await s.req('GET', '/readyz')).status, 503);
			assert.equal((await s.req('GET', '/healthz')).status, 200);

			pg.start();
			let ok = false;
			for (let i = 0; i < 150 && !ok; i++) {
				ok = (await s.req('GET', '/readyz')).status === 200;
				if (!ok) await new Promise((r) => setTimeout(r, 100));
			}
			assert.ok(ok, 'readyz recovers');
			// every server thread reconnects: several requests in a row all succeed
			for (let i = 0; i < 8; i++) {
				const r = await s.req('GET', '/api/v1/partners', { token: s.adminToken });
				assert.equal(r.status, 200, r.describe());
			}
			const w = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: 'After Restart' } });
			assert.equal(w.status, 201, w.describe());
			assert.match(s.stderr, /postgres connection lost/);
			assert.match(s.stderr, /postgres connection restored/);
		} finally {
			await s?.stop();
			pg.destroy();
		}
	});
});
