// harness.mjs — start the real channelbase binary on a free loopback port with a fresh
// database, drive it over HTTP, and stop it cleanly.
//
// Every test file calls startServer() once (in before()) and server.stop() in after():
// each file has its own temp directory, database and server, so files can run
// concurrently. stop() sends SIGTERM, asserts exit code 0 and that stderr holds no
// sanitizer report. Users, partners and tokens are made cheaply: partners and tokens by
// the CLI, users through the API with the admin's bearer token (one argon2id hash each);
// most requests use bearer tokens so that no login (another hash) is needed.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as nodeTest from 'node:test';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.CHANNELBASE_BIN
	? path.resolve(process.env.CHANNELBASE_BIN)
	: path.join(REPO, 'build/san/channelbase');

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'Admin-Passw0rd-for-tests';
/* Default password of users made by the harness: 12+ chars, many distinct. */
export const PASSWORD = 'Tr0ub4dor&3-horse';

export const VENDOR_ROLES = ['admin', 'channel_manager', 'analyst', 'finance'];
export const PARTNER_ROLES = ['partner_admin', 'partner_rep'];
export const ALL_ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES];

/* The backend this run tests: `sqlite` (a file per server) or `pg` (a database per server
 * on the private PostgreSQL that tests/with-pg.sh started; CHANNELBASE_TEST_PG is its
 * URL without a database name). Every test and suite title names it. */
export const BACKEND = process.env.CHANNELBASE_TEST_BACKEND === 'pg' ? 'pg' : 'sqlite';
export const PG_URL = process.env.CHANNELBASE_TEST_PG || '';
if (BACKEND === 'pg' && !PG_URL) throw new Error('CHANNELBASE_TEST_BACKEND=pg needs CHANNELBASE_TEST_PG (run under tests/with-pg.sh)');

const titled = (fn) => {
	const f = (name, ...rest) => fn(`${name} [${BACKEND}]`, ...rest);
	f.skip = (name, ...rest) => fn.skip(`${name} [${BACKEND}]`, ...rest);
	f.only = (name, ...rest) => fn.only(`${name} [${BACKEND}]`, ...rest);
	return f;
};
export const describe = titled(nodeTest.describe);
export const test = titled(nodeTest.test);
/* Options for a test that only one backend can run (e.g. SQLite's file backup). */
export const only = (backend) => (BACKEND === backend ? {} : { skip: `${backend} only` });

let pgSeq = 0;
/* A fresh empty PostgreSQL database on the test server; returns its URL. */
export function pgCreateDb(prefix = 'cb') {
	const name = `${prefix}_${process.pid}_${++pgSeq}_${Math.random().toString(36).slice(2, 8)}`;
	const r = spawnSync('psql', [`${PG_URL}/postgres`, '-qAtc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
	assert.equal(r.status, 0, `createdb ${name}: ${r.stderr}`);
	return `${PG_URL}/${name}`;
}

/* Runs SQL on a PostgreSQL database URL with psql; returns stdout (unaligned, tuples only). */
export function psql(url, sql) {
	const r = spawnSync('psql', [url, '-qAtc', sql], { encoding: 'utf8' });
	assert.equal(r.status, 0, `psql: ${r.stderr}`);
	return r.stdout;
}

const SANITIZER_RE = /runtime error|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer/;

let seq = 0;
/* A unique lower-case e-mail address (unique across concurrently running files too). */
export function uniqEmail(prefix = 'user') {
	seq++;
	prefix = prefix.replace(/[^A-Za-z0-9.-]/g, '-');
	return `${prefix}-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export function tmpDir(prefix = 'cb-api-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function assertNoSanitizerReport(text, what) {
	const m = SANITIZER_RE.exec(text);
	assert.equal(m, null, `${what}: sanitizer report in stderr:\n${text.slice(Math.max(0, (m?.index ?? 0) - 200), (m?.index ?? 0) + 4000)}`);
}

/* Runs the binary; resolves {code, signal, stdout, stderr}. Never rejects on exit code. */
export function run(args, { input, env, cwd, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const p = spawn(BIN, args, {
			cwd,
			env: { ...process.env, CHANNELBASE_DB: '', CHANNELBASE_LISTEN: '', ...env },
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '', stderr = '';
		p.stdout.setEncoding('utf8');
		p.stderr.setEncoding('utf8');
		p.stdout.on('data', (d) => (stdout += d));
		p.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
		p.on('error', reject);
		p.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
		if (input !== undefined) p.stdin.end(input);
		else p.stdin.end();
	});
}

/* Runs the binary and asserts a clean (sanitizer-free) stderr and the expected exit code. */
export async function cli(args, { expect = 0, ...opts } = {}) {
	const r = await run(args, opts);
	assertNoSanitizerReport(r.stderr, `channelbase ${args.join(' ')}`);
	if (expect !== null)
		assert.equal(r.code, expect, `channelbase ${args.join(' ')} exited ${r.code} (signal ${r.signal})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
	return r;
}

/* Creates a database with the known admin; returns {dir, db, pwfile}. */
export async function initDb(dir = tmpDir()) {
	const db = BACKEND === 'pg' ? pgCreateDb() : path.join(dir, 'channelbase.db');
	const pwfile = path.join(dir, 'admin-password');
	fs.writeFileSync(pwfile, ADMIN_PASSWORD + '\n', { mode: 0o600 });
	await cli(['init', '--db', db, '--admin-email', ADMIN_EMAIL, '--admin-password-file', pwfile]);
	return { dir, db, pwfile };
}

/* A response: status, headers, text, json (parsed when the body is JSON). */
export class Res {
	constructor(status, headers, text) {
		this.status = status;
		this.headers = headers; // a Headers object
		this.text = text;
		this.type = headers.get('content-type') || '';
		this.json = undefined;
		if (/json/.test(this.type) && text.length) {
			try {
				this.json = JSON.parse(text);
			} catch {
				this.json = undefined;
			}
		}
	}
	get body() {
		return this.json;
	}
	describe() {
		return `${this.status} ${this.type} ${this.text.slice(0, 600)}`;
	}
}

/* Asserts an RFC 9457 problem: status, content type, shape, and that errors[] names
 * every field in `fields` (when given). Returns the parsed problem. */
export function assertProblem(res, status, fields = [], { slug } = {}) {
	assert.equal(res.status, status, `expected ${status}, got ${res.describe()}`);
	assert.match(res.type, /^application\/problem\+json/, `problem content type: ${res.describe()}`);
	const p = res.json;
	assert.ok(p && typeof p === 'object', `problem body is JSON: ${res.text}`);
	assert.match(p.type, /^urn:channelbase:problem:[a-z-]+$/, 'problem type');
	if (slug) assert.equal(p.type, `urn:channelbase:problem:${slug}`);
	assert.equal(typeof p.title, 'string');
	assert.ok(p.title.length > 0);
	assert.equal(p.status, status);
	assert.equal(typeof p.instance, 'string');
	assert.equal(p.request_id, res.headers.get('x-request-id'), 'problem request_id = X-Request-Id');
	assert.ok(Array.isArray(p.errors), 'errors[] present');
	for (const e of p.errors) {
		assert.ok('field' in e && 'message' in e, `error item shape ${JSON.stringify(e)}`);
		assert.equal(typeof e.message, 'string');
	}
	const named = p.errors.map((e) => e.field);
	for (const f of fields)
		assert.ok(named.includes(f), `errors[] should name ${JSON.stringify(f)}: ${res.text}`);
	return p;
}

/* Field names in a problem's errors[]. */
export function errorFields(res) {
	return (res.json?.errors || []).map((e) => e.field);
}

/* Parses the cb_session cookie out of a response's Set-Cookie headers. */
export function sessionCookie(res) {
	const all = res.headers.getSetCookie ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	const c = all.find((s) => s.startsWith('cb_session='));
	if (!c) return undefined;
	return { raw: c, value: c.slice('cb_session='.length).split(';')[0] };
}

export class Server {
	constructor(dir, db) {
		this.dir = dir;
		this.db = db;
		this.port = 0;
		this.base = '';
		this.proc = null;
		this.err = '';
		this.exit = null;
		this.adminEmail = ADMIN_EMAIL;
		this.adminPassword = ADMIN_PASSWORD;
		this.adminToken = '';
		this.adminId = 1;
	}

	get stderr() {
		return this.err;
	}

	/* The first whole stderr line that pred(line) accepts, waiting for it up to `ms`: a
	 * request's log line is written after its response. Undefined when none came. */
	async stderrLine(pred, ms = 5000) {
		for (const t0 = Date.now(); ; await new Promise((r) => setTimeout(r, 20))) {
			const line = this.err.slice(0, this.err.lastIndexOf('\n') + 1).split('\n').find(pred);
			if (line !== undefined || Date.now() - t0 > ms) return line;
		}
	}

	/* Lines of stderr parsed as JSON (non-JSON lines skipped). */
	logLines() {
		const out = [];
		for (const line of this.err.split('\n')) {
			if (!line.startsWith('{')) continue;
			try {
				out.push(JSON.parse(line));
			} catch {
				/* partial line */
			}
		}
		return out;
	}

	/* Starts `serve` on a free port; env: extra environment variables. */
	async start(extraArgs = [], { env = {} } = {}) {
		// documents go beside a SQLite file; a PostgreSQL run keeps them in the test's directory
		const dataDir = BACKEND === 'pg' && !extraArgs.includes('--data-dir') ? ['--data-dir', this.dir] : [];
		const args = ['serve', '--db', this.db, '--listen', '127.0.0.1:0', '--threads', '2', ...dataDir, ...extraArgs];
		this.proc = spawn(BIN, args, {
			env: { ...process.env, CHANNELBASE_DB: '', CHANNELBASE_LISTEN: '', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.proc.stdout.resume();
		this.proc.stderr.setEncoding('utf8');
		this.exited = new Promise((resolve) => {
			this.proc.on('close', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			});
		});
		this.port = await new Promise((resolve, reject) => {
			let buf = '';
			const timer = setTimeout(() => reject(new Error(`server did not report a port in 20 s; stderr:\n${this.err}`)), 20000);
			const onData = (d) => {
				this.err += d;
				buf += d;
				let nl;
				while ((nl = buf.indexOf('\n')) >= 0) {
					const line = buf.slice(0, nl);
					buf = buf.slice(nl + 1);
					try {
						const j = JSON.parse(line);
						if (j.msg === 'listening' && j.port) {
							clearTimeout(timer);
							resolve(Number(j.port));
						}
					} catch {
						/* not JSON */
					}
				}
			};
			this.proc.stderr.on('data', onData);
			this.exited.then((e) => {
				clearTimeout(timer);
				reject(new Error(`server exited (${JSON.stringify(e)}) before listening; stderr:\n${this.err}`));
			});
		});
		// Keep collecting stderr after the port is known.
		this.proc.stderr.removeAllListeners('data');
		this.proc.stderr.on('data', (d) => (this.err += d));
		assert.ok(this.port > 0 && this.port < 65536, 'port parsed from the listening line');
		this.base = `http://127.0.0.1:${this.port}`;
		return this;
	}

	/* SIGTERM; asserts exit 0 and a clean stderr. Idempotent. */
	async stop() {
		if (!this.proc) return;
		const p = this.proc;
		this.proc = null;
		if (this.exit === null) p.kill('SIGTERM');
		const timer = setTimeout(() => p.kill('SIGKILL'), 20000);
		const e = await this.exited;
		clearTimeout(timer);
		assertNoSanitizerReport(this.err, 'server');
		assert.equal(e.signal, null, `server killed by ${e.signal}; stderr tail:\n${this.err.slice(-3000)}`);
		assert.equal(e.code, 0, `server exit code ${e.code}; stderr tail:\n${this.err.slice(-3000)}`);
		assert.match(this.err, /"msg":"stopped"/, 'graceful stop logged');
	}

	/* Removes the temp directory (after stop). */
	cleanup() {
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	/* CLI against this server's database. */
	cli(args, opts) {
		return cli([...args, '--db', this.db], opts);
	}

	async partner(name = `Partner ${Math.random().toString(36).slice(2, 8)}`) {
		const r = await this.cli(['partner', 'add', '--name', name]);
		const m = /^partner (\d+) (.*) created$/m.exec(r.stdout);
		assert.ok(m, `partner add output: ${r.stdout}`);
		return Number(m[1]);
	}

	/* A bearer token for the user with this e-mail, made by the CLI. */
	async token(email, name = 'test token') {
		const r = await this.cli(['token', 'create', '--email', email, '--name', name]);
		const secret = r.stdout.trim();
		assert.match(secret, /^cbt_[A-Za-z0-9_-]+$/, 'token create prints only the secret');
		return secret;
	}

	/* Creates a user through the API as admin; returns {id, email, password, role, partner_id}. */
	async user({ role = 'analyst', partner = null, email = uniqEmail(role), password = PASSWORD, name } = {}) {
		const body = { email, role, password };
		if (partner !== null) body.partner_id = partner;
		if (name !== undefined) body.name = name;
		const r = await this.req('POST', '/api/v1/users', { token: this.adminToken, body });
		assert.equal(r.status, 201, `create user: ${r.describe()}`);
		return { id: r.json.id, email, password, role, partner_id: r.json.partner_id };
	}

	/* A user plus a bearer token for it. */
	async actor(role, { partner = null, name } = {}) {
		const u = await this.user({ role, partner, name });
		u.token = await this.token(u.email, `${role} token`);
		return u;
	}

	/* HTTP request. opts: body (JSON-encoded), raw (string/Buffer, sent as is),
	 * type (Content-Type), token (bearer), session ({cookie, csrf}; csrf sent on unsafe
	 * methods unless csrf: false or a string overrides it), headers. */
	async req(method, p, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		let body;
		if (opts.raw !== undefined) {
			body = opts.raw;
			if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json';
		} else if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json';
		}
		if (opts.token) headers.authorization = `Bearer ${opts.token}`;
		if (opts.session) {
			headers.cookie = `cb_session=${opts.session.cookie}`;
			const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
			if (typeof opts.csrf === 'string') headers['x-csrf-token'] = opts.csrf;
			else if (unsafe && opts.csrf !== false) headers['x-csrf-token'] = opts.session.csrf;
		}
		const res = await fetch(this.base + p, { method, headers, body, redirect: 'manual' });
		const text = method === 'HEAD' ? '' : await res.text();
		const r = new Res(res.status, res.headers, text);
		assert.ok(r.status < 500 || r.status === 503, `server error for ${method} ${p}: ${r.describe()}`);
		return r;
	}

	/* Logs in; returns {res, session: {cookie, csrf}, user}. */
	async login(email, password, { expect = 201, localAddress } = {}) {
		const res = localAddress
			? await this.rawReq('POST', '/api/v1/session', { body: { email, password }, localAddress })
			: await this.req('POST', '/api/v1/session', { body: { email, password } });
		assert.equal(res.status, expect, `login ${email}: ${res.describe()}`);
		if (res.status !== 201) return { res };
		const c = sessionCookie(res);
		assert.ok(c, 'login sets cb_session');
		return { res, session: { cookie: c.value, csrf: res.json.csrf_token }, user: res.json.user };
	}

	/* node:http request (for options fetch lacks: a source address, chunked bodies, odd
	 * header values). Resolves a Res. */
	rawReq(method, p, { body, raw, headers = {}, localAddress, chunks } = {}) {
		return new Promise((resolve, reject) => {
			const h = { ...headers };
			let payload = raw;
			if (body !== undefined) {
				payload = JSON.stringify(body);
				h['content-type'] ??= 'application/json';
			}
			if (payload !== undefined && !chunks) h['content-length'] = Buffer.byteLength(payload);
			const r = http.request(
				{ host: '127.0.0.1', port: this.port, method, path: p, headers: h, localAddress, agent: false },
				(res) => {
					const parts = [];
					res.on('data', (d) => parts.push(d));
					res.on('end', () => {
						const hs = new Headers();
						for (const [k, v] of Object.entries(res.headers)) {
							if (Array.isArray(v)) v.forEach((x) => hs.append(k, x));
							else hs.set(k, v);
						}
						resolve(new Res(res.statusCode, hs, Buffer.concat(parts).toString('utf8')));
					});
					res.on('error', reject);
				}
			);
			r.on('error', reject);
			if (chunks) {
				for (const c of chunks) r.write(c);
				r.end();
			} else {
				r.end(payload);
			}
		});
	}
}

/* Inits a database and starts a server on it; makes an admin bearer token. */
export async function startServer({ args = [] } = {}) {
	const { dir, db } = await initDb();
	const s = new Server(dir, db);
	await s.start(args);
	s.adminToken = await s.token(ADMIN_EMAIL, 'admin test token');
	return s;
}

/* Finds audit rows (newest first) matching a filter, as admin. */
export async function auditRows(server, query = '') {
	const r = await server.req('GET', `/api/v1/audit?limit=200${query ? '&' + query : ''}`, { token: server.adminToken });
	assert.equal(r.status, 200, r.describe());
	return r.json.items;
}

/* Reads every page of a list endpoint with the given page size. */
export async function readAll(server, p, opts, limit = 2) {
	const items = [];
	let after = 0;
	for (let i = 0; i < 1000; i++) {
		const sep = p.includes('?') ? '&' : '?';
		const r = await server.req('GET', `${p}${sep}limit=${limit}${after ? `&after=${after}` : ''}`, opts);
		assert.equal(r.status, 200, r.describe());
		assert.ok(r.json.items.length <= limit);
		items.push(...r.json.items);
		if (r.json.next_after === null) return items;
		assert.equal(r.json.items.length, limit, 'a page with a next cursor is full');
		assert.equal(r.json.next_after, r.json.items[r.json.items.length - 1].id, 'next_after is the last id');
		after = r.json.next_after;
	}
	throw new Error('pagination did not end');
}

/* A PostgreSQL server of the test's own (for a test that stops and starts it): initdb in
 * a directory under tests/with-pg.sh's (whose exit trap stops it even when this process
 * is killed), started on a free loopback port, as the cluster owner of tests/with-pg.sh;
 * also stopped when this process exits without calling destroy(). Returns
 * {url, stop(), start(), destroy()}. */
export async function privatePg() {
	const pgctl = process.env.CHANNELBASE_TEST_PGCTL;
	const owner = process.env.CHANNELBASE_TEST_PGUSER;
	assert.ok(pgctl && owner, 'privatePg runs under tests/with-pg.sh');
	const bindir = path.dirname(pgctl);
	const root = process.getuid?.() === 0;
	const as = (cmd, args) => {
		const r = root ? spawnSync('runuser', ['-u', owner, '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
		assert.equal(r.status, 0, `${path.basename(cmd)}: ${r.stderr}${r.stdout}`);
		return r;
	};
	const parent = process.env.CHANNELBASE_TEST_PGSOCKDIR;
	const dir = parent && fs.existsSync(parent) ? fs.mkdtempSync(path.join(parent, 'own-')) : tmpDir('cb-pgown-');
	if (root) spawnSync('chown', [owner, dir]);
	const port = await new Promise((resolve) => {
		const srv = http.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const p = srv.address().port;
			srv.close(() => resolve(p));
		});
	});
	as(path.join(bindir, 'initdb'), ['-D', `${dir}/data`, '-U', owner, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
	const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const pg = {
		url: `postgres://${owner}@127.0.0.1:${port}`,
		start: () => as(pgctl, ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', opts, 'start']),
		stop: () => as(pgctl, ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']),
		destroy: () => {
			process.off('exit', pg.destroy);
			if (fs.existsSync(`${dir}/data/postmaster.pid`))
				spawnSync(root ? 'runuser' : pgctl, root ? ['-u', owner, '--', pgctl, '-D', `${dir}/data`, '-m', 'immediate', 'stop'] : ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	// a failed assertion or an uncaught error ends the process without reaching destroy()
	process.on('exit', pg.destroy);
	pg.start();
	return pg;
}
