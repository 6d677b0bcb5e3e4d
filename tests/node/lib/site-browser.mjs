// The fixture most browser tests share: the site built into a temporary folder, served over http on
// 127.0.0.1, and one headless Chromium — set up before the file's tests and removed after them.
// useSiteInBrowser() returns an object whose site, server and browser are filled in by then;
// useSiteInBrowser({ content }) builds another content folder (buildSite's options).
import fs from 'node:fs';
import { before, after } from 'node:test';
import { buildSite } from './source.mjs';
import { launchBrowser, serveDir } from './browser.mjs';

export function useSiteInBrowser(options = {}) {
  const fixture = { site: null, server: null, browser: null, url: (rel) => fixture.server.url + rel };
  before(async () => {
    fixture.site = buildSite(options);
    fixture.server = await serveDir(fixture.site);
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    if (fixture.browser) await fixture.browser.close();
    if (fixture.server) await fixture.server.close();
    if (fixture.site) fs.rmSync(fixture.site, { recursive: true, force: true });
  });
  return fixture;
}
