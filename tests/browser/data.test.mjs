// data.test.mjs — keeping the partner data clean: merging a planted duplicate on the
// Duplicates screen, and the Import wizard (dry run with a bad row, then a good file).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { USERS, browserTest, en, exact, login, reEsc, screenshot, settled, startApp } from './harness.mjs';

let app;
before(async () => {
	app = await startApp();
});
after(async () => {
	await app?.stop();
});
const getApp = () => app;

describe('duplicates', () => {
	browserTest('merge a planted duplicate: compare, choose the survivor, confirm; the group and the twin are gone', getApp, async ({ page }) => {
		const groups = (await app.get('/api/v1/partners/duplicates?limit=50')).items;
		assert.ok(groups.length >= 1, 'the demo plants duplicates');
		// the Persian pair: "X" and "شرکت X" (same tax id, domains, phone)
		const group = groups.find((g) => g.partners.length === 2 && g.partners.some((p) => /^شرکت /.test(p.name))) ?? groups[0];
		const [keep, drop] = [...group.partners].sort((a, b) => a.name.length - b.name.length);
		const keepRec = await app.get(`/api/v1/partners/${keep.id}`);
		const dropRec = await app.get(`/api/v1/partners/${drop.id}`);
		const dropNotes = (await app.all(`/api/v1/partners/${drop.id}/notes`)).length;
		const keepNotes = (await app.all(`/api/v1/partners/${keep.id}/notes`)).length;
		// a channel manager may merge into a partner they manage: log in as its manager
		const manager = await app.get(`/api/v1/users/${keepRec.manager_id}`);
		assert.equal(manager.role, 'channel_manager');
		await login(page, manager.email);

		await page.getByRole('navigation', { name: en('nav.main') }).getByRole('link', { name: exact(en('nav.duplicates')) }).click();
		await page.waitForURL((u) => u.pathname === '/duplicates');
		await page.getByRole('heading', { level: 1, name: en('duplicates.title') }).waitFor();
		const card = page.locator('li.dup-group').filter({ has: page.locator(`a[href="/partners/${drop.id}"]`) });
		await card.waitFor();
		assert.equal(await card.locator(`a[href="/partners/${keep.id}"]`).count(), 1, 'the group shows both partners');
		await card.getByRole('link', { name: en('duplicates.compare_merge') }).click();
		await page.waitForURL((u) => u.searchParams.get('compare')?.split(',').map(Number).sort().join() === [keep.id, drop.id].sort().join());
		await page.getByRole('heading', { level: 1, name: en('duplicates.compare_title') }).waitFor();

		// side by side: one column per partner, the names as column headers
		const table = page.locator('table').filter({ has: page.locator('caption', { hasText: en('duplicates.compare_caption') }) });
		await table.locator(`thead a[href="/partners/${keep.id}"]`).waitFor();
		await table.locator(`thead a[href="/partners/${drop.id}"]`).waitFor();
		assert.equal(await table.locator('thead th').count(), 3, 'field column + two partners');
		await screenshot(page, 'duplicates-compare.en');

		await table.locator(`input[type=radio][name=survivor][value="${keep.id}"]`).check();
		await page.getByRole('status').filter({ hasText: keep.name }).waitFor();
		await page.getByRole('button', { name: en('duplicates.merge_button') }).click();
		const dialog = page.getByRole('dialog', { name: en('duplicates.merge_title') });
		await dialog.waitFor();
		assert.match(await dialog.innerText(), new RegExp(reEsc(drop.name)));
		const merged = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/partners/${keep.id}/merge`);
		await dialog.getByRole('button', { name: en('duplicates.confirm_merge') }).click();
		assert.equal((await merged).status(), 200);

		// back on the list: success, and the group is gone
		await page.waitForURL((u) => u.pathname === '/duplicates' && !u.searchParams.get('compare'));
		await page.getByRole('status').filter({ hasText: en('duplicates.merged_ok', { count: 1 }) }).waitFor();
		await settled(page);
		assert.equal(await page.locator(`li.dup-group a[href="/partners/${drop.id}"]`).count(), 0, 'the merged group disappeared');

		// stored: the twin points at the survivor; notes moved; no group holds it any more
		const after = await app.get(`/api/v1/partners/${drop.id}`);
		assert.equal(after.merged_into, keep.id);
		assert.equal((await app.all(`/api/v1/partners/${keep.id}/notes`)).length, keepNotes + dropNotes, 'notes moved to the survivor');
		const left = (await app.get('/api/v1/partners/duplicates?limit=50')).items;
		assert.ok(!left.some((g) => g.partners.some((p) => p.id === drop.id)), 'no duplicate group holds the merged partner');
		assert.equal(left.length, groups.length - 1);
		const audit = (await app.get(`/api/v1/audit?entity=partner&id=${keep.id}&limit=50`)).items;
		assert.ok(audit.some((r) => /merge/.test(r.action)), `merge audited: ${audit.map((r) => r.action)}`);

		// the merged partner is gone from the list (search by its own name finds the survivor)
		await page.goto(`/partners?q=${encodeURIComponent(dropRec.name)}`);
		await settled(page);
		await page.locator(`main table tbody a[href^="/partners/${keep.id}"]`).first().waitFor();
		assert.equal(await page.locator(`main table tbody a[href^="/partners/${drop.id}"]`).count(), 0, 'merged partner not listed');
		// and its old address says it was merged and leads to the survivor
		await page.goto(`/partners/${drop.id}`);
		const toSurvivor = page.locator(`main a[href="/partners/${keep.id}"]`).first();
		await toSurvivor.waitFor();
		assert.match(await page.locator('main').innerText(), new RegExp(reEsc(en('partner.header.merged'))));
		await toSurvivor.click();
		await page.waitForURL((u) => u.pathname === `/partners/${keep.id}`);
		await page.getByRole('heading', { level: 1, name: keep.name }).waitFor();
	});
});

const HEADER = 'name,legal_name,country,type,model,status\n';
const csv = (rows) => Buffer.from(HEADER + rows.map((r) => r.join(',')).join('\n') + '\n', 'utf8');

/* The figure next to a label in the report (<dl class="import-figures">). */
async function figure(page, label) {
	const fig = page.locator('.import-figures .import-figure').filter({ has: page.locator('dt', { hasText: exact(label) }) });
	return (await fig.locator('dd').innerText()).trim();
}

describe('import', () => {
	browserTest('a bad row: line numbers shown, nothing written; a good file: dry-run counts, then imported', getApp, async ({ page }) => {
		const stamp = Date.now().toString(36);
		const good1 = `Browser Import ${stamp} One`;
		const good2 = `Browser Import ${stamp} Two`;
		const bad = `Browser Import ${stamp} Bad`;
		const before = (await app.get(`/api/v1/partners?q=${encodeURIComponent(`Browser Import ${stamp}`)}`)).items;
		assert.equal(before.length, 0);
		const total0 = (await app.all('/api/v1/partners')).length;

		await login(page, USERS.sara);
		await page.getByRole('navigation', { name: en('nav.main') }).getByRole('link', { name: exact(en('nav.import')) }).click();
		await page.waitForURL((u) => u.pathname === '/import');
		await page.getByRole('heading', { level: 1, name: en('import.title') }).waitFor();

		// 1. one good and one bad row (line 3: unknown country and type)
		page.allowHttpError(422, /^\/api\/v1\/imports\/partners\?dry_run=1$/);
		await page.setInputFiles('#import-file', {
			name: 'mixed.csv',
			mimeType: 'text/csv',
			buffer: csv([[good1, `${good1} Ltd`, 'SG', 'reseller', 'sell_to', 'active'], [bad, `${bad} Ltd`, 'XX', 'nonsense', 'sell_to', 'active']]),
		});
		await page.getByRole('status').filter({ hasText: 'mixed.csv' }).waitFor();
		const dry1 = page.waitForResponse((r) => /\/api\/v1\/imports\/partners\?dry_run=1$/.test(r.url()));
		await page.getByRole('button', { name: en('import.check') }).click();
		assert.equal((await dry1).status(), 422);
		const problems = page.locator('table').filter({ has: page.locator('caption', { hasText: en('import.problems_caption') }) });
		await problems.waitFor();
		const rows = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
		assert.ok(rows.length >= 2, `both problems of line 3 listed: ${JSON.stringify(rows)}`);
		assert.ok(rows.every((r) => r[0] === '3'), `every problem is on line 3: ${JSON.stringify(rows)}`);
		assert.deepEqual(rows.map((r) => r[1]).sort(), ['country', 'type']);
		await page.getByRole('alert').filter({ hasText: en('import.problem_count', { count: rows.length }) }).waitFor();
		assert.ok(await page.getByRole('button', { name: en('import.import') }).isDisabled(), 'import refused while a row is bad');
		await screenshot(page, 'import-errors.en');
		// nothing written
		assert.equal((await app.get(`/api/v1/partners?q=${encodeURIComponent(good1)}`)).items.length, 0, 'dry run wrote nothing');
		assert.equal((await app.all('/api/v1/partners')).length, total0);

		// 2. a good file: counts of the dry run, then the import
		await page.getByRole('button', { name: en('import.choose_other') }).click();
		await page.setInputFiles('#import-file', {
			name: 'good.csv',
			mimeType: 'text/csv',
			buffer: csv([[good1, `${good1} Ltd`, 'SG', 'reseller', 'sell_to', 'active'], [good2, `${good2} Sdn Bhd`, 'MY', 'distributor', 'sell_with', 'prospect']]),
		});
		await page.getByRole('status').filter({ hasText: 'good.csv' }).waitFor();
		await page.getByRole('button', { name: en('import.check') }).click();
		await page.getByText(en('import.check_ok')).waitFor();
		assert.equal(await figure(page, en('import.rows')), '2');
		assert.equal(await figure(page, en('import.will_create')), '2');
		assert.equal(await figure(page, en('import.will_update')), '0');
		assert.equal((await app.all('/api/v1/partners')).length, total0, 'the dry run wrote nothing');
		await page.getByRole('button', { name: en('import.import_rows', { count: 2 }) }).click();
		await page.getByRole('heading', { level: 2, name: en('import.done_title') }).waitFor();
		await page.getByRole('status').filter({ hasText: en('import.done.partners', { count: 2 }) }).waitFor();
		assert.equal(await figure(page, en('import.created')), '2');
		// stored
		const made = (await app.get(`/api/v1/partners?q=${encodeURIComponent(`Browser Import ${stamp}`)}`)).items;
		assert.deepEqual(made.map((p) => p.name).sort(), [good1, good2].sort());
		assert.equal(made.find((p) => p.name === good2).country, 'MY');
		assert.equal((await app.all('/api/v1/partners')).length, total0 + 2);
		assert.ok(!made.some((p) => p.name === bad));
	});
});
