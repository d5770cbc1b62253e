// shell.test.mjs — the frame every screen shares: logging in (errors, expired sessions,
// keyboard order and visible focus), the language menu (fa/ar right to left, translated
// navigation, locale digits, remembered on the server) and the phone layout.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import {
	ARABIC_DIGIT, PERSIAN_DIGIT, USERS, browserTest, chooseLanguage, en, exact, expectLtr, expectRtl, gotoSignedOut, login, msg,
	passwordOf, screenshot, settled, startApp,
} from './harness.mjs';

let app;
before(async () => {
	app = await startApp();
});
after(async () => {
	await app?.stop();
});
const getApp = () => app;

const NAV_KEYS = ['nav.home', 'nav.partners', 'nav.duplicates', 'nav.import'];

async function navTexts(page) {
	return (await page.locator('nav#main-nav a').allInnerTexts()).map((s) => s.trim());
}

describe('login', () => {
	browserTest('a wrong password shows the error and stays on the form; nothing is stored', getApp, async ({ page }) => {
		await gotoSignedOut(page, '/');
		await page.waitForURL((u) => u.pathname === '/login');
		page.allowHttpError(401, /^\/api\/v1\/session$/);
		await page.getByLabel(en('login.email'), { exact: true }).fill(USERS.finance);
		await page.getByLabel(en('login.password'), { exact: true }).fill('not-the-password-2026');
		await page.getByRole('button', { name: en('login.submit') }).click();
		await page.getByRole('alert').filter({ hasText: en('login.bad_credentials') }).waitFor();
		assert.equal(new URL(page.url()).pathname, '/login');
		assert.equal(await page.locator('nav#main-nav').count(), 0, 'no signed-in navigation');
		const cookies = await page.context().cookies();
		assert.ok(!cookies.some((c) => c.name === 'cb_session'), 'no session cookie after a failed login');
		const audit = await app.get('/api/v1/audit?limit=50');
		assert.ok(audit.items.some((r) => r.action === 'session.login_failed'), 'the failed login is audited');
		// the right password then works from the same form
		await page.getByLabel(en('login.password'), { exact: true }).fill(passwordOf(USERS.finance));
		await page.getByRole('button', { name: en('login.submit') }).click();
		await page.locator('nav#main-nav').waitFor({ state: 'attached' });
		assert.equal(new URL(page.url()).pathname, '/');
		await screenshot(page, 'login-error.en').catch(() => undefined);
	});

	browserTest('an expired session returns to the login form, which goes back to the page', getApp, async ({ page, context }) => {
		await login(page, USERS.analyst);
		await page.goto('/settings?from=test');
		const name = page.getByLabel(msg('en', 'settings.name'), { exact: true });
		await name.waitFor();
		assert.equal(new URL(page.url()).search, '?from=test');
		// the page's own loads (the token list) must be done: one answered 401 after the
		// cookies went sends the UI to the login form before the save is even tried
		await settled(page);
		await context.clearCookies();
		// act: save the display name; the server answers 401, the UI shows the login form
		page.allowHttpError(401, /^\/api\/v1\/me$/);
		await name.fill('Layla N.');
		await page.getByRole('button', { name: en('ui.save') }).click();
		await page.getByLabel(en('login.email'), { exact: true }).waitFor();
		await page.waitForURL((u) => u.pathname === '/login');
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('next'), '/settings?from=test', `next= remembers the page: ${page.url()}`);
		await page.getByRole('status').filter({ hasText: en('login.expired') }).waitFor();
		const me = await app.get('/api/v1/me', USERS.analyst);
		assert.equal(me.name, 'Layla Nasser', 'the refused change was not stored');
		await page.getByLabel(en('login.email'), { exact: true }).fill(USERS.analyst);
		await page.getByLabel(en('login.password'), { exact: true }).fill(passwordOf(USERS.analyst));
		await page.getByRole('button', { name: en('login.submit') }).click();
		await page.waitForURL((u) => u.pathname === '/settings' && u.search === '?from=test');
		await page.getByRole('heading', { level: 1, name: en('settings.title') }).waitFor();
	});

	browserTest('keyboard: Tab reaches e-mail, password and submit in order, with visible focus', getApp, async ({ page }) => {
		await gotoSignedOut(page, '/login');
		await page.getByLabel(en('login.email'), { exact: true }).waitFor();
		const focused = () =>
			page.evaluate(() => {
				const el = document.activeElement;
				const cs = getComputedStyle(el);
				return { tag: el.tagName, name: el.getAttribute('name'), type: el.getAttribute('type'), outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), text: el.textContent };
			});
		// Tab until the e-mail field (the language menu comes first); at most a few stops
		let f;
		for (let i = 0; i < 5; i++) {
			await page.keyboard.press('Tab');
			f = await focused();
			if (f.name === 'email') break;
			assert.notEqual(f.tag, 'BODY', 'focus never falls back to the body');
		}
		assert.equal(f.name, 'email', 'Tab reaches the e-mail field');
		assert.notEqual(f.outline, 'none', 'focus on the e-mail field is visible');
		assert.ok(f.width > 0, 'outline has a width');
		await page.keyboard.type(USERS.finance);
		await page.keyboard.press('Tab');
		f = await focused();
		assert.equal(f.name, 'password', 'next stop: password');
		assert.notEqual(f.outline, 'none', 'focus on the password field is visible');
		await page.keyboard.type(passwordOf(USERS.finance));
		await page.keyboard.press('Tab');
		f = await focused();
		assert.equal(f.tag, 'BUTTON');
		assert.equal(f.type, 'submit');
		assert.equal(f.text.trim(), en('login.submit'));
		assert.notEqual(f.outline, 'none', 'focus on the submit button is visible');
		assert.ok(f.width > 0);
		await page.keyboard.press('Enter');
		await page.locator('nav#main-nav').waitFor({ state: 'attached' });
		// the skip link is the first stop of the signed-in shell
		await page.keyboard.press('Tab');
		f = await focused();
		assert.equal(f.text.trim(), en('nav.skip'));
	});
});

describe('language', () => {
	browserTest('fa and ar from the language menu: rtl, translated navigation, locale digits; back to en; remembered', getApp, async ({ page, app, context }) => {
		const who = USERS.omar;
		await login(page, who);
		await expectLtr(page, 'en');
		assert.deepEqual((await navTexts(page)).slice(0, 4), NAV_KEYS.map((k) => en(k)));

		await chooseLanguage(page, 'en', 'fa');
		await expectRtl(page, 'fa');
		await page.locator('nav#main-nav a', { hasText: exact(msg('fa', 'nav.partners')) }).waitFor();
		assert.deepEqual((await navTexts(page)).slice(0, 4), NAV_KEYS.map((k) => msg('fa', k)));
		assert.equal(await page.getByRole('button', { name: msg('fa', 'nav.logout') }).count(), 1);
		// numbers in Persian digits: the partners list shows counts / figures
		await page.locator('nav#main-nav a', { hasText: exact(msg('fa', 'nav.partners')) }).click();
		await page.waitForURL((u) => u.pathname === '/partners');
		await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('main').innerText), PERSIAN_DIGIT.source);
		const count = page.locator('main').getByRole('status').filter({ hasText: msg('fa', 'partners.count', { count: 50, page: 1 }) });
		await count.waitFor();
		assert.match(await count.innerText(), /۵۰/, 'the row count in Persian digits');
		assert.doesNotMatch(await page.locator('main h1').innerText(), /[A-Za-z]{4,}/, 'the heading is translated');
		assert.equal((await app.get('/api/v1/me', who)).locale, 'fa', 'stored on the server');

		await chooseLanguage(page, 'fa', 'ar');
		await expectRtl(page, 'ar');
		assert.deepEqual((await navTexts(page)).slice(0, 4), NAV_KEYS.map((k) => msg('ar', k)));
		assert.doesNotMatch(await page.locator('main h1').innerText(), /[A-Za-z]{4,}/, 'the heading is translated');
		assert.doesNotMatch(await page.locator('main').innerText(), PERSIAN_DIGIT, 'no Persian digits left in Arabic');
		// and the Arabic-Indic ones are there: the row count ٥٠
		const countAr = page.locator('main p.list-count');
		await page.waitForFunction(() => /٥٠/.test(document.querySelector('main p.list-count')?.innerText ?? ''));
		assert.match(await countAr.innerText(), /٥٠/, 'the row count in Arabic-Indic digits');
		assert.match(await page.locator('main').innerText(), ARABIC_DIGIT);

		await chooseLanguage(page, 'ar', 'en');
		await expectLtr(page, 'en');
		assert.deepEqual((await navTexts(page)).slice(0, 4), NAV_KEYS.map((k) => en(k)));
		assert.doesNotMatch(await page.locator('main').innerText(), PERSIAN_DIGIT);

		// remembered: fa again, then a reload, then a fresh browser (no local storage) logging in
		await chooseLanguage(page, 'en', 'fa');
		await page.reload();
		await expectRtl(page, 'fa');
		assert.deepEqual((await navTexts(page)).slice(0, 4), NAV_KEYS.map((k) => msg('fa', k)));
		const other = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, baseURL: app.base });
		try {
			const p2 = await other.newPage();
			const errors = [];
			p2.on('pageerror', (e) => errors.push(e.message));
			p2.on('console', (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && errors.push(m.text()));
			await p2.goto('/login');
			await expectLtr(p2, 'en'); // signed out: the browser's language
			await login(p2, who);
			await expectRtl(p2, 'fa');
			assert.deepEqual((await navTexts(p2)).slice(0, 4), NAV_KEYS.map((k) => msg('fa', k)));
			assert.deepEqual(errors, []);
		} finally {
			await other.close();
		}
		// leave the user as found
		await chooseLanguage(page, 'fa', 'en');
		await expectLtr(page, 'en');
		assert.equal((await app.get('/api/v1/me', who)).locale, 'en');
		void context;
	});

	browserTest('the login form offers the languages too (before anyone is signed in)', getApp, async ({ page }) => {
		await gotoSignedOut(page, '/login');
		await page.getByLabel(en('nav.language')).selectOption('fa');
		await expectRtl(page, 'fa');
		await page.getByLabel(msg('fa', 'login.email'), { exact: true }).waitFor();
		await page.getByRole('button', { name: msg('fa', 'login.submit') }).waitFor();
		await page.reload();
		await expectRtl(page, 'fa'); // remembered in this browser
		await page.getByLabel(msg('fa', 'nav.language')).selectOption('en');
		await expectLtr(page, 'en');
	});
});

describe('phone', () => {
	browserTest('375 px: the menu toggle opens the navigation; the partners list fits the width', getApp, async ({ page }) => {
		await login(page, USERS.sara);
		const nav = page.locator('nav#main-nav');
		const toggle = page.getByRole('button', { name: en('nav.menu') });
		await toggle.waitFor();
		assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
		assert.equal(await nav.isVisible(), false, 'navigation collapsed at 375 px');
		await toggle.click();
		assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
		await nav.getByRole('link', { name: exact(en('nav.partners')) }).click();
		await page.waitForURL((u) => u.pathname === '/partners');
		assert.equal(await nav.isVisible(), false, 'choosing an item closes the menu');
		await page.locator('main table tbody tr').first().waitFor();
		const rows = await page.locator('main table tbody tr').count();
		assert.ok(rows >= 10, `the list shows partners (${rows} rows)`);
		const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
		assert.ok(widths.doc <= 375 + 2, `no horizontal overflow of the page: scrollWidth ${widths.doc}`);
		assert.ok(widths.body <= 375 + 2, `body scrollWidth ${widths.body}`);
		// a partner can be opened from the list
		await page.locator('main table tbody tr a').first().click();
		await page.waitForURL((u) => /^\/partners\/\d+/.test(u.pathname));
		await page.locator('main h1').waitFor();
		const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(w2 <= 375 + 2, `partner page fits too: scrollWidth ${w2}`);
		await screenshot(page, 'partner.phone.en');
	}, { viewport: { width: 375, height: 740 } });
});
