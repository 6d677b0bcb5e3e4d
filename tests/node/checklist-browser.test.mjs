// Checklists in Chromium (Debian's, via playwright-core), over http and from file://: ticks, notes,
// form fields and the sign-off survive a reload and a browser restart, each checklist keeps its own,
// the done count follows, reset and print work, and the page reads fine without JavaScript.
// Fails (never skips) when Chromium or the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSite } from './lib/source.mjs';
import { launchBrowser, launchPersistent, serveDir } from './lib/browser.mjs';

const SELECTION = 'checklists/important-selection.html';
const CONSTRUCTION = 'checklists/important-construction.html';
const APPLICATION = 'checklists/application.html';

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

const httpUrl = (rel) => server.url + rel;
const fileUrl = (rel) => pathToFileURL(path.join(site, rel)).href;

async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  // Every file the page loads exists (the browser's own favicon request aside).
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(url);
  return { page, errors };
}

const radio = (n, value) => `#item-${n} input[type="radio"][value="${value}"]`;
const done = (page) => page.textContent('.kj-cl-done');
const checkedAnswers = (page) => page.$$eval('tr.kj-cl-item', (trs) => trs.map((tr) => {
  const r = tr.querySelector('input[type="radio"]:checked');
  return r ? r.value : '';
}));

async function tickTwoAndReload(url) {
  const context = await browser.newContext();
  try {
    const { page, errors } = await open(context, url);
    assert.equal(await page.isVisible('.kj-cl-toolbar'), true, 'the toolbar shows once the script runs');
    assert.equal(await done(page), '0');
    // Click the labels, as staff do.
    await page.click(`#item-1 .kj-cl-yes label`);
    await page.click(`#item-3 .kj-cl-no-answer label`);
    assert.equal(await done(page), '2');
    assert.match(await page.textContent('.kj-cl-tally'), /はい 1・いいえ 1・該当なし 0/);

    await page.reload();
    assert.equal(await page.isChecked(radio(1, 'yes')), true, 'item 1 still はい after reload');
    assert.equal(await page.isChecked(radio(3, 'no')), true, 'item 3 still いいえ after reload');
    assert.equal(await done(page), '2');
    const answers = await checkedAnswers(page);
    assert.deepEqual(answers.filter(Boolean), ['yes', 'no']);

    // Stored per checklist page, keyed by provision ID.
    const stored = await page.evaluate(() => {
      const key = document.querySelector('.kj-checklist').getAttribute('data-storage-key');
      return { key, value: JSON.parse(localStorage.getItem(key)) };
    });
    assert.equal(stored.key, `kijun-checklist:${SELECTION}`);
    assert.deepEqual(stored.value.answers, { 'CS-3.1-2': 'yes', 'CS-3.1-4': 'no' });

    // The same page opened afresh (not a form restored by the browser) shows them too.
    const again = await open(context, url);
    assert.deepEqual((await checkedAnswers(again.page)).filter(Boolean), ['yes', 'no']);
    assert.deepEqual(again.errors, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

test('over http: tick two items, reload, the ticks are still there', async () => {
  await tickTwoAndReload(httpUrl(SELECTION));
});

test('from file://: tick two items, reload, the ticks are still there', async () => {
  await tickTwoAndReload(fileUrl(SELECTION));
});

test('each checklist keeps its own ticks; clicking the chosen answer again takes it back', async () => {
  const context = await browser.newContext();
  try {
    const a = await open(context, httpUrl(SELECTION));
    await a.page.check(radio(2, 'na'));
    const b = await open(context, httpUrl(CONSTRUCTION));
    assert.equal(await done(b.page), '0', 'another checklist starts empty');
    await b.page.check(radio(1, 'yes'));
    await a.page.reload();
    assert.equal(await done(a.page), '1');
    assert.equal(await a.page.isChecked(radio(1, 'yes')), false);

    await a.page.click('#item-2 .kj-cl-na label');
    assert.equal(await a.page.isChecked(radio(2, 'na')), false, 'clicked again: no answer');
    assert.equal(await done(a.page), '0');
    await a.page.reload();
    assert.equal(await done(a.page), '0');
    await b.page.reload();
    assert.equal(await done(b.page), '1');
    assert.deepEqual([...a.errors, ...b.errors], []);
  } finally {
    await context.close();
  }
});

test('notes, form fields and the sign-off are kept, and copied for printing', async () => {
  const context = await browser.newContext();
  try {
    const { page, errors } = await open(context, httpUrl(APPLICATION));
    assert.match(await page.textContent('.kj-cl-progress'), /記入済み 0 \/ 9 項目/);
    const field = 'tr.kj-cl-item:has(textarea[data-field]) textarea';
    await page.fill(`${field} >> nth=0`, '電子申請サービス');
    await page.fill('#item-1 textarea[data-note]', '申請書を添付');
    await page.fill('input[data-signoff="department"]', '総務課');
    await page.fill('input[data-signoff="name"]', '北九 太郎');
    await page.reload();
    assert.equal(await page.inputValue(`${field} >> nth=0`), '電子申請サービス');
    assert.equal(await page.inputValue('#item-1 textarea[data-note]'), '申請書を添付');
    assert.equal(await page.inputValue('input[data-signoff="department"]'), '総務課');
    assert.equal(await page.inputValue('input[data-signoff="name"]'), '北九 太郎');
    assert.match(await page.textContent('.kj-cl-progress'), /記入済み 1 \/ 9 項目/);
    // What print shows instead of the controls.
    assert.equal(await page.textContent('#item-1 .kj-cl-printed'), '申請書を添付');
    assert.equal(await page.textContent('input[data-signoff="name"] + .kj-cl-printed'), '北九 太郎');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('reset asks first, then clears the checklist; print opens the print dialog', async () => {
  const context = await browser.newContext();
  try {
    const { page, errors } = await open(context, httpUrl(SELECTION));
    await page.check(radio(1, 'yes'));
    await page.fill('#item-1 textarea[data-note]', 'メモ');
    const dialogs = [];
    page.once('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.click('.kj-cl-reset');
    assert.equal(await done(page), '1', 'cancelled: nothing cleared');
    page.once('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
    await page.click('.kj-cl-reset');
    assert.equal(dialogs.length, 2);
    assert.match(dialogs[0], /消去/);
    assert.equal(await done(page), '0');
    assert.equal(await page.inputValue('#item-1 textarea[data-note]'), '');
    assert.equal(await page.evaluate(() => localStorage.getItem('kijun-checklist:checklists/important-selection.html')), null);
    await page.reload();
    assert.equal(await page.isChecked(radio(1, 'yes')), false);

    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
    await page.click('.kj-cl-print-button');
    assert.equal(await page.evaluate(() => window.__printed), 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('ticks survive closing and reopening the browser (persistent profile)', async () => {
  const browserWithProfile = await launchPersistent();
  try {
    let page = await browserWithProfile.context.newPage();
    await page.goto(httpUrl(CONSTRUCTION));
    await page.check(radio(4, 'yes'));
    await page.check(radio(5, 'na'));
    await browserWithProfile.reopen();
    page = await browserWithProfile.context.newPage();
    await page.goto(httpUrl(CONSTRUCTION));
    assert.equal(await page.isChecked(radio(4, 'yes')), true);
    assert.equal(await page.isChecked(radio(5, 'na')), true);
    assert.equal(await done(page), '2');
  } finally {
    await browserWithProfile.remove();
  }
});

test('without JavaScript the checklist is all there: items, answers, sign-off; no dead buttons', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const { page } = await open(context, httpUrl(SELECTION));
    assert.equal(await page.isVisible('.kj-cl-toolbar'), false);
    assert.equal(await page.isVisible('.kj-cl-print-button'), false);
    assert.equal(await page.locator('tr.kj-cl-item').count(), 23);
    assert.equal(await page.isVisible('#item-23 .kj-cl-text'), true);
    assert.match(await page.textContent('#item-1 .kj-cl-text'), /所属長は、取り扱う情報の格付に応じて/);
    assert.equal(await page.isVisible('.kj-cl-signoff'), true);
    // The radios still work (they are not stored).
    await page.check(radio(1, 'yes'));
    assert.equal(await page.isChecked(radio(1, 'yes')), true);
  } finally {
    await context.close();
  }
});

test('on a phone the items stack with their answers labelled', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const { page, errors } = await open(context, httpUrl(SELECTION));
    assert.equal(await page.isVisible('#item-1 .kj-cl-yes .kj-cl-choice'), true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
