// errors.test.mjs — every class of bad input gives the right problem+json (status,
// content type, type slug, errors[] field names), and no input gives a 500 or takes the
// server down.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, assertProblem, startServer, uniqEmail } from './harness.mjs';

let s;
let rep; // a partner_rep actor
before(async () => {
	s = await startServer();
	rep = await s.actor('partner_rep', { partner: await s.partner() });
});
after(async () => {
	await s?.stop();
	s?.cleanup();
});

const post = (p, raw, opts = {}) => s.req('POST', p, { token: s.adminToken, raw, ...opts });

/* Sends raw bytes over a socket; resolves the raw response text (connection: close). */
async function rawHttp(bytes) {
	return (await rawHttpBytes(bytes)).toString('latin1');
}

/* The same, resolving the response as a Buffer (to look for bytes that are not UTF-8). */
function rawHttpBytes(bytes) {
	return new Promise((resolve, reject) => {
		const sock = net.connect(s.port, '127.0.0.1');
		const parts = [];
		sock.on('data', (d) => parts.push(d));
		sock.on('end', () => resolve(Buffer.concat(parts)));
		sock.on('error', reject);
		sock.setTimeout(10000, () => {
			sock.destroy();
			resolve(Buffer.concat(parts));
		});
		sock.end(bytes);
	});
}

describe('400 malformed bodies', () => {
	test('malformed JSON: detail gives line and column', async () => {
		for (const raw of ['{', '{"name": }', '{"name": "x",}', "{'name': 'x'}", '{"name": "x"} trailing', 'nul', '{"name": "x"\n,\n "a" 1}', '\ufeff{"name":"x"}']) {
			const p = assertProblem(await post('/api/v1/partners', raw), 400, [], { slug: 'malformed' });
			assert.match(p.detail, /line \d+, column \d+/, `detail for ${JSON.stringify(raw)}: ${p.detail}`);
		}
		const p = assertProblem(await post('/api/v1/partners', '{\n  "name": "x",\n  oops\n}'), 400);
		assert.match(p.detail, /line 3/);
	});

	test('duplicate keys are refused', async () => {
		assertProblem(await post('/api/v1/partners', '{"name":"a","name":"b"}'), 400, [], { slug: 'malformed' });
	});

	test('invalid UTF-8 anywhere in the body', async () => {
		const bodies = [
			Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
			Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
			Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
			Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // UTF-16 surrogate
			Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('"}')]), // > U+10FFFF
			Buffer.concat([Buffer.from('{"name":"abc'), Buffer.from([0xe2, 0x82])]), // truncated sequence at the end
		];
		for (const b of bodies) {
			const p = assertProblem(await post('/api/v1/partners', b), 400, [], { slug: 'malformed' });
			assert.match(p.detail, /UTF-8|JSON/);
		}
		const lone = await post('/api/v1/partners', '{"name":"\\ud800"}');
		assertProblem(lone, 400);
		const nul = await post('/api/v1/partners', '{"name":"a\\u0000b"}');
		assertProblem(nul, 400);
	});

	test('empty body, non-object bodies, deep nesting', async () => {
		assertProblem(await post('/api/v1/partners', ''), 400);
		for (const raw of ['[]', '"name"', '42', 'null', 'true', '[{"name":"x"}]'])
			assertProblem(await post('/api/v1/partners', raw), 400);
		const deep = '{"name":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
		assertProblem(await post('/api/v1/partners', deep), 400);
		const deepObj = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
		assertProblem(await post('/api/v1/partners', deepObj), 400);
		// Brackets inside strings do not count as nesting.
		const r = await post('/api/v1/partners', JSON.stringify({ name: '[[[[' + '{'.repeat(100) }));
		assert.equal(r.status, 201, r.describe());
	});

	test('unknown fields, wrong types, missing required fields name the field', async () => {
		assertProblem(await post('/api/v1/partners', '{"name":"x","colour":"red"}'), 400, ['colour'], { slug: 'invalid' });
		assertProblem(await post('/api/v1/partners', '{"name":12}'), 400, ['name']);
		assertProblem(await post('/api/v1/partners', '{"name":null}'), 400, ['name']);
		assertProblem(await post('/api/v1/partners', '{"name":["x"]}'), 400, ['name']);
		assertProblem(await post('/api/v1/partners', '{}'), 400, ['name']);
		assertProblem(await post('/api/v1/partners', '{"name":"   "}'), 400, ['name']);
		assertProblem(await post('/api/v1/partners', JSON.stringify({ name: 'n'.repeat(201) })), 400, ['name']);
		const p = assertProblem(await post('/api/v1/users', JSON.stringify({ email: 1, role: 2, a: 1, b: 2 })), 400, ['email', 'role', 'a', 'b', 'password']);
		assert.ok(p.errors.every((e) => e.message.length > 0));
		const many = {};
		for (let i = 0; i < 300; i++) many[`f${i}`] = i;
		const m = assertProblem(await post('/api/v1/partners', JSON.stringify(many)), 400, ['f0']);
		assert.ok(m.errors.length >= 1);
		const longKey = assertProblem(await post('/api/v1/partners', JSON.stringify({ ['k'.repeat(100000)]: 1, name: 'x' })), 400);
		assert.ok(longKey.errors.length === 1);
		assertProblem(await post('/api/v1/users', JSON.stringify({ email: uniqEmail(), role: 'partner_rep', password: PASSWORD, partner_id: 1e40 })), 400);
		assertProblem(await post('/api/v1/users', JSON.stringify({ email: uniqEmail(), role: 'partner_rep', password: PASSWORD, partner_id: -3 })), 400, ['partner_id']);
		assertProblem(await post('/api/v1/users', '{"email":"a@example.com","role":"partner_rep","password":"' + PASSWORD + '","partner_id":99999999999999999999}'), 400);
		assertProblem(await post('/api/v1/users', JSON.stringify({ email: uniqEmail(), role: 'partner_rep', password: PASSWORD, partner_id: 9223372036854775807n.toString() })), 400, ['partner_id']);
	});
});

describe('415 media type', () => {
	test('non-JSON Content-Type on a JSON route', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'json', null]) {
			const r = await post('/api/v1/partners', '{"name":"x"}', { type });
			const p = assertProblem(r, 415, [], { slug: 'unsupported-media-type' });
			assert.match(p.detail, /application\/json/);
		}
	});

	test('application/json with parameters and any case is accepted', async () => {
		for (const type of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8']) {
			const r = await post('/api/v1/partners', JSON.stringify({ name: `Type ${type}` }), { type });
			assert.equal(r.status, 201, `${type}: ${r.describe()}`);
		}
	});
});

describe('413 too large', () => {
	const ONE_MIB = 1 << 20;
	const padded = (n) => {
		const core = JSON.stringify({ name: 'Padded Partner' });
		return core + ' '.repeat(n - core.length);
	};

	test('a body of exactly the limit is accepted', async () => {
		const r = await post('/api/v1/partners', padded(ONE_MIB));
		assert.equal(r.status, 201, r.describe());
	});

	test('one byte over the limit (Content-Length) is 413 and nothing is stored', async () => {
		const before = (await s.req('GET', '/api/v1/partners?limit=200', { token: s.adminToken })).json.items.length;
		const r = await post('/api/v1/partners', padded(ONE_MIB + 1));
		const p = assertProblem(r, 413, [], { slug: 'too-large' });
		assert.match(p.detail, /1048576/);
		const big = await post('/api/v1/partners', JSON.stringify({ name: 'x'.repeat(3 * ONE_MIB) }));
		assertProblem(big, 413);
		const after = (await s.req('GET', '/api/v1/partners?limit=200', { token: s.adminToken })).json.items.length;
		assert.equal(after, before);
	});

	test('over the limit without Content-Length (chunked) is 413', async () => {
		const body = padded(ONE_MIB + 100);
		const r = await s.rawReq('POST', '/api/v1/partners', {
			headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' },
			chunks: [body.slice(0, 500000), body.slice(500000)],
		});
		assertProblem(r, 413);
		const ok = await s.rawReq('POST', '/api/v1/partners', {
			headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' },
			chunks: ['{"name":', '"Chunked Co"}'],
		});
		assert.equal(ok.status, 201, ok.describe());
	});

	test('a far larger declared body, or one waiting for 100-continue, is refused at once', async () => {
		/* The client sends only the headers and keeps the connection open: the answer must
		 * come without the body. */
		const headersOnly = (extra) =>
			new Promise((resolve, reject) => {
				const sock = net.connect(s.port, '127.0.0.1');
				const parts = [];
				const done = () => {
					sock.destroy();
					resolve(Buffer.concat(parts).toString('latin1'));
				};
				sock.on('data', (d) => {
					parts.push(d);
					if (Buffer.concat(parts).includes('\r\n\r\n')) done();
				});
				sock.on('error', reject);
				sock.setTimeout(10000, done);
				sock.write(`POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.adminToken}\r\nContent-Type: application/json\r\n${extra}\r\n`);
			});
		assert.match(await headersOnly(`Content-Length: ${1 << 30}\r\n`), /^HTTP\/1\.1 413 /);
		assert.match(await headersOnly(`Content-Length: ${ONE_MIB + 1}\r\nExpect: 100-continue\r\n`), /^HTTP\/1\.1 413 /);
	});

	test('413 is answered before authentication', async () => {
		assertProblem(await s.req('POST', '/api/v1/partners', { raw: padded(ONE_MIB + 1) }), 413);
	});

	test('--body-limit sets the limit', async () => {
		const t = await startServer({ args: ['--body-limit', '2048'] });
		try {
			const core = JSON.stringify({ name: 'Small' });
			const r = await t.req('POST', '/api/v1/partners', { token: t.adminToken, raw: core + ' '.repeat(2048 - core.length) });
			assert.equal(r.status, 201, r.describe());
			const p = assertProblem(await t.req('POST', '/api/v1/partners', { token: t.adminToken, raw: core + ' '.repeat(2049 - core.length) }), 413);
			assert.match(p.detail, /2048/);
		} finally {
			await t.stop();
			t.cleanup();
		}
	});
});

describe('400 bad path ids and query parameters', () => {
	test('bad ids name id', async () => {
		const paths = ['/api/v1/users/abc', '/api/v1/users/0', '/api/v1/users/-7', '/api/v1/users/1.5', '/api/v1/users/0x10',
			'/api/v1/users/%2B1', '/api/v1/users/1%20', '/api/v1/users/99999999999999999999', '/api/v1/users/1%00abc',
			'/api/v1/partners/abc', '/api/v1/partners/0'];
		for (const p of paths) assertProblem(await s.req('GET', p, { token: s.adminToken }), 400, ['id'], { slug: 'invalid' });
		assertProblem(await s.req('PATCH', '/api/v1/users/abc', { token: s.adminToken, body: { name: 'x' } }), 400, ['id']);
		assertProblem(await s.req('POST', '/api/v1/users/abc/password', { token: s.adminToken, body: { password: PASSWORD } }), 400, ['id']);
		assertProblem(await s.req('DELETE', '/api/v1/tokens/abc', { token: s.adminToken }), 400, ['id']);
	});

	test('bad limit/after on every list', async () => {
		for (const p of ['/api/v1/users', '/api/v1/tokens', '/api/v1/partners', '/api/v1/audit'])
			for (const q of ['limit=0', 'limit=201', 'limit=x', 'limit=', 'limit=%00', 'after=-1', 'after=abc'])
				assertProblem(await s.req('GET', `${p}?${q}`, { token: s.adminToken }), 400, [q.split('=')[0]]);
		assertProblem(await s.req('GET', '/api/v1/audit?entity=us%20er', { token: s.adminToken }), 400, ['entity']);
		assertProblem(await s.req('GET', '/api/v1/audit?id=x&actor=y', { token: s.adminToken }), 400, ['id', 'actor']);
	});
});

describe('bytes that are not UTF-8 in the URL (issue 2)', () => {
	/* The body of a response as bytes, after the header block. */
	const bodyOf = (buf) => buf.subarray(buf.indexOf('\r\n\r\n') + 4);
	const isUtf8 = (buf) => {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(buf);
			return true;
		} catch {
			return false;
		}
	};

	test('a 404 for /api/v1/nope%ff%fe has a UTF-8 JSON body and log line (U+FFFD for the bad bytes)', async () => {
		const resp = await rawHttpBytes('GET /api/v1/nope%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
		assert.match(resp.toString('latin1'), /^HTTP\/1\.1 404/);
		const body = bodyOf(resp);
		assert.ok(!body.includes(0xff) && !body.includes(0xfe), `raw 0xFF/0xFE in the body: ${body.toString('latin1')}`);
		assert.ok(isUtf8(body), 'body is UTF-8');
		const p = JSON.parse(body.toString('utf8'));
		assert.equal(p.status, 404);
		assert.equal(p.instance, '/api/v1/nope\ufffd\ufffd');
		const line = await s.stderrLine((l) => l.includes('/api/v1/nope') && l.includes('"status":404'));
		assert.ok(line, 'request logged');
		// stderr is decoded as UTF-8, so a raw 0xFF would show as a U+FFFD character here;
		// the fixed line carries the JSON escape "\\ufffd" in plain ASCII instead
		assert.ok(!line.includes('\ufffd') && line.includes('\\ufffd'), line);
		assert.equal(JSON.parse(line).path, '/api/v1/nope\ufffd\ufffd');
	});

	test('a query parameter that is not UTF-8 is 400 naming it, on every list (not a 500 from the database)', async () => {
		for (const [p, q] of [['/api/v1/users', 'q'], ['/api/v1/users', 'role'], ['/api/v1/partners', 'q'], ['/api/v1/partners', 'country'],
			['/api/v1/partners', 'sort'], ['/api/v1/audit', 'entity'], ['/api/v1/tokens', 'x']]) {
			const r = await s.req('GET', `${p}?${q}=ab%ff%c3%28`, { token: s.adminToken });
			const prob = assertProblem(r, 400, [q], { slug: 'invalid' });
			assert.match(prob.errors.find((e) => e.field === q).message, /UTF-8/);
		}
		// the parameter's name is the bad part: named with U+FFFD, the body still UTF-8
		const resp = await rawHttpBytes(`GET /api/v1/users?a%ffb=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.adminToken}\r\nConnection: close\r\n\r\n`);
		assert.match(resp.toString('latin1'), /^HTTP\/1\.1 400/);
		assert.ok(isUtf8(bodyOf(resp)));
		assert.deepEqual(JSON.parse(bodyOf(resp).toString('utf8')).errors.map((e) => e.field), ['a\ufffdb']);
		// valid UTF-8 still works
		const ok = await s.req('GET', `/api/v1/users?q=${encodeURIComponent('café')}`, { token: s.adminToken });
		assert.equal(ok.status, 200, ok.describe());
	});
});

describe('X-Request-Id (issue 2)', () => {
	test('a sane id of up to 64 characters is echoed whole; longer or odd ones are replaced', async () => {
		for (const n of [1, 32, 33, 48, 64]) {
			const id = 'r'.repeat(n - 1) + 'Z';
			const r = await s.req('GET', '/healthz', { headers: { 'x-request-id': id } });
			assert.equal(r.headers.get('x-request-id'), id, `length ${n}`);
		}
		const p = assertProblem(await s.req('GET', '/api/v1/nope', { headers: { 'x-request-id': 'a-B.c_'.repeat(10) + 'abcd' } }), 404);
		assert.equal(p.request_id, 'a-B.c_'.repeat(10) + 'abcd');
		for (const bad of ['r'.repeat(65), 'a b', 'x/y']) {
			const r = await s.req('GET', '/healthz', { headers: { 'x-request-id': bad } });
			assert.notEqual(r.headers.get('x-request-id'), bad);
			assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
		}
	});
});

describe('404 and 405', () => {
	test('unknown routes are 404 problem+json naming the path', async () => {
		// Paths outside /api without an extension ("/", "/nope") are the web UI's client
		// routes (web.test.mjs); unknown names with an extension are 404 there too.
		for (const p of ['/nope.json', '/api/v1/nope', '/api/v2/users', '/api/v1/users/', '/api/v1/users/1/', '/api/v1//users', '/API/V1/USERS',
			'/api/v1/users/1/password/x', '/api', '/api/v1/users/1/tokens']) {
			const r = await s.req('GET', p, { token: s.adminToken });
			const prob = assertProblem(r, 404, [], { slug: 'not-found' });
			assert.equal(prob.instance, p);
		}
		assertProblem(await s.req('GET', '/api/v1/nope'), 404, [], { slug: 'not-found' });
	});

	test('unknown ids are 404', async () => {
		assertProblem(await s.req('GET', '/api/v1/users/424242', { token: s.adminToken }), 404);
		assertProblem(await s.req('GET', '/api/v1/partners/424242', { token: s.adminToken }), 404);
		assertProblem(await s.req('DELETE', '/api/v1/tokens/424242', { token: s.adminToken }), 404);
	});

	test('wrong method: 405 with Allow', async () => {
		const cases = [
			['PUT', '/api/v1/users', 'GET, POST'],
			['DELETE', '/api/v1/users/1', 'GET, PATCH'],
			['GET', '/api/v1/session', 'POST, DELETE'],
			['PATCH', '/api/v1/session', 'POST, DELETE'],
			['POST', '/api/v1/me', 'GET, PATCH'],
			['GET', '/api/v1/users/1/password', 'POST'],
			['GET', '/api/v1/tokens/1', 'DELETE'],
			['POST', '/api/v1/audit', 'GET'],
			['DELETE', '/api/v1/partners/1', 'GET, PATCH'],
			['POST', '/healthz', 'GET'],
			['OPTIONS', '/api/v1/partners', 'GET, POST'],
		];
		for (const [m, p, allow] of cases) {
			const r = await s.req(m, p, { token: s.adminToken });
			assertProblem(r, 405, [], { slug: 'method-not-allowed' });
			const got = r.headers.get('allow').split(',').map((x) => x.trim()).sort();
			assert.deepEqual(got, allow.split(', ').sort(), `${m} ${p}`);
		}
	});

	test('HEAD works like GET without a body', async () => {
		const r = await s.req('HEAD', '/api/v1/me', { token: s.adminToken });
		assert.equal(r.status, 200);
		assert.equal(r.text, '');
		assert.equal((await s.req('HEAD', '/api/v1/nope', { token: s.adminToken })).status, 404);
	});
});

describe('401, 403, 409, 422, 429', () => {
	test('401 without credentials on every non-public route', async () => {
		assertProblem(await s.req('GET', '/api/v1/users'), 401, [], { slug: 'unauthenticated' });
		assertProblem(await s.req('POST', '/api/v1/partners', { body: { name: 'x' } }), 401);
	});

	test('403 for a role, naming the route in the detail', async () => {
		const p = assertProblem(await s.req('GET', '/api/v1/audit', { token: rep.token }), 403, [], { slug: 'forbidden' });
		assert.match(p.detail, /partner_rep/);
	});

	test('409 conflict and 422 rule violation', async () => {
		const email = uniqEmail();
		assert.equal((await post('/api/v1/users', JSON.stringify({ email, role: 'analyst', password: PASSWORD }))).status, 201);
		assertProblem(await post('/api/v1/users', JSON.stringify({ email, role: 'analyst', password: PASSWORD })), 409, ['email'], { slug: 'conflict' });
		assertProblem(await post('/api/v1/users', JSON.stringify({ email: uniqEmail(), role: 'analyst', password: 'x' })), 422, ['password'], { slug: 'rule-violation' });
	});

	test('429 rate-limited with Retry-After', async () => {
		for (let i = 0; i < 5; i++)
			assertProblem(await s.rawReq('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL, password: 'wrong-wrong-wrong' }, localAddress: '127.0.0.77' }), 401);
		const r = await s.rawReq('POST', '/api/v1/session', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, localAddress: '127.0.0.78' });
		assertProblem(r, 429, [], { slug: 'rate-limited' });
		assert.match(r.headers.get('retry-after') || '', /^[1-9]\d*$/);
	});
});

describe('no input crashes the server or gives a 500', () => {
	test('odd bodies against every JSON route', async () => {
		const routes = [['POST', '/api/v1/session'], ['PATCH', '/api/v1/me'], ['POST', '/api/v1/users'], ['PATCH', '/api/v1/users/1'],
			['POST', '/api/v1/users/1/password'], ['POST', '/api/v1/tokens'], ['POST', '/api/v1/partners']];
		let seed = 12345;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
		const bodies = ['{"email":{"a":[1,2,{"b":null}]}}', '{"password":"' + 'é'.repeat(2000) + '"}', '{"name":"\\u202e\\u0645"}',
			'{"locale":"' + 'x'.repeat(10) + '"}', '{"role":"admin","role2":"x"}', '{"disabled":null}', '{"partner_id":1.0}',
			'{"name":"' + '\\"'.repeat(500) + '"}', '{"email":"a@b.co","password":"' + 'ab'.repeat(600) + '"}', '{"":1}', '{"\\u0000":1}',
			'{"name":1e999}', '{"name":-0}', '[' + '1,'.repeat(10000) + '1]', '{"a":"\\uDFFF"}', '\u0000'];
		for (let i = 0; i < 30; i++) {
			const len = Math.floor(rnd() * 200);
			bodies.push(Buffer.from(Array.from({ length: len }, () => Math.floor(rnd() * 256))));
		}
		for (const [m, p] of routes)
			for (const b of bodies) {
				const r = await s.req(m, p, { token: s.adminToken, raw: b });
				assert.ok(r.status >= 200 && r.status < 500, `${m} ${p}: ${r.describe()}`);
				if (r.status >= 400) assertProblem(r, r.status);
			}
	});

	test('odd paths, queries and headers', async () => {
		const paths = ['/%', '/%zz', '/api/v1/users?limit=1&limit=2', '/api/v1/users?' + 'a=1&'.repeat(500), '/api/v1/users?q=' + '%25'.repeat(300),
			'/api/v1/users?q=' + encodeURIComponent('\u0000'), '/api/v1/users/' + '9'.repeat(5000), '/' + 'a/'.repeat(2000),
			'/api/v1/partners?after=' + '1'.repeat(30), '/api/v1/audit?entity=' + 'e'.repeat(65), '/api/v1/users?disabled=&role=&q=&partner_id='];
		for (const p of paths) {
			const r = await s.req('GET', p, { token: s.adminToken });
			assert.ok(r.status < 500, `${p}: ${r.describe()}`);
		}
		const headers = [{ cookie: 'cb_session=' + 'a'.repeat(5000) }, { cookie: 'a=b; cb_session; cb_session=' }, { 'x-csrf-token': 'x'.repeat(3000) },
			{ authorization: 'Bearer ' + 'cbt_'.repeat(1000) }, { 'content-length': '0' }, { 'x-request-id': '\u00e9t\u00e9' }];
		for (const h of headers) {
			const r = await s.req('GET', '/api/v1/me', { headers: h }).catch((e) => ({ status: 0, err: e }));
			assert.ok(r.status === 0 || r.status < 500, JSON.stringify(h).slice(0, 100));
		}
	});

	test('raw HTTP oddities', async () => {
		const reqs = [
			'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
			'GET /api/v1/me HTTP/1.0\r\n\r\n',
			'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{"na',
			'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n',
			'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
			'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n',
			'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n',
			'BREW /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
			'GET  HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
			'GET /api/v1/me HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n',
			'\r\n\r\n',
			'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Request-Id: ' + 'r'.repeat(20000) + '\r\nConnection: close\r\n\r\n',
		];
		for (const q of reqs) {
			const text = await rawHttp(q);
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
			if (m) assert.ok(Number(m[1]) < 500 || Number(m[1]) === 505, `${JSON.stringify(q.slice(0, 80))} → ${text.slice(0, 200)}`);
		}
	});

	test('the server is still healthy', async () => {
		const r = await s.req('GET', '/healthz');
		assert.equal(r.status, 200);
		const me = await s.req('GET', '/api/v1/me', { token: s.adminToken });
		assert.equal(me.status, 200);
		assert.ok(!/"status":5\d\d/.test(s.stderr), 'no 5xx in the request log');
	});
});
