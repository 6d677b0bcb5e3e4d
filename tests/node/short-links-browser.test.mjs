// Short links as one resolver page (site.yaml's short_link_resolver_above, here below the number
// of provisions): r/index.html#<ID> leads to the provision from file:// and over http, and an
// unknown ID shows a message with a link to the 要件一覧 — in Debian's Chromium. The 要件一覧 is
// split by chapter in the same site (requirements_split_above).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { CONTENT_DIR } from './lib/source.mjs';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { runAxe, horizontalOverflow } from './lib/audit.mjs';

// The real content with both thresholds below its 212 provisions.
const content = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-short-links-'));
fs.cpSync(CONTENT_DIR, content, { recursive: true });
fs.appendFileSync(path.join(content, 'site.yaml'), 'requirements_split_above: 100\nshort_link_resolver_above: 100\n');
after(() => fs.rmSync(content, { recursive: true, force: true }));

const fixture = useSiteInBrowser({ content });
const fileUrl = (rel) => pathToFileURL(path.join(fixture.site, rel)).href;

test('the site has one resolver page and no r/<ID>.html pages; badges link to r/index.html#<ID>', () => {
  assert.deepEqual(fs.readdirSync(path.join(fixture.site, 'r')), ['index.html']);
  const selection = fs.readFileSync(path.join(fixture.site, 'important/selection.html'), 'utf8');
  assert.match(selection, /data-short="\.\.\/r\/index\.html#CS-3\.1-8-3"/);
});

for (const [scheme, open] of [['file://', fileUrl], ['http', (rel) => fixture.url(rel)]]) {
  test(`from ${scheme}: r/index.html#<ID> goes to the provision`, async () => {
    const page = await fixture.browser.newPage();
    await page.goto(open('r/index.html') + '#CS-3.1-8-3');
    await page.waitForURL(/important\/selection\.html#CS-3\.1-8-3$/);
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'CS-3.1-8-3');
    // A whole page's ID (no anchor) opens the page.
    await page.goto(open('r/index.html') + '#CS-3');
    await page.waitForURL(/important\/index\.html$/);
    await page.close();
  });
}

test('from file://: an unknown ID shows a message with a link to the 要件一覧', async () => {
  const page = await fixture.browser.newPage();
  await page.goto(fileUrl('r/index.html') + '#CS-9.9-9');
  const message = page.locator('#kj-short-unknown');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.innerText(), /要件ID「CS-9\.9-9」は.*にありません/);
  assert.equal(await page.locator('#kj-short-moving').isVisible(), false);
  assert.equal(await page.locator('noscript').count(), 1);
  // The link leads to the 要件一覧, here the overview of the chapters.
  await message.getByRole('link', { name: '要件一覧' }).click();
  await page.waitForURL(/\/requirements\.html$/);
  // A chapter's page of the split 要件一覧 opens from it and lists that chapter's provisions.
  await page.locator('.kj-req-overview').getByRole('link', { name: /^3 クラウドサービスの利用/ }).click();
  await page.waitForURL(/\/requirements\/important\.html$/);
  const ids = await page.locator('.kj-req-table code.kj-id').allInnerTexts();
  assert.ok(ids.includes('CS-3.1-8-3'));
  assert.ok(ids.every((id) => id.startsWith('CS-3')), ids.find((id) => !id.startsWith('CS-3')));
  await page.close();
});

test('from file://: a text that is no ID, even markup, is shown as text', async () => {
  const page = await fixture.browser.newPage();
  await page.goto(fileUrl('r/index.html') + '#' + encodeURIComponent('<img src=x>'));
  await page.locator('#kj-short-unknown').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#kj-short-unknown-id').innerText(), '<img src=x>');
  assert.equal(await page.locator('#kj-short-unknown img').count(), 0);
  await page.goto(fileUrl('r/index.html'));
  await page.locator('#kj-short-empty').waitFor({ state: 'visible' });
  await page.close();
});

test('axe-core finds no violation on the overview, a chapter page and the resolver showing an unknown ID', async () => {
  const page = await fixture.browser.newPage();
  for (const rel of ['requirements.html', 'requirements/important.html', 'r/index.html#CS-9.9-9']) {
    await page.goto(fixture.url(rel));
    if (rel.startsWith('r/')) await page.locator('#kj-short-unknown').waitFor({ state: 'visible' });
    assert.deepEqual(await runAxe(page), [], rel);
  }
  await page.close();
});

test('on a 320 px phone the overview, a chapter page and the resolver do not scroll sideways', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const rel of ['requirements.html', 'requirements/important.html', 'r/index.html#CS-9.9-9']) {
    await page.goto(fixture.url(rel));
    const { excess, offenders } = await horizontalOverflow(page);
    assert.equal(excess, 0, `${rel}: ${JSON.stringify(offenders)}`);
  }
  await context.close();
});
