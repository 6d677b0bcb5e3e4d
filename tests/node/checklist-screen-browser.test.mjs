// Checklists on a wide screen, in Chromium: the column heads stay visible under the sticky toolbar,
// keyboard focus never ends up hidden under either (WCAG 2.2 2.4.11, tested by tabbing backwards),
// 該当なし has its own colour, the reset is announced, and the printout is the same with background
// graphics on or off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { useSiteInBrowser } from './lib/site-browser.mjs';

const OPERATION = 'checklists/important-operation.html';

const fx = useSiteInBrowser();

/** A binary PGM (pdftoppm -gray): { width, height, pixels }. */
function readPgm(file) {
  const data = fs.readFileSync(file);
  const m = data.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+\d+\s/);
  assert.ok(m, `${file} is not a PGM`);
  return { width: +m[1], height: +m[2], pixels: data.subarray(m[0].length) };
}

async function open(rel, viewport = { width: 1280, height: 800 }) {
  const context = await fx.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(fx.url(rel));
  await page.waitForSelector('.kj-cl-toolbar:not([hidden])');
  return { context, page };
}

/** The bottom edge of what covers the top of the window: the toolbar and the visible column heads. */
const coveredBottom = (page) => page.evaluate(() => {
  let bottom = document.querySelector('.kj-cl-toolbar').getBoundingClientRect().bottom;
  for (const head of document.querySelectorAll('.kj-cl-table thead')) {
    const r = head.getBoundingClientRect();
    if (r.top < bottom + 1 && r.bottom > 0) bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
});

test('the column heads stay visible under the toolbar once the table scrolls', async () => {
  const { context, page } = await open(OPERATION);
  await page.evaluate(() => {
    const rows = document.querySelectorAll('tr.kj-cl-item');
    rows[Math.floor(rows.length / 2)].scrollIntoView();
  });
  const { toolbar, head, label } = await page.evaluate(() => {
    const th = document.querySelector('.kj-cl-table thead th:nth-child(4)');
    return { toolbar: document.querySelector('.kj-cl-toolbar').getBoundingClientRect().bottom,
      head: th.getBoundingClientRect().top, label: th.textContent };
  });
  assert.equal(label, 'はい');
  assert.ok(Math.abs(head - toolbar) <= 2, `the heads sit under the toolbar (toolbar ends at ${toolbar}, heads start at ${head})`);
  await context.close();
});

test('tabbing backwards never leaves the focused control under the sticky toolbar or column heads', async () => {
  const { context, page } = await open(OPERATION);
  const total = await page.$$eval('.kj-cl-table input, .kj-cl-table textarea', (els) => els.length);
  assert.ok(total > 100);
  // Start after the last control of the table and walk back over all of them.
  await page.focus('.kj-cl-signoff input');
  const hidden = [];
  let seen = 0;
  for (let i = 0; i < total + 5; i++) {
    await page.keyboard.press('Shift+Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el.closest('.kj-cl-table')) return null;
      // A radio's visible control is its cell; a note its textarea.
      const box = (el.closest('td') || el).getBoundingClientRect();
      return { top: box.top, name: el.name || el.getAttribute('aria-label') };
    });
    if (!r) continue;
    seen++;
    const bottom = await coveredBottom(page);
    if (r.top < bottom - 1) hidden.push(`${r.name} at ${Math.round(r.top)} under ${Math.round(bottom)}`);
  }
  assert.ok(seen > 50, `walked over ${seen} controls`);
  assert.deepEqual(hidden, []);
  await context.close();
});

test('該当なし is not shown in はい\'s colour, and the reset is announced', async () => {
  const { context, page } = await open(OPERATION);
  await page.click('#item-1 .kj-cl-yes label');
  await page.click('#item-2 .kj-cl-na label');
  const yes = await page.$eval('#item-1 .kj-cl-yes', (td) => getComputedStyle(td).backgroundColor);
  const na = await page.$eval('#item-2 .kj-cl-na', (td) => getComputedStyle(td).backgroundColor);
  const none = await page.$eval('#item-3 .kj-cl-na', (td) => getComputedStyle(td).backgroundColor);
  assert.notEqual(na, yes);
  assert.notEqual(na, none, '該当なし is still marked');
  page.once('dialog', (d) => d.accept());
  await page.click('.kj-cl-reset');
  assert.equal(await page.textContent('.kj-cl-done'), '0');
  assert.match(await page.textContent('.kj-cl-status[role="status"]'), /消去しました/);
  await context.close();
});

test('a ticked checklist prints the same with background graphics on or off', async () => {
  const { context, page } = await open(OPERATION);
  await page.click('#item-1 .kj-cl-yes label');
  await page.click('#item-2 .kj-cl-no-answer label');
  await page.click('#item-3 .kj-cl-na label');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-print-'));
  try {
    const pictures = [];
    for (const printBackground of [false, true]) {
      const pdf = path.join(dir, `bg-${printBackground}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground });
      const prefix = path.join(dir, `bg-${printBackground}`);
      const r = spawnSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '2', pdf, prefix]);
      assert.equal(r.status, 0, String(r.stderr));
      pictures.push(fs.readdirSync(dir).filter((f) => f.startsWith(`bg-${printBackground}-`)).sort()
        .map((f) => readPgm(path.join(dir, f))));
    }
    assert.equal(pictures[0].length, 2);
    assert.equal(pictures[1].length, pictures[0].length);
    pictures[0].forEach((img, i) => {
      const other = pictures[1][i];
      assert.equal(img.pixels.length, other.pixels.length);
      // Anti-aliasing may differ by a grey level or two; a coloured cell differs by far more.
      let differing = 0;
      for (let k = 0; k < img.pixels.length; k++) if (Math.abs(img.pixels[k] - other.pixels[k]) > 8) differing++;
      assert.equal(differing, 0, `printed page ${i + 1}: ${differing} pixels differ`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  }
});
