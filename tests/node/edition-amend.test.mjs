// Editions end to end, in a temporary copy of the project: an amendment in content/ builds and
// leaves the fidelity of the 第1.1版 record intact; publishing 第1.2版 yields the new cover and
// 改訂履歴 row, the 新旧対照表 with its 傍線, the badge on the changed provision, the archived
// 第1.1版 and `kijun diff`; publishing refuses a working text with errors.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  contentDefinitions,
  readBuiltPage,
  readContent,
  readEditionRecord,
  readSourceBody,
  recordPageMismatches,
  sourceSentences,
  stripWs,
} from './lib/source.mjs';
import { amend, kijun, scratchProject } from './lib/editions.mjs';

const dir = scratchProject();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAGE = 'content/03-important/01-selection.md';
const OLD = '{#CS-3.1-8-3} ③ クラウドサービスの提供に当たり、クラウドサービス提供者若しくはその従業員、再委託先又はその他の者によって、本市の意図しない変更';
const NEW = '{#CS-3.1-8-3} ③ クラウドサービスの提供に当たり、クラウドサービス提供者若しくはその従業員、再委託先又はその他の者によって、本市の意図しない改変';

function build(out) {
  const r = kijun(dir, ['build', '--out', out, '-q']);
  assert.equal(r.status, 0, r.stderr);
  return path.join(dir, out);
}

const cells = (doc, selector) => [...doc.querySelectorAll(selector)].map((e) => stripWs(e.textContent));

test('an amended content/ builds, and the 第1.1版 record still holds the source text', () => {
  amend(dir, PAGE, OLD, NEW);
  const out = build('site-amended');
  assert.deepEqual(recordPageMismatches(readEditionRecord(out, '1.1'), sourceSentences(readSourceBody())), []);
  const page = readBuiltPage(out, 'important/selection.html');
  assert.ok(page.text.includes('本市の意図しない改変が加えられないための管理体制'));
  // The working text is still well-formed: unique IDs.
  const ids = contentDefinitions(readContent(path.join(dir, 'content'))).map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length);
  // Its comparison with 第1.1版 has the one changed provision.
  const draft = readBuiltPage(out, 'shinkyu/1.1-draft.html');
  assert.deepEqual([...draft.document.querySelectorAll('tr.kj-sk-row')].map((tr) => tr.id), ['CS-3.1-8-3']);
});

test('publishing 第1.2版 updates the site: cover, 改訂履歴, 新旧対照表, badge, archived 第1.1版', () => {
  const reason = '表現の見直しに伴う改定';
  const r = kijun(dir, ['edition', 'publish', '第1.2版', '--effective', '2026-04-01', '--decided', '2026-03-02', '--reason', reason]);
  assert.equal(r.status, 0, r.stderr);
  const settings = fs.readFileSync(path.join(dir, 'content/site.yaml'), 'utf8');
  assert.match(settings, /^edition: 第1\.2版$/mu);
  assert.match(settings, /^effective_date: 令和8年4月1日$/mu);
  assert.match(settings, /^effective_date_iso: 2026-04-01$/mu);
  assert.ok(fs.existsSync(path.join(dir, 'editions/1.2.yaml')));
  const out = build('site-1.2');

  const home = readBuiltPage(out, 'index.html');
  assert.equal(stripWs(home.document.querySelector('.kj-cover').textContent), '北九州市クラウドサービス利用基準第1.2版施行日令和8年4月1日');
  assert.deepEqual(cells(home.document, 'table.kj-history-table tr:last-child td'), ['令和8年4月1日', '第1.2版', `${reason}(令和8年3月2日決裁)`]);
  const homeHtml = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.match(homeHtml, /<a href="shinkyu\/1\.1-1\.2\.html">新旧対照表<\/a>/u);
  assert.match(homeHtml, /<a href="editions\/1\.1\/index\.html">この版の本文<\/a>/u);

  const table = readBuiltPage(out, 'shinkyu/1.1-1.2.html');
  const rows = [...table.document.querySelectorAll('tr.kj-sk-row')];
  assert.deepEqual(rows.map((tr) => tr.id), ['CS-3.1-8-3']);
  const [after, before, remarks] = rows[0].querySelectorAll('td');
  assert.deepEqual(cells(after, '.kj-sk-chg'), ['改変']);
  assert.deepEqual(cells(before, '.kj-sk-chg'), ['変更']);
  assert.ok(stripWs(remarks.textContent).startsWith('改正'));
  assert.deepEqual(cells(table.document, 'thead th'), ['改正後', '改正前', '備考']);
  assert.equal(cells(table.document, 'tr.kj-sk-omit').length, 2, '(略) before and after the row');
  const csv = fs.readFileSync(path.join(out, 'shinkyu/1.1-1.2.csv'), 'utf8');
  assert.match(csv, /^\uFEFFID,備考,/u);
  assert.match(csv, /\r\nCS-3\.1-8-3,改正,3\.1\(8\)③,/u);

  const selection = fs.readFileSync(path.join(out, 'important/selection.html'), 'utf8');
  assert.match(selection, /<a href="\.\.\/shinkyu\/1\.1-1\.2\.html#CS-3\.1-8-3">第1\.2版で改正<\/a>/u);
  assert.equal(selection.match(/第1\.2版で改正/gu).length, 1, 'one badge: one changed provision');

  const archived = readBuiltPage(out, 'editions/1.1/important/selection.html');
  const archivedHtml = fs.readFileSync(path.join(out, 'editions/1.1/important/selection.html'), 'utf8');
  assert.ok(archivedHtml.includes('この版は現行版ではありません'));
  assert.ok(archived.text.includes('本市の意図しない変更が加えられないための管理体制'));
  assert.match(archivedHtml, /<a href="\.\.\/\.\.\/\.\.\/important\/selection\.html#CS-3\.1-8-3">現行版の規定<\/a>/u);
  // Search covers the current text only.
  assert.ok(!fs.readFileSync(path.join(out, 'assets/js/search-data.js'), 'utf8').includes('editions/'));

  const diff = kijun(dir, ['diff', '--from', '1.1', '--to', '第1.2版']);
  assert.equal(diff.status, 1);
  assert.ok(diff.stdout.includes('本市の意図しない{+改変+}が加えられない'), diff.stdout);
  assert.ok(diff.stdout.includes('本市の意図しない[-変更-]が加えられない'), diff.stdout);
  const json = JSON.parse(kijun(dir, ['diff', '--from', '1.1', '--to', '1.2', '--format', 'json']).stdout);
  assert.deepEqual(json.rows.map((row) => [row.id, row.remarks]), [['CS-3.1-8-3', ['改正']]]);
  // content/ is 第1.2版 now: no change against it.
  const none = kijun(dir, ['diff']);
  assert.equal(none.status, 0, none.stdout + none.stderr);
});

test('publishing refuses a working text with errors and changes nothing', () => {
  const settings = fs.readFileSync(path.join(dir, 'content/site.yaml'), 'utf8');
  amend(dir, PAGE, NEW, `${NEW}([[CS-9.9-9]])`);
  const r = kijun(dir, ['edition', 'publish', '第1.3版', '--effective', '2027-04-01', '--reason', '改定']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /error\[KJ607\]/u);
  assert.ok(!fs.existsSync(path.join(dir, 'editions/1.3.yaml')));
  assert.equal(fs.readFileSync(path.join(dir, 'content/site.yaml'), 'utf8'), settings);
  // Nor may an edition be published twice, or take effect before the last one.
  amend(dir, PAGE, `${NEW}([[CS-9.9-9]])`, NEW);
  assert.match(kijun(dir, ['edition', 'publish', '第1.2版', '--effective', '2027-04-01', '--reason', '改定']).stderr, /KJ608/u);
  assert.match(kijun(dir, ['edition', 'publish', '第1.3版', '--effective', '2026-01-01', '--reason', '改定']).stderr, /KJ609/u);
});
