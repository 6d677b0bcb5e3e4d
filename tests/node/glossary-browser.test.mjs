// 用語集 in Chromium: reachable from the header and the home page over http and from file://; the
// first use of a term on a page of the standard leads to its entry, and the entry back to the
// provisions; printed on A4 with every term and without the screen's navigation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useSiteInBrowser } from './lib/site-browser.mjs';
import { printPdf, pdfInfo, pdfPages, noSpace } from './lib/checklists.mjs';

const fx = useSiteInBrowser();
const bases = () => [['http', fx.server.url], ['file', pathToFileURL(fx.site).href + '/']];

test('the glossary is linked from the header and the home page, over http and from file://', async () => {
  const page = await fx.browser.newPage();
  for (const [scheme, base] of bases()) {
    await page.goto(base + 'index.html');
    assert.equal(await page.locator('.kj-home-glossary a').getAttribute('href'), 'glossary.html', scheme);
    await page.goto(base + 'important/selection.html');
    const header = page.locator('.kj-top-links a.kj-glossary-link');
    assert.equal(await header.textContent(), '用語集', scheme);
    await header.click();
    await page.waitForURL(/glossary\.html$/);
    assert.equal(await page.locator('h1').textContent(), '用語集', scheme);
    assert.ok(await page.locator('.kj-glossary-entry').count() >= 25, `${scheme}: entries`);
  }
  await page.close();
});

test('the first use of a term on a page leads to its entry, and the entry back to the standard', async () => {
  const page = await fx.browser.newPage();
  for (const [scheme, base] of bases()) {
    await page.goto(base + 'judgement.html');
    // One link per term and page, none in a heading.
    const hrefs = await page.locator('a.term').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 5, `${scheme}: ${hrefs.length} term links`);
    assert.equal(new Set(hrefs).size, hrefs.length, `${scheme}: a term linked once per page`);
    assert.equal(await page.locator('h1 a.term, h2 a.term, h3 a.term').count(), 0);
    // 2(1): 機密性 is linked first, then 重要情報資産 (the term 2(1) defines).
    assert.deepEqual(await page.locator('#CS-2-1 ~ p').first().locator('a.term').allTextContents(), ['機密性', '重要情報資産']);
    const first = page.locator('#CS-2-1 ~ p a.term', { hasText: '重要情報資産' }).first();
    await first.click();
    await page.waitForURL(/glossary\.html#term-/);
    const target = page.locator('.kj-glossary-entry:target');
    assert.equal(await target.locator('dfn').textContent(), '重要情報資産', scheme);
    const definition = target.locator('.kj-glossary-definition a');
    assert.equal(await definition.textContent(), '2(1)');
    const used = await target.locator('.kj-glossary-used a').count();
    assert.ok(used >= 10, `${scheme}: 重要情報資産 used in ${used} provisions`);
    await definition.click();
    await page.waitForURL(/judgement\.html#CS-2-1$/);
  }
  // A document with a URL in site.yaml is an external link; the others stay citations.
  await page.goto(fx.url('important/selection.html'));
  assert.equal(await page.locator('a.kj-doc-link').getAttribute('href'), 'https://www.ismap.go.jp/csm');
  assert.equal(await page.locator('a.kj-doc-link cite').textContent(), 'ISMAP クラウドサービスリスト');
  assert.ok(await page.locator('cite.kj-doc').count() >= 2);
  await page.close();
});

test('the glossary prints on A4 with every term and without the navigation', async (t) => {
  const page = await fx.browser.newPage();
  await page.goto(fx.url('glossary.html'));
  const terms = await page.locator('.kj-glossary dfn').allTextContents();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-glossary-'));
  try {
    const pdf = path.join(dir, 'glossary.pdf');
    await printPdf(page, pdf);
    const info = pdfInfo(pdf);
    const [w, h] = info['Page size'].match(/^([\d.]+) x ([\d.]+) pts/).slice(1).map(Number);
    assert.ok(Math.abs(w - 595) < 1 && Math.abs(h - 842) < 1, `A4 portrait: ${info['Page size']}`);
    const count = Number(info.Pages);
    t.diagnostic(`${terms.length} terms on ${count} A4 pages`);
    const text = noSpace(pdfPages(pdf, count).join('\n'));
    for (const term of terms) assert.ok(text.includes(noSpace(term)), `printed: ${term}`);
    assert.ok(!text.includes('本文へ移動') && !text.includes('五十音の索引'), 'no screen navigation on paper');
    assert.ok(text.includes(`1/${count}`), 'page numbers');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await page.close();
  }
});
