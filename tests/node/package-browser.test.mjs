// 申請パッケージ in Chromium: the guide result's button starts a package with the case's checklists;
// two packages in progress at once keep their own answers across a reload (and the answers of a
// checklist filled in before packages existed are taken over, not lost); export → clear → import
// restores every answer; bad files are refused with a Japanese message and imported strings stay
// text; the CSV neutralises formulas; the printed SaaS package (PDF) has the cover, the 台帳 form,
// every checklist of the case, one sign-off with the right approver and continuous page numbers;
// it all works from file:// as well as over http, and axe-core finds nothing on the filled-in page.
// Set KIJUN_PDF_DIR to keep the package PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { launchBrowser, serveDir } from './lib/browser.mjs';
import { buildSite } from './lib/source.mjs';
import { printPdf, pdfInfo, pdfPages, noSpace } from './lib/checklists.mjs';
import { runAxe } from './lib/audit.mjs';

const SAAS_RESULT = 'guide.html#path=kind/important/citizens-important/result-important';
const SAAS_CHECKLISTS = [
  ['checklists/important-selection.html', '選定条件チェックリスト(重要情報資産を取り扱う場合)'],
  ['checklists/important-procurement.html', '調達・契約チェックリスト(重要情報資産を取り扱う場合)'],
  ['checklists/important-construction.html', '導入・構築時チェックリスト(重要情報資産を取り扱う場合)'],
  ['checklists/important-operation.html', '運用・保守時チェックリスト(重要情報資産を取り扱う場合)'],
  ['checklists/important-renewal.html', '更改・廃棄時チェックリスト(重要情報資産を取り扱う場合)'],
  ['checklists/application.html', '利用申請・台帳登録チェックリスト'],
];
const SELECTION = 'checklists/important-selection.html';

let site, server, browser, tmp;
const keep = process.env.KIJUN_PDF_DIR;
before(async () => {
  site = buildSite();
  server = await serveDir(site);
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-package-'));
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const http = (rel) => server.url + rel;
const file = (rel) => pathToFileURL(path.join(site, rel.split('#')[0])).href + (rel.includes('#') ? '#' + rel.split('#')[1] : '');

async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** From the SaaS result of the guide, the button: the package page with a new package. Returns its id. */
async function startFromGuide(page, url) {
  await page.goto(url(SAAS_RESULT));
  await page.click('#step-result-important .kj-guide-package-start');
  await page.waitForURL(/package\.html#package=/);
  return decodeURIComponent(page.url().split('#package=')[1]);
}

const stored = (page, id) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), 'kijun-package:' + id);
const answerOf = (page, n) => page.$eval(`#item-${n}`, (tr) => tr.querySelector('input[type=radio]:checked')?.value ?? '');

test('the guide result\'s button starts a package with the case, its 格付 and its checklists in order', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  const id = await startFromGuide(page, http);
  assert.equal(await page.inputValue('#kj-pkg-case'), 'result-important');
  assert.equal(await page.inputValue('#kj-pkg-classification'), '重要情報資産(機密性の基準第1種又は第2種)');
  assert.deepEqual(await page.$$eval('.kj-pkg-list a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent])),
    SAAS_CHECKLISTS.map(([u, t]) => [`${u}#package=${id}`, t]));
  const pkg = await stored(page, id);
  assert.deepEqual(pkg.checklists, SAAS_CHECKLISTS.map(([u]) => u));
  assert.equal(pkg.record.case, 'result-important');
  assert.equal(await page.textContent('.kj-pkg-status'), '新しい申請パッケージを始めました。まず対象サービス名を記入してください。');
  // Keyboard: focus is on the first field of the record; the form is reachable with Tab.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kj-pkg-service');
  await page.keyboard.type('キーボードで入力');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kj-pkg-provider');
  assert.equal((await stored(page, id)).record.service, 'キーボードで入力');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('from the checklist index or a checklist page: a new package, its checklists chosen by hand', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(http('checklists/index.html'));
  await page.click('main a[href="../package.html"]');
  await page.waitForURL(/package\.html$/);
  assert.equal(await page.isVisible('.kj-pkg-record'), false, 'no package yet: only the list and the button');
  await page.click('.kj-pkg-new');
  await page.waitForURL(/#package=/);
  assert.equal(await page.inputValue('#kj-pkg-case'), '');
  assert.equal(await page.$$eval('.kj-pkg-checklists input:checked', (i) => i.length), 0);
  // Ticked out of order, listed in the site's order.
  await page.check('.kj-pkg-checklists input[value="checklists/web-meeting-notes.html"]');
  await page.check(`.kj-pkg-checklists input[value="${SELECTION}"]`);
  assert.deepEqual(await page.$$eval('.kj-pkg-list a', (as) => as.map((a) => a.textContent)),
    ['選定条件チェックリスト(重要情報資産を取り扱う場合)', 'ウェブ会議の留意事項チェックリスト']);
  // A checklist page's 「新しい申請パッケージを始める」: a package holding that checklist.
  await page.goto(http('checklists/non-important.html'));
  assert.equal(await page.$eval('#kj-cl-package-select', (s) => s.selectedOptions[0].textContent), 'このページだけ(申請パッケージに入れない)');
  await page.click('.kj-cl-package a:text("新しい申請パッケージを始める")');
  await page.waitForURL(/package\.html#package=/);
  assert.deepEqual(await page.$$eval('.kj-pkg-list a', (as) => as.map((a) => a.textContent)), ['重要情報資産を取り扱わない場合のチェックリスト']);
  assert.equal(await page.$$eval('#kj-pkg-select option', (os) => os.length), 3, 'two packages and the prompt');
  assert.deepEqual(page.errors, []);
  await context.close();
});

for (const [scheme, url] of [['http', http], ['file://', file]]) {
  test(`two packages in progress at once keep their own answers across a reload (${scheme})`, async () => {
    const context = await browser.newContext();
    const page = await newPage(context);
    // Package A: the SaaS case from the guide.
    const a = await startFromGuide(page, url);
    await page.fill('#kj-pkg-service', 'サービスA');
    await page.click(`.kj-pkg-list a[href^="${SELECTION}"]`);
    await page.waitForURL(new RegExp(`important-selection\\.html#package=${a}$`));
    assert.equal(await page.$eval('#kj-cl-package-select', (s) => s.selectedOptions[0].textContent), 'サービスA');
    await page.check('#item-1 input[value=yes]');
    await page.fill('#item-1 textarea[data-note]', 'A の備考');
    // Package B, started from the package page, with the same checklist among its own.
    await page.goto(url('package.html'));
    await page.click('.kj-pkg-new');
    await page.waitForURL(/#package=/);
    const b = decodeURIComponent(page.url().split('#package=')[1]);
    assert.notEqual(a, b);
    await page.fill('#kj-pkg-service', 'サービスB');
    await page.selectOption('#kj-pkg-case', 'result-basic');
    await page.check(`.kj-pkg-checklists input[value="${SELECTION}"]`);
    // The case's checklists first, then the one added, in the site's order.
    assert.deepEqual((await stored(page, b)).checklists, ['checklists/non-important.html', 'checklists/application.html', SELECTION]);
    await page.click(`.kj-pkg-list a[href^="${SELECTION}"]`);
    await page.waitForURL(new RegExp(`#package=${b}$`));
    assert.equal(await answerOf(page, 1), '', 'B starts empty');
    await page.check('#item-1 input[value=no]');
    await page.check('#item-2 input[value=na]');

    await page.reload();
    assert.equal(await answerOf(page, 1), 'no');
    assert.equal(await answerOf(page, 2), 'na');
    assert.equal(await page.inputValue('#item-1 textarea[data-note]'), '');
    // Switch to A on the bar: A's answers; the address names A, so a reload keeps A.
    await page.selectOption('#kj-cl-package-select', a);
    assert.equal(await answerOf(page, 1), 'yes');
    assert.equal(await answerOf(page, 2), '');
    assert.equal(await page.inputValue('#item-1 textarea[data-note]'), 'A の備考');
    await page.reload();
    assert.equal(await answerOf(page, 1), 'yes');
    assert.equal(await page.inputValue('#item-1 textarea[data-note]'), 'A の備考');
    assert.match(page.url(), new RegExp(`#package=${a}$`));
    // 「このページだけ」: neither package's answers.
    await page.selectOption('#kj-cl-package-select', '');
    assert.equal(await answerOf(page, 1), '');
    // Each package page counts its own answers.
    await page.goto(url(`package.html#package=${a}`));
    assert.match(await page.textContent(`.kj-pkg-list li:has(a[href^="${SELECTION}"])`), /回答済み 1 \/ 23 件/);
    await page.goto(url(`package.html#package=${b}`));
    assert.match(await page.textContent(`.kj-pkg-list li:has(a[href^="${SELECTION}"])`), /回答済み 2 \/ 23 件/);
    assert.deepEqual(await page.$$eval('#kj-pkg-select option', (os) => os.map((o) => o.textContent).slice(1)), ['サービスA', 'サービスB']);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('answers filled in on a checklist page before packages existed are taken over by the first package, and kept', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  const before = { v: 1, answers: { 'CS-3.1-2': 'yes', 'CS-3.1-3': 'no' }, notes: { 'CS-3.1-2': '以前の備考' }, fields: {}, signoff: { name: '山田' } };
  await page.goto(http(SELECTION));
  await page.evaluate((v) => localStorage.setItem('kijun-checklist:checklists/important-selection.html', JSON.stringify(v)), before);
  const id = await startFromGuide(page, http);
  assert.match(await page.textContent('.kj-pkg-status'), /これまでこのブラウザで記入したチェックリスト 1 件の内容を引き継ぎました/);
  const pkg = await stored(page, id);
  assert.deepEqual(pkg.answers[SELECTION].answers, before.answers);
  assert.deepEqual(pkg.answers[SELECTION].notes, before.notes);
  // The page's own entry is still there (「このページだけ」), marked as taken, so a second package starts empty.
  const old = await page.evaluate(() => JSON.parse(localStorage.getItem('kijun-checklist:checklists/important-selection.html')));
  assert.deepEqual(old.answers, before.answers);
  assert.equal(old.adopted, id);
  await page.click('.kj-pkg-new');
  await page.selectOption('#kj-pkg-case', 'result-important');
  const second = decodeURIComponent(page.url().split('#package=')[1]);
  assert.equal((await stored(page, second)).answers[SELECTION], undefined);
  await page.goto(http(SELECTION));
  await page.selectOption('#kj-cl-package-select', '');
  assert.equal(await page.$eval('tr[data-key="CS-3.1-2"] input:checked', (i) => i.value), 'yes');
  await context.close();
});

/** A SaaS package with answers in two checklists, record and 台帳 fields: { page, id }. */
async function filledPackage(context, url, service = 'クラウド申請システム') {
  const page = await newPage(context);
  const id = await startFromGuide(page, url);
  await page.fill('#kj-pkg-service', service);
  await page.fill('#kj-pkg-provider', '株式会社テスト');
  await page.fill('#kj-pkg-date', '令和7年5月1日');
  await page.fill('#kj-pkg-department', '総務局情報政策課');
  await page.fill('#kj-pkg-applicant', '北九 太郎');
  await page.fill('#kj-pkg-l-purpose', '市民からの申請の受付');
  await page.fill('#kj-pkg-l-period', '令和7年度');
  await page.click(`.kj-pkg-list a[href^="${SELECTION}"]`);
  await page.waitForURL(/important-selection\.html#package=/);
  await page.check('#item-1 input[value=yes]');
  await page.check('#item-2 input[value=no]');
  await page.fill('#item-2 textarea[data-note]', '契約前に確認する');
  await page.goto(url(`checklists/application.html#package=${id}`));
  await page.check('#item-1 input[value=yes]');
  // The 台帳 fields of the checklist show the package's record, and write into it.
  assert.equal(await page.inputValue('textarea[data-ledger="service"]'), service);
  assert.equal(await page.inputValue('textarea[data-ledger="applicant"]'), '総務局情報政策課 北九 太郎');
  await page.fill('textarea[data-ledger="users"]', '情報政策課の職員');
  // 記入済み counts the record's values: (ア)(イ)(ウ)(エ)(オ)(カ)(キ), not (ク)(ケ).
  assert.equal(await page.textContent('.kj-cl-filled'), '7');
  assert.equal(await page.$eval('textarea[data-ledger="applicant"]', (t) => t.readOnly), true);
  await page.goto(url(`package.html#package=${id}`));
  assert.equal(await page.inputValue('#kj-pkg-l-users'), '情報政策課の職員');
  return { page, id };
}

test('export → clear → import restores every answer and the whole record', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page, id } = await filledPackage(context, http);
  const original = await stored(page, id);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.kj-pkg-export')]);
  assert.equal(download.suggestedFilename(), '申請パッケージ_クラウド申請システム.json');
  const saved = path.join(tmp, 'export.json');
  await download.saveAs(saved);
  const exported = JSON.parse(fs.readFileSync(saved, 'utf8'));
  assert.equal(exported.format, 'kijun-package');
  assert.deepEqual(exported.answers, original.answers);

  await page.evaluate(() => localStorage.clear());
  await page.goto(http('package.html'));
  assert.deepEqual(await page.$$eval('#kj-pkg-select option', (os) => os.map((o) => o.textContent)), ['(まだありません)']);
  await page.setInputFiles('#kj-pkg-import', saved);
  await page.waitForFunction(() => /読み込みました/.test(document.querySelector('.kj-pkg-status').textContent));
  assert.equal(await page.textContent('.kj-pkg-status'), `申請パッケージ「クラウド申請システム」を読み込みました(最終更新 ${original.updated.slice(0, 10)})。`);
  const restored = await stored(page, id);
  const strip = ({ updated, ...rest }) => rest;
  assert.deepEqual(strip(restored), strip(original));
  assert.equal(await page.inputValue('#kj-pkg-provider'), '株式会社テスト');
  await page.click(`.kj-pkg-list a[href^="${SELECTION}"]`);
  await page.waitForURL(/important-selection\.html#package=/);
  assert.equal(await answerOf(page, 1), 'yes');
  assert.equal(await answerOf(page, 2), 'no');
  assert.equal(await page.inputValue('#item-2 textarea[data-note]'), '契約前に確認する');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a bad import file is refused with a Japanese message; imported strings stay text', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(http('package.html'));
  const good = {
    format: 'kijun-package', v: 1, id: 'p-imported', created: '2025-05-01T00:00:00.000Z', updated: '2025-05-02T00:00:00.000Z',
    record: { service: '<img src=x id=injected>', name: '' }, checklists: [SELECTION],
    answers: { [SELECTION]: { answers: { 'CS-3.1-2': 'yes' }, notes: { 'CS-3.1-2': '<script>window.pwned=1</script>' } } },
  };
  const cases = [
    ['not-json.json', 'これは JSON ではありません', '読み込めませんでした: JSON の形式ではありません(申請パッケージを「ファイルに書き出す」で作ったファイルを選んでください)。'],
    ['other.json', JSON.stringify({ hello: 'world' }), '読み込めませんでした: 申請パッケージのファイルではありません(format が「kijun-package」ではありません)。'],
    ['newer.json', JSON.stringify({ ...good, v: 2 }), '読み込めませんでした: この申請パッケージの形式(v: 2)には対応していません。'],
    ['answer.json', JSON.stringify({ ...good, answers: { [SELECTION]: { answers: { 'CS-3.1-2': 'maybe' } } } }),
      '読み込めませんでした: 申請パッケージのファイルに誤りがあります: 回答の回答「maybe」は はい・いいえ・該当なし のどれでもありません。'],
    ['page.json', JSON.stringify({ ...good, checklists: ['../../etc/passwd.html'] }),
      '読み込めませんでした: 申請パッケージのファイルに誤りがあります: チェックリスト「../../etc/passwd.html」はこのサイトにありません。'],
    ['proto.json', '{"format":"kijun-package","v":1,"record":{},"checklists":[],"answers":{"checklists/important-selection.html":{"answers":{"__proto__":"yes"}}}}',
      '読み込めませんでした: 申請パッケージのファイルに誤りがあります: 回答に使えない項目名があります。'],
  ];
  for (const [name, body, message] of cases) {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, body);
    await page.setInputFiles('#kj-pkg-import', f);
    await page.waitForFunction((m) => document.querySelector('.kj-pkg-status').textContent === m, message);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kijun-package:')).length), 0, name);
  }
  const f = path.join(tmp, 'good.json');
  fs.writeFileSync(f, JSON.stringify(good));
  await page.setInputFiles('#kj-pkg-import', f);
  await page.waitForFunction(() => /読み込みました/.test(document.querySelector('.kj-pkg-status').textContent));
  assert.equal(await page.inputValue('#kj-pkg-service'), '<img src=x id=injected>');
  assert.equal(await page.$eval('#kj-pkg-select', (s) => s.selectedOptions[0].textContent), '<img src=x id=injected>');
  assert.equal(await page.$('#injected'), null, 'no element made from an imported string');
  await page.goto(http(`${SELECTION}#package=p-imported`));
  assert.equal(await page.inputValue('#item-1 textarea[data-note]'), '<script>window.pwned=1</script>');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.$('#injected'), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the CSV export neutralises formulas (=HYPERLINK(...)) as requirements.csv does', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page } = await filledPackage(context, http, '=HYPERLINK("http://example.com/","開く")');
  await page.goto(page.url());
  await page.click(`.kj-pkg-list a[href^="${SELECTION}"]`);
  await page.waitForURL(/important-selection\.html#package=/);
  await page.fill('#item-1 textarea[data-note]', '＋SUM(A1:A3)');
  await page.goBack();
  await page.waitForURL(/package\.html/);
  await page.reload();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.kj-pkg-csv')]);
  const saved = path.join(tmp, 'package.csv');
  await download.saveAs(saved);
  const raw = fs.readFileSync(saved, 'utf8');
  assert.ok(raw.startsWith('\uFEFF'), 'UTF-8 with BOM for Excel');
  assert.ok(raw.includes('\r\n'));
  assert.ok(raw.includes('対象サービス名,"\'=HYPERLINK(""http://example.com/"",""開く"")"\r\n'), raw.slice(0, 300));
  const rows = parse(raw.slice(1), { relax_column_count: true });
  assert.deepEqual(rows[1], ['対象サービス名', '\'=HYPERLINK("http://example.com/","開く")']);
  const first = rows.find((r) => r[0] === '選定条件チェックリスト(重要情報資産を取り扱う場合)' && r[1] === '1');
  assert.equal(first[6], 'はい');
  assert.equal(first[7], '\'＋SUM(A1:A3)');
  for (const r of rows) for (const cell of r) assert.ok(!/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) || cell === '', `unneutralised cell ${cell}`);
  await context.close();
});

test('the printed SaaS package: cover, 台帳, every checklist, one sign-off with CISO, page numbers over the whole document', async () => {
  const context = await browser.newContext();
  const { page } = await filledPackage(context, http);
  // Clicks from the guide result to the printout: the button, then 「まとめて印刷する」.
  const printed = await page.evaluate(() => {
    let called = 0;
    window.print = () => { called++; };
    document.querySelector('.kj-pkg-print').click();
    return called;
  });
  assert.equal(printed, 1);
  const pdf = path.join(keep ? path.resolve(keep) : tmp, 'package-saas.pdf');
  fs.mkdirSync(path.dirname(pdf), { recursive: true });
  await printPdf(page, pdf);
  const info = pdfInfo(pdf);
  assert.match(info['Page size'], /^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  const count = Number(info.Pages);
  const pages = pdfPages(pdf, count);
  pages.forEach((text, i) => assert.match(text, new RegExp(`(^|\\n)\\s*${i + 1} / ${count}\\s*(\\n|$)`), `「${i + 1} / ${count}」 on page ${i + 1}`));
  const cover = noSpace(pages[0]);
  for (const s of ['クラウドサービス利用申請パッケージ', '対象サービス名クラウド申請システム', '提供者株式会社テスト', '申請日令和7年5月1日',
    '申請者(所属・氏名)総務局情報政策課北九太郎', '取り扱う情報の格付重要情報資産(機密性の基準第1種又は第2種)', '許可権限者CISO(5.1(1))'])
    assert.ok(cover.includes(noSpace(s)), `cover: ${s}\n${pages[0]}`);
  const all = pages.map(noSpace).join('\n');
  assert.ok(all.includes(noSpace('台帳登録項目(5.2(1)④)')));
  assert.ok(all.includes(noSpace('(ウ) 利用目的(業務内容)市民からの申請の受付')));
  assert.ok(all.includes(noSpace('(キ) 利用者の範囲(自組織の関係者内に限る、部局内に限るなど)。情報政策課の職員')));
  // Every checklist of the case, each starting a page, in the case's order.
  let last = 0;
  for (const [, title] of SAAS_CHECKLISTS) {
    const at = pages.findIndex((t, i) => i >= last && noSpace(t).includes(noSpace(title)) && i > 0 && !noSpace(t).startsWith(noSpace('クラウドサービス利用申請')));
    assert.ok(at > 0, `checklist ${title} printed`);
    assert.ok(at >= last, `${title} in order`);
    last = at;
  }
  // One sign-off block, for the case: 所属長 applies, CISO approves, CISO names the クラウドサービス管理者.
  assert.equal(all.split('確認欄').length - 1, 1, 'one 確認欄');
  const sign = noSpace(pages[count - 1]);
  for (const who of ['申請者(所属長)', '許可権限者(CISO)', 'クラウドサービス管理者(CISOが指名)']) assert.ok(sign.includes(noSpace(who)), who);
  assert.ok(!all.includes('所属長確認'), 'no per-checklist sign-off');
  assert.ok(all.includes('■'), 'answers printed');
  assert.ok(!/https?:|file:|\.html/.test(all));
  console.log(`printed SaaS package: ${count} A4 pages`);
  await context.close();
});

test('axe-core finds no violation on the package page with a package open, at 1280 and 320 px', async () => {
  const context = await browser.newContext();
  const { page } = await filledPackage(context, http);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual((await runAxe(page)).map((v) => `${v.id}: ${v.help} ${v.targets.join(', ')}`), [], `${width}px`);
  }
  await page.goto(http(`${SELECTION}`));
  assert.deepEqual((await runAxe(page)).map((v) => `${v.id}: ${v.help} ${v.targets.join(', ')}`), [], 'checklist with the package bar');
  await context.close();
});

test('a web-meeting package prints its three checklists and the meeting\'s sign-off, without a 台帳 form', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(http('guide.html#path=kind/meeting-important/meeting-outside/result-meeting-confidential-outside'));
  await page.click('#step-result-meeting-confidential-outside .kj-guide-package-start');
  await page.waitForURL(/package\.html#package=/);
  await page.fill('#kj-pkg-service', '関係機関との打合せ');
  assert.equal(await page.isVisible('.kj-pkg-ledger'), false, 'a meeting has no 台帳 fields');
  await page.check('.kj-pkg-checklists input[value="checklists/application.html"]');
  assert.equal(await page.isVisible('.kj-pkg-ledger'), false, 'not even with the application checklist: the case decides');
  await page.uncheck('.kj-pkg-checklists input[value="checklists/application.html"]');
  const pdf = path.join(keep ? path.resolve(keep) : tmp, 'package-meeting.pdf');
  await printPdf(page, pdf);
  const count = Number(pdfInfo(pdf).Pages);
  const pages = pdfPages(pdf, count);
  pages.forEach((text, i) => assert.match(text, new RegExp(`(^|\\n)\\s*${i + 1} / ${count}\\s*(\\n|$)`)));
  const all = pages.map(noSpace).join('\n');
  for (const title of ['ウェブ会議チェックリスト(参加者全員)', 'ウェブ会議チェックリスト(主催者)', 'ウェブ会議の留意事項チェックリスト'])
    assert.ok(all.includes(noSpace(title)), title);
  assert.ok(!all.includes('台帳登録項目'), 'no 台帳 for a meeting');
  assert.ok(!all.includes('選定条件チェックリスト'));
  const sign = noSpace(pages[count - 1]);
  assert.ok(sign.includes('確認欄') && sign.includes('主催者') && sign.includes('所属長'));
  assert.ok(!sign.includes('CISO'));
  console.log(`printed web-meeting package: ${count} A4 pages`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two tabs on the same checklist show two packages; following an anchor and reloading keeps each tab\'s', async () => {
  const context = await browser.newContext();
  const one = await newPage(context);
  const a = await startFromGuide(one, http);
  await one.fill('#kj-pkg-service', 'タブ1');
  await one.click('.kj-pkg-new');
  await one.selectOption('#kj-pkg-case', 'result-important');
  const b = decodeURIComponent(one.url().split('#package=')[1]);
  await one.fill('#kj-pkg-service', 'タブ2');
  await one.goto(http(`${SELECTION}#package=${a}`));
  await one.check('#item-1 input[value=yes]');
  const two = await newPage(context);
  await two.goto(http(`${SELECTION}#package=${b}`));
  await two.check('#item-1 input[value=no]');
  // Tab 1 follows an anchor of the page (the package leaves the address) and reloads.
  await one.click('.kj-toc a >> nth=0');
  assert.doesNotMatch(one.url(), /package=/);
  await one.reload();
  assert.equal(await answerOf(one, 1), 'yes');
  assert.equal(await one.$eval('#kj-cl-package-select', (s) => s.selectedOptions[0].textContent), 'タブ1');
  await two.reload();
  assert.equal(await answerOf(two, 1), 'no');
  // 「このページだけ」 chosen in a tab stays chosen there after a reload.
  await two.selectOption('#kj-cl-package-select', '');
  await two.goto(http(SELECTION));
  assert.equal(await two.$eval('#kj-cl-package-select', (s) => s.value), '');
  assert.deepEqual([...one.errors, ...two.errors], []);
  await context.close();
});
