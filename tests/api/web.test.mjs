// web.test.mjs — the web UI embedded in the binary (src/http/static.c): index.html at /,
// hashed assets with immutable caching, ETag and 304, br/gzip negotiation that decodes to
// the same bytes, client routes answered with index.html, the API's 404 untouched, 405
// for other methods, HEAD without a body, one Cache-Control header, the security headers,
// and the "static" route in logs and metrics. The files come from whatever web/dist the
// binary was built with, so the tests read names from index.html rather than assume them.
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { assertProblem, startServer } from './harness.mjs';

const CSP =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const IMMUTABLE = 'public, max-age=31536000, immutable';

let s;
let index; // GET / (identity)
let script; // path of the entry script named by index.html
before(async () => {
	s = await startServer();
	index = await raw('GET', '/');
	const m = /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(index.body.toString('utf8'));
	assert.ok(m, `index.html names its entry script:\n${index.body}`);
	script = m[1];
});
after(async () => {
	await s?.stop();
	s?.cleanup();
});

/* One request over node:http (no automatic decompression): {status, headers, rawHeaders,
 * body: Buffer}. */
function raw(method, p, headers = {}) {
	return new Promise((resolve, reject) => {
		const r = http.request({ host: '127.0.0.1', port: s.port, method, path: p, headers, agent: false }, (res) => {
			const parts = [];
			res.on('data', (d) => parts.push(d));
			res.on('end', () =>
				resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(parts) })
			);
			res.on('error', reject);
		});
		r.on('error', reject);
		r.end();
	});
}

/* How many times a response carries a header (node joins repeats into one value). */
const count = (res, name) => res.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length;

function assertSecurityHeaders(res) {
	assert.equal(res.headers['content-security-policy'], CSP);
	assert.equal(res.headers['x-content-type-options'], 'nosniff');
	assert.equal(res.headers['x-frame-options'], 'DENY');
	assert.equal(res.headers['referrer-policy'], 'no-referrer');
	assert.match(res.headers['x-request-id'] ?? '', /^[0-9a-f]{32}$/);
	assert.equal(count(res, 'cache-control'), 1, 'exactly one Cache-Control header');
}

const STRONG_ETAG = /^"[0-9a-f]{32}"$/;

describe('index.html', () => {
	test('/ is the application shell with the strict CSP', async () => {
		assert.equal(index.status, 200);
		assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
		assert.match(index.body.toString('utf8'), /<div id="app"><\/div>/);
		assertSecurityHeaders(index);
		assert.equal(index.headers['cache-control'], 'no-cache');
		assert.match(index.headers.etag, STRONG_ETAG);
		assert.equal(index.headers['content-encoding'], undefined);
		assert.equal(Number(index.headers['content-length']), index.body.length);
	});

	test('/index.html is the same file', async () => {
		const r = await raw('GET', '/index.html');
		assert.equal(r.status, 200);
		assert.deepEqual(r.body, index.body);
		assert.equal(r.headers.etag, index.headers.etag);
	});

	test('client routes without an extension get index.html with 200', async () => {
		for (const p of ['/partners/42', '/login', '/partners/42/contacts', '/settings/', '/login?next=%2Fpartners', '/apiary']) {
			const r = await raw('GET', p);
			assert.equal(r.status, 200, p);
			assert.equal(r.headers['content-type'], 'text/html; charset=utf-8', p);
			assert.deepEqual(r.body, index.body, p);
			assert.equal(r.headers['cache-control'], 'no-cache', p);
			assert.equal(r.headers.etag, index.headers.etag, p);
			assertSecurityHeaders(r);
		}
	});

	test('HEAD / sends the headers of GET and no body', async () => {
		const r = await raw('HEAD', '/');
		assert.equal(r.status, 200);
		assert.equal(r.body.length, 0);
		assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
		assert.equal(Number(r.headers['content-length']), index.body.length);
		assert.equal(r.headers.etag, index.headers.etag);
		const h = await s.req('HEAD', '/partners/42');
		assert.equal(h.status, 200);
		assert.equal(h.text, '');
	});

	test('index.html revalidates: 304 on its ETag, 200 on another', async () => {
		const r = await raw('GET', '/', { 'if-none-match': index.headers.etag });
		assert.equal(r.status, 304);
		assert.equal(r.body.length, 0);
		assert.equal(r.headers.etag, index.headers.etag);
		assert.equal(r.headers['cache-control'], 'no-cache');
		const other = await raw('GET', '/', { 'if-none-match': '"0000"' });
		assert.equal(other.status, 200);
		assert.deepEqual(other.body, index.body);
	});
});

describe('hashed assets', () => {
	test('the entry script: JavaScript, immutable, strong ETag', async () => {
		const r = await raw('GET', script);
		assert.equal(r.status, 200);
		assert.match(r.headers['content-type'], /^text\/javascript\b/);
		assert.equal(r.headers['cache-control'], IMMUTABLE);
		assert.match(r.headers.etag, STRONG_ETAG);
		assert.ok(r.body.length > 0);
		assert.equal(Number(r.headers['content-length']), r.body.length);
		assertSecurityHeaders(r);
	});

	test('stylesheets named by index.html are text/css', async () => {
		const links = [...index.body.toString('utf8').matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
		for (const href of links) {
			const r = await raw('GET', href);
			assert.equal(r.status, 200, href);
			assert.match(r.headers['content-type'], /^text\/css\b/, href);
			assert.equal(r.headers['cache-control'], IMMUTABLE, href);
		}
	});

	test('If-None-Match: 304 without a body; weak form and lists match; other tags do not', async () => {
		const first = await raw('GET', script);
		const tag = first.headers.etag;
		for (const inm of [tag, `W/${tag}`, `"nope", ${tag}`, '*']) {
			const r = await raw('GET', script, { 'if-none-match': inm });
			assert.equal(r.status, 304, inm);
			assert.equal(r.body.length, 0, inm);
			assert.equal(r.headers.etag, tag, inm);
			assert.equal(r.headers['cache-control'], IMMUTABLE, inm);
			assert.equal(r.headers['content-type'], undefined, inm);
			assertSecurityHeaders(r);
		}
		const r = await raw('GET', script, { 'if-none-match': '"0123456789abcdef0123456789abcdef"' });
		assert.equal(r.status, 200);
		assert.deepEqual(r.body, first.body);
	});

	test('br and gzip: Content-Encoding, Vary, own ETag, same bytes once decoded', async () => {
		for (const p of [script, '/']) {
			const id = await raw('GET', p);
			const br = await raw('GET', p, { 'accept-encoding': 'gzip, deflate, br' });
			const gz = await raw('GET', p, { 'accept-encoding': 'gzip' });
			assert.equal(br.status, 200, p);
			assert.equal(br.headers['content-encoding'], 'br', p);
			assert.equal(gz.headers['content-encoding'], 'gzip', p);
			for (const r of [id, br, gz]) {
				assert.equal(r.headers.vary, 'Accept-Encoding', p);
				assert.equal(r.headers['content-type'], id.headers['content-type'], p);
				assert.equal(r.headers['cache-control'], id.headers['cache-control'], p);
				assert.equal(Number(r.headers['content-length']), r.body.length, p);
			}
			assert.ok(br.body.length < id.body.length && gz.body.length < id.body.length, `${p}: compressed is smaller`);
			assert.deepEqual(zlib.brotliDecompressSync(br.body), id.body, `${p}: br decodes to the file`);
			assert.deepEqual(zlib.gunzipSync(gz.body), id.body, `${p}: gzip decodes to the file`);
			assert.equal(new Set([id.headers.etag, br.headers.etag, gz.headers.etag]).size, 3, `${p}: one ETag per encoding`);
			// each representation validates only itself
			assert.equal((await raw('GET', p, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag })).status, 304);
			assert.equal((await raw('GET', p, { 'accept-encoding': 'br', 'if-none-match': id.headers.etag })).status, 200);
			assert.equal((await raw('GET', p, { 'if-none-match': gz.headers.etag })).status, 200);
		}
	});

	test('q-values are respected: q=0 refuses an encoding, the higher weight wins', async () => {
		const enc = async (ae) => (await raw('GET', script, { 'accept-encoding': ae })).headers['content-encoding'];
		assert.equal(await enc('br;q=0, gzip'), 'gzip');
		assert.equal(await enc('gzip;q=0'), undefined);
		assert.equal(await enc('br;q=0, gzip;q=0'), undefined);
		assert.equal(await enc('br;q=0.4, gzip;q=0.8'), 'gzip');
		assert.equal(await enc('identity'), undefined);
		assert.equal(await enc('*'), 'br');
		assert.equal(await enc('*;q=0'), undefined);
		assert.equal(await enc('BR'), 'br');
	});

	test('HEAD of an asset: headers of the chosen representation, no body', async () => {
		const get = await raw('GET', script, { 'accept-encoding': 'br' });
		const head = await raw('HEAD', script, { 'accept-encoding': 'br' });
		assert.equal(head.status, 200);
		assert.equal(head.body.length, 0);
		assert.equal(head.headers['content-encoding'], 'br');
		assert.equal(head.headers['content-length'], get.headers['content-length']);
		assert.equal(head.headers.etag, get.headers.etag);
	});

	test('precompressed files are not URLs of their own', async () => {
		for (const p of [`${script}.br`, `${script}.gz`, '/index.html.gz', '/index.html.br'])
			assertProblem(await s.req('GET', p), 404);
	});
});

describe('what static does not answer', () => {
	test('/api paths keep the API 404', async () => {
		for (const p of ['/api/v1/nope', '/api/v1/partners/1/nope', '/api', '/api/', '/api/v1/app.js', '/api/v2/login', '/API/v1/x']) {
			const r = await s.req('GET', p);
			assertProblem(r, 404);
			assert.equal(r.headers.get('cache-control'), 'no-store');
		}
	});

	test('unknown names with an extension are 404 problems', async () => {
		for (const p of ['/nope.js', '/assets/index-00000000.js', '/no-such-icon.png', '/.env', '/no-such-file.txt'])
			assertProblem(await s.req('GET', p), 404);
	});

	test('other methods on application paths are 405 with Allow: GET, HEAD', async () => {
		for (const [method, p] of [
			['POST', '/'],
			['PUT', '/login'],
			['DELETE', '/partners/42'],
			['PATCH', script],
			['OPTIONS', '/'],
		]) {
			const r = await s.req(method, p, method === 'POST' ? { body: {} } : {});
			assertProblem(r, 405);
			assert.equal(r.headers.get('allow'), 'GET, HEAD', `${method} ${p}`);
			assert.equal(r.headers.get('cache-control'), 'no-store');
		}
		assertProblem(await s.req('POST', '/nope.js', { body: {} }), 404);
	});

	test('system and API routes answer as before', async () => {
		const h = await s.req('GET', '/healthz');
		assert.equal(h.status, 200);
		assert.match(h.type, /^application\/json/);
		assert.equal(h.headers.get('cache-control'), 'no-store');
		const o = await s.req('GET', '/api/v1/openapi.json');
		assert.equal(o.status, 200);
		assert.equal(o.headers.get('cache-control'), 'no-store');
		assertProblem(await s.req('POST', '/healthz', { body: {} }), 405);
	});
});

describe('observability', () => {
	test('static responses are logged and counted as route "static"', async () => {
		const rid = 'web-test-static-log';
		await s.req('GET', '/partners/7', { headers: { 'x-request-id': rid } });
		const m = await s.req('GET', '/metrics');
		assert.match(m.text, /channelbase_http_requests_total\{method="",route="static",status="200"\} \d+/);
		assert.match(m.text, /channelbase_http_requests_total\{method="",route="static",status="304"\} \d+/);
		assert.match(m.text, /channelbase_http_requests_total\{method="",route="static",status="405"\} \d+/);
		const raw = await s.stderrLine((l) => l.startsWith('{') && l.includes(`"id":"${rid}"`));
		assert.ok(raw, 'log line for the static request');
		const line = JSON.parse(raw);
		assert.equal(line.id, rid);
		assert.equal(line.route, 'static');
		assert.equal(line.path, '/partners/7');
		assert.equal(line.status, 200);
		assert.equal(line.method, 'GET');
	});
});
