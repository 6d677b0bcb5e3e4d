// search.js in Chromium, from file://, on a small site whose index comes from kijun's C++ emitter
// (kijun_lunr_emit, see search-lunr-parity.test.mjs): results page, live search, IME composition,
// ID / citation jumps from the results page and from another page's header form, keyboard use.
// Fails (never skips) when the emitter or Chromium is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import {
  LUNR_JS, TOKENIZER_JS, SEARCH_JS, loadTokenizer, emitIndex, uiCorpus, uiSearchData, tmpDir, chromiumPath,
} from './lib/search.mjs';

const T = loadTokenizer();
let browser;
let site;

function page(file, { root, body, scripts }) {
  return `<!DOCTYPE html>
<html lang="ja" data-root="${root}"><head><meta charset="utf-8"><title>${file}</title></head><body>
<header><form class="kj-search" role="search" action="${root}search.html" method="get">
<label for="kj-q">基準内を検索</label><input id="kj-q" name="q" type="search" autocomplete="off"><button type="submit">検索</button>
</form><a href="${root}requirements.html">要件一覧</a></header>
<main id="content">${body}</main>
${scripts ? ['lunr.js', 'tokenizer.js', 'search-data.js', 'search.js'].map((s) => `<script src="${root}assets/js/${s}"></script>`).join('\n') : ''}
</body></html>`;
}

function buildSite() {
  const dir = tmpDir('kijun-search-browser-');
  const corpus = uiCorpus();
  const data = uiSearchData(T, emitIndex(corpus));
  fs.mkdirSync(path.join(dir, 'assets/js'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'important'), { recursive: true });
  fs.copyFileSync(LUNR_JS, path.join(dir, 'assets/js/lunr.js'));
  fs.copyFileSync(TOKENIZER_JS, path.join(dir, 'assets/js/tokenizer.js'));
  fs.copyFileSync(SEARCH_JS, path.join(dir, 'assets/js/search.js'));
  fs.writeFileSync(path.join(dir, 'assets/js/search-data.js'),
    `window.KIJUN_SEARCH = ${JSON.stringify(data).replace(/<\//g, '<\\/')};\n`);
  fs.writeFileSync(path.join(dir, 'search.html'), page('search', {
    root: '',
    scripts: true,
    body: `<h1>検索</h1><form class="kj-search kj-search-main" role="search" action="search.html" method="get">
<input id="kj-q-main" name="q" type="search"><button type="submit">検索</button></form>
<div id="kj-search-results" aria-live="polite"></div>`,
  }));
  const anchors = Object.values(data.docs).filter((d) => d.url.startsWith('important/measures.html'))
    .map((d) => `<p id="${d.id}">${d.citation} ${d.text}</p>`).join('\n');
  fs.writeFileSync(path.join(dir, 'important/measures.html'), page('measures', { root: '../', body: anchors }));
  for (const f of ['requirements.html', 'guide.html', 'procedures.html']) {
    fs.writeFileSync(path.join(dir, f), page(f, { root: '', body: `<h1 id="CS-5">${f}</h1>` }));
  }
  return dir;
}

function url(rel) {
  const at = rel.search(/[?#]/);
  const file = at < 0 ? rel : rel.slice(0, at);
  return pathToFileURL(path.join(site, file)).href + (at < 0 ? '' : rel.slice(at));
}

before(async () => {
  site = buildSite();
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found: install it (tools/install-deps.sh) or set KIJUN_CHROMIUM');
  browser = await chromium.launch({
    executablePath: exe,
    args: typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

async function open(rel) {
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await p.goto(url(rel));
  return { p, errors };
}

const status = (p) => p.textContent('#kj-search-results .kj-search-status');

test('search.html?q= shows ranked results with citation, ID, section and <mark> (C++ index)', async () => {
  const { p, errors } = await open('search.html?q=' + encodeURIComponent('情報セキュリティ'));
  assert.match(await status(p), /「情報セキュリティ」の検索結果: 2件/);
  assert.equal(await p.inputValue('#kj-q-main'), '情報セキュリティ');
  const marks = await p.$$eval('#kj-search-results mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marks, ['情報セキュリティ', '情報セキュリティ']);
  assert.ok(await p.$('#kj-search-results .kj-search-hit-citation'));
  assert.equal(await p.evaluate(() => window.PWNED), undefined, 'index text is not executed');
  assert.equal(await p.$('#kj-search-results img'), null);
  assert.deepEqual(errors, []);
  await p.close();
});

test('typing searches live; no search while an IME composition is open', async () => {
  const { p, errors } = await open('search.html');
  await p.click('#kj-q-main');
  await p.keyboard.type('待機室');
  await p.waitForFunction(() => /「待機室」の検索結果: 1件/.test(document.querySelector('#kj-search-results').textContent));
  assert.match(await p.evaluate(() => location.search + location.hash), /q=/);

  await p.fill('#kj-q-main', '');
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Input.imeSetComposition', { text: 'じょうほう', selectionStart: 5, selectionEnd: 5 });
  await p.waitForTimeout(600);
  assert.match(await status(p), /「待機室」の検索結果/, 'still the previous results during composition');
  await cdp.send('Input.insertText', { text: '情報' });
  await p.waitForFunction(() => /「情報」の検索結果/.test(document.querySelector('#kj-search-results').textContent));
  assert.deepEqual(errors, []);
  await p.close();
});

test('Enter on an ID or a citation on search.html jumps to the provision', async () => {
  const { p } = await open('search.html');
  await p.fill('#kj-q-main', 'cs-3.1-8-3');
  await p.press('#kj-q-main', 'Enter');
  await p.waitForURL(/important\/measures\.html#CS-3\.1-8-3$/);
  await p.goto(url('search.html'));
  await p.fill('#kj-q', '「3.3①（ア）」');
  await p.press('#kj-q', 'Enter');
  await p.waitForURL(/important\/measures\.html#CS-3\.3-1-a$/);
  await p.close();
});

test('a citation typed in the header of another page lands on the provision; Back returns there', async () => {
  const { p } = await open('important/measures.html');
  await p.fill('#kj-q', '3.1(8)③');
  await p.press('#kj-q', 'Enter');
  await p.waitForURL(/important\/measures\.html#CS-3\.1-8-3$/);
  await p.goBack();
  assert.match(p.url(), /important\/measures\.html$/, 'search.html was replaced in the history');
  await p.fill('#kj-q', 'ウェブ会議');
  await p.press('#kj-q', 'Enter');
  await p.waitForURL(/search\.html\?q=/);
  assert.match(await status(p), /「ウェブ会議」の検索結果: 2件/);
  const href = await p.getAttribute('#kj-search-results a.kj-search-hit-link', 'href');
  assert.match(href, /^important\/measures\.html#CS-6\.2-/);
  await p.close();
});

test('keyboard only: ArrowDown to the results, Enter follows the link to the anchor', async () => {
  const { p } = await open('search.html?q=' + encodeURIComponent('鍵'));
  await p.focus('#kj-q-main');
  await p.keyboard.press('ArrowDown');
  const first = await p.evaluate(() => document.activeElement.getAttribute('href'));
  assert.match(first, /#CS-/);
  await p.keyboard.press('ArrowDown');
  const second = await p.evaluate(() => document.activeElement.getAttribute('href'));
  assert.notEqual(second, first);
  await p.keyboard.press('Enter');
  await p.waitForURL(new RegExp(second.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'));
  await p.close();
});

test('nothing found: message with suggestions and a working 要件一覧 link', async () => {
  const { p } = await open('search.html?q=' + encodeURIComponent('存在しない語句'));
  assert.match(await p.textContent('#kj-search-results'), /見つかりませんでした/);
  await p.click('#kj-search-results a:text("要件一覧")');
  await p.waitForURL(/requirements\.html$/);
  await p.close();
});
