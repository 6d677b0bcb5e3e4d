// Fidelity of the published text: every sentence of the source's body must appear,
// white space aside, on the built page of its own section.
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

test('each page of content/ holds exactly its section of the source, in order', () => {
  // Read without the generator: the page heading is its number and title, the body
  // its visible text (ID markers, list bullets and heading marks removed, references
  // replaced by their words). White space aside, heading + body must equal the
  // source's sentences of that section joined in order: nothing left out, nothing added.
  const problems = [];
  for (const page of readContent()) {
    const { id, number, title } = page.frontMatter;
    if (id === undefined) continue;
    const heading = stripWs(`${number.replace(/^[\d.]+(?=\()/u, '')}${title}`);
    const body = page.lines
      .slice(page.bodyStart)
      .map((l) => visibleText(l).replace(/^\s*(?:-\s+|#{1,6}\s+)?/u, '').replace(/\s*\{#[^}\s]+\}\s*/gu, ''))
      .join('');
    const actual = heading + stripWs(body);
    const expected = sentences.filter((s) => s.page === id).map((s) => s.text).join('');
    if (actual !== expected) {
      let i = 0;
      while (i < actual.length && actual[i] === expected[i]) i++;
      problems.push(`${page.file} (${id}) differs from the source after …${expected.slice(Math.max(0, i - 20), i)}\n` +
        `    source:  ${expected.slice(i, i + 40)}\n    content: ${actual.slice(i, i + 40)}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every sentence of the source is on the page of its section', () => {
  const pages = site();
  const misses = [];
  for (const s of sentences) {
    const page = pages.get(s.page);
    if (!page) misses.push(`source line ${s.line}: no built page with <h1 id="${s.page}">`);
    else if (!page.text.includes(s.text)) misses.push(`source line ${s.line} (${s.page}, ${page.file}): ${s.text}`);
  }
  const found = sentences.length - misses.length;
  console.log(`fidelity: ${found}/${sentences.length} sentences (${((100 * found) / sentences.length).toFixed(1)}%)`);
  assert.deepEqual(misses, [], 'sentences of the source missing from their page');
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

test('the home page shows the cover and the revision history', () => {
  site();
  const home = readBuiltPage(outDir, 'index.html');
  const cells = [...home.document.querySelectorAll('main table td')].map((td) => stripWs(td.textContent));
  assert.deepEqual(cells, [
    '令和5年4月1日',
    '第1.0版',
    '初版発行(令和5年3月2日決裁、3月29日通知)',
    '令和7年4月1日',
    '第1.1版',
    '総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」の改定に伴う改定(令和7年3月3日決裁、3月17日通知)',
  ]);
  for (const fact of ['クラウドサービス利用基準', '施行日:令和7年4月1日', '北九州市', '第1.1版']) {
    assert.ok(home.text.includes(fact) || stripWs(home.document.querySelector('h1')?.textContent ?? '') === fact, `home page lacks ${fact}`);
  }
});
