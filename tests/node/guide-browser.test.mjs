// 利用の流れ in Chromium: the three cases of the guide walked with and without JavaScript, over
// http and from file://; each ends at the right chapter, approver and checklists in at most four
// choices, and the browser's Back button goes back one question.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useSiteInBrowser } from './lib/site-browser.mjs';

const CLOUD = 'クラウドサービス(SaaS、オンラインアンケート、ファイル共有など)';
const MEETING = 'ウェブ会議(オンライン会議・講習会の開催や参加)';
const IMPORTANT_CHECKLISTS = [
  '選定条件チェックリスト(重要情報資産を取り扱う場合)',
  '調達・契約チェックリスト(重要情報資産を取り扱う場合)',
  '導入・構築時チェックリスト(重要情報資産を取り扱う場合)',
  '運用・保守時チェックリスト(重要情報資産を取り扱う場合)',
  '更改・廃棄時チェックリスト(重要情報資産を取り扱う場合)',
  '利用申請・台帳登録チェックリスト',
];
const MEETING_CHECKLISTS = [
  'ウェブ会議チェックリスト(参加者全員)',
  'ウェブ会議チェックリスト(主催者)',
  'ウェブ会議の留意事項チェックリスト',
];

export const CASES = [
  {
    name: 'SaaS with citizens\' personal data',
    answers: [CLOUD, '取り扱う', '職員等だけが利用する'],
    result: 'result-important',
    chapter: ['3'],
    approver: 'CISO',
    approverRef: '5.1(1)',
    checklists: IMPORTANT_CHECKLISTS,
  },
  {
    name: 'free survey tool for an event registration, without 重要情報資産',
    answers: [CLOUD, '取り扱わない', '市民等に利用させる'],
    result: 'result-basic-citizens',
    chapter: ['2(3)', '4'],
    approver: '所属長',
    approverRef: '5.1(2)',
    checklists: ['重要情報資産を取り扱わない場合のチェックリスト', '利用申請・台帳登録チェックリスト'],
  },
  {
    name: 'confidential web meeting with outside participants',
    answers: [MEETING, '取り扱う', '組織外の参加者がいる'],
    result: 'result-meeting-confidential-outside',
    chapter: ['6', '6.2', '6.3', '6.4(1)'],
    approver: null,
    checklists: MEETING_CHECKLISTS,
  },
];

const fixture = useSiteInBrowser();

const current = (page) => page.locator('.kj-guide-step:visible');

async function currentStep(page) {
  assert.equal(await current(page).count(), 1, 'exactly one step is shown');
  return current(page).getAttribute('data-step');
}

async function choose(page, label) {
  await current(page).getByRole('link', { name: label, exact: true }).click();
}

// What the shown result says: the links of each row, and the checklists.
async function resultFacts(page) {
  return current(page).evaluate((el) => {
    const rows = {};
    for (const dt of el.querySelectorAll('dt')) {
      const dd = dt.nextElementSibling;
      rows[dt.textContent] = { text: dd.textContent, links: [...dd.querySelectorAll('a')].map((a) => a.textContent) };
    }
    return rows;
  });
}

function expectResult(facts, c) {
  const chapterLinks = facts['適用される章'].links.map((t) => t.split(' ')[0]);
  for (const ch of c.chapter) assert.ok(chapterLinks.includes(ch), `chapter ${ch} in ${chapterLinks}`);
  if (c.approver) {
    assert.match(facts['許可権限者'].text, new RegExp(`^${c.approver}`));
    assert.ok(facts['許可権限者'].links.includes(c.approverRef));
  }
  assert.deepEqual(facts['記入するチェックリスト'].links, c.checklists);
}

const modes = [];
for (const js of [true, false])
  for (const over of ['http', 'file']) modes.push({ js, over });

for (const { js, over } of modes) {
  for (const c of CASES) {
    test(`guide (${js ? 'with' : 'without'} JavaScript, ${over}): ${c.name}`, async () => {
      assert.ok(c.answers.length <= 4, 'at most four choices');
      const context = await fixture.browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const home = over === 'http' ? `${fixture.server.url}index.html` : pathToFileURL(path.join(fixture.site, 'index.html')).href;
      await page.goto(home);
      // Reachable from the home page and from the header of every page.
      assert.equal(await page.locator('.kj-header a.kj-guide-link').getAttribute('href'), 'guide.html');
      await page.locator('.kj-home-guide a').click();
      await page.waitForURL(/guide\.html$/);
      assert.equal(await currentStep(page), 'kind');

      const seen = ['kind'];
      for (const label of c.answers) {
        await choose(page, label);
        seen.push(await currentStep(page));
      }
      assert.equal(seen.at(-1), c.result);
      expectResult(await resultFacts(page), c);
      if (js) {
        // The path is in the URL: a reload shows the same result.
        assert.equal(new URL(page.url()).hash, `#path=${seen.join('/')}`);
        await page.reload();
        assert.equal(await currentStep(page), c.result);
        assert.equal(await page.locator('.kj-guide-trail li').count(), c.answers.length);
      }
      // Back goes back one question at a time.
      for (let i = seen.length - 2; i >= 0; i--) {
        await page.goBack();
        assert.equal(await currentStep(page), seen[i], `back to ${seen[i]}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('guide with JavaScript: a path in the URL that does not follow the guide is cut where it leaves it', async () => {
  const page = await fixture.browser.newPage();
  await page.goto(`${fixture.server.url}guide.html#path=kind/important/result-meeting-basic`);
  assert.equal(await currentStep(page), 'important');
  await page.goto(`${fixture.server.url}guide.html#path=nothing`);
  assert.equal(await currentStep(page), 'kind');
  await page.close();
});
