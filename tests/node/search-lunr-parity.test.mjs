// kijun's C++ index builder (through tests/tools/lunr_emit.cpp, target kijun_lunr_emit) against
// lunr 2.3.9's own Builder fed by the JS tokenizer: same fields, terms, postings and vectors, and
// the same ranked results and scores for the queries search.js sends.
// The emitter is found at $KIJUN_LUNR_EMIT or build/kijun_lunr_emit; if it is missing these tests
// FAIL (they are never skipped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lunr, loadTokenizer, emitIndex, buildWithLunr, andQuery, provisionCorpus, awkwardCorpus, rng, VARIANTS,
} from './lib/search.mjs';

const T = loadTokenizer();

function compareIndexes(corpus) {
  const text = emitIndex(corpus);
  const K = JSON.parse(text);
  const lunrText = JSON.stringify(buildWithLunr(T, corpus));
  const L = JSON.parse(lunrText);

  assert.equal(K.version, '2.3.9');
  assert.deepEqual(K.fields, L.fields);
  assert.deepEqual(K.pipeline, []);
  assert.deepEqual(K.invertedIndex.map((e) => e[0]), L.invertedIndex.map((e) => e[0]), 'same terms, same order');
  let postingsIdentical = 0;
  for (let i = 0; i < L.invertedIndex.length; i++) {
    assert.deepEqual(K.invertedIndex[i][1], L.invertedIndex[i][1], `posting of ${L.invertedIndex[i][0]}`);
    if (JSON.stringify(K.invertedIndex[i]) === JSON.stringify(L.invertedIndex[i])) postingsIdentical++;
  }
  assert.deepEqual(K.fieldVectors.map((v) => v[0]), L.fieldVectors.map((v) => v[0]), 'same field refs, same order');
  let vectorsIdentical = 0;
  for (let i = 0; i < L.fieldVectors.length; i++) {
    const [ref, lv] = L.fieldVectors[i];
    const kv = K.fieldVectors[i][1];
    assert.equal(kv.length, lv.length, `vector length of ${ref}`);
    for (let j = 0; j < lv.length; j += 2) {
      assert.equal(kv[j], lv[j], `term index in ${ref}`);
      assert.ok(Math.abs(kv[j + 1] - lv[j + 1]) <= 0.0005 + 1e-12, `weight ${kv[j + 1]} vs ${lv[j + 1]} in ${ref}`);
    }
    if (JSON.stringify(K.fieldVectors[i]) === JSON.stringify(L.fieldVectors[i])) vectorsIdentical++;
  }
  return {
    text, lunrText, K, L,
    stats: { vectors: L.fieldVectors.length, vectorsIdentical, terms: L.invertedIndex.length, postingsIdentical },
  };
}

function sameResults(a, b, label) {
  assert.equal(a.length, b.length, `${label}: number of results`);
  for (let i = 0; i < a.length; i++) {
    assert.equal(a[i].ref, b[i].ref, `${label}: rank ${i + 1}`);
    assert.ok(Math.abs(a[i].score - b[i].score) <= 1e-9, `${label}: score of ${a[i].ref} ${a[i].score} vs ${b[i].score}`);
    assert.deepEqual(JSON.parse(JSON.stringify(a[i].matchData.metadata)),
      JSON.parse(JSON.stringify(b[i].matchData.metadata)), `${label}: match data of ${a[i].ref}`);
  }
}

const AND_QUERIES = [
  '情報セキュリティ', 'クラウドサービス 利用', 'Web会議', 'ウェブ会議 録画', 'ｳｪﾌﾞ会議', '鍵', '𠮷', '﨑', 'ISMAP',
  'iso 27001', 'ＩＳＯ', 'E2E 暗号化', 'ﾊﾟｽﾜｰﾄﾞ', 'PW', 'サーバ', 'サーバー', 'ログオン', 'e-mail', 'CS-3.3-1-a-2',
  '所属長 許可', '重要情報資産', '機密性 可用性', 'データセンター', '待機室', 'の', 'アクセス制御', 'SLA 99.9%',
  '提供者', 'クラウドサービス提供者', '存在しない語句', '',
];

test('kijun index = lunr Builder index on a 100-document provision corpus (terms, postings, vectors, bytes)', (t) => {
  const corpus = provisionCorpus(11, 90);
  assert.ok(corpus.docs.length >= 50);
  const { text, lunrText, stats } = compareIndexes(corpus);
  t.diagnostic(`${corpus.docs.length} documents, ${stats.terms} terms: ${stats.vectorsIdentical}/${stats.vectors} ` +
    `vectors and ${stats.postingsIdentical}/${stats.terms} postings byte-identical; whole JSON ` +
    `${text === lunrText ? 'byte-identical' : 'DIFFERENT'} (${text.length} characters)`);
  assert.equal(stats.vectorsIdentical, stats.vectors);
  assert.equal(text, lunrText, 'serialized text identical to JSON.stringify of lunr\'s index');
});

test('both indexes give identical ranked refs, scores and match data for the search.js queries', (t) => {
  const corpus = provisionCorpus(11, 90);
  const { K, L } = compareIndexes(corpus);
  const ki = lunr.Index.load(K);
  const li = lunr.Index.load(L);
  let nonEmpty = 0;
  for (const q of AND_QUERIES) {
    const a = andQuery(ki, T, q, corpus.variants);
    const b = andQuery(li, T, q, corpus.variants);
    sameResults(a, b, `AND "${q}"`);
    if (a.length) nonEmpty++;
  }
  t.diagnostic(`${AND_QUERIES.length} AND queries, ${nonEmpty} with results`);
  assert.ok(AND_QUERIES.length >= 20);
  assert.ok(nonEmpty >= 20, `most queries must find something (found: ${nonEmpty})`);
});

test('both indexes agree on OR, field-restricted, boosted, prohibited and wildcard queries', () => {
  const corpus = provisionCorpus(11, 90);
  const { K, L } = compareIndexes(corpus);
  const ki = lunr.Index.load(K);
  const li = lunr.Index.load(L);
  const P = lunr.Query.presence;
  const W = lunr.Query.wildcard;
  const terms = (q) => T.tokenize(q, corpus.variants).map((x) => x.term);
  const builders = {
    'OR 情報セキュリティ 暗号化 ログ': (Q) => terms('情報セキュリティ 暗号化 ログ').forEach((x) => Q.term(x, { usePipeline: false })),
    'title only: 会議': (Q) => Q.term('会議', { usePipeline: false, fields: ['title'] }),
    'body+title boosted': (Q) => { Q.term('情報', { usePipeline: false, boost: 3 }); Q.term('資産', { usePipeline: false, fields: ['body'] }); },
    'prohibited': (Q) => { Q.term('情報', { usePipeline: false, presence: P.REQUIRED }); Q.term('クラ', { usePipeline: false, presence: P.PROHIBITED }); },
    'trailing wildcard クラ*': (Q) => Q.term('クラ', { usePipeline: false, wildcard: W.TRAILING }),
    'edit distance iso~1': (Q) => Q.term('isp', { usePipeline: false, editDistance: 1 }),
    'id field cs': (Q) => Q.term('cs', { usePipeline: false, fields: ['id'] }),
    'citation field 3': (Q) => Q.term('3', { usePipeline: false, fields: ['citation'], presence: P.REQUIRED }),
  };
  for (const [label, fn] of Object.entries(builders)) sameResults(ki.query(fn), li.query(fn), label);
});

test('awkward corpus: numeric refs, refs with / " \\ and control characters, field "7", boosts 0 and 0.5', (t) => {
  const corpus = awkwardCorpus(5, 40);
  const { text, lunrText, K, L, stats } = compareIndexes(corpus);
  t.diagnostic(`${stats.vectorsIdentical}/${stats.vectors} vectors byte-identical`);
  assert.equal(text, lunrText);
  const ki = lunr.Index.load(K);
  const li = lunr.Index.load(L);
  for (const q of ['情報', 'クラウドサービス', '鍵', 'iso', 'サーバー']) sameResults(andQuery(ki, T, q, []), andQuery(li, T, q, []), q);
});

test('30 random corpora are byte-identical to lunr (random sizes, boosts and variants)', () => {
  for (let seed = 100; seed < 130; seed++) {
    const r = rng(seed);
    const corpus = seed % 2 ? provisionCorpus(seed, 5 + Math.floor(r() * 40)) : awkwardCorpus(seed, 3 + Math.floor(r() * 30));
    if (seed % 3 === 0) corpus.variants = VARIANTS.slice(0, 1 + Math.floor(r() * VARIANTS.length));
    corpus.fields.forEach((f) => { if (r() < 0.3) f.boost = Math.round(r() * 200) / 10; });
    const { text, lunrText } = compareIndexes(corpus);
    assert.equal(text, lunrText, `seed ${seed}`);
  }
});

test('an empty corpus and a corpus of empty fields load in lunr and return nothing', () => {
  for (const corpus of [
    { fields: [{ name: 'title', boost: 10 }, { name: 'body' }], docs: [], variants: [] },
    { fields: [{ name: 'title' }, { name: 'body' }], docs: [{ ref: 'a', fields: ['', '、。'] }, { ref: 'b', fields: [null, null] }], variants: [] },
  ]) {
    const { text, lunrText, K } = compareIndexes(corpus);
    assert.equal(text, lunrText);
    assert.deepEqual(andQuery(lunr.Index.load(K), T, '情報', []), []);
  }
});

// Characters that Node's ICU knows from Unicode versions after 15.0, which utf8proc 2.8 (Debian 12)
// implements: new combining marks and a new modifier letter. Both sides leave every other
// character alike; a new difference makes the test below fail.
const NEWER_THAN_UTF8PROC = new Set([0x1ADD, 0x1AE6, 0x1AEB, 0xA7F1]);

/** Tokens of each text by the C++ tokenizer (through the emitter's postings), as sorted strings. */
function cppTokens(texts) {
  const corpus = { fields: [{ name: 'b' }], docs: texts.map((x, i) => ({ ref: `d${i}`, fields: [x] })), variants: [] };
  const K = JSON.parse(emitIndex(corpus));
  const per = texts.map(() => []);
  for (const [term, p] of K.invertedIndex) {
    for (const [ref, m] of Object.entries(p.b)) for (const pos of m.position) per[Number(ref.slice(1))].push(`${term}:${pos[0]}:${pos[1]}`);
  }
  return per.map((l) => l.sort().join(' '));
}

test('NFKC: utf8proc (C++) and String.prototype.normalize (JS) fold every BMP character alike', (t) => {
  // Every code point of the BMP (and of the supplementary blocks NFKC changes most), alone and
  // after a letter followed by combining marks, tokenized by both sides.
  const ranges = [[0x20, 0xD7FF], [0xE000, 0xFFFD], [0x1D400, 0x1D7FF], [0x1F100, 0x1F1FF], [0x2F800, 0x2FA1D]];
  const texts = [];
  let chunk = [];
  const flush = () => {
    if (!chunk.length) return;
    texts.push(chunk.join(' '), chunk.map((c) => `a${c}\u3099\u0301`).join('|'));
    chunk = [];
  };
  let n = 0;
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      if (NEWER_THAN_UTF8PROC.has(c)) continue;
      chunk.push(String.fromCodePoint(c));
      n++;
      if (chunk.length === 64) flush();
    }
  }
  flush();
  const cpp = cppTokens(texts);
  const bad = [];
  texts.forEach((x, i) => {
    const js = T.tokenize(x, []).map((k) => `${k.term}:${k.start}:${k.length}`).sort().join(' ');
    if (js !== cpp[i]) bad.push([...x].slice(0, 3).map((c) => c.codePointAt(0).toString(16)).join(' '));
  });
  t.diagnostic(`${n} code points in ${texts.length} texts`);
  assert.ok(n > 60000);
  assert.deepEqual(bad, [], 'texts (first code points) where C++ and JS differ');
});

test("stop words at index time: the C++ index equals lunr's with the JS tokenizer", () => {
  const corpus = provisionCorpus(21, 60);
  corpus.stopwords = ['の', 'は', 'を', 'が', 'に', 'で', 'とは', 'ですか', 'するの', 'する', '誰', '何', 'pw'];
  const { text, lunrText, K } = compareIndexes(corpus);
  assert.equal(text, lunrText);
  assert.ok(!K.invertedIndex.some(([term]) => term.includes('ノ') && term.length === 2 && /^[^ァ-ヶ]ノ|ノ[^ァ-ヶ]$/.test(term)),
    'no bigram joins a word and the particle の');
});
