// The navigation: each page's HTML carries a compact tree; with JavaScript (kijun.js + nav.js) it
// becomes the whole tree, links relative to the page and the page marked current — from file://
// and over http, under a Content-Security-Policy without inline script. Without JavaScript the
// 目次 page (contents.html) lists every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { readContent } from './lib/source.mjs';

const fixture = useSiteInBrowser();

const doc = (file) => parseHTML(fs.readFileSync(path.join(fixture.site, file), 'utf8')).document;
// Every link of a navigation list as "title -> site path", resolved from the page at `file`.
function links(list, file) {
  return [...list.querySelectorAll('a')].map((a) => {
    const target = new URL(a.getAttribute('href'), `http://x/${file}`).pathname.slice(1);
    return `${a.textContent} -> ${target}`;
  });
}

test('目次 (contents.html) lists every content page, without JavaScript', () => {
  const pages = readContent().length;
  const tree = doc('contents.html').querySelector('.kj-contents-tree');
  assert.ok(tree, 'contents.html has the tree');
  // every page once, plus 要件一覧 (ホーム is the home page, counted among the pages)
  assert.equal(links(tree, 'contents.html').length, pages + 1);
});

test('a page carries a compact navigation: its way, its neighbours and the chapters, not the whole tree', () => {
  const full = links(doc('contents.html').querySelector('.kj-contents-tree'), 'contents.html');
  const compact = links(doc('important/selection.html').querySelector('#kj-nav ul'), 'important/selection.html');
  assert.ok(compact.length < full.length, `${compact.length} links, the whole tree has ${full.length}`);
  assert.ok(compact.some((l) => l.endsWith('-> important/procurement.html')), 'a sibling');
  assert.ok(compact.some((l) => l.endsWith('-> procedures/index.html')), 'another chapter');
  assert.ok(!compact.some((l) => l.endsWith('-> procedures/authority.html')), 'no page of another chapter');
  assert.ok(compact.some((l) => l.endsWith('-> contents.html')), 'a link to the whole 目次');
});

async function navInBrowser(url) {
  const context = await fixture.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  const nav = await page.evaluate(() => ({
    links: [...document.querySelectorAll('#kj-nav ul a')].map((a) => `${a.textContent} -> ${a.href}`),
    current: [...document.querySelectorAll('#kj-nav .kj-current > a[aria-current="page"]')].map((a) => a.href),
  }));
  await context.close();
  return { ...nav, errors };
}

for (const [name, base] of [['http', () => fixture.server.url], ['file://', () => pathToFileURL(fixture.site).href + '/']]) {
  test(`with JavaScript the navigation is the whole tree, this page current (${name})`, async () => {
    const url = `${base()}important/selection.html`;
    const { links: shown, current, errors } = await navInBrowser(url);
    assert.deepEqual(errors, []);
    const full = links(doc('contents.html').querySelector('.kj-contents-tree'), 'contents.html')
      .map((l) => { const [t, p] = l.split(' -> '); return `${t} -> ${new URL(p, base()).href}`; });
    assert.deepEqual(shown, full);
    assert.deepEqual(current, [url]);
  });
}
