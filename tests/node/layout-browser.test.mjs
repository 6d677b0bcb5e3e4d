// Layout on phones and the small things a reader sees, in Chromium: 要件一覧 and the comparison become
// cards on a phone (that no page scrolls sideways is checked in accessibility-browser's page loop);
// every page has its own <title> and the favicon; one search box on the search page; 参照元 is a
// count that opens its list without JavaScript.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { sitePages } from './lib/audit.mjs';

const fx = useSiteInBrowser();
let pages;

before(() => {
  pages = sitePages(fx.site).filter((p) => !p.startsWith('r/'));
});

const doc = (rel) => parseHTML(fs.readFileSync(path.join(fx.site, rel), 'utf8')).document;

test('on a phone 要件一覧 and the comparison read as cards, not as towers of narrow columns', async () => {
  const context = await fx.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(fx.server.url + 'requirements.html');
  // A provision's text gets the card's whole width, not a column of a few characters.
  const textWidths = await page.$$eval('.kj-req-text', (tds) => tds.slice(0, 20).map((td) => td.getBoundingClientRect().width));
  assert.ok(textWidths.length === 20 && Math.min(...textWidths) > 250, `要件 text widths: ${textWidths}`);
  assert.equal(await page.isVisible('.kj-req-table thead'), false);
  await page.goto(fx.server.url + 'web-meetings/examples/comparison.html');
  const cells = await page.$$eval('.kj-compare-table tbody td', (tds) => tds.map((td) => ({
    width: td.getBoundingClientRect().width, label: getComputedStyle(td, '::before').content })));
  assert.ok(cells.length > 0 && cells.every((c) => c.width > 250), 'each value takes the card\'s width');
  assert.ok(cells.every((c) => c.label !== 'none' && c.label.length > 2), 'each value is named by its example');
  // The citation in a column head never breaks inside (「6.4( / 1)」).
  await context.close();
  const context2 = await fx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const wide = await context2.newPage();
  await wide.goto(fx.server.url + 'web-meetings/examples/comparison.html');
  const heights = await wide.$$eval('.kj-compare-table thead .kj-number', (els) => els.map((e) => e.getClientRects().length));
  assert.ok(heights.length >= 2 && heights.every((n) => n === 1), 'each example number is on one line');
  await context2.close();
});

test('every page has its own title, and the home page does not repeat the site name', () => {
  const titles = new Map();
  for (const rel of pages) {
    const t = doc(rel).querySelector('title').textContent;
    assert.ok(!titles.has(t), `${rel} has the same title as ${titles.get(t)}: ${t}`);
    titles.set(t, rel);
  }
  const home = doc('index.html').querySelector('title').textContent;
  const name = doc('index.html').querySelector('.kj-site-title').textContent;
  assert.equal(home.split(name).length - 1, 1, `home title: ${home}`);
});

test('every page names the theme\'s favicon, and the file is there', () => {
  for (const rel of sitePages(fx.site)) {
    const icon = doc(rel).querySelector('link[rel="icon"]');
    assert.ok(icon, `${rel} has no favicon link`);
    const file = path.join(fx.site, path.dirname(rel), icon.getAttribute('href'));
    assert.ok(fs.existsSync(file), `${rel}: ${icon.getAttribute('href')} is missing`);
  }
  assert.match(fs.readFileSync(path.join(fx.site, 'assets/favicon.svg'), 'utf8'), /^<svg /);
});

test('the search page has one search box, and each search landmark has a name', () => {
  assert.equal(doc('search.html').querySelectorAll('input[type="search"]').length, 1);
  for (const rel of pages) {
    for (const form of doc(rel).querySelectorAll('[role="search"]')) {
      assert.ok(form.getAttribute('aria-label'), `${rel}: a search landmark without a name`);
    }
  }
});

test('short links are a page of their own for the moment before the redirect', () => {
  const stubs = sitePages(fx.site).filter((p) => p.startsWith('r/'));
  assert.ok(stubs.length > 100);
  for (const rel of stubs) {
    const d = doc(rel);
    assert.ok(d.querySelector('main h1'), `${rel} has no <main> with an <h1>`);
    const target = d.querySelector('link[rel="canonical"]').getAttribute('href');
    assert.equal(d.querySelector('main a').getAttribute('href'), target);
  }
});

test('参照元 shows a count that opens the list, without JavaScript', async () => {
  const context = await fx.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(fx.server.url + 'important/operation.html');
  const first = page.locator('details.kj-refby').first();
  const summary = await first.locator('summary').textContent();
  const count = await first.locator('li').count();
  assert.match(summary, new RegExp(`参照元\\s*${count}件`));
  assert.equal(await first.locator('li a').first().isVisible(), false, 'the list is closed at first');
  await first.locator('summary').click();
  assert.equal(await first.locator('li a').first().isVisible(), true, 'a click opens it');
  await context.close();
});

test('the UI speaks no developer jargon', () => {
  for (const rel of pages) {
    const text = doc(rel).querySelector('body').textContent;
    assert.doesNotMatch(text, /front matter|フロントマター/i, rel);
  }
});
