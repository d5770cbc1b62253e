// cli.test.mjs — the command line: exit codes and one-line errors, idempotent init, users
// and tokens, schema versions, and a backup taken while the server is writing that opens
// and holds every row committed before it started.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { BACKEND, cli, initDb, only, psql, run, startServer, tmpDir } from './harness.mjs';

let s;
before(async () => {
	s = await startServer();
});
after(async () => s && (await s.stop()));

describe('exit codes and errors', () => {
	test('unknown commands and options are 2; --help is 0 for every command', async () => {
		assert.equal((await run(['bogus'])).code, 2);
		assert.equal((await run(['user', 'list', '--bogus'])).code, 2);
		const help = await run(['--help']);
		assert.equal(help.code, 0);
		const commands = [...help.stdout.matchAll(/^ {2}([a-z][a-z -]*?)\s{2,}/gm)].map((m) => m[1].trim());
		assert.ok(commands.length >= 15, help.stdout);
		for (const c of commands) {
			const r = await run([...c.split(' '), '--help']);
			assert.equal(r.code, 0, `${c} --help: ${r.stderr}`);
			assert.match(r.stdout + r.stderr, /usage: channelbase /, c);
		}
	});

	test('bad database URLs are one line on stderr and exit 2', async () => {
		// port 1 on loopback: nothing listens there, so the connection is refused at once
		for (const url of ['foo://x', 'postgres://u@127.0.0.1:1/db', path.join(tmpDir(), 'missing', 'nowhere.db')]) {
			const r = await run(['user', 'list', '--db', url]);
			assert.equal(r.code, 2, `${url}: ${r.stderr}`);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
		}
	});

	test('a database of a newer schema version is refused with exit 2', async () => {
		const { db } = await initDb();
		assert.equal((await run(['user', 'list', '--db', db])).code, 0);
		const future = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)";
		if (BACKEND === 'pg') {
			psql(db, future);
		} else {
			// the sqlite3 shell is installed by make deps
			const { spawnSync } = await import('node:child_process');
			const ins = spawnSync('sqlite3', [db, future], { encoding: 'utf8' });
			assert.equal(ins.status, 0, ins.stderr);
		}
		const r = await run(['user', 'list', '--db', db]);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr, /newer/);
	});

	test('init is idempotent and creates the admin only once', async () => {
		const { db, pwfile } = await initDb();
		const again = await cli(['init', '--db', db, '--admin-email', 'other@example.com', '--admin-password-file', pwfile]);
		assert.ok(!/other@example.com/.test(again.stdout));
		const users = await cli(['user', 'list', '--db', db]);
		assert.equal(users.stdout.trim().split('\n').length, 2, users.stdout);
	});
});

describe('users and tokens', () => {
	test('user add, list, disable; token create and revoke', async () => {
		const { dir, db } = await initDb();
		const pw = path.join(dir, 'pw');
		fs.writeFileSync(pw, 'a-long-enough-passphrase\n');
		await cli(['partner', 'add', '--name', 'Cli Partner', '--db', db]);
		await cli(['user', 'add', '--email', 'rep@cli.example', '--role', 'partner_rep', '--partner', '1', '--password-file', pw, '--db', db]);
		assert.equal((await run(['user', 'add', '--email', 'rep@cli.example', '--role', 'partner_rep', '--partner', '1', '--password-file', pw, '--db', db])).code, 1, 'duplicate e-mail fails');
		assert.equal((await run(['user', 'add', '--email', 'x@cli.example', '--role', 'emperor', '--password-file', pw, '--db', db])).code, 1);
		const list = await cli(['user', 'list', '--db', db]);
		assert.match(list.stdout, /rep@cli\.example\s+partner_rep\s+1\s+active/);
		const tok = await cli(['token', 'create', '--email', 'rep@cli.example', '--name', 'erp', '--db', db]);
		assert.match(tok.stdout.trim(), /^cbt_/);
		await cli(['user', 'disable', '--email', 'rep@cli.example', '--db', db]);
		assert.match((await cli(['user', 'list', '--db', db])).stdout, /rep@cli\.example\s+partner_rep\s+1\s+disabled/);
		assert.equal((await run(['token', 'revoke', '--id', '999', '--db', db])).code, 1);
	});
});

describe('backup while serving', () => {
	test('on PostgreSQL, backup names the tools to use instead', only('pg'), async () => {
		const r = await run(['backup', '--db', s.db, '--to', path.join(tmpDir(), 'x.db')]);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr, /pg_dump/);
	});

	test('the copy opens and holds every row committed before it began', only('sqlite'), async () => {
		const before = [];
		for (let i = 0; i < 20; i++) {
			const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `Before backup ${i}` } });
			assert.equal(r.status, 201);
			before.push(r.json.id);
		}
		// keep writing while the backup runs
		let writing = true;
		const writer = (async () => {
			let n = 0;
			while (writing) {
				const r = await s.req('POST', '/api/v1/partners', { token: s.adminToken, body: { name: `During backup ${n++}` } });
				assert.equal(r.status, 201);
			}
			return n;
		})();
		const to = path.join(tmpDir(), 'copy.db');
		const b = await cli(['backup', '--db', s.db, '--to', to]);
		writing = false;
		const during = await writer;
		assert.ok(during >= 1);
		assert.ok(fs.statSync(to).size > 0, b.stdout);
		const exported = await cli(['export', 'partners', '--format', 'json', '--db', to]);
		const ids = JSON.parse(exported.stdout).map((p) => p.id);
		for (const id of before) assert.ok(ids.includes(id), `partner ${id} in the backup`);
	});
});
