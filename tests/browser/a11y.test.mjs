// a11y.test.mjs — accessibility of the main screens, in English and in Persian (right
// to left), at desktop width and at 375 px:
//  - axe-core (web/node_modules/axe-core) with the WCAG 2.0/2.1 A and AA rules (and its
//    landmark and heading rules) finds no
//    violation on the login form, the console (dashboard, partners list, partner 360
//    tabs, duplicates and the compare view, import, admin users/tokens/tiers, settings),
//    the partner portal (company, contacts, documents, users), and in the states a
//    screen passes through (chart tables, form errors, dialogs, bad import rows, a new
//    token's secret, unsaved changes);
//  - on the same screens every control a Tab reaches shows its focus: an outline
//    (:focus-visible), not cut off by a scrolling container, 3:1 against what it is drawn
//    on (WCAG 1.4.11);
//  - the keyboard alone: skip link, search, sort and a partner of the list; a 360 tab with
//    Tab, Shift+Tab and Enter; the language menu; modals opened with Enter, the page
//    behind inert, closed with Escape or Cancel, and the focus back on the opener.
// A failure lists every violation: rule id, impact, target selectors and the help text.
//
// axe is injected with page.evaluate(source): DevTools evaluation is not subject to the
// page's strict CSP (no bypassCSP needed, the CSP stays as served).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import {
	BIN, DEMO_PASSWORD, USERS, WEB, browserTest, chooseLanguage, en, exact, expectLtr, expectRtl, gotoSignedOut, login, msg, settled,
	startApp,
} from './harness.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(path.join(WEB, 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/* …and, of axe's best practices, the page structure: one main landmark, all content in
 * landmarks with distinct names, a first-level heading, headings in order. */
const STRUCTURE_RULES = [
	'landmark-one-main', 'landmark-unique', 'region', 'page-has-heading-one', 'heading-order', 'empty-heading',
	'landmark-no-duplicate-banner', 'landmark-no-duplicate-main', 'landmark-no-duplicate-contentinfo',
	'landmark-banner-is-top-level', 'landmark-main-is-top-level', 'landmark-complementary-is-top-level', 'landmark-contentinfo-is-top-level',
];

let app;
/* The screens are checked concurrently, each test as a user of its own: the language a
 * test chooses is stored on the server, per user. Two more administrators for that. */
const ADMINS = { en: USERS.admin, fa: 'a11y.fa@example.com', states: 'a11y.states@example.com' };
const PORTAL_ADMINS = { en: USERS.parsAdmin, fa: USERS.gulfAdmin };

before(async () => {
	app = await startApp();
	const pw = `${app.dir}/a11y-password`;
	fs.writeFileSync(pw, `${DEMO_PASSWORD}\n`, { mode: 0o600 });
	for (const email of [ADMINS.fa, ADMINS.states]) {
		const r = spawnSync(BIN, ['user', 'add', '--db', app.db, '--email', email, '--role', 'admin', '--name', 'A11y Admin', '--password-file', pw], {
			env: { ...process.env, CHANNELBASE_DB: '', CHANNELBASE_LISTEN: '' },
			encoding: 'utf8',
		});
		assert.equal(r.status, 0, `user add ${email}: ${r.stdout}${r.stderr}`);
	}
});
after(async () => {
	await app?.stop();
});
const getApp = () => app;

/* Runs axe on the page as it is; returns the violations as readable lines. */
async function axe(page, screen) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(async ([tags, extra]) => {
		const rules = Object.fromEntries(extra.map((id) => [id, { enabled: true }]));
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			url: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
		}));
	}, [WCAG_TAGS, STRUCTURE_RULES]);
	return violations.map((v) => {
		const nodes = v.nodes.slice(0, 8).map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n\s*/g, ' ')}`);
		if (v.nodes.length > 8) nodes.push(`      … and ${v.nodes.length - 8} more`);
		return `${screen}: ${v.id} (${v.impact}) — ${v.help} [${v.url}]\n${nodes.join('\n')}`;
	});
}

function assertClean(found) {
	assert.equal(found.length, 0, `${found.length} accessibility violation(s) (WCAG 2.0/2.1 A and AA, page structure, focus):\n\n${found.join('\n\n')}`);
}

/* Signs in and makes sure the user's stored language is `locale` (it is put back to
 * English at the end of the test by the caller). */
async function signIn(page, email, locale) {
	await login(page, email);
	const now = await page.evaluate(() => document.documentElement.lang);
	if (now !== locale) await chooseLanguage(page, now, locale);
	if (locale === 'en') await expectLtr(page, 'en');
	// at 375 px the menu button, not the brand, takes the end of the top bar
	else if (page.viewportSize().width < 600) await page.waitForFunction((l) => document.documentElement.lang === l && document.documentElement.dir === 'rtl', locale);
	else await expectRtl(page, locale);
}

/* axe, then the focus of every control (visible, not cut off, 3:1) on the screen at p. */
async function visit(page, p, found, name) {
	await page.goto(p);
	await settled(page);
	found.push(...(await axe(page, name)));
	found.push(...(await focusAudit(page, name)));
}

/* partner 1 is the Persian-named demo partner */
const CONSOLE = [
	['dashboard', '/'],
	['partners list', '/partners'],
	['partner 360 identity', '/partners/1'],
	['partner 360 performance', '/partners/1/performance'],
	['partner 360 operations', '/partners/1/operations'],
	['partner 360 relationship', '/partners/1/relationship'],
	['partner 360 contacts', '/partners/1/contacts'],
	['partner 360 territories', '/partners/1/territories'],
	['partner 360 documents', '/partners/1/documents'],
	['partner 360 status', '/partners/1/status'],
	['partner 360 history', '/partners/1/history'],
	['duplicates', '/duplicates'],
	['import wizard', '/import'],
	['admin users', '/admin/users'],
	['admin tokens', '/admin/tokens'],
	['admin tiers', '/admin/tiers'],
	['settings', '/settings'],
];
const PORTAL = [
	['portal company', '/company'],
	['portal contacts', '/company/contacts'],
	['portal documents', '/company/documents'],
	['portal users', '/company/users'],
	['portal settings', '/settings'],
];

describe('axe: WCAG 2.0/2.1 A and AA', { concurrency: 3 }, () => {
	for (const locale of ['en', 'fa']) {
		browserTest(`login form in ${locale}`, getApp, async ({ page }) => {
			await gotoSignedOut(page, '/login');
			if (locale !== 'en') await page.getByLabel(en('nav.language')).selectOption(locale);
			locale === 'en' ? await expectLtr(page, 'en') : await expectRtl(page, locale);
			await page.getByRole('button', { name: msg(locale, 'login.submit') }).waitFor();
			const found = await axe(page, `login [${locale}]`);
			found.push(...(await focusAudit(page, `login [${locale}]`)));
			// with an error shown
			page.allowHttpError(401, /^\/api\/v1\/session$/);
			await page.getByLabel(msg(locale, 'login.email'), { exact: true }).fill(USERS.finance);
			await page.getByLabel(msg(locale, 'login.password'), { exact: true }).fill('not-the-password-2026');
			await page.getByRole('button', { name: msg(locale, 'login.submit') }).click();
			await page.getByRole('alert').filter({ hasText: msg(locale, 'login.bad_credentials') }).waitFor();
			found.push(...(await axe(page, `login with an error [${locale}]`)));
			assertClean(found);
		});

		browserTest(`console screens in ${locale}`, getApp, async ({ page }) => {
			await signIn(page, ADMINS[locale], locale);
			const found = [];
			try {
				for (const [name, p] of CONSOLE) await visit(page, p, found, `${name} [${locale}]`);
				// the compare view of the first duplicate group
				await page.goto('/duplicates');
				await settled(page);
				const href = await page.locator('main a[href^="/duplicates?compare="]').first().getAttribute('href');
				await visit(page, href, found, `duplicates compare [${locale}]`);
				// a modal: the New partner dialog on the partners list
				await page.goto('/partners');
				await settled(page);
				await page.getByRole('button', { name: msg(locale, 'partners.new') }).click();
				await page.getByRole('dialog').waitFor();
				found.push(...(await axe(page, `new partner dialog [${locale}]`)));
				found.push(...(await focusAudit(page, `new partner dialog [${locale}]`)));
			} finally {
				if (locale !== 'en') await chooseLanguage(page, locale, 'en').catch(() => undefined);
			}
			assertClean(found);
		}, { timeout: 120000 });

		browserTest(`portal screens in ${locale}`, getApp, async ({ page }) => {
			await signIn(page, PORTAL_ADMINS[locale], locale);
			const found = [];
			try {
				for (const [name, p] of PORTAL) await visit(page, p, found, `${name} [${locale}]`);
			} finally {
				if (locale !== 'en') await chooseLanguage(page, locale, 'en').catch(() => undefined);
			}
			assertClean(found);
		});
	}

	browserTest('states: chart tables, form errors, unsaved changes, a 412 conflict, dialogs, an import with bad rows, a new token', getApp, async ({ page }) => {
		await signIn(page, ADMINS.states, 'en');
		const found = [];
		const check = async (name) => {
			found.push(...(await axe(page, name)));
			found.push(...(await focusAudit(page, name)));
		};
		// the dashboard with every chart (and the map) shown as its table
		await page.goto('/');
		await settled(page);
		const toTable = page.locator('main').getByRole('button', { name: exact(en('chart.show_table')) });
		await toTable.first().waitFor();
		for (let n = await toTable.count(); n > 0; n--) await toTable.first().click();
		await page.locator('main .chart-table table').first().waitFor();
		await check('dashboard as tables');
		// New partner, sent empty: the errors on the fields
		page.allowHttpError(422, /^\/api\/v1\/partners$/);
		page.allowHttpError(400, /^\/api\/v1\/partners$/);
		await page.goto('/partners');
		await settled(page);
		await page.getByRole('button', { name: en('partners.new') }).click();
		const dialog = page.getByRole('dialog', { name: en('partners.new_title') });
		await dialog.getByRole('button', { name: en('partners.create') }).click();
		await dialog.locator('.field-error').first().waitFor();
		await check('new partner dialog with errors');
		await page.keyboard.press('Escape');
		// identity: an unsaved change
		await page.goto('/partners/2');
		await settled(page);
		await page.locator('main input[name="city"]').fill('Changed city');
		await page.getByRole('status').filter({ hasText: en('partner.unsaved', { count: 1 }) }).waitFor();
		await check('identity with unsaved changes');
		// someone else saved first (412): the conflict, side by side
		await page.goto('/partners/3');
		await settled(page);
		const theirs = await app.req('PATCH', '/api/v1/partners/3', { body: { region: `Region ${Date.now().toString(36)}` } });
		assert.equal(theirs.status, 200, theirs.text);
		page.allowHttpError(412, /^\/api\/v1\/partners\/3$/);
		await page.locator('main input[name="phone"]').fill('+98 21 7777 0001');
		await page.getByRole('button', { name: en('partner.save') }).click();
		await page.getByRole('heading', { name: en('partner.conflict.title') }).waitFor();
		await check('identity conflict (412)');
		// duplicates: the survivor chosen, the merge confirmation open
		await page.goto('/duplicates');
		await settled(page);
		await page.goto(await page.locator('main a[href^="/duplicates?compare="]').first().getAttribute('href'));
		await settled(page);
		await page.locator('main input[type=radio][name=survivor]').first().check();
		await page.getByRole('button', { name: en('duplicates.merge_button') }).click();
		await page.getByRole('dialog', { name: en('duplicates.merge_title') }).waitFor();
		await check('duplicates merge confirmation');
		await page.keyboard.press('Escape');
		// import: a file with bad rows, checked
		page.allowHttpError(422, /^\/api\/v1\/imports\/partners\?dry_run=1$/);
		await page.goto('/import');
		await settled(page);
		await page.setInputFiles('#import-file', {
			name: 'bad.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('name,legal_name,country,type,model,status\nA11y Bad,A11y Bad Ltd,XX,nonsense,sell_to,active\n'),
		});
		await page.getByRole('status').filter({ hasText: 'bad.csv' }).waitFor();
		await page.getByRole('button', { name: en('import.check') }).click();
		await page.locator('table').filter({ has: page.locator('caption', { hasText: en('import.problems_caption') }) }).waitFor();
		await check('import with bad rows');
		// admin: a new token, its secret shown once
		await page.goto('/admin/tokens');
		await settled(page);
		await page.getByRole('button', { name: en('admin.tokens.new') }).click();
		const tok = page.getByRole('dialog');
		await tok.waitFor();
		await check('new token dialog');
		await tok.locator('input').first().fill('a11y test token');
		await tok.getByRole('button', { name: en('admin.tokens.create') }).click();
		await page.getByRole('dialog', { name: en('admin.tokens.created_title') }).waitFor();
		await check('new token secret');
		assertClean(found);
	}, { timeout: 120000 }); // seven screens with an axe run each: 32-41 s in passing runs, over 60 s once on a busy CI box

	browserTest('375 px in fa: partners list, partner 360, import, dashboard and the open menu', getApp, async ({ page }) => {
		await signIn(page, USERS.sara, 'fa');
		const found = [];
		try {
			const screens = [['partners list', '/partners'], ['partner 360 identity', '/partners/1'], ['partner 360 territories', '/partners/1/territories'], ['import wizard', '/import'], ['dashboard', '/']];
			for (const [name, p] of screens)
				await visit(page, p, found, `${name} [fa, 375 px]`);
			await page.getByRole('button', { name: msg('fa', 'nav.menu') }).click();
			await page.locator('nav#main-nav').waitFor({ state: 'visible' });
			found.push(...(await axe(page, 'open menu [fa, 375 px]')));
			found.push(...(await focusAudit(page, 'open menu [fa, 375 px]')));
		} finally {
			await chooseLanguage(page, 'fa', 'en').catch(() => undefined);
		}
		assertClean(found);
	}, { viewport: { width: 375, height: 740 }, timeout: 120000 });
});

/* ---- the keyboard alone ------------------------------------------------------------- */

/* Runs in the page (passed as source): what el (default: the focused element) is, and
 * how its focus is drawn — the computed outline, whether a scrolling ancestor cuts it
 * off, and its contrast with what it is drawn on. */
function probe(el = document.activeElement) {
	const cs = getComputedStyle(el);
	const width = parseFloat(cs.outlineWidth) || 0;
	const offset = parseFloat(cs.outlineOffset) || 0;
	const drawn = cs.outlineStyle !== 'none' && width > 0;
	// the outline drawn outside the box must not be cut off by a scrolling ancestor
	let clippedBy = null;
	const grow = width + offset;
	if (drawn && grow > 0) {
		const r = el.getBoundingClientRect();
		for (let a = el.parentElement; a && a !== document.body && !clippedBy; a = a.parentElement) {
			const s = getComputedStyle(a);
			if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
			const c = a.getBoundingClientRect();
			const left = c.left + (parseFloat(s.borderLeftWidth) || 0), top = c.top + (parseFloat(s.borderTopWidth) || 0);
			const box = { left, top, right: left + a.clientWidth, bottom: top + a.clientHeight };
			// only where the element itself is in view (a part scrolled away is not a cut outline)
			const cut = (r.top >= box.top && r.top - grow < box.top - 0.5) || (r.bottom <= box.bottom && r.bottom + grow > box.bottom + 0.5) ||
				(r.left >= box.left && r.left - grow < box.left - 0.5) || (r.right <= box.right && r.right + grow > box.right + 0.5);
			if (cut) clippedBy = `${a.tagName.toLowerCase()}${[...a.classList].map((k) => `.${k}`).join('')}`;
		}
	}
	// WCAG 1.4.11: 3:1 between the outline and the background it is drawn on (around the
	// element; its own when the outline is inset)
	let contrast = null;
	if (drawn) {
		const rgba = (c) => {
			const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+))?/.exec(c);
			return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
		};
		const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
		const layers = [];
		for (let a = offset < 0 ? el : el.parentElement; a; a = a.parentElement) {
			const c = rgba(getComputedStyle(a).backgroundColor);
			if (c[3] > 0) layers.push(c);
			if (c[3] >= 1) break;
		}
		let bg = [255, 255, 255, 1];
		for (const l of layers.reverse()) bg = over(l, bg);
		const lum = (c) => c.slice(0, 3).map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
		const a = lum(over(rgba(cs.outlineColor), bg)), b = lum(bg);
		contrast = Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100;
	}
	return {
		tag: el.tagName,
		id: el.id,
		name: el.getAttribute('name'),
		href: el.getAttribute('href'),
		text: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim().replace(/\s+/g, ' ').slice(0, 50),
		path: [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean).reverse()
			.map((e) => `${e.tagName.toLowerCase()}${[...e.classList].map((k) => `.${k}`).join('')}`).join(' > '),
		focusVisible: el.matches(':focus-visible'),
		outline: cs.outlineStyle,
		width,
		clippedBy,
		contrast,
		inDialog: !!el.closest('dialog[open]'),
		inTopbar: !!el.closest('header.topbar'),
		inMain: !!el.closest('main'),
	};
}

/* What has the focus, and how the focus is drawn. */
const focused = (page) => page.evaluate(`(${probe})()`);

/* Runs in the page: focuses every control a Tab can reach (after one real Tab press, so
 * the browser treats the user as a keyboard user) and probes each. */
function probeAll(probeFn) {
	const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		if (el.disabled || el.tabIndex < 0 || el.closest('[inert]') || !el.checkVisibility({ visibilityProperty: true })) continue;
		if (document.querySelector('dialog[open]') && !el.closest('dialog[open]')) continue; // inert behind a modal
		el.focus();
		if (document.activeElement === el) out.push(probeFn(el));
	}
	return out;
}

/* The focus problems of every control of the screen, as readable lines. */
async function focusAudit(page, screen) {
	await page.keyboard.press('Tab');
	const all = await page.evaluate(`(${probeAll})(${probe})`);
	const bad = new Map();
	for (const f of all) {
		const why = [];
		if (!f.focusVisible) why.push('no :focus-visible');
		if (f.outline === 'none' || !f.width) why.push(`no outline (${f.outline} ${f.width}px)`);
		if (f.clippedBy) why.push(`outline cut off by ${f.clippedBy}`);
		if (f.contrast !== null && f.contrast < 3) why.push(`outline contrast ${f.contrast}:1 < 3:1`);
		if (!why.length) continue;
		const key = `${f.path}: ${why.join(', ')}`;
		bad.set(key, [...(bad.get(key) ?? []), f.text]);
	}
	return [...bad].map(([k, texts]) => `${screen}: focus — ${k} (${texts.length}×, e.g. "${texts[0]}")`);
}

const where = (f) => `${f.tag}${f.id ? `#${f.id}` : ''}${f.name ? `[name=${f.name}]` : ''}${f.href ? `[href=${f.href}]` : ''} "${f.text}"`;

function assertVisible(f) {
	assert.notEqual(f.tag, 'BODY', 'the focus never falls back to the body');
	if (f.tag === 'MAIN') return; // the skip link's target (tabindex=-1), not a control
	assert.ok(f.focusVisible && f.outline !== 'none' && f.width > 0, `focus is visible on ${where(f)}: outline ${f.outline} ${f.width}px`);
	assert.equal(f.clippedBy, null, `the focus outline of ${where(f)} is not cut off by its scrolling container`);
	assert.ok(f.contrast >= 3, `the focus outline of ${where(f)} has 3:1 contrast with its background (WCAG 1.4.11): ${f.contrast}:1`);
}

/* Presses key (Tab or Shift+Tab) until match(focused) holds; every stop has visible focus. */
async function tabTo(page, match, what, { key = 'Tab', max = 60 } = {}) {
	const seen = [];
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(key);
		const f = await focused(page);
		seen.push(where(f));
		try {
			assertVisible(f);
		} catch (e) {
			e.message += ` (looking for ${what}; ${key} stops: ${seen.join(' → ')})`;
			throw e;
		}
		if (match(f)) return f;
	}
	assert.fail(`${key} never reached ${what} in ${max} stops: ${seen.join(' → ')}`);
}

describe('keyboard only', () => {
	browserTest('partners list: skip link, search, sort, open a partner; a 360 tab switch with Tab, Shift+Tab and Enter', getApp, async ({ page }) => {
		const some = (await app.get('/api/v1/partners?limit=100')).items.find((p) => /^[A-Za-z]{4,}/.test(p.name));
		const word = some.name.split(/\s+/)[0];
		await login(page, USERS.sara);
		await page.goto('/partners');
		await settled(page);
		// the skip link comes first and moves the focus to the main content
		let f = await tabTo(page, (x) => x.text === en('nav.skip'), 'the skip link', { max: 1 });
		await page.keyboard.press('Enter');
		f = await focused(page);
		assert.equal(f.tag, 'MAIN', `the skip link focuses the main content: ${where(f)}`);
		// search: type and Enter
		f = await tabTo(page, (x) => x.tag === 'INPUT' && x.inMain, 'the search box', { max: 5 });
		await page.keyboard.type(word);
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.searchParams.get('q') === word);
		await page.locator('main table tbody tr').first().waitFor();
		await settled(page);
		// sort by the last update with Enter on the column's button
		f = await tabTo(page, (x) => x.tag === 'BUTTON' && x.text.startsWith(en('partners.col.updated')), 'the sort button of the Updated column');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => /updated/.test(u.searchParams.get('sort') ?? ''));
		await settled(page);
		f = await focused(page);
		assert.ok(f.tag === 'BUTTON' && f.text.startsWith(en('partners.col.updated')), `the focus stays on the sort button: ${where(f)}`);
		// the first partner of the list, opened with Enter
		f = await tabTo(page, (x) => x.tag === 'A' && /^\/partners\/\d+$/.test(x.href ?? ''), 'a partner link');
		const href = f.href;
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === href);
		await settled(page);
		// the link is gone with the list: the focus goes to the new page's main content
		await page.waitForFunction(() => document.activeElement?.closest('main'));
		// the 360 tabs: Tab to Relationship, Enter; Shift+Tab back to Operations … Identity
		const tabLink = (tab) => (x) => x.tag === 'A' && x.href === (tab === 'identity' ? href : `${href}/${tab}`);
		await tabTo(page, tabLink('relationship'), 'the Relationship tab');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === `${href}/relationship`);
		await settled(page);
		f = await focused(page);
		assert.ok(tabLink('relationship')(f), `the focus stays on the tab just chosen: ${where(f)}`);
		const tabs = page.getByRole('navigation', { name: en('partner.tabs') });
		assert.equal(await tabs.getByRole('link', { name: exact(en('partner.tab.relationship')) }).getAttribute('aria-current'), 'page');
		await tabTo(page, tabLink('identity'), 'the Identity tab (backwards)', { key: 'Shift+Tab', max: 4 });
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === href);
		await settled(page);
		assert.equal(await tabs.getByRole('link', { name: exact(en('partner.tab.identity')) }).getAttribute('aria-current'), 'page');
		// and on into the identity form
		f = await tabTo(page, (x) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(x.tag) && x.inMain, 'the first identity field', { max: 10 });
	});

	browserTest('language menu: reached by Tab, changed with the arrow keys; the focus stays on it', getApp, async ({ page }) => {
		await login(page, USERS.omar);
		await page.goto('/partners');
		await settled(page);
		const menu = (x) => x.tag === 'SELECT' && x.inTopbar;
		await tabTo(page, menu, 'the language menu', { max: 12 });
		// fa is the next language after en: ArrowDown chooses it
		const stored = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
		await page.keyboard.press('ArrowDown');
		assert.equal((await (await stored).json()).locale, 'fa');
		await expectRtl(page, 'fa');
		let f = await focused(page);
		assert.ok(menu(f), `the focus stays on the language menu after the switch: ${where(f)}`);
		assertVisible(f);
		// Shift+Tab from the menu stays in the (mirrored) top bar: the navigation
		f = await tabTo(page, (x) => x.tag === 'A' && x.inTopbar, 'the navigation (backwards)', { key: 'Shift+Tab', max: 2 });
		await tabTo(page, menu, 'the language menu again', { max: 2 });
		const back = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
		await page.keyboard.press('ArrowUp');
		assert.equal((await (await back).json()).locale, 'en');
		await expectLtr(page, 'en');
		assert.ok(menu(await focused(page)), 'still on the language menu');
	});

	browserTest('modals: New partner and Add contact open with Enter, keep the focus inside, close with Escape or Cancel; the focus returns to the opener', getApp, async ({ page }) => {
		await login(page, USERS.admin);
		await page.goto('/partners');
		await settled(page);
		const opener = (label) => (x) => x.tag === 'BUTTON' && x.text === label;
		await tabTo(page, opener(en('partners.new')), 'the New partner button', { max: 20 });
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: en('partners.new_title') });
		await dialog.waitFor();
		let f = await focused(page);
		assert.ok(f.inDialog, `the focus moves into the dialog: ${where(f)}`);
		assertVisible(f);
		// Tab and Shift+Tab stay inside the dialog; the legal name can be typed
		f = await tabTo(page, (x) => x.tag === 'INPUT' && x.name === 'legal_name', 'the legal name field', { max: 6 });
		await page.keyboard.type('Keyboard Only Ltd');
		// The page behind a modal <dialog> is inert: past the dialog's last control the
		// focus goes to the browser's own controls (the document here), then back in.
		let wrapped = 0;
		for (const key of [...Array(30).fill('Tab'), ...Array(8).fill('Shift+Tab')]) {
			await page.keyboard.press(key);
			f = await focused(page);
			if (f.tag === 'BODY') {
				wrapped++;
				continue;
			}
			assert.ok(f.inDialog, `${key} stays in the modal dialog: ${where(f)}`);
			assertVisible(f);
		}
		assert.ok(wrapped >= 1, 'Tab went round the dialog');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		f = await focused(page);
		assert.ok(opener(en('partners.new'))(f), `Escape closes the dialog and the focus returns to its opener: ${where(f)}`);
		assertVisible(f);
		// it opens again, fresh
		await page.keyboard.press('Enter');
		await dialog.waitFor();
		assert.equal(await dialog.locator('input[name="legal_name"]').inputValue(), '', 'a fresh form');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });

		// Add contact on a partner's Contacts tab: closed with its Cancel button (Enter)
		await page.goto('/partners/1/contacts');
		await settled(page);
		await tabTo(page, opener(en('partner.contacts.add')), 'the Add contact button');
		await page.keyboard.press('Enter');
		const add = page.getByRole('dialog');
		await add.waitFor();
		f = await focused(page);
		assert.ok(f.inDialog, `the focus moves into the dialog: ${where(f)}`);
		await tabTo(page, (x) => x.tag === 'BUTTON' && x.text === en('ui.cancel') && x.inDialog, 'the Cancel button', { max: 20 });
		await page.keyboard.press('Enter');
		await add.waitFor({ state: 'hidden' });
		f = await focused(page);
		assert.ok(opener(en('partner.contacts.add'))(f), `Cancel closes the dialog and the focus returns to its opener: ${where(f)}`);
		assertVisible(f);
	});
});
