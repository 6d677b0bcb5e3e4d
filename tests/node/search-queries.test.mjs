// Search quality on the REAL standard: content/ is built with build/kijun, the built search.html is
// loaded into a linkedom window together with the scripts it loads (assets/js/lunr.js,
// tokenizer.js, search-data.js, search.js, evaluated in that order from the built site), and every
// query of tests/data/search-queries.json goes through KijunSearch.search(), the function the
// results page renders. Reports recall@5 and MRR (and the index size); fails when an expected
// provision is not among the first 5 results. Also checks the ID / citation jumps.
// Fails (never skips) when the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseHTML } from 'linkedom';
import { REPO_ROOT, loadBuiltSearchPage } from './lib/search.mjs';
import { buildSite } from './lib/source.mjs';

const QUERIES_FILE = path.join(REPO_ROOT, 'tests/data/search-queries.json');
const TOP = 5;

let site;
let page;


before(async () => {
  site = buildSite();
  page = await loadBuiltSearchPage(site);
});

after(() => {
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

const pad = (s, n) => {
  s = String(s);
  // Japanese characters take two columns in a terminal
  const w = [...s].reduce((a, c) => a + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(c) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - w));
};

test('index size of the real site (raw and gzip)', () => {
  const lines = [];
  for (const rel of ['search-index.json', 'assets/js/search-data.js']) {
    const buf = fs.readFileSync(path.join(site, rel));
    const gz = zlib.gzipSync(buf, { level: 6 }).length;
    const br = zlib.brotliCompressSync(buf).length;
    lines.push(`search: ${pad(rel, 26)} raw ${buf.length} bytes, gzip -6 ${gz} bytes (${(100 * gz / buf.length).toFixed(1)}%), brotli ${br} bytes`);
  }
  const docs = Object.keys(page.data.docs).length;
  lines.push(`search: ${docs} documents (${Object.values(page.data.docs).filter((d) => d.kind === 'provision').length} provisions)`);
  for (const l of lines) console.log(l);
});

test('recall@5 and MRR of the staff queries (tests/data/search-queries.json)', () => {
  const { queries } = JSON.parse(fs.readFileSync(QUERIES_FILE, 'utf8'));
  assert.ok(queries.length >= 45, `at least 45 queries (${queries.length})`);
  const ids = new Set(Object.values(page.data.docs).map((d) => d.id).filter(Boolean));
  const rows = [];
  for (const { q, expect, note } of queries) {
    assert.ok(ids.has(expect), `${q}: the expected ID ${expect} is not a provision of the site`);
    const out = page.api.search(q);
    assert.equal(out.error, null, `${q}: search error ${out.error}`);
    assert.equal(out.jump, null, `${q}: a keyword query is not taken for an ID or citation`);
    const refs = Array.from(out.results, (r) => r.ref);
    const rank = refs.indexOf(expect) + 1; // 0 = not found at all
    rows.push({ q, expect, note, rank, total: refs.length, top: refs.slice(0, TOP) });
  }
  const hits = rows.filter((r) => r.rank >= 1 && r.rank <= TOP);
  const mrr = rows.reduce((a, r) => a + (r.rank ? 1 / r.rank : 0), 0) / rows.length;
  const summary = `search: recall@${TOP} = ${hits.length}/${rows.length} (${(100 * hits.length / rows.length).toFixed(1)}%), MRR = ${mrr.toFixed(3)}`;

  console.log(summary);
  console.log(`search: ${pad('query', 30)} ${pad('expected', 15)} rank  results`);
  for (const r of rows) {
    const mark = r.rank >= 1 && r.rank <= TOP ? ' ' : '✗';
    console.log(`search: ${mark}${pad(r.q, 29)} ${pad(r.expect, 15)} ${String(r.rank || '-').padStart(4)}  ${r.total}`);
  }

  const misses = rows.filter((r) => !(r.rank >= 1 && r.rank <= TOP));
  const report = misses.map((r) => `  「${r.q}」 expected ${r.expect} (${r.note}): ` +
    (r.rank ? `rank ${r.rank} of ${r.total}` : `not found (${r.total} results)`) +
    `; top ${TOP}: ${r.top.length ? r.top.join(', ') : '(none)'}`).join('\n');
  if (misses.length) console.log(`search: misses\n${report}`);
  assert.equal(misses.length, 0, `${summary}\nmisses:\n${report}`);
});

test('an ID and a citation typed into the box resolve to the provision (search.js jump logic)', () => {
  const { api, data } = page;
  const cases = [
    ['CS-3.3-1-a-2', 'CS-3.3-1-a-2', 'id'],
    ['cs-3.3-1-a-2', 'CS-3.3-1-a-2', 'id'],
    ['ＣＳ－３.３－１－ａ－２', 'CS-3.3-1-a-2', 'id'],
    ['3.3①(ア)', 'CS-3.3-1-a', 'citation'],
    ['「3.3①（ア）」', 'CS-3.3-1-a', 'citation'],
    ['3.1(8)③', 'CS-3.1-8-3', 'citation'],
    ['6.2(2)③', 'CS-6.2-2-3', 'citation'],
  ];
  for (const [q, id, how] of cases) {
    const jump = api.resolveJump(q);
    assert.ok(jump, `${q}: resolves to a provision`);
    assert.equal(jump.ref, id, q);
    assert.equal(jump.how, how, q);
    const doc = data.docs[id];
    assert.equal(jump.url, doc.url, `${q}: the link goes to the provision's page and anchor`);
    assert.match(jump.url, new RegExp(`\\.html#${id.replace(/\./g, '\\.')}$`), q);
    assert.equal(api.search(q).jump.ref, id, `${q}: search() reports the same jump`);
  }
  // the page each jump goes to really has the anchor
  const target = data.docs['CS-3.3-1-a-2'].url;
  const [file, anchor] = target.split('#');
  const { document } = parseHTML(fs.readFileSync(path.join(site, file), 'utf8'));
  assert.ok(document.getElementById(anchor), `${file} has id="${anchor}"`);
  // a keyword is not a jump
  assert.equal(api.resolveJump('待機室'), null);
});

test('a compound typed without its particles falls back to its pieces, and the page says so', () => {
  const { api, document } = page;
  const exact = api.search('アカウントの削除');
  assert.ok(exact.results.length > 0);
  assert.equal(exact.split, undefined, 'an exact phrase match needs no fallback');
  const out = api.search('アカウント削除');
  assert.ok(out.split, 'アカウント削除 is searched as its pieces');
  assert.ok(out.results.slice(0, TOP).some((r) => r.ref === 'CS-3.5-1-c-1'));
  const box = document.createElement('div');
  api.render(box, out, 'アカウント削除');
  const note = box.querySelector('.kj-search-split');
  assert.ok(note, 'the results page explains the fallback');
  assert.equal(note.textContent,
    '「アカウント削除」のとおりに一致する箇所はありませんでした。「アカウント」「削除」をすべて含む箇所を表示しています。');
});

test('one hit per place: a page and the provision at its URL are one result (許可権限者)', () => {
  const out = page.api.search('許可権限者');
  const urls = out.results.map((r) => r.doc.url);
  assert.equal(new Set(urls).size, urls.length, `no URL twice: ${urls.join(' ')}`);
  assert.equal(out.results[0].ref, 'CS-5.1', '5.1 once, as its provision');
  assert.ok(out.results.slice(1, 3).some((r) => r.ref === 'CS-5.1-1'));
  for (const { q } of JSON.parse(fs.readFileSync(QUERIES_FILE, 'utf8')).queries) {
    const u = page.api.search(q).results.map((r) => r.doc.url);
    assert.equal(new Set(u).size, u.length, `${q}: no URL twice`);
  }
});

test('glossary entries are found by their terms and other spellings, right after the first provision', (t) => {
  const cases = [
    ['責任分界点', 'term:term-責任分界点'],
    ['SLA', 'term:term-sla'],
    ['sla', 'term:term-sla'],
    ['CISO', 'term:term-ciso'],
    ['最高情報セキュリティ責任者', 'term:term-ciso'],
    ['セキュアデリート', 'term:term-セキュアデリート'],
    ['ＩＳＭＡＰ', 'term:term-ismap'],
  ];
  for (const [q, ref] of cases) {
    const res = page.api.search(q).results;
    const at = res.findIndex((r) => r.ref === ref);
    t.diagnostic(`${q}: ${ref} at rank ${at + 1} of ${res.length}`);
    assert.ok(at >= 0 && at < TOP, `${q}: ${ref} among the first ${TOP} (${res.slice(0, TOP).map((r) => r.ref).join(' ')})`);
    const hit = res[at];
    assert.equal(hit.doc.kind, 'glossary');
    assert.match(hit.doc.url, /^glossary\.html#term-/);
    // The standard's own text first, where it has the words: never a glossary entry before every provision.
    const firstProvision = res.findIndex((r) => r.doc.kind === 'provision');
    if (firstProvision >= 0) assert.ok(firstProvision < at, `${q}: the provision (rank ${firstProvision + 1}) before the entry`);
  }
  // The rendered results page names the entry as 用語.
  const kinds = page.api.search('責任分界点').results.map((r) => r.doc.kind);
  assert.ok(kinds.includes('glossary'));
  assert.equal(page.data.docs['term:term-責任分界点'].title, '責任分界点');
});

test('a checklist or example never comes before a provision it quotes, for every query of the set', () => {
  let checked = 0;
  for (const { q } of JSON.parse(fs.readFileSync(QUERIES_FILE, 'utf8')).queries) {
    const res = page.api.search(q).results;
    res.forEach((h, i) => {
      if (h.doc.kind !== 'checklist' && h.doc.kind !== 'example') return;
      for (let k = i + 1; k < res.length; k++) {
        const d = res[k].doc;
        if (d.kind !== 'provision') continue;
        assert.ok(!h.doc.text.includes(d.id), `${q}: ${h.ref} (rank ${i + 1}) quotes ${d.id} (rank ${k + 1})`);
        checked++;
      }
    });
  }
  assert.ok(checked > 0, 'some queries list a checklist');
});

test('a whole katakana word ranks where it stands as a word above where it is inside a longer one (ログ)', () => {
  const refs = page.api.search('ログ').results.map((r) => r.ref);
  const at = (id) => refs.indexOf(id);
  assert.equal(refs[0], 'CS-3.1-9-2', 'ログは1年間以上保存 first');
  assert.ok(at('CS-3.3-1-a-9') >= 0 && at('CS-3.3-1-a-9') < at('CS-3.3-1-a-8'), 'ログの管理 before ログイン');
  assert.ok(at('CS-3.4-1-d-3') > at('CS-3.3-1-a-9'), 'プログラム after ログ, but still listed');
  assert.ok(at('CS-2-4-3') > at('CS-3.3-1-a-9'), 'プログラム (2(4)③) still listed');
});

test('one edit for Latin words of 5 letters or more, ranked below exact matches', () => {
  const exact = page.api.search('ISMAP').results.map((r) => r.ref);
  const typo = page.api.search('ISMPA').results.map((r) => r.ref);
  assert.ok(typo.includes('CS-3.1-3'));
  assert.deepEqual(typo, exact, 'only ismap is one edit away from ismpa');
  assert.equal(page.api.search('SLX').results.length, 0, 'no tolerance below 5 letters');
});

test('natural questions: particles, endings and interrogatives do not count (ログはどのくらい保存するの)', () => {
  const out = page.api.search('ログはどのくらい保存するの');
  assert.deepEqual([...Array.from(out.words, (w) => w.text)], ['ログ', '保存']);
  assert.equal(out.results[0].ref, 'CS-3.1-9-2');
  assert.equal(out.partial, false);
});

test('synonyms and related provisions from site.yaml', () => {
  assert.equal(page.api.search('待合室').results[0].ref, 'CS-6.2-2-3', '待合室 finds 待機室');
  const personal = Array.from(page.api.search('個人情報').results, (r) => r.ref);
  assert.deepEqual(personal.slice(0, 2), ['CS-6.3-2', 'CS-2-1'], 'the hit, then the related 2(1)');
  assert.ok(page.api.search('個人情報').results[1].related);
  assert.equal(page.api.search('アンケート').results[0].ref, 'CS-4.1-2');
});
