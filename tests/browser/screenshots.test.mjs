// screenshots.test.mjs — every main screen in English, Persian and Arabic, as PNGs in
// tests/browser/screenshots/ (NAME.LOCALE.png), each checked on the way: a heading, no
// loading indicator left (charts and the map drawn), no raw i18n key, no horizontal
// overflow; in Persian and Arabic the page is right to left.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
	USERS, assertNoRawKeys, browserTest, chooseLanguage, expectLtr, expectRtl, gotoSignedOut, login, msg, screenshot,
	settled, startApp,
} from './harness.mjs';

let app;
before(async () => {
	app = await startApp();
});
after(async () => {
	await app?.stop();
});
const getApp = () => app;

/* [file name, path]; partner 1 is the Persian-named demo partner. */
const CONSOLE = [
	['dashboard', '/'],
	['partners', '/partners'],
	['partner-identity', '/partners/1/identity'],
	['partner-performance', '/partners/1/performance'],
	['partner-relationship', '/partners/1/relationship'],
	['partner-contacts', '/partners/1/contacts'],
	['partner-territories', '/partners/1/territories'],
	['partner-documents', '/partners/1/documents'],
	['partner-status', '/partners/1/status'],
	['partner-history', '/partners/1/history'],
	['duplicates', '/duplicates'],
	['duplicates-compare', null], // the first planted group, side by side (its ids from the API)
	['import', '/import'],
	['admin-users', '/admin/users'],
	['admin-tokens', '/admin/tokens'],
	['admin-tiers', '/admin/tiers'],
	['settings', '/settings'],
];
const PORTAL = [
	['portal-company', '/company'],
	['portal-contacts', '/company/contacts'],
	['portal-documents', '/company/documents'],
	['portal-users', '/company/users'],
];
const LOCALES = ['en', 'fa', 'ar'];
const HEADER = 'name,legal_name,country,type,model,status\n';

async function shoot(page, name, locale) {
	await settled(page);
	// charts draw after the page; the map only once scrolled into view: bring it in, wait
	// until no chart is still loading, back to the top
	if (await page.locator('.echart-wrap').count()) {
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		await page.waitForFunction(() => !document.querySelector('.echart-overlay'), null, { timeout: 20000 });
		await page.evaluate(() => window.scrollTo(0, 0));
	}
	await assertNoRawKeys(page);
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= 1280 + 2, `${name}: no horizontal overflow (scrollWidth ${w})`);
	await screenshot(page, `${name}.${locale}`);
}

/* The import wizard after a dry run of a small good file: the counts of what it would do. */
async function importDryRun(page, locale) {
	await page.goto('/import');
	await settled(page);
	const stamp = Date.now().toString(36);
	await page.setInputFiles('#import-file', {
		name: 'check.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`${HEADER}Screenshot ${stamp} One,Screenshot ${stamp} One Ltd,SG,reseller,sell_to,active\nScreenshot ${stamp} Two,Screenshot ${stamp} Two Sdn Bhd,MY,distributor,sell_with,prospect\n`, 'utf8'),
	});
	await page.getByRole('status').filter({ hasText: 'check.csv' }).waitFor();
	await page.getByRole('button', { name: msg(locale, 'import.check') }).click();
	await page.getByText(msg(locale, 'import.check_ok')).waitFor();
}

for (const locale of LOCALES) {
	browserTest(`console screens in ${locale}`, getApp, async ({ page }) => {
		await gotoSignedOut(page, '/login');
		if (locale !== 'en') await page.getByLabel(msg('en', 'nav.language')).selectOption(locale);
		locale === 'en' ? await expectLtr(page, 'en') : await expectRtl(page, locale);
		await page.getByRole('button', { name: msg(locale, 'login.submit') }).waitFor();
		await screenshot(page, `login.${locale}`);
		await login(page, USERS.admin, undefined, { locale });
		// the stored locale of the user wins over the login form's; choose it again if needed
		if ((await page.evaluate(() => document.documentElement.lang)) !== locale) await chooseLanguage(page, 'en', locale);
		const group = (await app.get('/api/v1/partners/duplicates?limit=1')).items[0];
		for (const [name, p] of CONSOLE) {
			if (name === 'duplicates-compare' && !group) continue;
			await page.goto(p ?? `/duplicates?compare=${group.partners.map((x) => x.id).join(',')}`);
			locale === 'en' ? await expectLtr(page, 'en') : await expectRtl(page, locale);
			await shoot(page, name, locale);
		}
		await importDryRun(page, locale);
		await shoot(page, 'import-dry-run', locale);
		if (locale !== 'en') await chooseLanguage(page, locale, 'en');
	}, { timeout: 240000 });

	browserTest(`portal screens in ${locale}`, getApp, async ({ page }) => {
		await login(page, USERS.parsAdmin); // a partner admin: the users section too
		if (locale !== 'en') await chooseLanguage(page, 'en', locale);
		for (const [name, p] of PORTAL) {
			await page.goto(p);
			locale === 'en' ? await expectLtr(page, 'en') : await expectRtl(page, locale);
			await shoot(page, name, locale);
		}
		if (locale !== 'en') await chooseLanguage(page, locale, 'en');
	});
}

/* Every role: each item of its navigation (and, for vendor staff, each tab of a partner)
 * opens without console errors, with a heading and no raw i18n key. */
const ROLES = [
	['analyst', USERS.analyst, 'analyst'],
	['finance', USERS.finance, 'finance'],
	['channel manager', USERS.omar, 'channel_manager'],
	['partner rep', USERS.parsSales, 'partner_rep'],
	['partner admin', USERS.gulfAdmin, 'partner_admin'],
];
for (const [label, email, role] of ROLES) {
	browserTest(`${label}: every navigation item and partner tab opens cleanly`, getApp, async ({ page }) => {
		const me = await app.get('/api/v1/me', email);
		assert.equal(me.role, role);
		await login(page, email);
		const nav = page.locator('nav#main-nav a');
		const hrefs = await nav.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert.ok(hrefs.length >= 3, `navigation for ${role}: ${hrefs}`);
		for (const href of hrefs) {
			await page.locator(`nav#main-nav a[href="${href}"]`).click();
			await page.waitForURL((u) => u.pathname === href);
			assert.equal(await page.locator(`nav#main-nav a[href="${href}"]`).getAttribute('aria-current'), 'page');
			await settled(page);
			await assertNoRawKeys(page);
		}
		if (me.partner_id === null) {
			const tabs = page.getByRole('navigation', { name: msg('en', 'partner.tabs') }).getByRole('link');
			await page.goto('/partners/3');
			await settled(page);
			const tabHrefs = await tabs.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			assert.ok(tabHrefs.length >= 5, `partner tabs: ${tabHrefs}`);
			for (const href of tabHrefs) {
				await page.locator(`nav.tabs a[href="${href}"]`).click();
				await page.waitForURL((u) => u.pathname === href);
				await settled(page);
				await assertNoRawKeys(page);
			}
		} else {
			// deep links: each section loaded directly by its URL
			for (const href of hrefs) {
				await page.goto(href);
				await settled(page);
				await assertNoRawKeys(page);
			}
		}
	}, { timeout: 90000 });
}
