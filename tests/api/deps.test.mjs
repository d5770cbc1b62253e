// deps.test.mjs — tools/deps.sh refuses a Node.js too old for the web build and the test
// runners (Debian 12's nodejs is 18.19; vite 7 needs >= 20.19 or >= 22.12) and says what
// to do (issue 2). A fake `node` first on PATH reports each version; only the
// --check-node mode runs, so nothing is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from './harness.mjs';
import { REPO, tmpDir } from './harness.mjs';

function deps(version) {
	const dir = tmpDir('cb-deps-');
	try {
		const fake = path.join(dir, 'node');
		fs.writeFileSync(fake, `#!/bin/sh\nif [ "$1" = "-p" ]; then echo ${version}; else echo v${version}; fi\n`, { mode: 0o755 });
		return spawnSync('sh', [path.join(REPO, 'tools/deps.sh'), '--check-node'], {
			encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('tools/deps.sh checks the Node.js version (issue 2)', () => {
	test('too old: exit 1 with the exact steps', () => {
		for (const v of ['18.19.0', '20.18.1', '21.7.3', '22.11.0']) {
			const r = deps(v);
			assert.equal(r.status, 1, `${v}: ${r.stdout}${r.stderr}`);
			assert.match(r.stdout, new RegExp(`Node\\.js v${v.replace(/\./g, '\\.')} is too old`));
			assert.match(r.stdout, /deb\.nodesource\.com\/setup_22\.x/);
			assert.match(r.stdout, /make deps/);
		}
	});

	test('recent enough: exit 0', () => {
		for (const v of ['20.19.0', '20.20.2', '22.12.0', '24.1.0']) {
			const r = deps(v);
			assert.equal(r.status, 0, `${v}: ${r.stdout}${r.stderr}`);
		}
	});
});
