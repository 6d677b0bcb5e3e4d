// Benchmark: search in Chromium on a built site, from file://. Asserts nothing.
//   node bench/search_browser.mjs SITE_DIR [QUERY ...]
// For each query, in a fresh page: the time until search.html has loaded (its scripts included:
// with one search file that is the whole index), then the time from that until the first result is
// shown, and how many search files and bytes the page loaded. Repeated 3 times; the median is printed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../tests/node/lib/browser.mjs';

const [site, ...args] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search_browser.mjs SITE_DIR [QUERY ...]');
  process.exit(2);
}
const queries = args.length ? args : ['ログ 保存期間', '待機室', 'クラウドサービス 契約', 'CS-1-1'];
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const browser = await launchBrowser();
const sharded = fs.existsSync(path.join(site, 'assets/js/search'));
console.log(`${site}: ${sharded ? 'sharded search data' : 'one search file'} (search-data.js ${
  (fs.statSync(path.join(site, 'assets/js/search-data.js')).size / 1e6).toFixed(2)} MB)`);
for (const q of queries) {
  const load = [], first = [], files = [], bytes = [], termBytes = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage();
    let n = 0, b = 0, tb = 0;
    page.on('requestfinished', (r) => {
      if (/\/assets\/js\/search(-data\.js|\/)/.test(r.url())) {
        n++;
        try {
          const size = fs.statSync(new URL(r.url())).size;
          b += size;
          if (/\/t-\d+\.js$/.test(r.url())) tb += size;
        } catch { /* not a file */ }
      }
    });
    const url = pathToFileURL(path.join(site, 'search.html')).href + '?q=' + encodeURIComponent(q);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 600000 });
    const t1 = Date.now();
    await page.waitForFunction(() => {
      const c = document.getElementById('kj-search-results');
      return location.hash.length > 1 || location.pathname.indexOf('search.html') < 0 ||
        (c && c.querySelector('a.kj-search-hit-link, .kj-search-jump, .kj-search-status:not(:empty)') &&
         !/読み込んでいます/.test(c.textContent));
    }, null, { timeout: 600000, polling: 10 });
    const t2 = Date.now();
    load.push(t1 - t0);
    first.push(t2 - t1);
    files.push(n);
    bytes.push(b);
    termBytes.push(tb);
    await page.close();
  }
  console.log(`  「${q}」: page loaded ${median(load)} ms, first result ${median(first)} ms after, ` +
    `${median(files)} search files, ${(median(bytes) / 1e6).toFixed(2)} MB (index ${(median(termBytes) / 1e6).toFixed(2)} MB)`);
}
await browser.close();
