// list.test.mjs — the partners list's CSV export writes exactly the rows of the view on
// screen (its filters and sort), and the login form says when logins are rate-limited.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before } from 'node:test';
import { USERS, browserTest, en, gotoSignedOut, login, settled, startApp } from './harness.mjs';

let app;
before(async () => {
	app = await startApp();
});
after(async () => {
	await app?.stop();
});
const getApp = () => app;

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	const s = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (quoted) {
			if (c === '"' && s[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',' || c === ';') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && s[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

browserTest('export of the current view: the downloaded rows are the filtered list', getApp, async ({ page }) => {
	// a filter with several partners but not all of them
	const all = await app.all('/api/v1/partners');
	const counts = new Map();
	for (const p of all) if (p.country) counts.set(p.country, (counts.get(p.country) ?? 0) + 1);
	const [country] = [...counts].filter(([, n]) => n >= 2 && n < all.length).sort((a, b) => b[1] - a[1])[0];
	const view = `country=${country}&status=active&sort=-updated`;
	const expected = await app.all(`/api/v1/partners?${view}`);
	assert.ok(expected.length >= 1, `some active partners in ${country}`);

	await login(page, USERS.omar);
	await page.goto(`/partners?${view}`);
	await settled(page);
	const shown = await page.locator('table.partners-table tbody tr td.cell-name a').evaluateAll((as) => as.map((a) => Number(a.getAttribute('href').split('/').pop())));
	assert.deepEqual(shown, expected.slice(0, 50).map((p) => p.id), 'the list shows the view');

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: en('partners.export') }).click()]);
	const file = await download.path();
	const rows = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.some((c) => c !== ''));
	const header = rows[0];
	const idCol = header.indexOf('id');
	assert.ok(idCol >= 0, `an id column: ${header}`);
	const ids = rows.slice(1).map((r) => Number(r[idCol]));
	assert.deepEqual(ids, expected.map((p) => p.id), 'the CSV holds exactly the view, in its order');
	const countryCol = header.indexOf('country');
	if (countryCol >= 0) assert.ok(rows.slice(1).every((r) => r[countryCol] === country), 'every row is of the filtered country');
});

browserTest('login: too many attempts shows the rate-limit message with the wait', getApp, async ({ page }) => {
	// The server's limit counts per address too: tripping it for real would lock every
	// other test of this file out. The answer the server gives is replayed instead.
	page.allowHttpError(429, /^\/api\/v1\/session$/);
	await page.route('**/api/v1/session', (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		return route.fulfill({
			status: 429,
			headers: { 'content-type': 'application/problem+json', 'retry-after': '300' },
			body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'too many failed logins; try again later' }),
		});
	});
	await gotoSignedOut(page, '/login');
	await page.getByLabel(en('login.email'), { exact: true }).fill(USERS.omar);
	await page.getByLabel(en('login.password'), { exact: true }).fill('wrong-password-123');
	await page.getByRole('button', { name: en('login.submit') }).click();
	const alert = page.locator('.login-card').getByText(en('login.rate_limited', { count: 5 }));
	await alert.waitFor();
	assert.equal(await page.getByRole('button', { name: en('login.submit') }).isEnabled(), true, 'the form can be sent again later');
	assert.match(new URL(page.url()).pathname, /^\/login/);
});
