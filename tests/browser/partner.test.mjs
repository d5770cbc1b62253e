// partner.test.mjs — the partner record: a channel manager finds a Persian-named partner
// by a variant spelling, adds a note, edits the identity and sees the change in the
// history; documents are uploaded and downloaded byte for byte; a partner user sees only
// its own company through the portal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
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

const PERSIAN_ONLY = /[پچژگکی]/; // letters Persian writes and Arabic does not
/* The variant spelling a user may type: Arabic ي/ك, no legal word, no zero-width joiner. */
const arabicVariant = (s) => s.replace(/^شرکت\s+/, '').replace(/ی/g, 'ي').replace(/ک/g, 'ك').replace(/\u200c/g, ' ');

/* A Persian-named partner that this channel manager manages. */
async function persianPartnerOf(email) {
	const me = await app.get('/api/v1/me', email);
	const mine = await app.all(`/api/v1/partners?manager=${me.id}`);
	const p = mine.find((x) => /[کی]/.test(x.name) && PERSIAN_ONLY.test(x.name) && x.merged_into === null);
	assert.ok(p, `${email} manages a Persian-named partner`);
	return { me, partner: p };
}

/* Opens a tab of the Partner 360° page (tabs are links: /partners/ID/TAB). */
async function openTab(page, id, tab) {
	const href = tab === 'identity' ? `/partners/${id}` : `/partners/${id}/${tab}`;
	const link = page.getByRole('navigation', { name: en('partner.tabs') }).getByRole('link', { name: exact(en(`partner.tab.${tab}`)) });
	assert.equal(await link.getAttribute('href'), href);
	await link.click();
	await page.waitForURL((u) => u.pathname === href);
	assert.equal(await link.getAttribute('aria-current'), 'page');
	await settled(page);
}

describe('partner 360', () => {
	browserTest('channel manager: variant-spelling search → open → note → identity edit → audit entry in history', getApp, async ({ page }) => {
		const { me, partner } = await persianPartnerOf(USERS.sara);
		const query = arabicVariant(partner.name);
		assert.notEqual(query, partner.name, 'the query really is a variant spelling');
		await login(page, USERS.sara);
		await page.getByRole('navigation', { name: en('nav.main') }).getByRole('link', { name: exact(en('nav.partners')) }).click();
		await page.waitForURL((u) => u.pathname === '/partners');
		await settled(page);

		// search by the variant: the partner is found, and the query is in the URL
		const search = page.getByRole('searchbox', { name: en('partners.search') });
		await search.fill(query);
		await search.press('Enter');
		await page.waitForURL((u) => u.searchParams.get('q') === query);
		const row = page.locator('main table tbody tr').filter({ has: page.locator(`a[href^="/partners/${partner.id}"]`) });
		await row.waitFor();
		assert.match(await row.innerText(), new RegExp(reEsc(partner.name)));
		await row.locator(`a[href^="/partners/${partner.id}"]`).first().click();
		await page.waitForURL((u) => u.pathname.startsWith(`/partners/${partner.id}`));
		await page.getByRole('heading', { level: 1, name: partner.name }).waitFor();

		// a note on the Relationship tab
		await openTab(page, partner.id, 'relationship');
		const noteText = `Browser test note ${Date.now().toString(36)}: دیدار با مدیر فروش`;
		const form = page.getByRole('form', { name: en('partner.notes.add') });
		await form.getByLabel(en('partner.notes.kind'), { exact: true }).selectOption('visit');
		await form.getByLabel(en('partner.notes.text'), { exact: true }).fill(noteText);
		const posted = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/partners/${partner.id}/notes` && r.request().method() === 'POST');
		await form.getByRole('button', { name: en('partner.notes.save') }).click();
		assert.equal((await posted).status(), 201);
		await form.getByRole('status').filter({ hasText: en('partner.notes.added') }).waitFor();
		const item = page.locator('ol.timeline > li').filter({ hasText: noteText });
		await item.waitFor();
		assert.match(await item.innerText(), new RegExp(en('partner.note_kind.visit')));
		assert.equal(await page.locator('ol.timeline > li').first().innerText().then((x) => x.includes(noteText)), true, 'newest first');
		const notes = await app.all(`/api/v1/partners/${partner.id}/notes`);
		const stored = notes.find((n) => n.text === noteText);
		assert.ok(stored, 'the note is stored');
		assert.equal(stored.author_id, me.id, 'authored by the channel manager');
		await screenshot(page, 'partner-relationship-note.en');

		// edit the city on the Identity tab
		await openTab(page, partner.id, 'identity');
		const city = page.locator('main input[name="city"]');
		const oldCity = await city.inputValue();
		assert.equal(oldCity, partner.city);
		const newCity = `Qom ${Date.now().toString(36)}`;
		await city.fill(newCity);
		await page.getByRole('status').filter({ hasText: en('partner.unsaved', { count: 1 }) }).waitFor();
		await page.getByRole('button', { name: en('partner.save') }).click();
		await page.getByRole('status').filter({ hasText: en('partner.saved') }).waitFor();
		const rec = await app.get(`/api/v1/partners/${partner.id}`);
		assert.equal(rec.city, newCity, 'the city is stored');
		assert.equal(rec.version, partner.version + 1);

		// the History tab shows the audit entry of that change: field, old and new value, who
		await openTab(page, partner.id, 'history');
		const entry = page.locator('main li').filter({ hasText: newCity }).filter({ hasText: en('partner.history.action.partner_update') }).last();
		await entry.waitFor();
		const text = await entry.innerText();
		assert.match(text, new RegExp(reEsc(en('partner.history.action.partner_update'))), `the action in the entry: ${text}`);
		assert.match(text, new RegExp(reEsc(en('partner.field.city'))), `the field in the entry: ${text}`);
		assert.match(text, new RegExp(reEsc(oldCity)), `old value in the entry: ${text}`);
		assert.match(text, /Sara Karimi|sara\.karimi@/, `the actor in the entry: ${text}`);
		const audit = (await app.get(`/api/v1/audit?entity=partner&id=${partner.id}&limit=20`)).items;
		assert.ok(audit.some((r) => r.action === 'partner.update' && JSON.stringify(r).includes(newCity)), 'the audit row exists');
		await screenshot(page, 'partner-history-entry.en');
	});

	browserTest('documents: upload a PDF, see it listed, download the same bytes', getApp, async ({ page }) => {
		const { partner } = await persianPartnerOf(USERS.sara);
		const pdf = Buffer.from(
			'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
				`% channelbase browser test ${Date.now()}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
			'latin1'
		);
		const fileName = `agreement-${Date.now().toString(36)}.pdf`;
		await login(page, USERS.sara);
		await page.goto(`/partners/${partner.id}/documents`);
		await settled(page);
		await page.getByRole('heading', { level: 2, name: en('partner.documents.title') }).waitFor();
		await page.getByLabel(en('partner.documents.file'), { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf });
		await page.getByLabel(en('partner.documents.kind'), { exact: true }).selectOption('contract');
		await page.getByRole('button', { name: en('partner.documents.upload') }).click();
		await page.getByRole('status').filter({ hasText: en('partner.documents.uploaded', { name: fileName }) }).waitFor();
		const link = page.getByRole('link', { name: fileName });
		await link.waitFor();
		const row = page.locator('main table tbody tr').filter({ has: link });
		assert.match(await row.innerText(), new RegExp(reEsc(en('partner.document_kind.contract'))));
		// stored
		const docs = (await app.get(`/api/v1/partners/${partner.id}/documents`)).items;
		const doc = docs.find((d) => d.name === fileName);
		assert.ok(doc, 'the document is stored');
		assert.equal(doc.size, pdf.length);
		assert.equal(doc.kind, 'contract');
		// content is judged by its bytes: a program named .pdf is refused and not stored
		page.allowHttpError(415, new RegExp(`^/api/v1/partners/${partner.id}/documents$`));
		page.allowHttpError(422, new RegExp(`^/api/v1/partners/${partner.id}/documents$`));
		await page.getByLabel(en('partner.documents.file'), { exact: true }).setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 not a pdf', 'latin1') });
		await page.getByRole('button', { name: en('partner.documents.upload') }).click();
		await page.getByRole('alert').filter({ hasText: en('partner.documents.bad_type', { name: 'invoice.pdf' }) }).waitFor();
		assert.ok(!(await app.get(`/api/v1/partners/${partner.id}/documents`)).items.some((d) => d.name === 'invoice.pdf'), 'the refused file is not stored');
		// download: the same bytes
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		assert.equal(download.suggestedFilename(), fileName);
		const got = fs.readFileSync(await download.path());
		assert.ok(got.equals(pdf), `downloaded ${got.length} bytes equal the uploaded ${pdf.length}`);
		await screenshot(page, 'partner-documents.en');
	});

	browserTest('someone else saved first (412): the conflict is shown, re-applying saves both changes', getApp, async ({ page }) => {
		const { partner } = await persianPartnerOf(USERS.sara);
		await login(page, USERS.sara);
		await page.goto(`/partners/${partner.id}`);
		await settled(page);
		const before = await app.get(`/api/v1/partners/${partner.id}`);
		// a colleague (admin, through the API) changes the region meanwhile
		const theirs = await app.req('PATCH', `/api/v1/partners/${partner.id}`, { body: { region: `Region ${Date.now().toString(36)}` } });
		assert.equal(theirs.status, 200, theirs.text);
		page.allowHttpError(412, new RegExp(`^/api/v1/partners/${partner.id}$`));
		const phone = '+98 21 7777 0000';
		await page.locator('main input[name="phone"]').fill(phone);
		await page.getByRole('button', { name: en('partner.save') }).click();
		await page.getByRole('heading', { name: en('partner.conflict.title') }).waitFor();
		assert.equal((await app.get(`/api/v1/partners/${partner.id}`)).phone, before.phone, 'nothing of mine saved yet');
		await page.getByRole('button', { name: en('partner.conflict.reapply') }).click();
		await page.getByRole('status').filter({ hasText: en('partner.saved') }).waitFor();
		const after = await app.get(`/api/v1/partners/${partner.id}`);
		assert.equal(after.phone, phone, 'my change saved');
		assert.equal(after.region, theirs.json.region, 'their change kept');
	});
});

describe('partner portal', () => {
	browserTest('partner user: own company only, vendor fields read-only, no notes; other partners not found (UI and API)', getApp, async ({ page }) => {
		const me = await app.get('/api/v1/me', USERS.parsAdmin);
		assert.equal(me.partner_id, 1);
		const own = await app.get('/api/v1/partners/1');
		const vendorNotes = (await app.all('/api/v1/partners/1/notes')).map((n) => n.text);

		await login(page, USERS.parsAdmin);
		await page.waitForURL((u) => u.pathname === '/company');
		await settled(page);
		// portal navigation, no vendor navigation
		const nav = page.getByRole('navigation', { name: en('nav.main') });
		const items = (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
		assert.ok(items.includes(en('nav.company')), `portal nav: ${items}`);
		for (const k of ['nav.partners', 'nav.duplicates', 'nav.import', 'nav.admin', 'nav.home'])
			assert.ok(!items.includes(en(k)), `no vendor item ${k}: ${items}`);
		assert.match(await page.locator('header.topbar .brand').innerText(), new RegExp(en('nav.portal')));
		// own company, with its name
		await page.locator('main').getByText(own.name, { exact: false }).first().waitFor();
		// vendor-owned fields read-only, partner-owned editable
		const ownView = await app.get('/api/v1/partners/1', USERS.parsAdmin);
		const vendorFields = ['legal_name', 'name', 'city', 'tax_id', 'segment', 'tier'].filter((f) => ownView[f]);
		assert.ok(vendorFields.length >= 4, `vendor-owned fields in the partner's view: ${vendorFields}`);
		for (const f of vendorFields) {
			const el = page.locator(`main [name="${f}"]`);
			if ((await el.count()) === 0) {
				// shown as plain text instead of a control
				await page.locator('main').getByText(own[f], { exact: false }).first().waitFor();
				continue;
			}
			assert.ok(await el.first().evaluate((e) => e.readOnly || e.disabled), `${f} is read-only for a partner user`);
			const before = await el.first().inputValue();
			await el.first().focus();
			await page.keyboard.type('xyz');
			assert.equal(await el.first().inputValue(), before, `${f} cannot be typed into`);
		}
		const phone = page.locator('main input[name="phone"]');
		assert.equal(await phone.evaluate((e) => e.readOnly || e.disabled), false, 'phone is the partner’s own to edit');
		// no notes anywhere
		const body = await page.locator('body').innerText();
		for (const n of vendorNotes) assert.ok(!body.includes(n), `a vendor note is shown to the partner: ${n}`);
		assert.equal(await page.locator('a[href*="/notes"], a[href$="/relationship"]').count(), 0);
		await screenshot(page, 'portal-company-check.en');

		// the partner may change its own field: phone
		const newPhone = '+98 21 5555 0123';
		await phone.fill(newPhone);
		await page.getByRole('button', { name: en('partner.save') }).click();
		await page.getByRole('status').filter({ hasText: en('partner.saved') }).waitFor();
		assert.equal((await app.get('/api/v1/partners/1')).phone, newPhone);

		// another partner by URL: not found. The portal has no /partners route, so the app
		// itself never asks for partner 2 — checked, not assumed:
		const other = await app.get('/api/v1/partners/2');
		const asked = [];
		page.on('request', (r) => {
			const p = new URL(r.url()).pathname;
			if (/^\/api\/v1\/partners\/2(\/|$)/.test(p)) asked.push(p);
		});
		for (const p of ['/partners/2', '/partners/2/identity', '/company/2']) {
			await page.goto(p);
			await page.getByRole('heading', { level: 1, name: en('ui.page_not_found') }).waitFor();
			assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(reEsc(other.name)));
		}
		assert.deepEqual(asked, [], 'the portal never requests another partner');
		// paths that really fetch with this browser's session: the API answers 404, no name
		page.allowHttpError(404, /^\/api\/v1\/partners\/2(\/|$)/);
		page.allowHttpError(404, /^\/favicon\.ico$/); // asked for by a page showing JSON
		for (const p of ['/api/v1/partners/2', '/api/v1/partners/2/contacts', '/api/v1/partners/2/documents']) {
			const res = await page.goto(p);
			assert.equal(res.status(), 404, `${p} as a partner user`);
			assert.doesNotMatch(await res.text(), new RegExp(reEsc(other.name)), `${p} leaks nothing`);
		}
		await page.goto('/company');
		// and the API refuses
		const r = await app.req('GET', '/api/v1/partners/2', { as: USERS.parsAdmin });
		assert.equal(r.status, 404);
		const list = await app.all('/api/v1/partners', USERS.parsAdmin);
		assert.deepEqual(list.map((p) => p.id), [1]);
		const notes = await app.req('GET', '/api/v1/partners/1/notes', { as: USERS.parsAdmin });
		assert.ok([403, 404].includes(notes.status), `notes refused to partner users: ${notes.status}`);
	});
});
