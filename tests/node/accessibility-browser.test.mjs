// Accessibility in Chromium with axe-core (WCAG 2.0, 2.1 and 2.2 A and AA, and best practice): every
// page at 1280, 375 and 320 px, a short-link page, and the dynamic states — search results and a
// checklist with answers and a note — report no violation. At 375 and 320 px each page is checked
// with the rules whose outcome depends on the layout (LAYOUT_RULES); at 1280 px with all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { sitePages, runAxe, horizontalOverflow } from './lib/audit.mjs';

// Rules that can change with the window's width: contrast over what overlaps, target sizes and
// spacing, scroll regions, reflowed or hidden content, and landmarks of the compact layout.
const LAYOUT_RULES = ['color-contrast', 'target-size', 'scrollable-region-focusable', 'link-in-text-block',
  'region', 'landmark-unique', 'landmark-one-main', 'page-has-heading-one', 'meta-viewport', 'empty-table-header'];

const fx = useSiteInBrowser();

const report = (rel, width, violations) =>
  violations.map((v) => `${rel} @${width}px: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);

// One loop over the pages for both checks (each page is loaded once and resized).
test('on every page at 1280, 375 and 320 px axe-core finds no violation and nothing scrolls sideways', async () => {
  const pages = sitePages(fx.site).filter((p) => !p.startsWith('r/'));
  assert.ok(pages.length > 30);
  const page = await fx.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const found = [];
  const wide = [];
  for (const rel of pages) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(fx.server.url + rel);
    found.push(...report(rel, 1280, await runAxe(page)));
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 740 });
      const { excess, offenders } = await horizontalOverflow(page);
      if (excess > 0) wide.push(`${rel} @${width}px: ${excess} px too wide (${offenders.map((o) => o.name).join(', ')})`);
      found.push(...report(rel, width, await runAxe(page, LAYOUT_RULES)));
    }
  }
  await page.close();
  assert.deepEqual(wide, [], 'no page is wider than the screen (scrollWidth <= innerWidth)');
  assert.deepEqual(found, []);
});

test('axe-core finds no violation on a short-link page (seen for a moment before the redirect)', async () => {
  const stub = sitePages(fx.site).find((p) => p.startsWith('r/'));
  const context = await fx.browser.newContext({ viewport: { width: 375, height: 740 } });
  const p = await context.newPage();
  // Hold the page still: the same file without its refresh.
  await p.route('**/r/*.html', async (route) => {
    const body = fs.readFileSync(`${fx.site}/${stub}`, 'utf8').replace(/<meta http-equiv="refresh"[^>]*>/, '');
    await route.fulfill({ body, contentType: 'text/html; charset=utf-8' });
  });
  await p.goto(fx.server.url + stub);
  assert.ok(await p.isVisible('main h1'));
  assert.deepEqual(report(stub, 375, await runAxe(p)), []);
  await context.close();
});

test('axe-core finds no violation in search results and on a checklist being filled in', async () => {
  const found = [];
  for (const width of [1280, 375]) {
    // A fresh context each time: a second click on a ticked answer clears it.
    const context = await fx.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(fx.server.url + 'search.html?q=' + encodeURIComponent('ログ 保存'));
    await page.waitForSelector('.kj-search-hit');
    found.push(...report('search results', width, await runAxe(page)));
    await page.goto(fx.server.url + 'checklists/important-operation.html');
    await page.waitForSelector('.kj-cl-toolbar:not([hidden])');
    await page.click('#item-1 .kj-cl-yes label');
    await page.click('#item-2 .kj-cl-no-answer label');
    await page.click('#item-3 .kj-cl-na label');
    await page.fill('#item-2 textarea', '次回の更新時に確認する');
    assert.equal(await page.textContent('.kj-cl-done'), '3');
    found.push(...report('ticked checklist', width, await runAxe(page)));
    await context.close();
  }
  assert.deepEqual(found, []);
});
