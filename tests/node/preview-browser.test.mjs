// `kijun serve` on a copy of the real content, in Chromium under the site's CSP: an edit reloads the
// open page (the edit → reload latency is printed, not asserted), a broken edit shows the build's
// errors in the page, and SIGTERM ends the preview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launchBrowser } from './lib/browser.mjs';
import { REPO_ROOT, CONTENT_DIR } from './lib/source.mjs';

const BIN = process.env.KIJUN_BIN ?? path.join(REPO_ROOT, 'build/kijun');
let project, proc, base, browser, stdout = '';

before(async () => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-preview-'));
  fs.cpSync(CONTENT_DIR, path.join(project, 'content'), { recursive: true });
  proc = spawn(BIN, ['serve', '-C', project, '--theme', path.join(REPO_ROOT, 'themes/default'),
    '--lunr', path.join(REPO_ROOT, 'node_modules/lunr/lunr.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr.on('data', () => {});
  base = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      stdout += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`kijun serve exited with ${code}: ${stdout}`)));
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  fs.rmSync(project, { recursive: true, force: true });
});

const PAGE = '01-basics.md';

test('an edit reloads the open page under the CSP; the latency is printed', async (t) => {
  const file = path.join(project, 'content', PAGE);
  const original = fs.readFileSync(file, 'utf8');
  const page = await browser.newPage();
  await page.goto(base + 'basics.html');
  await page.waitForLoadState('load');
  const times = [];
  for (let i = 0; i < 8; i++) {
    await page.waitForTimeout(150);  // the page's status request is waiting again
    const marker = `編集${i}回目の確認`;
    const loaded = page.waitForEvent('load');
    const start = performance.now();
    fs.writeFileSync(file, original.replace(/\n$/, '') + `\n\n${marker}\n`);
    await loaded;
    times.push(performance.now() - start);
    assert.match(await page.locator('main').innerText(), new RegExp(marker));
  }
  fs.writeFileSync(file, original);
  await page.close();
  // The builds' own times, as kijun printed them: the open page reloads once the sources are
  // loaded and resolved (its content is rendered on request); what is left is the preview's share.
  const printed = [...stdout.matchAll(/built the preview .* in (\d+(?:\.\d+)?) ms; its pages were served after (\d+(?:\.\d+)?) ms/g)]
    .slice(-times.length);
  const whole = printed.map((m) => Number(m[1])), served = printed.map((m) => Number(m[2]));
  assert.equal(printed.length, times.length);
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const overhead = times.map((x, i) => x - served[i]);
  t.diagnostic(`edit → page reloaded, real content, ${times.length} edits: median ${q(times, 0.5).toFixed(0)} ms, ` +
    `p90 ${q(times, 0.9).toFixed(0)} ms; of which load and resolve: median ${q(served, 0.5)} ms (whole site: ` +
    `median ${q(whole, 0.5)} ms); the rest (watch, render the page, serve, reload): median ` +
    `${q(overhead, 0.5).toFixed(0)} ms, p90 ${q(overhead, 0.9).toFixed(0)} ms`);
  assert.deepEqual(browser.cspViolations, []);
});

test('a broken edit shows the errors with path:line:col in the page; fixing it reloads', async () => {
  const file = path.join(project, 'content', PAGE);
  const original = fs.readFileSync(file, 'utf8');
  const page = await browser.newPage();
  await page.goto(base + 'basics.html');
  await page.waitForLoadState('load');
  await page.waitForTimeout(150);
  fs.writeFileSync(file, original.replace('title:', 'titel: x\ntitle:'));
  const box = page.locator('[role=alert]');
  await box.waitFor();
  assert.match(await box.innerText(), /content\/01-basics\.md:\d+:\d+: error/);
  const loaded = page.waitForEvent('load');
  fs.writeFileSync(file, original);
  await loaded;
  assert.equal(await page.locator('[role=alert]').count(), 0);
  await page.close();
});

test('SIGTERM ends the preview', async () => {
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  proc.kill('SIGTERM');
  const { code } = await exited;
  assert.equal(code, 0);
});
