// Every page carries a Content-Security-Policy that forbids inline script and any origin but the
// site's own; the pages work under it in Chromium over http and from file://, and it does stop an
// injected inline script and event handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { listHtml as htmlFiles } from './lib/source.mjs';

const fixture = useSiteInBrowser();

test('every page declares the CSP before anything it loads, and has no inline script, handler or style', () => {
  const files = htmlFiles(fixture.site);
  assert.ok(files.length > 200, `only ${files.length} pages`);
  for (const file of files) {
    const rel = path.relative(fixture.site, file);
    const { document } = parseHTML(fs.readFileSync(file, 'utf8'));
    const meta = document.querySelector('head > meta[http-equiv="Content-Security-Policy"]');
    assert.ok(meta, `${rel}: no CSP`);
    const policy = meta.getAttribute('content');
    assert.match(policy, /(^|; )default-src 'self'(;|$)/, rel);
    assert.match(policy, /(^|; )script-src 'self'(;|$)/, rel);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*|https?:/, rel);
    const first = document.querySelector('head script, head link, head style');
    if (first) {
      assert.ok(meta.compareDocumentPosition(first) & 4, `${rel}: ${first.tagName} comes before the CSP`);
    }
    for (const s of document.querySelectorAll('script')) assert.ok(s.getAttribute('src'), `${rel}: inline script`);
    assert.equal(document.querySelectorAll('style, [style]').length, 0, `${rel}: inline style`);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        assert.ok(!/^on/i.test(a.name), `${rel}: event handler ${a.name}`);
        if (/^(href|src|action)$/.test(a.name)) assert.doesNotMatch(a.value, /^\s*(javascript|vbscript|data):/i, rel);
      }
    }
  }
});

const PAGES = ['index.html', 'important/selection.html', 'requirements.html', 'search.html?q=クラウド',
  'r/CS-3.1-8-3.html'];

test('the main kinds of page load under the CSP without a violation, over http and from file://', async () => {
  const checklists = htmlFiles(fixture.site).map((f) => path.relative(fixture.site, f).split(path.sep).join('/'))
    .filter((rel) => fs.readFileSync(path.join(fixture.site, rel), 'utf8').includes('kj-checklist'));
  assert.ok(checklists.length > 0, 'no checklist page');
  for (const rel of [...PAGES, checklists[0]]) {
    for (const url of [fixture.server.url + rel, pathToFileURL(path.join(fixture.site, rel.split('?')[0])).href +
      (rel.includes('?') ? '?' + rel.split('?')[1] : '')]) {
      const page = await fixture.browser.newPage();
      await page.goto(url);
      await page.waitForLoadState('load');
      await page.close();
      assert.deepEqual(fixture.browser.cspViolations, [], url);
    }
  }
  // The search page's scripts did run from file:// (a query shows results).
  const page = await fixture.browser.newPage();
  await page.goto(pathToFileURL(path.join(fixture.site, 'search.html')).href + '?q=' + encodeURIComponent('クラウド'));
  await page.waitForSelector('#kj-search-results a.kj-search-hit-link');
  await page.close();
  assert.deepEqual(fixture.browser.cspViolations, []);
});

test('the CSP stops an injected inline script and event handler, and the watch reports them', async () => {
  const file = path.join(fixture.site, 'injected.html');
  const html = fs.readFileSync(path.join(fixture.site, 'index.html'), 'utf8')
    .replace('</body>', '<script>window.kjInjected = 1;</script><img src="x.png" onerror="window.kjInjected = 2"></body>');
  fs.writeFileSync(file, html);
  try {
    const page = await fixture.browser.newPage();
    await page.goto(fixture.server.url + 'injected.html');
    await page.waitForLoadState('load');
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.equal(await page.evaluate(() => window.kjInjected), undefined);
    await page.close();
    assert.ok(fixture.browser.cspViolations.length >= 1, 'no violation reported');
    assert.match(fixture.browser.cspViolations[0], /inline/);
  } finally {
    fixture.browser.cspViolations.length = 0;  // expected here; any other page's violation still fails
    fs.rmSync(file, { force: true });
  }
});
