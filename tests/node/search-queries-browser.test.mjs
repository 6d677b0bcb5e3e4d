// Search quality in Chromium on the REAL standard, through the results page staff use: content/ is
// built with build/kijun, search.html is opened (a) over http and (b) from file://, and every query
// of tests/data/search-queries.json is typed into the page's search box and sent with Enter. The
// rank of a query is the position of the first listed result that links to the expected
// provision's place (its page and anchor). Reports recall@1, recall@5 and MRR for each query set
// ("set" in the file: the original set and the staff-question set); fails when a query's provision
// is not in the first 5, or when the staff-question set's MRR is below 0.9.
// Fails (never skips) when Chromium or the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, serveDir } from './lib/browser.mjs';
import { REPO_ROOT } from './lib/search.mjs';
import { buildSite } from './lib/source.mjs';

const QUERIES_FILE = path.join(REPO_ROOT, 'tests/data/search-queries.json');
const TOP = 5;
const MIN_MRR_NEW = 0.9;

let site;
let server;
let browser;

before(async () => {
  site = buildSite();
  server = await serveDir(site);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** Types each query into search.html's box, presses Enter, and returns the 1-based rank of the
 *  first result linking to the expected provision's URL (0 = not listed). */
async function ranks(url, queries) {
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(url);
  await p.waitForFunction(() => window.KijunSearch && window.KIJUN_SEARCH);
  const out = [];
  for (const { q, expect } of queries) {
    await p.fill('#kj-q-main', '');
    await p.fill('#kj-q-main', q);
    await p.press('#kj-q-main', 'Enter');
    await p.waitForFunction((text) => {
      const s = document.querySelector('#kj-search-results .kj-search-status');
      return s && s.textContent.indexOf('「' + text + '」') >= 0;
    }, q);
    const r = await p.evaluate((id) => {
      const doc = window.KIJUN_SEARCH.docs[id];
      if (!doc) return { missing: true };
      const a = document.createElement('a');
      a.setAttribute('href', window.KijunSearch.pageUrl(doc.url));
      const want = a.href;
      const links = Array.from(document.querySelectorAll('#kj-search-results a.kj-search-hit-link'), (l) => l.href);
      return { rank: links.indexOf(want) + 1, total: links.length, top: links.slice(0, 5).map((h) => h.replace(/^.*\//, '')) };
    }, expect);
    assert.ok(!r.missing, `${q}: expected ID ${expect} is not a provision of the site`);
    out.push({ q, expect, ...r });
  }
  await p.close();
  assert.deepEqual(errors, [], 'no page errors');
  return out;
}

function figures(rows) {
  const at = (k) => rows.filter((r) => r.rank >= 1 && r.rank <= k).length;
  const mrr = rows.reduce((a, r) => a + (r.rank ? 1 / r.rank : 0), 0) / rows.length;
  return { n: rows.length, r1: at(1), r5: at(TOP), mrr };
}

const MODES = {
  http: () => `${server.url}search.html`,
  file: () => pathToFileURL(path.join(site, 'search.html')).href,
};

for (const mode of Object.keys(MODES)) {
  test(`${mode}: recall@1, recall@5 and MRR of every query typed into search.html in Chromium`, async () => {
    const { queries } = JSON.parse(fs.readFileSync(QUERIES_FILE, 'utf8'));
    const rows = await ranks(MODES[mode](), queries);
    const sets = new Map();
    queries.forEach((qq, i) => {
      const name = qq.set || 'original';
      if (!sets.has(name)) sets.set(name, []);
      sets.get(name).push(rows[i]);
    });
    const lines = [];
    for (const [name, list] of sets) {
      const f = figures(list);
      lines.push(`search[${mode}] ${name}: ${f.n} queries, recall@1 ${f.r1}/${f.n} (${(100 * f.r1 / f.n).toFixed(1)}%), ` +
        `recall@5 ${f.r5}/${f.n} (${(100 * f.r5 / f.n).toFixed(1)}%), MRR ${f.mrr.toFixed(3)}`);
    }
    const misses = rows.filter((r) => !(r.rank >= 1 && r.rank <= TOP));
    const weak = rows.filter((r) => r.rank > 1 && r.rank <= TOP);
    for (const l of lines) console.log(l);
    for (const r of weak) console.log(`search[${mode}]   rank ${r.rank}: 「${r.q}」 → ${r.expect}; top: ${r.top.join(' ')}`);
    const report = misses.map((r) => `  「${r.q}」 expected ${r.expect}: ${r.rank ? `rank ${r.rank}` : 'not listed'} ` +
      `of ${r.total}; top: ${r.top.join(' ') || '(none)'}`).join('\n');
    if (misses.length) console.log(`search[${mode}] misses:\n${report}`);
    assert.equal(misses.length, 0, `${lines.join('\n')}\nmisses:\n${report}`);
    const staff = sets.get('staff');
    assert.ok(staff && staff.length >= 40, 'the staff-question set has at least 40 queries');
    assert.ok(figures(staff).mrr >= MIN_MRR_NEW, `staff-question set MRR ${figures(staff).mrr.toFixed(3)} >= ${MIN_MRR_NEW}`);
  });
}
