// Sharded search data in Chromium: the real standard built with `search: shard_above: 1` and
// 16 KB shards, searched over http and from file:// under the site's CSP (no fetch: every shard
// is a <script src> that search-shards.js appends). A query shows the provision it should first
// and loads only some of the shards; an ID typed into the box jumps to its provision; no page
// error, no CSP report, no failed request.
// Fails (never skips) when Chromium or the kijun binary is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_DIR } from './lib/source.mjs';
import { useSiteInBrowser } from './lib/site-browser.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-shards-browser-'));
const content = path.join(tmp, 'content');
fs.cpSync(CONTENT_DIR, content, { recursive: true });
const yaml = path.join(content, 'site.yaml');
fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace(/^search:\n/m, 'search:\n  shard_above: 1\n  shard_size_kb: 16\n'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const fx = useSiteInBrowser({ content });

const MODES = {
  http: (rel) => fx.url(rel),
  file: (rel) => {
    const at = rel.search(/[?#]/);
    return pathToFileURL(path.join(fx.site, at < 0 ? rel : rel.slice(0, at))).href + (at < 0 ? '' : rel.slice(at));
  },
};

async function open(mode, rel) {
  const p = await fx.browser.newPage();
  const errors = [];
  const shards = [];
  p.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  p.on('requestfailed', (r) => {
    if (!/\/favicon\.ico$/.test(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`failed: ${r.url()}`);
  });
  p.on('request', (r) => { if (/\/assets\/js\/search\/[^/]+\.js$/.test(r.url())) shards.push(r.url()); });
  await p.goto(MODES[mode](rel));
  return { p, errors, shards };
}

for (const mode of ['http', 'file']) {
  test(`${mode}: a query loads some shards and lists the provision first`, async () => {
    const total = fs.readdirSync(path.join(fx.site, 'assets/js/search')).length;
    assert.ok(total > 20, `${total} shard files`);
    const { p, errors, shards } = await open(mode, 'search.html?q=' + encodeURIComponent('ログ 保存期間'));
    const first = p.locator('#kj-search-results a.kj-search-hit-link').first();
    await first.waitFor({ timeout: 15000 });
    assert.match(await first.getAttribute('href'), /#CS-3\.1-9-2$/);
    assert.ok(shards.length > 0 && shards.length < total / 2, `loaded ${shards.length} of ${total} shards`);
    assert.ok(!shards.some((s) => s.endsWith('/ids.js')), 'words do not load the jump table');
    // Typing a second query reuses what is loaded and adds what it needs.
    await p.fill('#kj-q-main', '待機室');
    await p.locator('#kj-search-results a.kj-search-hit-link[href$="#CS-6.2-2-3"]').first().waitFor({ timeout: 15000 });
    assert.deepEqual(errors, []);
    await p.close();
  });

  test(`${mode}: an ID sent from the results page jumps to its provision`, async () => {
    const { p, errors, shards } = await open(mode, 'search.html');
    await p.fill('#kj-q-main', 'cs-3.3-1-a-2');
    await p.press('#kj-q-main', 'Enter');
    await p.waitForURL(/important\/construction\.html#CS-3\.3-1-a-2$/, { timeout: 15000 });
    assert.ok(shards.some((s) => s.endsWith('/ids.js')), 'the jump table was loaded');
    assert.deepEqual(errors, []);
    await p.close();
  });
}
