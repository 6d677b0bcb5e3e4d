// The checklists and the web-meeting comparison in the built site, read without a browser:
// every checklist of issue 6 exists and covers its provisions, each item that stands for a
// provision names its ID and shows the provision's own wording, the page is complete without
// JavaScript, the CSV matches the table, and the comparison is generated from the front matter.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseHTML } from 'linkedom';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildSite, readContent, CONTENT_DIR, REPO_ROOT } from './lib/source.mjs';
import { CHECKLISTS, noSpace } from './lib/checklists.mjs';

const site = buildSite();
after(() => fs.rmSync(site, { recursive: true, force: true }));

const docs = new Map();
function doc(rel, dir = site) {
  const key = `${dir}:${rel}`;
  if (!docs.has(key)) docs.set(key, parseHTML(fs.readFileSync(path.join(dir, rel), 'utf8')).document);
  return docs.get(key);
}
const requirements = JSON.parse(fs.readFileSync(path.join(site, 'requirements.json'), 'utf8')).requirements;
const byId = new Map(requirements.map((r) => [r.id, r]));
const text = (el) => noSpace(el?.textContent ?? '');

function rows(rel) {
  return [...doc(rel).querySelectorAll('tr.kj-cl-item')].map((tr) => ({
    tr,
    number: text(tr.querySelector('.kj-cl-no')),
    ids: [...tr.querySelectorAll('.kj-cl-req a.kj-ref .kj-id')].map((e) => e.textContent),
    links: [...tr.querySelectorAll('.kj-cl-req a.kj-ref')],
    wording: text(tr.querySelector('.kj-cl-text')),
    form: !!tr.querySelector('textarea[data-field]'),
  }));
}

// The provision's text as a checklist shows it: without its enumerator.
function withoutEnumerator(r) {
  return noSpace(r.text.split('\n')[0]).replace(/^(?:\(\d+\)|[①-⑳]|\([アイウエオカキクケ]\)|・)/u, '');
}

test('every checklist of the issue exists, with its title and number of items', () => {
  const index = doc('checklists/index.html');
  const listed = [...index.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
  for (const c of CHECKLISTS) {
    assert.ok(fs.existsSync(path.join(site, c.url)), `${c.url} missing`);
    const d = doc(c.url);
    assert.equal(d.querySelector('.kj-checklist h1').textContent, c.title);
    assert.match(d.querySelector('title').textContent, new RegExp(`^${c.title.replace(/[()]/g, '\\$&')}`));
    const r = rows(c.url);
    assert.equal(r.length, c.items, `${c.url}: items`);
    assert.equal(r.filter((x) => x.form).length, c.fields, `${c.url}: form fields`);
    assert.deepEqual(r.map((x) => x.number), r.map((_, i) => String(i + 1)), `${c.url}: numbered 1…n`);
    assert.ok(listed.includes(path.basename(c.url)), `the チェックリスト page lists ${c.url}`);
  }
});

test('each checklist lists every provision it must cover', () => {
  for (const c of CHECKLISTS) {
    const listed = new Set(rows(c.url).flatMap((r) => r.ids));
    const expected = requirements.filter(c.covers).map((r) => r.id);
    assert.ok(expected.length > 0, `${c.url}: nothing to cover`);
    assert.deepEqual(expected.filter((id) => !listed.has(id)), [], `${c.url}: provisions not listed`);
  }
});

test('each item that stands for a provision names its ID and citation and links to it', () => {
  for (const c of CHECKLISTS) {
    for (const r of rows(c.url)) {
      for (const a of r.links) {
        const id = a.querySelector('.kj-id').textContent;
        const p = byId.get(id);
        assert.ok(p, `${c.url} No.${r.number}: unknown ${id}`);
        assert.equal(a.querySelector('.kj-cite').textContent, p.citation);
        const target = new URL(a.getAttribute('href'), `file:///site/${c.url}`);
        assert.equal(target.pathname, `/site/${p.page}`);
        assert.equal(decodeURIComponent(target.hash.slice(1)), p.anchor);
        assert.ok(a.getAttribute('title')?.startsWith(p.citation), 'the provision text as tooltip');
      }
      // Items without a provision are free text; all the checklists here are built from provisions.
      assert.ok(r.ids.length > 0, `${c.url} No.${r.number} names no provision`);
    }
  }
});

test('an item written as just [[ID]] shows the wording of the standard itself', () => {
  let checked = 0;
  for (const page of readContent().filter((p) => p.frontMatter.type === 'checklist')) {
    const url = page.file.replace(/^content\/07-checklists\/\d+-/, 'checklists/').replace(/\.md$/, '.html');
    const items = page.lines.slice(page.bodyStart).filter((l) => /^- \[ \] /.test(l));
    const built = rows(url);
    assert.equal(built.length, items.length, `${url}: one row per task item`);
    items.forEach((line, i) => {
      const ids = [...line.matchAll(/\[\[([^\]|]+)\]\]/g)].map((m) => m[1]);
      assert.deepEqual(built[i].ids, [...new Set(ids)], `${page.file}: item ${i + 1}`);
      if (/^- \[ \] (?:\[\[[^\]|]+\]\]\s*)+$/.test(line)) {
        // The provision's first line (a heading's title): the table adds the text under it.
        const p = byId.get(ids[0]);
        assert.ok(built[i].wording.includes(withoutEnumerator(p)), `${url} No.${i + 1}: wording of ${p.id}`);
        checked++;
      }
    });
  }
  assert.ok(checked > 100, `only ${checked} transcluded items`);
});

test('a checklist page is complete without JavaScript', () => {
  for (const c of CHECKLISTS) {
    const d = doc(c.url);
    const article = d.querySelector('article.kj-checklist');
    assert.ok(article.getAttribute('data-storage-key').endsWith(c.url));
    // The controls that need the script stay hidden until it runs.
    assert.ok(d.querySelector('.kj-cl-toolbar').hasAttribute('hidden'));
    // Everything else is in the HTML: header, items with their answers, sign-off.
    const head = text(d.querySelector('.kj-cl-head'));
    for (const s of ['北九州市', 'クラウドサービス利用基準', '第1.1版', '施行日令和7年4月1日']) assert.ok(head.includes(s), `${c.url}: ${s}`);
    for (const r of rows(c.url)) {
      if (r.form) assert.ok(r.tr.querySelector('textarea[data-field]'));
      else assert.deepEqual([...r.tr.querySelectorAll('input[type=radio]')].map((i) => i.value), ['yes', 'no', 'na']);
      assert.ok(r.wording.length > 3, `${c.url} No.${r.number}: no wording`);
    }
    const signoff = text(d.querySelector('.kj-cl-signoff'));
    for (const s of ['所属', '確認者', '確認日', '所属長確認']) assert.ok(signoff.includes(s), `${c.url}: sign-off ${s}`);
    assert.ok(d.querySelector('script[src$="assets/js/checklist.js"]'));
    assert.ok(d.querySelector('link[href$="assets/css/print.css"][media="print"]'));
  }
});

test('each checklist is exported as CSV (UTF-8 with BOM) with one row per item', () => {
  for (const c of CHECKLISTS) {
    const d = doc(c.url);
    const href = d.querySelector('a.kj-cl-csv').getAttribute('href');
    const file = path.join(site, path.dirname(c.url), href);
    const raw = fs.readFileSync(file);
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${href}: BOM`);
    assert.ok(raw.includes('\r\n'), 'CRLF line ends');
    const csv = parseCsv(raw, { bom: true, columns: true });
    const r = rows(c.url);
    assert.equal(csv.length, r.length);
    csv.forEach((row, i) => {
      assert.equal(row['No.'], r[i].number);
      assert.deepEqual(row['要件ID'].split('\n').filter(Boolean), r[i].ids);
      assert.ok(r[i].wording.includes(noSpace(row['確認項目'])), `${href} row ${i + 1}: 確認項目`);
    });
  }
});

// ---------------------------------------------------------------------------
// Web-meeting examples

const examples = readContent().filter((p) => p.frontMatter.type === 'example');

function checkComparison(dir, pages) {
  const d = doc('web-meetings/examples/comparison.html', dir);
  const heads = [...d.querySelectorAll('.kj-compare-table thead th')].map((th) => noSpace(th.textContent));
  assert.deepEqual(heads.slice(1, -1), pages.map((p) => noSpace(`${p.frontMatter.number}${p.frontMatter.title}`)));
  const keys = Object.keys(pages[0].frontMatter.example);
  const rowsByKey = new Map([...d.querySelectorAll('.kj-compare-table tbody tr')].map((tr) => [tr.getAttribute('data-fact'), tr]));
  assert.deepEqual([...rowsByKey.keys()], keys, 'one row per fact, in the front matter order');
  for (const key of keys) {
    const cells = [...rowsByKey.get(key).querySelectorAll('td:not(.kj-facts-related)')];
    assert.equal(cells.length, pages.length);
    pages.forEach((p, i) => {
      const v = p.frontMatter.example[key];
      assert.equal(noSpace(cells[i].textContent), noSpace(Array.isArray(v) ? v.join('') : v), `${key} of ${p.file}`);
    });
  }
  return { d, rowsByKey };
}

test('the comparison page shows both examples side by side, one row per fact of their front matter', () => {
  assert.equal(examples.length, 2);
  const { d, rowsByKey } = checkComparison(site, examples);
  // Each row links the 6.2 / 6.3 provisions that it answers.
  for (const [key, tr] of rowsByKey) {
    const links = [...tr.querySelectorAll('.kj-facts-related a.kj-ref')];
    assert.ok(links.length > 0, `${key}: no provision linked`);
    for (const a of links) {
      const id = a.querySelector('.kj-id').textContent;
      assert.match(id, /^CS-6\.[23]-/);
      assert.equal(a.querySelector('.kj-cite').textContent, byId.get(id).citation);
    }
  }
  // The examples link to it, and it links back to them.
  for (const p of examples) {
    const url = p.file.replace(/^content\/06-web-meetings\/04-examples\/\d+-/, 'web-meetings/examples/').replace(/\.md$/, '.html');
    const ex = doc(url);
    assert.equal(ex.querySelector('.kj-example-compare a').getAttribute('href'), 'comparison.html');
    assert.equal(ex.querySelectorAll('.kj-facts-table tbody tr').length, Object.keys(p.frontMatter.example).length);
    assert.ok(d.querySelector(`.kj-compare-table thead a[href="${path.basename(url)}"]`));
  }
  // It is generated: no content file is behind it.
  assert.ok(!fs.readdirSync(path.join(CONTENT_DIR, '06-web-meetings/04-examples')).some((f) => f.includes('comparison')));
});

test('the comparison follows the front matter: a changed fact shows after the next build', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-compare-'));
  try {
    const content = path.join(tmp, 'content');
    fs.cpSync(CONTENT_DIR, content, { recursive: true });
    const file = path.join(content, '06-web-meetings/04-examples/02-seminar.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('waiting_room: 記載なし', 'waiting_room: 有効(講習会用の変更)'));
    const out = path.join(tmp, 'site');
    const bin = process.env.KIJUN_BIN ?? path.join(REPO_ROOT, 'build/kijun');
    const r = spawnSync(bin, ['build', '--content', content, '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const changed = readContent(content);
    const { rowsByKey } = checkComparison(out, changed.filter((p) => p.frontMatter.type === 'example'));
    assert.match(rowsByKey.get('waiting_room').textContent, /有効\(講習会用の変更\)/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
