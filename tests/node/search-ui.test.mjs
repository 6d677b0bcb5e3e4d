// search.js in a simulated page (linkedom): query rules, phrase check, jumps, rendering and the
// IME / keyboard wiring. The index is built by lunr's Builder with the kijun tokenizer (identical
// to the C++ index, see search-lunr-parity.test.mjs); search-browser.test.mjs repeats the main
// paths in Chromium with the C++ index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTokenizer, loadSearchPage, pageHtml, uiSearchData } from './lib/search.mjs';

const T = loadTokenizer();
const DATA = uiSearchData(T);

async function page(opts = {}) {
  return loadSearchPage({ html: pageHtml(opts), data: DATA, url: opts.url, autoInit: opts.autoInit ?? false });
}

// (arrays made inside the page's realm are copied into this one before deepEqual)
const refs = (out) => Array.from(out.results, (r) => r.ref);
const slices = (text, ranges) => Array.from(ranges || [], ([s, e]) => text.slice(s, e));

test('a Japanese word matches as a phrase: scattered bigrams are dropped', async () => {
  const { api } = await page();
  const out = api.search('情報セキュリティ');
  assert.ok(refs(out).includes('CS-3.1-8-3'));
  assert.ok(refs(out).includes('page:guide.html'));
  assert.ok(!refs(out).includes('CS-9-9'), 'CS-9-9 has every bigram, but not adjacent');
  const hit = out.results.find((r) => r.ref === 'CS-3.1-8-3');
  assert.deepEqual(slices(hit.doc.text, hit.ranges.body), ['情報セキュリティ']);
});

test('results with every word come alone; without one, the hits with most words, the missing ones named', async () => {
  const { api } = await page();
  const both = api.search('待機室 Web会議');
  assert.deepEqual(refs(both), ['CS-6.2-1']);
  assert.equal(both.partial, false);
  assert.deepEqual(refs(api.search('ログ 保存期間')).length, 40);
  const some = api.search('待機室 録画');
  assert.equal(some.partial, true, 'no provision has both words');
  assert.deepEqual(refs(some).sort(), ['CS-6.2-1', 'CS-6.2-2']);
  for (const h of some.results) assert.equal(h.missing.length, 1, h.ref);
  assert.equal(some.results.find((h) => h.ref === 'CS-6.2-1').missing[0].text, '録画');
  const more = api.search('待機室 Web会議 録画');
  assert.equal(more.partial, true);
  assert.equal(refs(more)[0], 'CS-6.2-1', 'two of three words before one of three');
});

test('variants: Web会議 and ウェブ会議 find each other, highlighted in the original spelling', async () => {
  const { api } = await page();
  for (const q of ['Web会議', 'ウェブ会議', 'ＷＥＢ会議', 'web会議']) {
    const out = api.search(q);
    assert.deepEqual(refs(out).sort(), ['CS-6.2-1', 'CS-6.2-2'], q);
    const h = out.results.find((r) => r.ref === 'CS-6.2-1');
    assert.deepEqual(slices(h.doc.text, h.ranges.body), ['Web会議'], q);
  }
});

test('one kanji is searched with wildcards and highlighted alone', async () => {
  const { api } = await page();
  const out = api.search('鍵');
  assert.deepEqual(refs(out).sort(), ['CS-6.2-2', 'CS-9-10']);
  for (const h of out.results) assert.deepEqual(slices(h.doc.text, h.ranges.body), ['鍵']);
  assert.deepEqual(refs(api.search('𠮷')), ['CS-9-10']);
});

test('half-width katakana queries and text match full-width', async () => {
  const { api } = await page();
  const out = api.search('クラウドサービス');
  const h = out.results.find((r) => r.ref === 'CS-9-10');
  assert.ok(h, 'ｸﾗｳﾄﾞｻｰﾋﾞｽ in the text');
  assert.deepEqual(slices(h.doc.text, h.ranges.body), ['ｸﾗｳﾄﾞｻｰﾋﾞｽ']);
  assert.ok(refs(api.search('ｸﾗｳﾄﾞｻｰﾋﾞｽ')).includes('CS-9-10'));
});

test('IDs and citations resolve to their provision (any case, width, brackets)', async () => {
  const { api } = await page();
  const cases = {
    'CS-3.1-8-3': 'CS-3.1-8-3', 'cs-3.1-8-3': 'CS-3.1-8-3', 'ＣＳ－３．１－８－３': 'CS-3.1-8-3', '「CS-3.1-8-3」': 'CS-3.1-8-3',
    ' cs-3.3-1-a-2 ': 'CS-3.3-1-a-2', '3.1(8)③': 'CS-3.1-8-3', '「3.1(8)③」': 'CS-3.1-8-3', '３．１（８）③': 'CS-3.1-8-3',
    '3.3①(ア)': 'CS-3.3-1-a', '3.3①（ア）': 'CS-3.3-1-a', '3.3 ① (ｱ)': 'CS-3.3-1-a', '3.3①ア': 'CS-3.3-1-a',
    '『3.3①(ア)・2』': 'CS-3.3-1-a-2', '6.2(1)': 'CS-6.2-1',
  };
  for (const [q, ref] of Object.entries(cases)) {
    const j = api.resolveJump(q);
    assert.ok(j, `${q} resolves`);
    assert.equal(j.ref, ref, q);
  }
  for (const q of ['5', '3', '情報', 'CS-9-99', '3.9(9)', '', 'ISO/IEC 27001']) assert.equal(api.resolveJump(q), null, q);
  assert.equal(api.resolveJump('3.1(8)③').url, 'important/measures.html#CS-3.1-8-3');
});

test('a partial ID lists the provisions under it first', async () => {
  const { api } = await page();
  const out = api.search('cs-3.3-1');
  assert.deepEqual(refs(out).slice(0, 2), ['CS-3.3-1-a', 'CS-3.3-1-a-2']);
});

test('URLs are made relative to the page with data-root', async () => {
  const { api } = await page({ root: '../' });
  assert.equal(api.pageUrl('important/measures.html#CS-3.1-8-3'), '../important/measures.html#CS-3.1-8-3');
  assert.equal(api.resolveJump('CS-3.1-8-3').url, '../important/measures.html#CS-3.1-8-3');
  const p2 = await page({ root: '' });
  assert.equal(p2.api.pageUrl('guide.html'), 'guide.html');
});

test('results: citation, ID, section, snippet with <mark>; index text is never parsed as HTML', async () => {
  const p = await page();
  const box = p.document.getElementById('kj-search-results');
  p.api.render(box, p.api.search('情報セキュリティ'));
  assert.match(box.querySelector('.kj-search-status').textContent, /「情報セキュリティ」の検索結果: 2件/);
  const hits = box.querySelectorAll('li.kj-search-hit');
  assert.equal(hits.length, 2);
  const first = [...hits].find((li) => li.querySelector('.kj-search-hit-id')?.textContent === 'CS-3.1-8-3');
  assert.equal(first.querySelector('.kj-search-hit-citation').textContent, '3.1(8)③');
  assert.equal(first.querySelector('.kj-search-hit-section').textContent, '3.1 クラウドサービスの選定条件');
  assert.equal(first.querySelector('a').getAttribute('href'), 'important/measures.html#CS-3.1-8-3');
  assert.deepEqual([...first.querySelectorAll('mark')].map((m) => m.textContent), ['情報セキュリティ']);
  const guide = [...hits].find((li) => li.querySelector('a').getAttribute('href') === 'guide.html');
  assert.equal(guide.querySelector('img'), null, 'no element from index text');
  assert.equal(guide.querySelector('b'), null);
  assert.match(guide.querySelector('.kj-search-hit-snippet').textContent, /<img src=x onerror="window.PWNED=1">/);
  assert.equal(guide.querySelector('.kj-search-hit-kind').textContent, 'ページ');
});

test('a heading provision (no body) shows its title, highlighted', async () => {
  const p = await page();
  const box = p.document.getElementById('kj-search-results');
  const out = p.api.search('利用手続き');
  assert.deepEqual(refs(out), ['CS-5']);
  p.api.render(box, out);
  assert.deepEqual([...box.querySelectorAll('.kj-search-hit-title mark')].map((m) => m.textContent), ['利用手続き']);
  assert.equal(box.querySelector('.kj-search-hit-snippet'), null);
});

test('some words found: the page says so and strikes the missing words through on each hit', async () => {
  const p = await page();
  const box = p.document.getElementById('kj-search-results');
  p.api.render(box, p.api.search('待機室 録画'));
  assert.equal(box.querySelector('.kj-search-partial').textContent,
    'すべての語を含む結果はありません。一部の語に一致した結果です');
  const struck = [...box.querySelectorAll('li.kj-search-hit')].map((li) => [...li.querySelectorAll('.kj-search-hit-missing s')].map((x) => x.textContent));
  assert.deepEqual(struck.map((x) => x.length), [1, 1]);
  assert.deepEqual(struck.flat().sort(), ['待機室', '録画']);
  p.api.render(box, p.api.search('待機室'));
  assert.equal(box.querySelector('.kj-search-partial'), null);
  assert.equal(box.querySelector('.kj-search-hit-missing'), null);
});

test('nothing found: Japanese message with suggestions and the 要件一覧 link', async () => {
  const p = await page({ root: '../' });
  const box = p.document.getElementById('kj-search-results');
  p.api.render(box, p.api.search('存在しない語句'));
  assert.match(box.textContent, /「存在しない語句」に一致する項目は見つかりませんでした。/);
  assert.match(box.textContent, /語の数を減らす/);
  assert.match(box.textContent, /別の表記/);
  assert.equal(box.querySelector('a').getAttribute('href'), '../requirements.html');
  assert.equal(box.querySelector('a').textContent, '要件一覧');
  p.api.render(box, p.api.search('、。！'));
  assert.match(box.textContent, /検索できる語が含まれていません/);
  p.api.render(box, p.api.search(''));
  assert.match(box.textContent, /キーワード、要件ID/);
});

test('many results are paged with a さらに表示 button', async () => {
  const p = await page();
  const box = p.document.getElementById('kj-search-results');
  p.api.render(box, p.api.search('ログ'));
  assert.equal(box.querySelectorAll('li.kj-search-hit').length, 30);
  const more = box.querySelector('button.kj-search-more');
  assert.match(more.textContent, /さらに表示（残り10件）/);
  p.event(more, 'click');
  assert.equal(box.querySelectorAll('li.kj-search-hit').length, 40);
  assert.equal(box.querySelector('button.kj-search-more'), null);
  assert.equal(p.document.activeElement, box.querySelectorAll('a.kj-search-hit-link')[30]);
});

test('search.html?q=… renders results and fills the inputs; an ID or citation jumps (replace)', async () => {
  const p = await page({ url: 'file:///site/search.html?q=%E6%83%85%E5%A0%B1%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3', autoInit: true });
  assert.equal(p.document.getElementById('kj-q').value, '情報セキュリティ');
  assert.equal(p.document.getElementById('kj-q-main').value, '情報セキュリティ');
  assert.equal(p.document.querySelectorAll('li.kj-search-hit').length, 2);
  assert.deepEqual(p.navigations, []);

  const j = await page({ url: 'file:///site/search.html?q=3.3%E2%91%A0%EF%BC%88%E3%82%A2%EF%BC%89', autoInit: true });
  assert.deepEqual(j.navigations, [{ how: 'replace', url: 'important/measures.html#CS-3.3-1-a' }]);
  const h = await page({ url: 'file:///site/search.html#q=cs-6.2-1', autoInit: true });
  assert.deepEqual(h.navigations, [{ how: 'replace', url: 'important/measures.html#CS-6.2-1' }]);
});

test('submit: ID jumps (href), other queries search in place on search.html', async () => {
  const p = await page({ autoInit: true });
  const input = p.document.getElementById('kj-q-main');
  input.value = 'CS-3.1-8-3';
  const e1 = p.event(input.closest('form'), 'submit');
  assert.ok(e1.defaultPrevented);
  assert.deepEqual(p.navigations, [{ how: 'href', url: 'important/measures.html#CS-3.1-8-3' }]);
  input.value = '待機室';
  const e2 = p.event(input.closest('form'), 'submit');
  assert.ok(e2.defaultPrevented);
  assert.equal(p.navigations.length, 1);
  assert.equal(p.document.querySelectorAll('li.kj-search-hit').length, 1);
  assert.equal(p.document.getElementById('kj-q').value, '待機室', 'both inputs show the query');
  assert.deepEqual(p.historyCalls.at(-1), '?q=' + encodeURIComponent('待機室'));
});

test('on other pages: a plain query is left to the form (GET search.html?q=), an ID jumps', async () => {
  const p = await loadSearchPage({ html: pageHtml({ root: '../', results: false }), data: DATA, url: 'file:///site/important/a.html' });
  const input = p.document.getElementById('kj-q');
  input.value = '情報';
  assert.equal(p.event(input.closest('form'), 'submit').defaultPrevented, false);
  input.value = '3.1(8)③';
  assert.equal(p.event(input.closest('form'), 'submit').defaultPrevented, true);
  assert.deepEqual(p.navigations, [{ how: 'href', url: '../important/measures.html#CS-3.1-8-3' }]);
});

test('typing searches live (debounced); nothing runs during IME composition', async () => {
  const p = await page({ autoInit: true });
  const input = p.document.getElementById('kj-q-main');
  const box = p.document.getElementById('kj-search-results');
  input.value = '待機室';
  p.event(input, 'input');
  assert.equal(p.pendingTimers(), 1);
  p.flush();
  assert.equal(box.querySelectorAll('li.kj-search-hit').length, 1);
  assert.equal(p.navigations.length, 0, 'live search never jumps');

  p.event(input, 'compositionstart');
  input.value = 'じょうほう';
  p.event(input, 'input', { isComposing: true });
  assert.equal(p.pendingTimers(), 0, 'no search scheduled while composing');
  input.value = '情報';
  p.event(input, 'input');               // Chrome sends input before compositionend
  assert.equal(p.pendingTimers(), 0);
  const enter = p.event(input, 'keydown', { key: 'Enter', isComposing: true, keyCode: 229 });
  assert.ok(enter.defaultPrevented, 'Enter confirming a conversion does not submit');
  assert.equal(p.event(input.closest('form'), 'submit').defaultPrevented, true);
  assert.equal(box.querySelectorAll('li.kj-search-hit').length, 1, 'results unchanged during composition');
  p.event(input, 'compositionend');
  assert.equal(p.pendingTimers(), 1);
  p.flush();
  assert.match(box.querySelector('.kj-search-status').textContent, /「情報」の検索結果/);
});

test('keyboard: ArrowDown from the input goes to the first result, arrows move, Escape returns', async () => {
  const p = await page({ autoInit: true });
  const input = p.document.getElementById('kj-q-main');
  input.value = 'ログ';
  p.event(input.closest('form'), 'submit');
  const links = [...p.document.querySelectorAll('a.kj-search-hit-link')];
  assert.ok(p.event(input, 'keydown', { key: 'ArrowDown' }).defaultPrevented);
  assert.equal(p.document.activeElement, links[0]);
  p.event(links[0], 'keydown', { key: 'ArrowDown' });
  assert.equal(p.document.activeElement, links[1]);
  p.event(links[1], 'keydown', { key: 'ArrowUp' });
  assert.equal(p.document.activeElement, links[0]);
  p.event(links[0], 'keydown', { key: 'Escape' });
  assert.equal(p.document.activeElement, input);
});

test('missing data: a Japanese error with the 要件一覧 link, no exception', async () => {
  const p = await loadSearchPage({ html: pageHtml(), data: undefined, url: 'file:///site/search.html?q=x' });
  const box = p.document.getElementById('kj-search-results');
  assert.match(box.textContent, /検索データを読み込めませんでした/);
  assert.equal(box.querySelector('a').getAttribute('href'), 'requirements.html');
});
