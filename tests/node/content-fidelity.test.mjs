// Fidelity of the published text: the record of 第1.1版 (editions/1.1.yaml, exported by the
// build as editions/1.1.json) must hold every sentence of the source's body, white space aside,
// on the page of its own section, and nothing else. content/ is the working text that editors
// amend; it is not held to the source (see edition-amend.test.mjs).
//
// How the source is cut into sentences is described at sourceSentences() in
// lib/source.mjs: page-break fragments are joined first, then the text is split
// after each 「。」 and at the line end of headings and of items without 「。」.

import fs from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite,
  contentDefinitions,
  readBuiltPage,
  readBuiltPages,
  readContent,
  readEditionRecord,
  recordHeading,
  recordPageMismatches,
  readSourceBody,
  sourceSentences,
  stripWs,
  visibleText,
} from './lib/source.mjs';

const sentences = sourceSentences(readSourceBody());

let outDir;
let built;
function site() {
  outDir ??= buildSite();
  built ??= readBuiltPages(outDir);
  return built;
}
after(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

test('the sentence splitter joins the sentences cut by page breaks', () => {
  const texts = sentences.map((s) => s.text);
  const has = (start, end) => texts.some((t) => t.startsWith(start) && t.endsWith(end));
  assert.ok(has('③クラウドサービス提供者が所有する', '情報が漏えいするリスクが存在する。'));
  assert.ok(has('(イ)クラウドサービス提供者が情報の管理・保管を', '場合、当該事業者における情報セキュリティ水準や情報の取扱方法に関してクラウドサービス提供者に確認の上、合意しておくこと。'));
  assert.ok(has('(2)ウェブ会議サービスでは', '様々な個人情報を取り扱うことが考えられるため、ウェブ会議に招待される場合は、重要情報資産を含んだチャットへの書き込みや資料共有を行わないなど、情報を保存させないような利用を考慮する必要がある。'));
  assert.ok(has('①所属長は、クラウドサービスの特性や責任分界点', 'セキュリティ対策に留意すること。'));
  assert.ok(has('・インターネット等の外部の通信回線', '認める場合の適切なセキュリティ対策の実施'));
  assert.ok(has('④クラウドサービス提供者の資本関係', '所属専門性(情報セキュリティに係る資格・研修実績等)・実績及び国籍に関する情報提供並びに調達仕様書による施設の場所やリージョンの指定'));
  // A heading or an item title and the paragraph after it stay apart.
  assert.ok(texts.includes('(1)目的'));
  assert.ok(texts.includes('①クラウドサービスの利用を通じて本市が取り扱う情報のクラウドサービス提供者における目的外利用の禁止'));
  assert.ok(texts.includes('⑤情報セキュリティインシデントへの対処方法'));
  // (才) is read as the enumerator (オ).
  assert.ok(!texts.some((t) => t.includes('(才)')));
  assert.ok(texts.every((t) => t === stripWs(t) && t !== ''));
});

test('each page of the 第1.1版 record holds exactly its section of the source, in order', () => {
  // The page heading is its number and title; then every paragraph of its provisions, which
  // together must cover the source's sentences of that section: nothing left out, nothing added.
  site();
  const record = readEditionRecord(outDir, '1.1');
  assert.equal(record.edition, '第1.1版');
  assert.ok(record.pages.length >= 20 && record.provisions.length >= 200);
  assert.deepEqual(recordPageMismatches(record, sentences), []);
});

test('the record check finds text that differs from the source', () => {
  // Guards the check above: a changed word, a dropped paragraph and an added one are all reported.
  site();
  const record = readEditionRecord(outDir, '1.1');
  const changed = structuredClone(record);
  const p = changed.provisions.find((x) => x.id === 'CS-3.1-8-3');
  p.text = p.text.replace('変更', '改変');
  assert.equal(recordPageMismatches(changed, sentences).length, 2);
  const dropped = structuredClone(record);
  dropped.provisions = dropped.provisions.filter((x) => x.id !== 'CS-3.3-1');
  assert.ok(recordPageMismatches(dropped, sentences).some((m) => m.includes('missing from the record')));
  const added = structuredClone(record);
  added.provisions.push({ ...added.provisions.find((x) => x.id === 'CS-1-2'), id: 'CS-1-3', text: '(3) 新しい規定', body: '' });
  assert.deepEqual(recordPageMismatches(added, sentences), ['basics.html (CS-1-3): not in the source\'s section 1: (3)新しい規定']);
});

test('every sentence of the source is in the 第1.1版 record, on the page of its section', () => {
  site();
  const record = readEditionRecord(outDir, '1.1');
  const pageText = (pg) =>
    recordHeading(pg) +
    stripWs(record.provisions.filter((p) => p.page === pg.url).map((p) => (p.id === pg.id ? p.body : p.text + p.body)).join(''));
  const text = new Map(record.pages.map((pg) => [pg.id, pageText(pg)]));
  const misses = [];
  for (const s of sentences) {
    const page = text.get(s.page);
    if (page === undefined) misses.push(`source line ${s.line}: no page ${s.page} in the record`);
    else if (!page.includes(s.text)) misses.push(`source line ${s.line} (${s.page}): ${s.text}`);
  }
  const found = sentences.length - misses.length;
  console.log(`fidelity: ${found}/${sentences.length} sentences (${((100 * found) / sentences.length).toFixed(1)}%)`);
  assert.deepEqual(misses, [], 'sentences of the source missing from the record');
});

test('every requirement ID of content/ is an anchor on its built page', () => {
  const pages = site();
  const problems = [];
  let pageId = null;
  let file = null;
  for (const d of contentDefinitions(readContent())) {
    if (d.source === 'front matter') {
      [pageId, file] = [d.id, d.file];
      if (!pages.has(d.id)) problems.push(`${d.file}: no built page with <h1 id="${d.id}">`);
      continue;
    }
    const page = pages.get(pageId);
    if (page && d.file === file && !page.document.querySelector(`main [id="${d.id}"]`)) {
      problems.push(`${d.file}:${d.line}: ${d.id} is not an element id on ${page.file}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the home page shows the cover and the revision history from the edition records', () => {
  site();
  const home = readBuiltPage(outDir, 'index.html');
  const cells = [...home.document.querySelectorAll('main table.kj-history-table td')].map((td) => stripWs(td.textContent));
  assert.deepEqual(cells, [
    '令和5年4月1日',
    '第1.0版',
    '初版発行(令和5年3月2日決裁、3月29日通知)',
    '令和7年4月1日',
    '第1.1版',
    '総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」の改定に伴う改定(令和7年3月3日決裁、3月17日通知)',
  ]);
  const cover = stripWs(home.document.querySelector('.kj-cover').textContent);
  assert.equal(cover, '北九州市クラウドサービス利用基準第1.1版施行日令和7年4月1日');
  // The edition and its 施行日 are on the cover only, not written again in the body.
  const body = stripWs(home.document.querySelector('.kj-body').textContent);
  assert.ok(!body.includes('第1.1版') && !body.includes('令和7年4月1日'), body);
});
