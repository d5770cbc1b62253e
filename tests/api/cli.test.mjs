// cli.test.mjs — the command line: exit codes and one-line errors, idempotent init, users
// and tokens, schema versions, and a backup taken while the server is writing that opens
// and holds every row committed before it started.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { describe, test } from './harness.mjs';
import { ADMIN_EMAIL, BACKEND, BIN, PG_URL, Server, cli, initDb, only, pgCreateDb, psql, run, startServer, tmpDir } from './harness.mjs';
import { spawn, spawnSync } from 'node:child_process';

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

describe('foreign databases, URLs and settings', () => {
	const sqlite3 = (db, sql) => {
		const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		return r.stdout;
	};

	test('a SQLite file that is not Channelbase\'s is refused by every command and left untouched', async () => {
		const db = path.join(tmpDir(), 'foreign.db');
		sqlite3(db, 'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)');
		for (const args of [['user', 'list'], ['migrate'], ['init'], ['serve', '--listen', '127.0.0.1:0'], ['export', 'partners']]) {
			const r = await run([...args, '--db', db]);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
			assert.match(r.stderr, /not a Channelbase database/, args.join(' '));
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
		}
		assert.equal(sqlite3(db, '.tables').trim(), 'invoices');
		// an empty file: read-only commands say to migrate and create nothing; migrate does
		const empty = path.join(tmpDir(), 'empty.db');
		fs.writeFileSync(empty, '');
		const r = await run(['user', 'list', '--db', empty]);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr, /run 'channelbase migrate'/);
		assert.equal(sqlite3(empty, '.tables').trim(), '');
		await cli(['migrate', '--db', empty]);
		assert.match(sqlite3(empty, '.tables'), /schema_migrations/);
	});

	test('migrations started by several processes at once apply once', async () => {
		let db;
		if (BACKEND === 'pg') db = pgCreateDb();
		else fs.writeFileSync((db = path.join(tmpDir(), 'race.db')), '');
		const rs = await Promise.all(Array.from({ length: 6 }, () => run(['migrate', '--db', db])));
		for (const r of rs) assert.equal(r.code, 0, r.stderr);
		const applied = rs.map((r) => Number(/\((\d+) migrations? applied\)/.exec(r.stdout)?.[1]));
		const versions = rs.map((r) => /schema version (\d+)/.exec(r.stdout)?.[1]);
		assert.equal(new Set(versions).size, 1, versions.join());
		assert.equal(applied.reduce((a, b) => a + b, 0), Number(versions[0]), `each migration once: ${applied}`);
		await cli(['user', 'list', '--db', db]);
	});

	test('passwords in database URLs are never printed', async () => {
		for (const url of ['foo://u:hunter2@x/db', 'postgres://u:hunter2@127.0.0.1:1/db', 'postgres://u@127.0.0.1:1/db?password=hunter2&sslmode=disable']) {
			const r = await run(['user', 'list', '--db', url]);
			assert.equal(r.code, 2, r.stderr);
			assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
		}
	});

	test('on PostgreSQL, init, copy and serve print the URL without its password', only('pg'), async () => {
		const name = new URL(pgCreateDb()).pathname;
		const u = new URL(PG_URL);
		const url = `postgres://${u.username}:hunter2@${u.host}${name}`;
		const init = await cli(['init', '--db', url, '--admin-email', ADMIN_EMAIL]);
		assert.match(init.stdout, new RegExp(`database postgres://${u.username}:\\*\\*\\*@`));
		assert.doesNotMatch(init.stdout + init.stderr, /hunter2/);
		const back = path.join(tmpDir(), 'back.db');
		const c = await cli(['copy', '--from', url, '--to', back]);
		assert.match(c.stdout, /copied \d+ tables/);
		assert.doesNotMatch(c.stdout + c.stderr, /hunter2/);
		const srv = new Server(tmpDir(), url);
		await srv.start(['--data-dir', srv.dir]);
		await srv.stop();
		assert.match(srv.stderr, /\*\*\*@/);
		assert.doesNotMatch(srv.stderr, /hunter2/);
	});

	test('on PostgreSQL, CHANNELBASE_PG_STATEMENT_TIMEOUT takes ms or a unit and refuses anything else', only('pg'), async () => {
		const { db } = await initDb();
		for (const t of ['abc', '30x', '-5', '1.5s', '99999999999']) {
			const r = await run(['user', 'list', '--db', db], { env: { CHANNELBASE_PG_STATEMENT_TIMEOUT: t } });
			assert.equal(r.code, 2, `${t}: ${r.stderr}`);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			assert.match(r.stderr, /CHANNELBASE_PG_STATEMENT_TIMEOUT/);
		}
		for (const t of ['30000', '30s', '250ms', '2min', '0'])
			await cli(['user', 'list', '--db', db], { env: { CHANNELBASE_PG_STATEMENT_TIMEOUT: t } });
	});

	test('on PostgreSQL, a node waiting for another\'s migration is not cut off by the statement timeout', only('pg'), async () => {
		// An empty database: the node must migrate it, but another "node" (a psql session)
		// holds the migration lock (pg.c's advisory lock key) for 3 s, longer than this
		// node's 1 s statement timeout. The wait used to count against that timeout, and the
		// node exited with "cannot take the migration lock".
		const db = pgCreateDb();
		const holder = spawn('psql', [db, '-qAt', '-c', 'SELECT pg_advisory_lock(1667394919)', '-c', 'SELECT pg_sleep(3)'], { stdio: 'ignore' });
		const holderDone = new Promise((resolve) => holder.on('close', resolve));
		const held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 1667394919 AND objsubid = 1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
		for (let i = 0; i < 100 && psql(db, held).trim() !== '1'; i++) await new Promise((r) => setTimeout(r, 50));
		assert.equal(psql(db, held).trim(), '1', 'the psql session holds the lock');
		const t0 = Date.now();
		const srv = new Server(tmpDir(), db);
		let started = false;
		try {
			await srv.start(['--data-dir', srv.dir], { env: { CHANNELBASE_PG_STATEMENT_TIMEOUT: '1s' } });
			started = true;
			assert.ok(Date.now() - t0 >= 1500, `started after ${Date.now() - t0} ms: it waited for the lock`);
			assert.equal(await holderDone, 0, 'the psql session ran to its end');
			assert.equal((await srv.req('GET', '/readyz')).status, 200);
			// the node migrated the database: nothing is left to apply
			assert.match((await cli(['migrate', '--db', db])).stdout, /schema version [1-9]\d* \(0 migrations applied\)/);
		} finally {
			holder.kill();
			if (started) await srv.stop();
		}
	});

	test('on PostgreSQL, the driver\'s unit cases pass (snapshot, statement timeout, locks, read-only server)', only('pg'), async (t) => {
		// tests/unit/test_db.c skips these without a server; `make test` runs the unit tests without one
		const bin = path.join(path.dirname(BIN), 'tests', 'test_db');
		if (!fs.existsSync(bin)) return t.skip(`${bin} not built`);
		const r = spawnSync(bin, [], { encoding: 'utf8', env: { ...process.env, CHANNELBASE_TEST_PG: PG_URL } });
		assert.equal(r.status, 0, r.stdout + r.stderr);
		assert.match(r.stdout + r.stderr, /\[\s+OK \] test_pg_read_only_server_reconnects/);
		assert.match(r.stdout + r.stderr, /\[\s+OK \] test_pg_migration_lock_wait_has_no_timeout/);
		assert.match(r.stdout + r.stderr, /\[\s+OK \] test_pg_lock_key/);
		assert.doesNotMatch(r.stdout + r.stderr, /SKIPPED/);
	});

	test('copy counts tiers changed since the seeding as data: refused without --force', async () => {
		const from = await initDb();
		let db;
		if (BACKEND === 'pg') db = pgCreateDb();
		else fs.writeFileSync((db = path.join(tmpDir(), 'target.db')), '');
		await cli(['migrate', '--db', db]); // the seeded tiers, nothing else
		const sql = (q) => (BACKEND === 'pg' ? psql(db, q) : sqlite3(db, q));
		sql("UPDATE tiers SET colour = '#000000', updated_at = 1700000000 WHERE rank = 2");
		const r = await run(['copy', '--from', from.db, '--to', db]);
		assert.equal(r.code, 1, r.stdout + r.stderr);
		assert.match(r.stderr, /not empty \(1 changed rows in tiers\)/);
		assert.match(sql('SELECT colour FROM tiers WHERE rank = 2'), /#000000/);
		await cli(['copy', '--from', from.db, '--to', db, '--force']);
		assert.match(sql('SELECT colour FROM tiers WHERE rank = 2'), /#9ca3af/);
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
