// Sharded search data (search.shard_above in site.yaml) gives exactly the results of one index.
// The real standard is built twice from a copy of content/: once as it is (one search-data.js
// with the whole index) and once with `shard_above: 1` and small shards, so that its index is cut
// into many term shards and its store into many document shards. search.html of each is loaded
// into a linkedom window with the scripts it loads; in the sharded one a <script> that the loader
// appends is evaluated from the built site (and counted). Every query of
// tests/data/search-queries.json, and queries that use the wildcard, one-edit, synonym, ID,
// ID-prefix and citation paths, must give the same jump, the same results in the same order with
// the same scores and marked ranges, after loading only some of the shards (when lunr has more than
// 200 hits, the sharded search judges only the best 200: its results are then among the others).
// Fails (never skips) when the kijun binary is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadBuiltSearchPage as loadSearchPage } from './lib/search.mjs';
import { buildSite, CONTENT_DIR } from './lib/source.mjs';

const QUERIES = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tests/data/search-queries.json'), 'utf8')).queries;
const EXTRA = [
  '会', '録', 'クラウド', 'passwrd', 'Zoom 録画', 'SaaS', 'CS-3.3-1-a-2', 'cs-3.1', 'CS-6.2', '3.3①(ア)',
  '「3.1(8)③」', 'ログ 保存期間', 'アカウント削除', 'ウェブ会議 パスワード', 'ＷＥＢ会議', '個人情報', 'xyzzy',
];

let dirs = [];
let whole, sharded;


/** search(q) once everything it needs has arrived (ready() calls back at once here). */
function run(page, q) {
  let out = null;
  page.api.ready(q, () => { out = page.api.search(q); });
  assert.ok(out, `ready() called back for ${q}`);
  return out;
}

function shape(out) {
  // (through JSON: objects of two vm contexts have different prototypes)
  return JSON.parse(JSON.stringify({
    jump: out.jump ? out.jump.url : null,
    error: out.error,
    partial: out.partial,
    results: out.results.map((r) => ({ ref: r.ref, score: r.score, ranges: r.ranges, title: r.doc.title, text: r.doc.text })),
  }));
}

before(() => {
  whole = buildSite();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-shards-'));
  const content = path.join(tmp, 'content');
  fs.cpSync(CONTENT_DIR, content, { recursive: true });
  const yaml = path.join(content, 'site.yaml');
  fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace(/^search:\n/m, 'search:\n  shard_above: 1\n  shard_size_kb: 16\n'));
  sharded = buildSite({ content });
  dirs = [whole, sharded, tmp];
});

after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('the sharded site has a small head, many shards and no whole index', () => {
  const shards = fs.readdirSync(path.join(sharded, 'assets/js/search'));
  const terms = shards.filter((f) => /^t-\d+\.js$/.test(f)).length;
  const docs = shards.filter((f) => /^d-\d+\.js$/.test(f)).length;
  assert.ok(terms >= 10, `term shards: ${terms}`);
  assert.ok(docs >= 5, `document shards: ${docs}`);
  assert.ok(shards.includes('ids.js'));
  assert.ok(!fs.existsSync(path.join(sharded, 'search-index.json')), 'no search-index.json when sharded');
  assert.ok(fs.existsSync(path.join(whole, 'search-index.json')));
  assert.ok(!fs.existsSync(path.join(whole, 'assets/js/search')), 'the real site stays one file');
  const head = fs.statSync(path.join(sharded, 'assets/js/search-data.js')).size;
  const one = fs.statSync(path.join(whole, 'assets/js/search-data.js')).size;
  assert.ok(head * 10 < one, `head ${head} B against ${one} B`);
});

test('every query gives the same results sharded as with one index, loading only part', async () => {
  const a = await loadSearchPage(whole);
  const b = await loadSearchPage(sharded);
  assert.ok(b.data.sharded && !b.data.index, 'the sharded site loads a head, not the index');
  const total = fs.readdirSync(path.join(sharded, 'assets/js/search')).length;
  const queries = [...QUERIES.map((q) => q.q), ...EXTRA];
  let someResults = 0;
  let capped = 0;
  for (const q of queries) {
    const whole = run(a, q);
    const expected = shape(whole);
    const before = b.loaded.length;
    const got = shape(run(b, q));
    if (whole.hitCount <= 200) {
      assert.deepEqual(got, expected, `query ${q}`);
    } else {
      // Sharded, only lunr's 200 best hits are judged: what is shown is among the whole results.
      capped++;
      assert.equal(got.jump, expected.jump, `query ${q}`);
      const refs = new Set(expected.results.map((r) => r.ref));
      assert.ok(got.results.length > 0 && got.results.every((r) => refs.has(r.ref)), `query ${q}`);
    }
    if (expected.results.length) someResults++;
    // The first query of a kind loads some shards, never all of them.
    if (before === 0) assert.ok(b.loaded.length > 0 && b.loaded.length < total, `${q}: ${b.loaded.length} of ${total}`);
  }
  assert.ok(someResults > queries.length / 2, `${someResults} of ${queries.length} queries have results`);
  assert.ok(capped < queries.length / 4, `${capped} of ${queries.length} queries have more than 200 hits`);
});

test('a query in a fresh page loads only the shards of its terms and hits', async () => {
  const b = await loadSearchPage(sharded);
  run(b, 'ログ 保存期間');
  const terms = b.loaded.filter((s) => /\/t-\d+\.js$/.test(s)).length;
  const docs = b.loaded.filter((s) => /\/d-\d+\.js$/.test(s)).length;
  const all = fs.readdirSync(path.join(sharded, 'assets/js/search'));
  assert.ok(terms >= 1 && terms < all.filter((f) => f.startsWith('t-')).length / 2, `term shards loaded: ${terms}`);
  assert.ok(docs >= 1, `document shards loaded: ${docs}`);
  assert.ok(!b.loaded.some((s) => s.endsWith('/ids.js')), 'a query of words does not need the jump table');
  run(b, 'CS-3.3-1-a-2');
  assert.ok(b.loaded.some((s) => s.endsWith('/ids.js')), 'an ID query loads the jump table');
});

test('a missing shard is a load error, not a crash', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-shards-broken-'));
  dirs.push(tmp);
  fs.cpSync(sharded, tmp, { recursive: true });
  for (const f of fs.readdirSync(path.join(tmp, 'assets/js/search'))) {
    if (f.startsWith('t-')) fs.rmSync(path.join(tmp, 'assets/js/search', f));
  }
  const b = await loadSearchPage(tmp);
  const out = run(b, 'ログ 保存期間');
  assert.equal(out.error, 'load');
  assert.equal(out.results.length, 0);
});
