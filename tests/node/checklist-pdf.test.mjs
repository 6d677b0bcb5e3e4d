// Printing: each checklist printed by Chromium to an A4 PDF, read back with poppler (pdfinfo,
// pdftotext, pdffonts): page size and count, the header on page 1 and the running head after it,
// 「k / N」 on every page, every item's ID and wording with no row split across pages, the sign-off
// block, no navigation or buttons or URLs, an embedded Japanese font, and the answers ticked on
// screen printed as ■. A standard page and the comparison page print cleanly too.
// Set KIJUN_PDF_DIR to keep the PDFs (e.g. to hand them out); they go to a temporary folder otherwise.
// Fails (never skips) when Chromium, poppler or the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from './lib/source.mjs';
import { launchBrowser, serveDir } from './lib/browser.mjs';
import { CHECKLISTS, printPdf, pdfInfo, pdfPages, pdfFonts, noSpace } from './lib/checklists.mjs';

let site;
let server;
let browser;
let context;
const keep = process.env.KIJUN_PDF_DIR;
const outDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-pdf-'));
const summary = [];

before(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  site = buildSite();
  server = await serveDir(site);
  browser = await launchBrowser();
  context = await browser.newContext();
});

after(async () => {
  if (summary.length) console.log(`printed checklists (A4):\n${summary.join('\n')}`);
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
  if (!keep) fs.rmSync(outDir, { recursive: true, force: true });
});

// Words of the screen that must not reach paper.
const SCREEN_ONLY = ['本文へ移動', '目次', '要件一覧', '検索', 'このページの内容', '印刷する', '入力を消去する',
  'CSV(Excel用)', '前へ', '次へ', 'ホーム', '参照元', 'コピー'];

async function print(rel, file, prepare) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + rel);
  if (prepare) await prepare(page);
  const rows = await page.$$eval('tr.kj-cl-item', (trs) => trs.map((tr) => ({
    number: tr.querySelector('.kj-cl-no').textContent.trim(),
    ids: [...tr.querySelectorAll('.kj-cl-req .kj-id')].map((e) => e.textContent),
    wording: tr.querySelector('.kj-cl-text').textContent,
  })));
  const pdf = path.join(outDir, file);
  await printPdf(page, pdf);
  await page.close();
  assert.deepEqual(errors, []);
  return { pdf, rows };
}

function checkPages(pdf, expectedPages, label) {
  const info = pdfInfo(pdf);
  assert.match(info['Page size'], /^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, `${label}: A4 portrait`);
  const count = Number(info.Pages);
  if (expectedPages !== undefined) assert.equal(count, expectedPages, `${label}: page count`);
  const pages = pdfPages(pdf, count);
  pages.forEach((text, i) => {
    assert.match(text, new RegExp(`(^|\\n)\\s*${i + 1} / ${count}\\s*(\\n|$)`), `${label}: 「${i + 1} / ${count}」 on page ${i + 1}`);
  });
  const all = pages.join('\n');
  for (const word of SCREEN_ONLY) assert.ok(!all.includes(word), `${label}: 「${word}」 printed`);
  assert.ok(!/https?:|file:|\.html/.test(all), `${label}: a URL printed`);
  const japanese = pdfFonts(pdf).filter((f) => /IPA|Noto.*CJK|Gothic|Mincho/i.test(f.name) && f.emb === 'yes');
  assert.ok(japanese.length > 0, `${label}: no embedded Japanese font in\n${pdfFonts(pdf).map((f) => f.line).join('\n')}`);
  return { count, pages };
}

for (const c of CHECKLISTS) {
  test(`${c.title}: A4 PDF with header, table, sign-off and page numbers, no navigation`, async () => {
    const ticked = c.url.endsWith('important-selection.html');
    const { pdf, rows } = await print(c.url, path.basename(c.url, '.html') + '.pdf', ticked ? async (page) => {
      await page.check('#item-1 input[value="yes"]');
      await page.check('#item-2 input[value="no"]');
      await page.fill('#item-2 textarea[data-note]', '確認中');
      await page.fill('input[data-signoff="department"]', '情報政策課');
    } : undefined);
    const { count, pages } = checkPages(pdf, c.pages, c.url);
    summary.push(`  ${String(count).padStart(2)} pages  ${String(rows.length).padStart(2)} items  ${c.title}`);
    const flat = pages.map(noSpace);

    // The header: the standard's name, edition, 施行日 and the checklist's name on page 1,
    // the name and edition with the checklist's name on top of the others.
    for (const s of ['北九州市「クラウドサービス利用基準」第1.1版', '施行日令和7年4月1日', noSpace(c.title)]) {
      assert.ok(flat[0].includes(s), `${c.url}: header 「${s}」`);
    }
    for (let i = 1; i < count; i++) {
      assert.ok(flat[i].includes(noSpace(`北九州市 クラウドサービス利用基準 第1.1版 | ${c.title}`)), `${c.url}: running head on page ${i + 1}`);
    }
    // The table's column heads, on every page the table reaches.
    assert.ok(flat[0].includes(c.fields === c.items ? '登録項目' : 'No.要件確認項目はいいいえ該当なし備考'), `${c.url}: column heads`);

    // Every item: its number, IDs and whole wording on one page (no row split across pages).
    assert.equal(rows.length, c.items);
    let at = 0;
    for (const r of rows) {
      const key = noSpace(`${r.number}${r.ids[0]}`);
      while (at < count && !flat[at].includes(key)) at++;
      assert.ok(at < count, `${c.url}: No.${r.number} ${r.ids[0]} not printed (or out of order)`);
      for (const id of r.ids) assert.ok(flat[at].includes(id), `${c.url}: ${id} not on page ${at + 1} with its row`);
      assert.ok(flat[at].includes(noSpace(r.wording)), `${c.url}: No.${r.number} not whole on page ${at + 1}`);
    }

    // The sign-off block, after the last item.
    const last = flat[count - 1];
    for (const s of ['確認欄', '所属', '確認者', '確認日', '所属長確認']) assert.ok(last.includes(s), `${c.url}: sign-off 「${s}」`);

    if (ticked) {
      // What was ticked on screen is what is printed: ■ in the chosen column, □ in the others.
      const all = flat.join('');
      assert.equal((all.match(/■/g) ?? []).length, 2, 'two answers ticked');
      assert.ok(all.includes(`${noSpace(rows[0].wording)}■□□`), 'No.1 printed as はい');
      assert.ok(all.includes(`${noSpace(rows[1].wording)}□■□確認中`), 'No.2 printed as いいえ, with its note');
      assert.ok(last.includes('所属情報政策課'), 'the typed 所属 is printed');
    } else {
      assert.ok(!flat.join('').includes('■'), 'nothing ticked');
    }
  });
}

test('a page of the standard prints without navigation, with page numbers and its provisions whole', async () => {
  const { pdf } = await print('important/construction.html', 'standard-3.3.pdf');
  const { pages } = checkPages(pdf, undefined, '3.3');
  const flat = pages.map(noSpace);
  assert.ok(flat[0].includes('3.3クラウドサービスを利用した情報システムの導入・構築時の対策'));
  // Each ・ measure of 3.3① sits whole on one page.
  const site3 = JSON.parse(fs.readFileSync(path.join(site, 'requirements.json'), 'utf8')).requirements
    .filter((r) => /^CS-3\.3-1-[a-d]-\d$/.test(r.id));
  assert.ok(site3.length > 15);
  for (const r of site3) {
    const words = noSpace(r.text);
    assert.ok(flat.some((p) => p.includes(words)), `${r.id} split across pages or missing`);
  }
});

test('the comparison page of the web-meeting examples prints both examples side by side', async () => {
  const { pdf } = await print('web-meetings/examples/comparison.html', 'comparison.pdf');
  const { pages } = checkPages(pdf, 1, 'comparison');
  const flat = noSpace(pages[0]);
  for (const s of ['ウェブ会議の開催例の比較', '6.4(1)重要情報資産を取り扱う会議', '6.4(2)重要情報資産を取り扱わない事前申し込みを必要とする講習会',
    '待機室', 'CS-6.2-2-3']) {
    assert.ok(flat.includes(s), `comparison: 「${s}」`);
  }
});
