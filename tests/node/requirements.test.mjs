// Requirement IDs on the real content: anchors, references, 参照元, the exports and short links.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildSite, CONTENT_DIR } from './lib/source.mjs';

const site = buildSite();
after(() => fs.rmSync(site, { recursive: true, force: true }));

const pages = new Map(); // site-relative path -> document
function page(rel) {
  if (!pages.has(rel)) pages.set(rel, parseHTML(fs.readFileSync(path.join(site, rel), 'utf8')).document);
  return pages.get(rel);
}
// Resolves a link found on page `from` to [site-relative path, fragment].
function resolve(from, href) {
  const url = new URL(href, 'file:///site/' + from);
  return [decodeURIComponent(url.pathname.replace(/^\/site\//, '')), decodeURIComponent(url.hash.slice(1))];
}

const exported = JSON.parse(fs.readFileSync(path.join(site, 'requirements.json'), 'utf8'));
const byId = new Map(exported.requirements.map((r) => [r.id, r]));

function definedInContent() {
  const ids = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const text = fs.readFileSync(p, 'utf8');
        const fm = /^---\n([\s\S]*?)\n---/.exec(text);
        const id = fm && /^id:\s*(\S+)\s*$/m.exec(fm[1]);
        if (id) ids.push(id[1]);
        for (const m of text.matchAll(/\{#([A-Z][A-Z0-9]*-[^}\s]*)\}/g)) ids.push(m[1]);
      }
    }
  };
  walk(CONTENT_DIR);
  return ids;
}

test('requirements.json lists exactly the IDs defined in content/', () => {
  const defined = definedInContent();
  assert.equal(new Set(defined).size, defined.length, 'an ID is defined twice in content/');
  assert.deepEqual([...byId.keys()].sort(), [...defined].sort());
  assert.ok(defined.length > 150, `only ${defined.length} provisions`);
});

test('every provision has its anchor exactly once, on its own page', () => {
  for (const r of exported.requirements) {
    const doc = page(r.page);
    const id = r.anchor || r.id; // a whole-page provision is the page's <h1>
    const found = doc.querySelectorAll(`[id="${id}"]`);
    assert.equal(found.length, 1, `${r.id}: ${found.length} elements with id ${id} on ${r.page}`);
    if (!r.anchor) assert.equal(found[0].tagName, 'H1');
    // The badge shows the ID and the citation.
    const badge = found[0].querySelector('.kj-badge');
    assert.ok(badge, `${r.id} has no ID badge`);
    assert.equal(badge.querySelector('.kj-id').textContent, r.id);
    assert.equal(badge.querySelector('.kj-cite').textContent, r.citation);
  }
});

test('every reference link lands on an existing provision and carries its text as a tooltip', () => {
  let count = 0;
  for (const r of exported.requirements) {
    const doc = page(r.page);
    for (const a of doc.querySelectorAll('a.kj-ref')) {
      const [target, anchor] = resolve(r.page, a.getAttribute('href'));
      const doc2 = page(target);
      if (anchor) assert.equal(doc2.querySelectorAll(`[id="${anchor}"]`).length, 1, `${r.page}: broken ${a.getAttribute('href')}`);
      assert.ok(a.getAttribute('title'), 'a reference has the provision text as tooltip');
      count++;
    }
  }
  assert.ok(count > 0);
});

test('every 参照元 entry points back at a real reference to the provision', () => {
  let entries = 0;
  for (const r of exported.requirements) {
    const el = page(r.page).querySelector(`[id="${r.anchor || r.id}"]`);
    const list = r.anchor ? el.querySelector(':scope > .kj-refby') ?? el.nextElementSibling : null;
    if (!r.anchor || r.referenced_by.length === 0) continue;
    assert.ok(list && list.classList.contains('kj-refby'), `${r.id} is referenced but shows no 参照元`);
    for (const a of list.querySelectorAll('a')) {
      const [from, anchor] = resolve(r.page, a.getAttribute('href'));
      const scope = anchor ? page(from).querySelector(`[id="${anchor}"]`) : page(from).querySelector('main');
      assert.ok(scope, `${r.id}: 参照元 ${a.getAttribute('href')} does not exist`);
      const back = [...scope.querySelectorAll('a.kj-ref')].filter((x) => {
        const [p, frag] = resolve(from, x.getAttribute('href'));
        return p === r.page && (frag === r.anchor || (!frag && !r.anchor));
      });
      assert.ok(back.length > 0, `${r.id}: 参照元 ${a.getAttribute('href')} has no reference to it`);
      entries++;
    }
  }
  assert.ok(entries > 0, 'no 参照元 entries at all');
});

test('the CSV round-trips through a CSV parser with the BOM and Japanese intact', () => {
  const raw = fs.readFileSync(path.join(site, 'requirements.csv'));
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(raw, { bom: true, columns: true });
  assert.equal(rows.length, exported.requirements.length);
  rows.forEach((row, i) => {
    const r = exported.requirements[i];
    assert.equal(row['ID'], r.id);
    assert.equal(row['引用'], r.citation);
    assert.equal(row['本文'], r.text);
    assert.equal(row['親要件'], r.parent ?? '');
    // Places that reference it; several places can sit in one referencing provision.
    assert.ok(Number(row['参照元の数']) >= r.referenced_by.length);
    assert.equal(Number(row['参照元の数']) === 0, r.referenced_by.length === 0);
  });
  assert.ok(rows.some((row) => row['本文'].includes('クラウドサービス')));
});

test('short links r/<ID>.html forward to the provision, also from file://', () => {
  for (const r of exported.requirements) {
    const rel = `r/${r.id}.html`;
    const html = fs.readFileSync(path.join(site, rel), 'utf8');
    const m = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html);
    assert.ok(m, `${rel} has no refresh`);
    const [target, anchor] = resolve(rel, m[1].replaceAll('&amp;', '&'));
    assert.equal(target, r.page);
    assert.equal(anchor, r.anchor);
  }
});

test('the requirements index lists every provision in document order, grouped by chapter', () => {
  const doc = page('requirements.html');
  const ids = [...doc.querySelectorAll('.kj-req-table tbody tr td:first-child code')].map((c) => c.textContent);
  assert.deepEqual(ids, exported.requirements.map((r) => r.id));
  const chapters = [...doc.querySelectorAll('.kj-req-chapter h2')].map((h) => h.textContent);
  assert.ok(chapters.length >= 6, `only ${chapters.length} chapters`);
});
