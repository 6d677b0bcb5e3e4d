// Helpers for the search tests (tests/node/search-*.test.mjs): load the browser scripts
// (themes/default/static/js/tokenizer.js, search.js) into Node, build lunr indexes with lunr's own
// Builder, run kijun's C++ emitter (tests/tools/lunr_emit.cpp), generate corpora, and set up pages.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const JS_DIR = path.join(REPO_ROOT, 'themes/default/static/js');
export const TOKENIZER_JS = path.join(JS_DIR, 'tokenizer.js');
export const SEARCH_JS = path.join(JS_DIR, 'search.js');
export const CASES_FILE = path.join(REPO_ROOT, 'tests/data/tokenizer-cases.json');
export const SOURCE_FILE = path.join(REPO_ROOT, 'tests/fixtures/source/cloud-service-standard-v1.1.txt');

const require = createRequire(import.meta.url);
export const LUNR_JS = require.resolve('lunr');
export const lunr = require('lunr');

/** tokenizer.js evaluated in this realm (as a browser would: a plain script setting a global). */
export function loadTokenizer() {
  vm.runInThisContext(fs.readFileSync(TOKENIZER_JS, 'utf8'), { filename: TOKENIZER_JS });
  return globalThis.KijunTokenizer;
}

// ---- the C++ emitter ------------------------------------------------------------------------

/** Path of kijun_lunr_emit: $KIJUN_LUNR_EMIT, else build/kijun_lunr_emit under the repository. */
export function emitPath() {
  return path.resolve(REPO_ROOT, process.env.KIJUN_LUNR_EMIT ?? 'build/kijun_lunr_emit');
}

/** Runs kijun_lunr_emit on a corpus {fields, docs, variants}; returns the serialized index text.
 *  Throws (the test fails, it is never skipped) when the program is missing or fails. */
export function emitIndex(corpus) {
  const exe = emitPath();
  if (!fs.existsSync(exe)) {
    throw new Error(`kijun_lunr_emit not found at ${exe}: build it (target kijun_lunr_emit) ` +
      'or set KIJUN_LUNR_EMIT to its path');
  }
  const r = spawnSync(exe, [], { input: JSON.stringify(corpus), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`kijun_lunr_emit exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// ---- lunr's own builder with the kijun tokenizer ---------------------------------------------

/** A lunr tokenizer function producing lunr.Tokens with position metadata from KijunTokenizer. */
export function lunrTokenizer(T, variants, stopwords = []) {
  return function (value) {
    if (value === null || value === undefined) return [];
    return T.tokenize(String(value), variants, stopwords).map((t) => new lunr.Token(t.term, { position: [t.start, t.length] }));
  };
}

const REF_KEY = '\u0000ref';

/** Builds the corpus with `new lunr.Builder()` exactly as the spec (§6.2) describes. */
export function buildWithLunr(T, corpus) {
  const builder = new lunr.Builder();
  builder.tokenizer = lunrTokenizer(T, corpus.variants || [], corpus.stopwords || []);
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.metadataWhitelist = ['position'];
  builder.ref(REF_KEY);
  for (const f of corpus.fields) builder.field(f.name, f.boost === undefined ? {} : { boost: f.boost });
  for (const d of corpus.docs) {
    const doc = { [REF_KEY]: d.ref };
    corpus.fields.forEach((f, i) => { doc[f.name] = d.fields[i] === undefined ? null : d.fields[i]; });
    builder.add(doc, d.boost === undefined ? undefined : { boost: d.boost });
  }
  return builder.build();
}

/** The query search.js sends (AND of all terms; a one-character CJK word as *c*), run on idx. */
export function andQuery(idx, T, q, variants) {
  const tokens = T.analyze(q, variants);
  const runs = new Map();
  for (const t of tokens) {
    if (!runs.has(t.run)) runs.set(t.run, []);
    runs.get(t.run).push(t);
  }
  const clauses = [];
  const seen = new Set();
  for (const toks of runs.values()) {
    const single = toks.length === 1 && toks[0].kind === 'c' && [...toks[0].term].length === 1;
    for (const t of toks) {
      if (seen.has(t.term)) continue;
      seen.add(t.term);
      clauses.push({ term: t.term, single });
    }
  }
  if (!clauses.length) return [];
  const W = lunr.Query.wildcard;
  return idx.query((Q) => {
    for (const c of clauses) {
      Q.term(c.term, {
        usePipeline: false,
        presence: lunr.Query.presence.REQUIRED,
        wildcard: c.single ? (W.LEADING | W.TRAILING) : W.NONE,
      });
    }
  });
}

// ---- corpora --------------------------------------------------------------------------------

/** Small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences of the real standard (tests/fixtures/source), white space inside Japanese removed. */
export function sourceSentences() {
  const text = fs.readFileSync(SOURCE_FILE, 'utf8');
  return text.split(/\n+/).map((l) => l.replace(/^\s*-\s*/, '').trim())
    .filter((l) => l.length >= 12 && /[\u3040-\u30FF\u4E00-\u9FFF]/.test(l))
    .map((l) => l.replace(/([^\x00-\x7F])\s+(?=[^\x00-\x7F])/g, '$1'));
}

const WORDS = [
  '情報セキュリティ', 'クラウドサービス', '重要情報資産', '機密性', '可用性', '完全性', '所属長', '許可',
  '利用申請', 'ウェブ会議', 'Web会議', 'WEB会議', 'サーバ', 'サーバー', 'ログ', '保存期間', '暗号化', '鍵', '暗号鍵',
  'アクセス制御', '多要素認証', 'パスワード', 'ﾊﾟｽﾜｰﾄﾞ', 'ｸﾗｳﾄﾞｻｰﾋﾞｽ', 'ISMAP', 'ＩＳＭＡＰ', 'ISO/IEC 27001',
  'ＩＳＯ／ＩＥＣ２７０１７', 'SOC 2', 'E2E', 'CISO', 'SLA', '99.9%', '𠮷', '𠮷野', '﨑', '山﨑', 'データセンター',
  '待機室', '録画', 'CS-3.3-1-a-2', 'ｳｪﾌﾞ会議', 'PW', 'Zoom・Teams', 'チャット', '資料共有', 'e-mail', 'Eメール', '電子メール', 'ログオン', 'ログイン', 'サインイン',
  'の', 'を', 'に', 'は', 'が', 'と', 'する', 'こと', 'ため', '、', '。', '・', '「', '」', '（', '）', ' ', '\n',
];

function phrase(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += WORDS[Math.floor(r() * WORDS.length)];
  return s;
}

export const VARIANTS = [
  ['ウェブ会議', 'Web会議', 'WEB会議'],
  ['サーバー', 'サーバ'],
  ['電子メール', 'Eメール', 'e-mail'],
  ['ログイン', 'ログオン', 'サインイン'],
  ['パスワード', 'PW'],
];

/** A corpus of provisions and pages like kijun's (fields id/citation/title/body with boosts). */
export function provisionCorpus(seed = 1, count = 80) {
  const r = rng(seed);
  const sentences = sourceSentences();
  const docs = [];
  const circled = '①②③④⑤⑥⑦⑧';
  const kana = 'アイウエオカキクケ';
  for (let i = 0; i < count; i++) {
    const sec = `${1 + Math.floor(r() * 6)}.${1 + Math.floor(r() * 5)}`;
    const n1 = 1 + Math.floor(r() * 9), n2 = Math.floor(r() * 8), n3 = Math.floor(r() * 9);
    const id = `CS-${sec}-${n1}-${n2 + 1}${r() < 0.4 ? `-${'abcdefghi'[n3]}` : ''}-${i}`;
    const citation = `${sec}(${n1})${circled[n2]}${r() < 0.4 ? `(${kana[n3]})` : ''}`;
    const heading = r() < 0.15;
    const body = heading ? '' : (r() < 0.7 ? sentences[Math.floor(r() * sentences.length)] : '') + phrase(r, 3 + Math.floor(r() * 25));
    const title = heading ? phrase(r, 2 + Math.floor(r() * 4)) : '';
    docs.push({ ref: id, fields: [id, citation, title, body], boost: r() < 0.1 ? 2 : (r() < 0.05 ? 0 : undefined) });
  }
  for (let i = 0; i < Math.max(4, count / 10); i++) {
    docs.push({
      ref: `page:section-${i}/index.html`,
      fields: ['', '', `ページ${i} ${phrase(r, 2)}`, sentences.slice(i * 7, i * 7 + 6).join('\n') + phrase(r, 40)],
    });
  }
  return {
    fields: [{ name: 'id', boost: 10 }, { name: 'citation', boost: 8 }, { name: 'title', boost: 5 }, { name: 'body', boost: 1 }],
    docs,
    variants: VARIANTS,
  };
}

/** A corpus with the awkward cases: numeric refs, refs with '/', quotes, backslashes and control
 *  characters, an array-index-like field name, null fields, boosts 0 and fractional. */
export function awkwardCorpus(seed = 2, count = 40) {
  const r = rng(seed);
  const refs = ['10', '2', '0', '007', '4294967295', '/ja/policy/', 'q"uote', 'back\\slash', 'nl\nref', 'tab\tref',
    'ctl\u0001ref', '𠮷ref', 'ｱref', 'x/y/z'];
  const docs = [];
  for (let i = 0; i < count; i++) {
    const ref = i < refs.length ? refs[i] : String(100 + Math.floor(r() * 1e6)) + (r() < 0.5 ? '' : `-${i}`);
    if (docs.some((d) => d.ref === ref)) continue;
    docs.push({
      ref,
      fields: [r() < 0.2 ? null : phrase(r, 1 + Math.floor(r() * 4)), phrase(r, Math.floor(r() * 6)), phrase(r, 5 + Math.floor(r() * 30))],
      boost: [undefined, 1, 0, 0.5, 3.7][Math.floor(r() * 5)],
    });
  }
  return {
    fields: [{ name: 'title', boost: 3 }, { name: '7' }, { name: 'body', boost: 0 }],
    docs,
    variants: [],
  };
}

// ---- pages ----------------------------------------------------------------------------------

/** window.KIJUN_SEARCH for a corpus built from provisionCorpus-like documents, as the generator
 *  writes it: {index, docs: {ref: {title, citation, id, section, url, text, kind}}, variants, fields}. */
export function searchData(indexObject, corpus, display) {
  const docs = {};
  for (const d of corpus.docs) {
    docs[d.ref] = display(d);
  }
  return { index: indexObject, docs, variants: corpus.variants, fields: corpus.fields.map((f) => f.name) };
}

export function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Finds a Chromium executable: $KIJUN_CHROMIUM, else chromium / chromium-browser /
 *  google-chrome on PATH. Returns null when there is none. */
export function chromiumPath() {
  if (process.env.KIJUN_CHROMIUM) return process.env.KIJUN_CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch { /* next */ }
    }
  }
  return null;
}

// ---- search.js in a simulated page (linkedom + vm) ----------------------------------------------

/** Loads lunr.js, tokenizer.js, window.KIJUN_SEARCH = data and search.js into a linkedom document,
 *  as the page's <script> tags would. `url` is the page address (its ?q= / #q= are read).
 *  Timers are manual: page.flush() runs the pending ones. Navigation is recorded, not performed:
 *  page.navigations lists {how: 'href' | 'replace', url}. */
export async function loadSearchPage({ html, data, url = 'file:///site/search.html', autoInit = true }) {
  const { parseHTML } = await import('linkedom');
  const { window, document } = parseHTML(html);
  const u = new URL(url);
  const navigations = [];
  const historyCalls = [];
  const timers = new Map();
  let nextTimer = 1;
  const location = {
    search: u.search,
    hash: u.hash,
    get href() { return u.href; },
    set href(v) { navigations.push({ how: 'href', url: v }); },
    replace(v) { navigations.push({ how: 'replace', url: v }); },
  };
  let active = null;
  Object.defineProperty(document, 'activeElement', { get: () => active, configurable: true });
  window.HTMLElement.prototype.focus = function () { active = this; };
  const ctx = vm.createContext({
    document,
    location,
    history: { replaceState(state, title, to) { historyCalls.push(to); } },
    URLSearchParams,
    URL,
    console,
    setTimeout(fn) { const id = nextTimer++; timers.set(id, fn); return id; },
    clearTimeout(id) { timers.delete(id); },
    KIJUN_SEARCH: data,
    KIJUN_SEARCH_NO_AUTO_INIT: !autoInit,
  });
  ctx.window = ctx;
  for (const file of [LUNR_JS, TOKENIZER_JS, SEARCH_JS]) {
    vm.runInContext(fs.readFileSync(file, 'utf8'), ctx, { filename: file });
  }
  return {
    window, document, ctx, navigations, historyCalls,
    api: ctx.KijunSearch,
    pendingTimers: () => timers.size,
    flush() {
      const fns = [...timers.values()];
      timers.clear();
      fns.forEach((fn) => fn());
    },
    event(target, type, props = {}) {
      const e = new window.Event(type, { bubbles: true, cancelable: true });
      for (const [k, v] of Object.entries(props)) Object.defineProperty(e, k, { value: v });
      target.dispatchEvent(e);
      return e;
    },
  };
}

/** A page skeleton like kijun's: header form, optional results container, data-root. */
export function pageHtml({ root = '', results = true, title = '検索' } = {}) {
  return `<!DOCTYPE html><html lang="ja" data-root="${root}"><head><title>${title}</title></head><body>
<header><form class="kj-search" role="search" action="${root}search.html" method="get">
<input id="kj-q" name="q" type="search"><button type="submit">検索</button></form></header>
<main>${results ? '<form class="kj-search kj-search-main" role="search" action="search.html"><input id="kj-q-main" name="q" type="search"></form><div id="kj-search-results" aria-live="polite"></div>' : '<p>本文</p>'}</main>
</body></html>`;
}

/** A small hand-written standard: documents with known text for the UI tests. */
export function uiCorpus() {
  const P = (id, citation, section, text, extra = {}) => ({
    ref: id,
    show: { title: extra.title || '', citation, id, section, url: `${extra.page || 'important/measures.html'}#${id}`, kind: 'provision', text },
    fields: [id, citation, extra.title || '', text],
  });
  const docs = [
    P('CS-3.1-8-3', '3.1(8)③', '3.1 クラウドサービスの選定条件', '③ 情報セキュリティ対策の実施状況を定期的に確認すること。'),
    P('CS-3.3-1-a', '3.3①(ア)', '3.3 導入・構築時の対策', '(ア) 不正なアクセスを防止するためのアクセス制御'),
    P('CS-3.3-1-a-2', '3.3①(ア)・2', '3.3 導入・構築時の対策', '・多要素認証を用いること。'),
    P('CS-6.2-1', '6.2(1)', '6.2 ウェブ会議サービスの利用時の対策', '① Web会議の開催時は待機室を使用する。'),
    P('CS-6.2-2', '6.2(2)', '6.2 ウェブ会議サービスの利用時の対策', '② ウェブ会議の録画データは暗号鍵で保護する。'),
    P('CS-9-9', '9(9)', '9 試験', '情報。報セ。セキュリティの語が離れている文。'),
    P('CS-9-10', '9(10)', '9 試験', '𠮷野の鍵の保管と、ｸﾗｳﾄﾞｻｰﾋﾞｽの利用。'),
    P('CS-5', '5', '5 クラウドサービスの利用手続き', '', { title: '5 クラウドサービスの利用手続き', page: 'procedures.html' }),
    {
      ref: 'page:guide.html',
      show: { title: '利用の手引き', citation: '', id: '', section: '利用の手引き', url: 'guide.html', kind: 'page',
        text: '<img src=x onerror="window.PWNED=1"> 情報セキュリティの解説と "引用" & <b>強調</b>' },
      fields: ['', '', '利用の手引き', '<img src=x onerror="window.PWNED=1"> 情報セキュリティの解説と "引用" & <b>強調</b>'],
    },
  ];
  for (let i = 1; i <= 40; i++) {
    docs.push(P(`CS-7-${i}`, `7(${i})`, '7 大量', `第${i}項 ログの保存期間は一年以上とする。`));
  }
  return {
    fields: [{ name: 'id', boost: 10 }, { name: 'citation', boost: 8 }, { name: 'title', boost: 5 }, { name: 'body', boost: 1 }],
    docs: docs.map((d) => ({ ref: d.ref, fields: d.fields })),
    shows: Object.fromEntries(docs.map((d) => [d.ref, d.show])),
    variants: [['ウェブ会議', 'Web会議', 'WEB会議'], ['パスワード', 'PW']],
  };
}

/** window.KIJUN_SEARCH for uiCorpus(), with the index built by `indexText` (serialized) or lunr. */
export function uiSearchData(T, indexText) {
  const c = uiCorpus();
  const index = indexText ? JSON.parse(indexText) : JSON.parse(JSON.stringify(buildWithLunr(T, c)));
  return { index, docs: c.shows, variants: c.variants, fields: c.fields.map((f) => f.name) };
}

// ---- search.html of a built site (linkedom + vm) ------------------------------------------------

/** search.html of the built site `dir` in a linkedom window, its <script src> files evaluated in
 *  order as a browser does (search.js initialises itself on the empty results page). A <script
 *  src> that a script appends later (the sharded search data's loader) runs at once from the site
 *  and fires its onload (onerror for a missing file); `loaded` lists those srcs. */
export async function loadBuiltSearchPage(dir) {
  const { parseHTML } = await import('linkedom');
  const html = fs.readFileSync(path.join(dir, 'search.html'), 'utf8');
  const { window, document } = parseHTML(html);
  const scripts = Array.from(document.querySelectorAll('script[src]'), (s) => s.getAttribute('src'));
  for (const need of ['lunr.js', 'tokenizer.js', 'search-data.js', 'search.js']) {
    if (!scripts.some((s) => s.endsWith(`assets/js/${need}`))) throw new Error(`search.html does not load assets/js/${need}`);
  }
  const u = new URL('file:///portal/search.html');
  const navigations = [];
  const loaded = [];
  const ctx = vm.createContext({
    document,
    navigator: window.navigator,
    location: {
      search: u.search,
      hash: u.hash,
      get href() { return u.href; },
      set href(v) { navigations.push(v); },
      replace(v) { navigations.push(v); },
    },
    history: { replaceState() {} },
    URLSearchParams,
    URL,
    console,
    setTimeout() { return 0; },
    clearTimeout() {},
  });
  ctx.window = ctx;
  const run = (src) => {
    const file = path.join(dir, src);
    vm.runInContext(fs.readFileSync(file, 'utf8'), ctx, { filename: file });
  };
  const append = document.head.appendChild.bind(document.head);
  document.head.appendChild = (node) => {
    const src = node.getAttribute && node.getAttribute('src');
    append(node);
    if (node.tagName === 'SCRIPT' && src) {
      if (fs.existsSync(path.join(dir, src))) {
        loaded.push(src);
        run(src);
        node.onload();
      } else {
        node.onerror();
      }
    }
    return node;
  };
  for (const src of scripts) run(src);
  if (!ctx.KIJUN_SEARCH) throw new Error('search-data.js does not set window.KIJUN_SEARCH');
  if (!ctx.KijunSearch) throw new Error('search.js does not set window.KijunSearch');
  return { api: ctx.KijunSearch, data: ctx.KIJUN_SEARCH, document, navigations, loaded };
}
