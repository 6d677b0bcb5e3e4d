// make screenshots: pictures of the pages a reviewer looks at, at 375 and 1280 px (full page), and
// their printout (A4 PDF, first pages as PNG via pdftoppm), written to a folder for review.
// Usage: node tools/screenshots.mjs SITE_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { launchBrowser, serveDir } from '../tests/node/lib/browser.mjs';

export const REVIEW_PAGES = [
  { name: 'home', path: 'index.html' },
  { name: 'section', path: 'important/selection.html' },
  { name: 'checklist', path: 'checklists/important-operation.html' },
  { name: 'requirements', path: 'requirements.html' },
  { name: 'comparison', path: 'web-meetings/examples/comparison.html' },
  { name: 'example', path: 'web-meetings/examples/seminar.html' },
  { name: 'search', path: 'search.html?q=%E3%83%AD%E3%82%B0', waitFor: '.kj-search-hit' },
];
const WIDTHS = [375, 1280];

const [siteDir, outDir] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('usage: node tools/screenshots.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const server = await serveDir(siteDir);
const browser = await launchBrowser();
try {
  for (const { name, path: rel, waitFor } of REVIEW_PAGES) {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(server.url + rel);
      if (waitFor) await page.waitForSelector(waitFor);
      await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: true });
      if (width === WIDTHS[0]) {
        const pdf = path.join(outDir, `${name}-print.pdf`);
        await page.emulateMedia({ media: 'print' });
        await page.pdf({ path: pdf, preferCSSPageSize: true, displayHeaderFooter: false, printBackground: false });
        const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, path.join(outDir, `${name}-print`)]);
        if (png.status !== 0) console.error(`pdftoppm failed for ${pdf}: ${png.stderr}`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots written to ${outDir}`);
