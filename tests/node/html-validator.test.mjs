// Every generated page is valid HTML by the Nu HTML Checker (vnu.jar from npm `vnu-jar`, run with
// Debian's Java): no errors on any page, short-link pages included. Fails (never skips) without Java.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildSite } from './lib/source.mjs';
import { sitePages } from './lib/audit.mjs';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const JAVA = process.env.JAVA ?? 'java';

let site;

before(() => {
  site = buildSite();
});

after(() => {
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('the Nu HTML Checker reports no error on any page', () => {
  const pages = sitePages(site);
  assert.ok(pages.length > 200, 'content pages and short-link pages');
  const r = spawnSync(JAVA, ['-Xss16m', '-jar', VNU, '--errors-only', '--format', 'json', ...pages],
    { cwd: site, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(!r.error, `cannot run ${JAVA} (install Debian's default-jre-headless or set JAVA): ${r.error}`);
  const out = JSON.parse(r.stderr || r.stdout);
  const errors = out.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const where = (url = '') => decodeURIComponent(url).split(`${site}/`).pop();
  const shown = errors.slice(0, 20).map((m) => `${where(m.url)}:${m.lastLine ?? '?'}: ${m.message}`);
  assert.deepEqual(shown, [], `${errors.length} errors`);
});
