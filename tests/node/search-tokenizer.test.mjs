// The shared tokenizer table (tests/data/tokenizer-cases.json) through the browser tokenizer
// themes/default/static/js/tokenizer.js; the C++ tokenizer is checked against the same table in
// tests/tokenizer_test.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CASES_FILE, loadTokenizer } from './lib/search.mjs';

const T = loadTokenizer();
const table = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8'));

test('tokenizer.js carries the version of the shared table', () => {
  assert.equal(T.version, table.tokenizer);
  assert.ok(table.cases.length >= 30, 'at least 30 cases');
});

for (const c of table.cases) {
  test(`shared case: ${c.name}`, () => {
    const plain = c.useVariants === false;
    const got = T.tokenize(c.text, plain ? [] : table.variants, plain ? [] : table.stopwords).map((t) => [t.term, [t.start, t.length]]);
    assert.deepEqual(got, c.tokens, `text ${JSON.stringify(c.text)}`);
  });
}

test('positions slice the original text (no variants): the slice tokenizes back to the term', () => {
  for (const c of table.cases) {
    for (const t of T.tokenize(c.text, [])) {
      const slice = c.text.slice(t.start, t.start + t.length);
      const again = T.tokenize(slice, []).map((x) => x.term);
      // a character that NFKC expands (㍿ -> 株式会社) gives every piece its own span; a slice ending
      // in ー loses it (a word-final ー is dropped, and the slice ends the word)
      if (/[ーｰ]$/.test(slice)) continue;
      if (slice.normalize('NFKC').length > slice.length) assert.ok(again.includes(t.term), `${c.name}: ${slice}`);
      else assert.deepEqual(again, [t.term], `${c.name}: ${slice}`);
    }
  }
});

test('lone surrogates are one-unit separators; null and undefined give no tokens', () => {
  assert.deepEqual(T.tokenize('\uD800情報\uDC00ab'), [
    { term: '情報', start: 1, length: 2 }, { term: 'ab', start: 4, length: 2 }]);
  assert.deepEqual(T.tokenize(null), []);
  assert.deepEqual(T.tokenize(undefined), []);
  assert.deepEqual(T.tokenize(''), []);
});

test('analyze() numbers the runs and says their kind', () => {
  const a = T.analyze('ISMAP登録 鍵', []);
  assert.deepEqual(a.map((t) => [t.term, t.run, t.kind]), [['ismap', 0, 'w'], ['登録', 1, 'c'], ['鍵', 2, 'c']]);
});

test('variant tables: array and object forms are the same; compiled once per table', () => {
  const arr = [['ウェブ会議', 'Web会議']];
  const obj = [{ canonical: 'ウェブ会議', variants: ['Web会議'] }];
  assert.deepEqual(T.tokenize('Web会議', arr), T.tokenize('Web会議', obj));
  assert.equal(T.compileVariants(arr), T.compileVariants(arr));
});

test('a variant group with an empty canonical spelling is ignored (as in C++)', () => {
  assert.deepEqual(T.compileVariants([['', '情報'], { canonical: '', variants: ['資産'] }]), []);
  assert.deepEqual(T.tokenize('情報資産', [['', '情報']]).map((t) => t.term), ['情報', '報資', '資産']);
});
