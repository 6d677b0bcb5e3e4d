// Search on the REAL built site in Chromium (playwright-core), end to end: content/ is built with
// build/kijun, then
//   (a) served over http by Node's http module on 127.0.0.1 under the base path /portal/ (every
//       request must stay under it: the site's links are relative and work under any base path),
//   (b) opened from file://.
// In each: on a content page a Japanese query is typed into the header search box and sent with
// Enter; search.html lists the expected provision first; clicking it lands on the provision's page
// with #ID, the element in the viewport. An ID and a citation typed into the header box of a
// content page land on the anchor directly (search.html replaces itself in the history).
// Fails (never skips) when Chromium or the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/search.mjs';
import { buildSite } from './lib/source.mjs';

const BASE = '/portal/';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

let site;
let server;
let origin;
let browser;
const requests = []; // {path, status} of every request the server saw

/** Serves `dir` under BASE; anything else is 404. */
function serve(dir) {
  const root = path.resolve(dir);
  return http.createServer((req, res) => {
    const reply = (status, body, type = 'text/plain; charset=utf-8') => {
      requests.push({ path: req.url, status });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return reply(400, 'bad request');
    }
    if (!pathname.startsWith(BASE)) return reply(404, 'outside the base path');
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(BASE.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return reply(403, 'forbidden');
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      return reply(200, fs.readFileSync(file), TYPES[path.extname(file)] || 'application/octet-stream');
    } catch {
      return reply(404, 'not found');
    }
  });
}

before(async () => {
  site = buildSite();
  const exe = chromiumPath();
  if (!exe || !fs.existsSync(exe)) {
    throw new Error('Chromium not found: install it (tools/install-deps.sh) or set KIJUN_CHROMIUM');
  }
  server = serve(site);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    headless: true,
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

const MODES = {
  http: (rel) => origin + BASE + rel,
  file: (rel) => {
    const at = rel.search(/[?#]/);
    return pathToFileURL(path.join(site, at < 0 ? rel : rel.slice(0, at))).href + (at < 0 ? '' : rel.slice(at));
  },
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** URL pattern of `rel` (a site-relative page, optionally with #anchor) in `mode`, matched whole. */
function urlPattern(mode, rel) {
  return new RegExp('^' + escape(MODES[mode](rel)) + '$');
}

async function open(mode, rel) {
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  // a missing file shows as a console error without its address: failed responses are listed instead
  p.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  p.on('response', (r) => {
    if (r.status() >= 400 && !/\/favicon\.ico$/.test(new URL(r.url()).pathname)) errors.push(`${r.status()}: ${r.url()}`);
  });
  p.on('requestfailed', (r) => {
    // A request cut short because the page navigated on (a jump to a provision while the print
    // stylesheet is still loading) is not a fault of the site: ERR_ABORTED is left out.
    const reason = r.failure()?.errorText ?? '';
    if (!/\/favicon\.ico$/.test(new URL(r.url()).pathname) && reason !== 'net::ERR_ABORTED') {
      errors.push(`failed: ${r.url()} ${reason}`);
    }
  });
  p.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await p.goto(MODES[mode](rel));
  return { p, errors };
}

/** Whether the element with id `id` is (at least partly) inside the viewport, after scrolling settled. */
async function assertInViewport(p, id) {
  await p.waitForFunction((anchor) => {
    const el = document.getElementById(anchor);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.top >= -1;
  }, id, { timeout: 5000 }).catch(async () => {
    const info = await p.evaluate((anchor) => {
      const el = document.getElementById(anchor);
      return el ? { top: el.getBoundingClientRect().top, vh: window.innerHeight, scrollY: window.scrollY } : null;
    }, id);
    assert.fail(`#${id} is not in the viewport: ${JSON.stringify(info)}`);
  });
}

/** Types `q` into the header search box of the current page and presses Enter. */
async function typeInHeader(p, q) {
  await p.click('header form.kj-search input[name="q"]');
  await p.keyboard.type(q);
  assert.equal(await p.inputValue('header form.kj-search input[name="q"]'), q);
  await p.keyboard.press('Enter');
}

for (const mode of Object.keys(MODES)) {
  test(`${mode}: a Japanese query from a content page's header, then the first result to its anchor`, async () => {
    const { p, errors } = await open(mode, 'important/selection.html');
    await typeInHeader(p, '待機室');
    await p.waitForURL((u) => /\/search\.html\?q=/.test(u.href));
    assert.ok(p.url().startsWith(MODES[mode]('search.html')), `on the site's search.html: ${p.url()}`);
    await p.waitForSelector('#kj-search-results a.kj-search-hit-link');
    assert.match(await p.textContent('#kj-search-results .kj-search-status'), /「待機室」の検索結果: \d+件/);
    assert.equal(await p.inputValue('#kj-q-main'), '待機室');
    const first = p.locator('#kj-search-results a.kj-search-hit-link').first();
    assert.equal(await first.locator('.kj-search-hit-id').textContent(), 'CS-6.2-2-3');
    assert.equal(await first.getAttribute('href'), 'web-meetings/measures.html#CS-6.2-2-3');
    assert.equal(await p.locator('#kj-search-results .kj-search-hit').first().locator('mark').first().textContent(), '待機室');
    await first.click();
    await p.waitForURL(urlPattern(mode, 'web-meetings/measures.html#CS-6.2-2-3'));
    await assertInViewport(p, 'CS-6.2-2-3');
    assert.ok(await p.evaluate(() => window.scrollY > 0), 'the page scrolled to the provision');
    assert.match(await p.textContent('[id="CS-6.2-2-3"]'), /待機室を設けて/);
    assert.deepEqual(errors, []);
    await p.close();
  });

  test(`${mode}: a Japanese two-word query typed on search.html updates the results live`, async () => {
    const { p, errors } = await open(mode, 'search.html');
    await p.click('#kj-q-main');
    await p.keyboard.type('監査 受入れ');
    await p.waitForFunction(() => /「監査 受入れ」の検索結果/.test(document.querySelector('#kj-search-results').textContent));
    const first = p.locator('#kj-search-results a.kj-search-hit-link').first();
    assert.equal(await first.locator('.kj-search-hit-id').textContent(), 'CS-3.1-8-8');
    await p.keyboard.press('ArrowDown');
    assert.equal(await p.evaluate(() => document.activeElement.getAttribute('href')), 'important/selection.html#CS-3.1-8-8');
    await p.keyboard.press('Enter');
    await p.waitForURL(urlPattern(mode, 'important/selection.html#CS-3.1-8-8'));
    await assertInViewport(p, 'CS-3.1-8-8');
    assert.deepEqual(errors, []);
    await p.close();
  });

  test(`${mode}: an ID typed into the header of a page two folders down lands on the anchor`, async () => {
    const { p, errors } = await open(mode, 'web-meetings/examples/seminar.html');
    await typeInHeader(p, 'CS-3.3-1-a-2');
    await p.waitForURL(urlPattern(mode, 'important/construction.html#CS-3.3-1-a-2'));
    await assertInViewport(p, 'CS-3.3-1-a-2');
    await p.goBack();
    await p.waitForURL(urlPattern(mode, 'web-meetings/examples/seminar.html'));
    assert.deepEqual(errors, []);
    await p.close();
  });

  test(`${mode}: a citation typed into the header lands on the provision`, async () => {
    const { p, errors } = await open(mode, 'basics.html');
    await typeInHeader(p, '3.3①(ア)');
    await p.waitForURL(urlPattern(mode, 'important/construction.html#CS-3.3-1-a'));
    await assertInViewport(p, 'CS-3.3-1-a');
    assert.deepEqual(errors, []);
    await p.close();
  });
}

test('http: every request stayed under the base path and found its file', () => {
  const bad = requests.filter((r) => r.path !== '/favicon.ico' && (!r.path.startsWith(BASE) || r.status !== 200));
  assert.ok(requests.length > 0, 'the http tests made requests');
  assert.deepEqual(bad, [], 'requests outside /portal/ or not found');
});
