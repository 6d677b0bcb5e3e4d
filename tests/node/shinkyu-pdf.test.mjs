// The 新旧対照表 of the amendment fixture (tests/fixtures/sites/amendment, published as 第1.2版 in a
// temporary copy): printed by Chromium on A4 landscape with the running header (standard, both
// editions, 施行日) and 「k / N」 page numbers, every row of the fixture in the PDF's text, the
// 傍線 and 二重傍線 drawn in print, and the page fully readable without JavaScript.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/source.mjs';
import { launchBrowser, serveDir } from './lib/browser.mjs';
import { printPdf, pdfInfo, pdfPages, noSpace } from './lib/checklists.mjs';
import { kijun, scratchProject } from './lib/editions.mjs';

const dir = scratchProject(path.join(REPO_ROOT, 'tests/fixtures/sites/amendment'));
let server;
let browser;
const URL_PATH = 'shinkyu/1.1-1.2.html';
const ROWS = ['T-1-1', 'T-1-2', 'T-2-1', 'T-2-2', 'T-2-3', 'T-2-4', 'T-2-5', 'T-2-6'];

before(async () => {
  const p = kijun(dir, ['edition', 'publish', '第1.2版', '--effective', '2026-04-01', '--reason', '対策の見直し']);
  assert.equal(p.status, 0, p.stderr);
  const b = kijun(dir, ['build', '-q']);
  assert.equal(b.status, 0, b.stderr);
  server = await serveDir(path.join(dir, 'site'));
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the 新旧対照表 prints on A4 landscape with the running header, page numbers and every row', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + URL_PATH);
  await page.emulateMedia({ media: 'print' });
  const marks = await page.evaluate(() => {
    const style = (sel) => [...document.querySelectorAll(sel)].map((e) => {
      const s = getComputedStyle(e);
      return `${s.textDecorationLine} ${s.textDecorationStyle}`;
    });
    return { changed: style('.kj-sk-chg'), renumbered: style('.kj-sk-renum') };
  });
  assert.ok(marks.changed.length >= 8 && marks.changed.every((m) => m === 'underline solid'), JSON.stringify(marks));
  assert.ok(marks.renumbered.length >= 4 && marks.renumbered.every((m) => m === 'underline double'), JSON.stringify(marks));
  const pdf = path.join(dir, 'shinkyu.pdf');
  await printPdf(page, pdf);
  await context.close();

  const info = pdfInfo(pdf);
  assert.match(info['Page size'], /^84[12](\.\d+)? x 59[45](\.\d+)? pts \(A4\)/u, 'A4 landscape');
  const count = Number(info.Pages);
  const pages = pdfPages(pdf, count);
  pages.forEach((text, i) => {
    assert.ok(noSpace(text).includes('テスト基準新旧対照表第1.2版(改正後)/第1.1版(改正前)施行日令和8年4月1日'), `running header on page ${i + 1}`);
    assert.match(text, new RegExp(`(^|\\n)\\s*${i + 1} / ${count}\\s*(\\n|$)`, 'u'), `「${i + 1} / ${count}」 on page ${i + 1}`);
  });
  const all = noSpace(pages.join('\n'));
  for (const id of ROWS) assert.ok(all.includes(id), `row ${id} in the PDF`);
  for (const words of ['パスフレーズを定期的に', 'パスワードを定期的に', '認証情報は他人に教えないこと。', '不要なアカウントは削除すること。',
    '端末を施錠すること。', '(2)対象範囲', '(2)適用範囲', '及びウェブ会議サービス', '(3運用)', '(2対策)', '移動・番号変更', '(略)']) {
    assert.ok(all.includes(noSpace(words)), `「${words}」 in the PDF`);
  }
  assert.ok(!/https?:|\.html/u.test(pages.join('\n')), 'no URL printed');
});

test('the 新旧対照表 is fully readable without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + URL_PATH);
  const rows = await page.$$eval('tr.kj-sk-row', (trs) => trs.map((tr) => [tr.id, tr.querySelector('.kj-sk-kind').textContent]));
  assert.deepEqual(rows, [['T-1-1', '改正'], ['T-1-2', '改正'], ['T-2-1', '改正'], ['T-2-2', '改正'], ['T-2-3', '削除'], ['T-2-4', '番号変更'], ['T-2-5', '新設'], ['T-2-6', '移動・番号変更']]);
  const visible = await page.$$eval('tr.kj-sk-row', (trs) => trs.every((tr) => tr.getBoundingClientRect().height > 0));
  assert.ok(visible);
  await context.close();
});
