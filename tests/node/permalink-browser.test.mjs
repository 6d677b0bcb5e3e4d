// A click on a provision's ID badge copies a link to it (its short link r/<ID>.html), and that link
// leads back to the provision — in Debian's Chromium over http.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSiteInBrowser } from './lib/site-browser.mjs';

const fixture = useSiteInBrowser();

test('clicking a provision badge copies its short link, which leads back to the provision', async () => {
  const context = await fixture.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.server.url });
  const page = await context.newPage();
  await page.goto(`${fixture.server.url}important/selection.html`);
  const badge = page.locator('#CS-3\\.1-8-3 .kj-permalink').first();
  await badge.click();
  await page.waitForFunction(() => document.querySelector('.kj-permalink.kj-copied') !== null);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${fixture.server.url}r/CS-3.1-8-3.html`);
  // The copied link, opened as someone would from an e-mail, lands on the provision.
  await page.goto(copied);
  await page.waitForURL(/important\/selection\.html#CS-3\.1-8-3$/);
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'CS-3.1-8-3');
  await context.close();
});
