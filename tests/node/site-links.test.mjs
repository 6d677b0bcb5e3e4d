// The built site works from any base path and from file://: every link is relative, names an
// existing file (index.html spelled out), every fragment exists, and nothing is loaded from outside.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { buildSite } from './lib/source.mjs';

const site = buildSite();
after(() => fs.rmSync(site, { recursive: true, force: true }));

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? htmlFiles(p) : e.name.endsWith('.html') ? [p] : [];
  });
}
const docs = new Map();
function doc(abs) {
  if (!docs.has(abs)) docs.set(abs, parseHTML(fs.readFileSync(abs, 'utf8')).document);
  return docs.get(abs);
}

test('every page is Japanese and every internal link resolves to a file and an anchor', () => {
  const files = htmlFiles(site);
  assert.ok(files.length > 200, `only ${files.length} pages`);
  let links = 0, external = 0;
  for (const abs of files) {
    const d = doc(abs);
    const rel = path.relative(site, abs);
    assert.equal(d.documentElement.getAttribute('lang'), 'ja', `${rel} is not lang="ja"`);
    // The one kind of external link: a [[doc:…]] document given a public URL in site.yaml's `documents:`.
    for (const a of d.querySelectorAll('a.kj-doc-link')) {
      assert.match(a.getAttribute('href'), /^https?:\/\/[^/\s]/, `${rel}: document link ${a.getAttribute('href')}`);
      assert.equal(a.getAttribute('rel'), 'external noopener noreferrer', `${rel}: document link rel`);
      external++;
    }
    const refs = [
      ...[...d.querySelectorAll('a[href]:not(.kj-doc-link)')].map((a) => a.getAttribute('href')),
      ...[...d.querySelectorAll('link[href]')].map((l) => l.getAttribute('href')),
      ...[...d.querySelectorAll('script[src], img[src]')].map((s) => s.getAttribute('src')),
    ];
    const refresh = d.querySelector('meta[http-equiv="refresh"]');
    if (refresh) refs.push(refresh.getAttribute('content').replace(/^0; url=/, ''));
    for (const href of refs) {
      assert.ok(!/^[a-z]+:/i.test(href) && !href.startsWith('//'), `${rel}: external or absolute URL ${href}`);
      assert.ok(!href.startsWith('/'), `${rel}: root-relative ${href} breaks under a base path and file://`);
      const [file, frag] = href.split('#');
      const target = file === '' ? abs : path.resolve(path.dirname(abs), decodeURIComponent(file.split('?')[0]));
      assert.ok(fs.existsSync(target) && fs.statSync(target).isFile(), `${rel}: ${href} names no file`);
      if (frag && target.endsWith('.html')) {
        const id = decodeURIComponent(frag);
        assert.equal(doc(target).querySelectorAll(`[id="${id}"]`).length, 1, `${rel}: ${href} has no unique anchor`);
      }
      links++;
    }
  }
  assert.ok(links > 1000, `only ${links} links checked`);
  assert.ok(external >= 1, 'no document link: content/site.yaml gives ISMAP クラウドサービスリスト a URL');
});

test('the CSS and scripts load nothing from outside either', () => {
  const assets = path.join(site, 'assets');
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
  for (const f of walk(assets).filter((f) => f.endsWith('.css'))) {
    const css = fs.readFileSync(f, 'utf8');
    assert.ok(!/@import|url\(\s*['"]?(https?:)?\/\//.test(css), `${f} loads an external resource`);
  }
  for (const f of walk(assets).filter((f) => f.endsWith('.js') && !f.endsWith('lunr.js') && !f.endsWith('search-data.js'))) {
    const js = fs.readFileSync(f, 'utf8');
    assert.ok(!/https?:\/\//.test(js.replace(/\/\/.*$/gm, '')), `${f} mentions an external URL`);
  }
});

test('every page has the navigation, the search box, breadcrumbs on inner pages and the edition footer', () => {
  for (const abs of htmlFiles(site).filter((f) => !f.includes(`${path.sep}r${path.sep}`))) {
    const d = doc(abs);
    const rel = path.relative(site, abs);
    assert.ok(d.querySelector('form.kj-search input[name="q"]'), `${rel}: no search box`);
    assert.ok(d.querySelector('nav.kj-nav'), `${rel}: no navigation`);
    assert.match(d.querySelector('footer').textContent, /第1\.1版.*令和7年4月1日.*2025-04-01/s, `${rel}: footer`);
    if (rel !== 'index.html' && d.querySelector('h1[id^="CS-"]')) assert.ok(d.querySelector('.kj-breadcrumbs'), `${rel}: no breadcrumbs`);
  }
});
