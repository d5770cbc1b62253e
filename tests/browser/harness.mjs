// harness.mjs — browser tests: the real channelbase binary (UI embedded, served at /)
// on a fresh demo database, driven by playwright-core in Debian's headless chromium.
//
// Every test file calls startApp() once (in before()) and app.stop() in after(): its own
// temp directory, database, server and browser, so files run concurrently. Each test gets
// a fresh browser context (en-US, 1280x800) through browserTest(); a test fails on any
// console error, uncaught page error or CSP violation, except HTTP error statuses the
// test declared it expects (allowHttpError). stop() sends SIGTERM and asserts a clean
// exit with no sanitizer report, like tests/api/harness.mjs.
//
// Development only: CB_BROWSER_VITE=1 serves the UI from the Vite dev server (web/)
// proxying /api to the binary, for working on tests before the embedded UI is built.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB = path.join(REPO, 'web');
export const BIN = process.env.CHANNELBASE_BIN
	? path.resolve(process.env.CHANNELBASE_BIN)
	: path.join(REPO, 'build/san/channelbase');
export const SCREENSHOTS = path.join(REPO, 'tests/browser/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const require = createRequire(path.join(WEB, 'package.json'));
export const { chromium } = require('playwright-core');

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'Admin-Passw0rd-for-tests';
export const DEMO_PASSWORD = 'demo-password-2026';
export const USERS = {
	admin: ADMIN_EMAIL,
	sara: 'sara.karimi@demo.channelbase.local',
	omar: 'omar.haddad@demo.channelbase.local',
	analyst: 'analyst@demo.channelbase.local',
	finance: 'finance@demo.channelbase.local',
	parsAdmin: 'admin@pars.partner.demo',
	parsSales: 'sales@pars.partner.demo',
	gulfAdmin: 'admin@gulf.partner.demo',
};
export const passwordOf = (email) => (email === ADMIN_EMAIL ? ADMIN_PASSWORD : DEMO_PASSWORD);

/* The translations, read as the UI reads them (nested objects, dotted keys). */
const messages = {};
export function msg(locale, key, params) {
	messages[locale] ??= JSON.parse(fs.readFileSync(path.join(WEB, 'src/i18n', `${locale}.json`), 'utf8'));
	let node = messages[locale];
	for (const part of key.split('.')) node = node?.[part];
	if (node && typeof node === 'object' && params && typeof params.count === 'number')
		node = node[new Intl.PluralRules(locale).select(params.count)] ?? node.other;
	assert.equal(typeof node, 'string', `i18n key ${key} missing in ${locale}.json`);
	// as the UI's interpolate(): numbers in the locale's digits
	const show = (v) => (typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : String(v));
	return params ? node.replace(/\{(\w+)\}/g, (m, k) => (k in params ? show(params[k]) : m)) : node;
}
/* English text of a key. */
export const en = (key, params) => msg('en', key, params);
/* The text as a RegExp source, special characters escaped. */
export const reEsc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/* A RegExp matching the text exactly (for getByRole names). */
export const exact = (s) => new RegExp(`^\\s*${reEsc(s)}\\s*$`);

const SANITIZER_RE = /runtime error|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer/;
export function assertNoSanitizerReport(text, what) {
	const m = SANITIZER_RE.exec(text);
	assert.equal(m, null, `${what}: sanitizer report in stderr:\n${text.slice(Math.max(0, (m?.index ?? 0) - 200), (m?.index ?? 0) + 4000)}`);
}

function run(args, { input } = {}) {
	return new Promise((resolve, reject) => {
		const p = spawn(BIN, args, { env: { ...process.env, CHANNELBASE_DB: '', CHANNELBASE_LISTEN: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '', stderr = '';
		p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		p.on('error', reject);
		p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
		p.stdin.end(input);
	});
}

async function cli(args) {
	const r = await run(args);
	assertNoSanitizerReport(r.stderr, `channelbase ${args[0]}`);
	assert.equal(r.code, 0, `channelbase ${args.join(' ')} exited ${r.code} (${r.signal})\n${r.stdout}\n${r.stderr}`);
	return r;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* Polls fn until it returns a truthy value (no fixed sleeps: a bounded retry loop). */
export async function until(fn, what, timeoutMs = 15000) {
	const t0 = Date.now();
	let last;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export class App {
	constructor() {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-browser-'));
		this.db = path.join(this.dir, 'cb.db');
		this.err = '';
		this.proc = null;
		this.vite = null;
		this.browser = null;
		this.tokens = {};
		this.demo = '';
	}

	async start({ partners = 120 } = {}) {
		const pwfile = path.join(this.dir, 'admin-password');
		fs.writeFileSync(pwfile, ADMIN_PASSWORD + '\n', { mode: 0o600 });
		await cli(['init', '--db', this.db, '--admin-email', ADMIN_EMAIL, '--admin-password-file', pwfile]);
		this.demo = (await cli(['demo', '--db', this.db, '--partners', String(partners)])).stdout;
		const port = await freePort();
		this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen', `127.0.0.1:${port}`, '--threads', '4'], {
			env: { ...process.env, CHANNELBASE_DB: '', CHANNELBASE_LISTEN: '' },
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		this.proc.stderr.setEncoding('utf8').on('data', (d) => (this.err += d));
		this.exited = new Promise((resolve) => this.proc.on('close', (code, signal) => resolve((this.exit = { code, signal }))));
		this.api = `http://127.0.0.1:${port}`;
		await until(async () => {
			if (this.exit) throw new Error(`server exited ${JSON.stringify(this.exit)}:\n${this.err}`);
			return (await fetch(`${this.api}/readyz`)).status === 200;
		}, 'the server to be ready (/readyz)');
		this.base = this.api;
		if (process.env.CB_BROWSER_VITE) await this.startVite();
		else {
			const r = await fetch(`${this.base}/`);
			const body = await r.text();
			assert.ok(r.status === 200 && /<div id="app">/.test(body), `the binary serves the UI at /: got ${r.status} ${body.slice(0, 200)}`);
		}
		assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install -y chromium (make deps), or set CHROMIUM_PATH`);
		this.browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
		});
		return this;
	}

	async startVite() {
		const port = await freePort();
		this.vite = spawn(path.join(WEB, 'node_modules/.bin/vite'), ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
			cwd: WEB,
			env: { ...process.env, CB_API: this.api },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.vite.stdout.resume();
		this.vite.stderr.resume();
		this.base = `http://127.0.0.1:${port}`;
		await until(async () => (await fetch(`${this.base}/`)).status === 200, 'vite');
	}

	/* SIGTERM; asserts exit 0, the graceful-stop log line and a clean stderr. */
	async stop() {
		await this.browser?.close().catch(() => undefined);
		if (this.vite) {
			try {
				process.kill(-this.vite.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			this.vite = null;
		}
		if (!this.proc) return;
		const p = this.proc;
		this.proc = null;
		if (!this.exit) p.kill('SIGTERM');
		const timer = setTimeout(() => p.kill('SIGKILL'), 20000);
		const e = await this.exited;
		clearTimeout(timer);
		try {
			assertNoSanitizerReport(this.err, 'server');
			assert.equal(e.signal, null, `server killed by ${e.signal}; stderr tail:\n${this.err.slice(-3000)}`);
			assert.equal(e.code, 0, `server exit code ${e.code}; stderr tail:\n${this.err.slice(-3000)}`);
			assert.match(this.err, /"msg":"stopped"/, 'graceful stop logged');
		} finally {
			fs.rmSync(this.dir, { recursive: true, force: true });
		}
	}

	/* A bearer token for a user (made by the CLI on the live database). */
	async token(email) {
		if (!this.tokens[email]) {
			const r = await cli(['token', 'create', '--db', this.db, '--email', email, '--name', 'browser test']);
			this.tokens[email] = r.stdout.trim();
		}
		return this.tokens[email];
	}

	/* An API request with a user's bearer token: {status, json, text, headers}. */
	async req(method, p, { as = ADMIN_EMAIL, body, raw, type } = {}) {
		const headers = { authorization: `Bearer ${await this.token(as)}` };
		let payload = raw;
		if (body !== undefined) {
			payload = JSON.stringify(body);
			headers['content-type'] = 'application/json';
		} else if (type) headers['content-type'] = type;
		const res = await fetch(this.api + p, { method, headers, body: payload });
		const buf = Buffer.from(await res.arrayBuffer());
		const text = buf.toString('utf8');
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text, buf, headers: res.headers };
	}

	async get(p, as) {
		const r = await this.req('GET', p, { as });
		assert.equal(r.status, 200, `GET ${p}: ${r.status} ${r.text.slice(0, 300)}`);
		return r.json;
	}

	/* Every item of a cursor-paged list. */
	async all(p, as) {
		const items = [];
		let after = 0;
		for (;;) {
			const page = await this.get(`${p}${p.includes('?') ? '&' : '?'}limit=200${after ? `&after=${after}` : ''}`, as);
			items.push(...page.items);
			if (page.next_after === null || page.next_after === undefined) return items;
			after = page.next_after;
		}
	}
}

/* Starts the binary (fresh demo database) and the browser for one test file. */
export async function startApp(opts) {
	const app = new App();
	try {
		await app.start(opts);
	} catch (e) {
		await app.stop().catch(() => undefined);
		throw e;
	}
	return app;
}

/* Wires failure collection into a page: console errors, uncaught errors, CSP violations.
 * Expected HTTP error statuses (the browser logs "Failed to load resource") are
 * declared with page.allowHttpError(status, urlPathRegex). */
function watch(page, problems) {
	if (page.allowHttpError) return;
	const allowed = [];
	page.allowHttpError = (status, re) => allowed.push({ status, re });
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		const text = m.text();
		const s = /the server responded with a status of (\d+)/.exec(text);
		if (s) {
			const url = new URL(m.location()?.url || 'http://x/');
			if (allowed.some((a) => a.status === Number(s[1]) && a.re.test(url.pathname + url.search))) return;
			problems.push(`console: ${text} (${url.pathname}${url.search})`);
			return;
		}
		problems.push(`console: ${text}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.stack || e.message}`));
}

/* Reported by the page itself: CSP violations (Chromium also logs them as console errors). */
const CSP_SCRIPT = `document.addEventListener('securitypolicyviolation', (e) => {
	console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`;

const failedName = (name) => `FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`;

/* A test with a fresh browser context and page: fn({page, context, app, t}). Fails on
 * console errors / page errors / CSP violations collected during the test. */
export function browserTest(name, getApp, fn, { viewport = { width: 1280, height: 800 }, locale = 'en-US', timeout = 60000, skip } = {}) {
	test(name, { timeout, skip }, async (t) => {
		const app = getApp();
		fs.rmSync(path.join(SCREENSHOTS, `${failedName(name)}.png`), { force: true });
		const context = await app.browser.newContext({ locale, viewport, acceptDownloads: true, baseURL: app.base });
		context.setDefaultTimeout(10000);
		context.setDefaultNavigationTimeout(15000);
		await context.addInitScript(CSP_SCRIPT);
		const problems = [];
		context.on('page', (p) => watch(p, problems));
		const page = await context.newPage();
		watch(page, problems);
		try {
			await fn({ page, context, app, t });
			assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
		} catch (e) {
			await screenshot(page, failedName(name)).catch(() => undefined);
			if (problems.length && !(e instanceof assert.AssertionError && /no console errors/.test(e.message)))
				e.message += `\nalso collected: ${problems.join('\n')}`;
			throw e;
		} finally {
			await context.close();
		}
	});
}

/* Logs in through the login form; waits until the signed-in shell is shown. */
export async function login(page, email, password = passwordOf(email), { locale = 'en' } = {}) {
	if (!/\/login/.test(page.url())) {
		page.allowHttpError?.(401, /^\/api\/v1\/me$/);
		await page.goto('/login');
	}
	await page.getByLabel(msg(locale, 'login.email'), { exact: true }).fill(email);
	await page.getByLabel(msg(locale, 'login.password'), { exact: true }).fill(password);
	await page.getByRole('button', { name: msg(locale, 'login.submit') }).click();
	await page.locator('header.topbar nav#main-nav').waitFor({ state: 'attached' });
}

/* Opens a path in the signed-out app (the boot /me answers 401: expected). */
export async function gotoSignedOut(page, p = '/login') {
	page.allowHttpError(401, /^\/api\/v1\/me$/);
	await page.goto(p);
}

/* Full-page PNG in tests/browser/screenshots/ (git-ignored). */
export async function screenshot(page, name) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/* <html dir="rtl" lang=…> and the body laid out right to left. */
export async function expectRtl(page, lang) {
	await page.waitForFunction((l) => document.documentElement.lang === l && document.documentElement.dir === 'rtl', lang);
	assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
	// mirrored: the signed-in shell's brand sits at the right-hand end of the top bar
	const brand = await page.evaluate(() => {
		const b = document.querySelector('header.topbar .brand')?.getBoundingClientRect();
		return b && b.width ? { left: b.left, right: b.right, width: document.documentElement.clientWidth } : null;
	});
	if (brand) assert.ok(brand.left > brand.width / 2, `in ${lang} the brand is on the right: ${JSON.stringify(brand)}`);
}

export async function expectLtr(page, lang = 'en') {
	await page.waitForFunction((l) => document.documentElement.lang === l && document.documentElement.dir === 'ltr', lang);
	assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
}

/* Digits of the Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) sets. */
export const PERSIAN_DIGIT = /[\u06F0-\u06F9]/;
export const ARABIC_DIGIT = /[\u0660-\u0669]/;

/* Waits until the screen is drawn: a main heading and no loading indicator left. */
export async function settled(page) {
	await page.waitForFunction(() => {
		const main = document.querySelector('main');
		return main && main.querySelector('h1') && !document.querySelector('.state-loading, [aria-busy="true"]');
	});
}

/* Chooses a language in the header's language menu and waits until the server stored it. */
export async function chooseLanguage(page, from, to) {
	const stored = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
	await page.getByRole('banner').getByLabel(msg(from, 'nav.language')).selectOption(to);
	const res = await stored;
	assert.equal(res.status(), 200, `PATCH /api/v1/me ${res.status()}`);
	assert.equal((await res.json()).locale, to);
}

/* No i18n key is shown raw (translate() falls back to the key when en.json lacks it). */
export async function assertNoRawKeys(page, where = 'body') {
	const ns = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(WEB, 'src/i18n/en.json'), 'utf8'))));
	// namespaces the code asks for, even if en.json lacks them
	const walk = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const f = path.join(d, e.name);
			if (e.isDirectory()) walk(f);
			else if (/\.tsx?$/.test(e.name)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt\(\s*['`"]([a-z][a-z0-9_]*)\./g)) ns.add(m[1]);
		}
	};
	walk(path.join(WEB, 'src'));
	const re = new RegExp(`(?<![\\w@./-])(?:${[...ns].join('|')})\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*(?![\\w@/-])`);
	const text = await page.locator(where).innerText();
	const m = re.exec(text);
	assert.equal(m, null, `raw i18n key on the page: ${m?.[0]} (…${text.slice(Math.max(0, (m?.index ?? 0) - 80), (m?.index ?? 0) + 80)}…)`);
}
