// Page audits in Chromium shared by the layout, accessibility and screenshot checks:
// - sitePages(dir): every generated HTML page of a site folder, relative, sorted (r/ stubs too).
// - horizontalOverflow(page): how far the document is wider than the viewport, with the widest
//   elements that stick out (0 when nothing scrolls sideways).
// - runAxe(page): axe-core's violations for WCAG 2.0/2.1/2.2 A and AA plus best practice.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/** Every .html file under `dir`, as forward-slash paths relative to it, sorted. */
export function sitePages(dir) {
  const out = [];
  const walk = (sub) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.html')) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** { excess, offenders }: scrollWidth - innerWidth of the document, and up to five elements whose
 *  right edge lies past the viewport (selector-like names with their right edge in px). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = window.innerWidth;
    const excess = Math.max(doc.scrollWidth, document.body.scrollWidth) - width;
    const offenders = [];
    if (excess > 0) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5 && r.width > 0) {
          const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
            (el.classList.length ? '.' + [...el.classList].join('.') : '');
          offenders.push({ name, right: Math.round(r.right), text: (el.textContent || '').trim().slice(0, 40) });
        }
      }
      offenders.sort((a, b) => b.right - a.right);
    }
    return { excess, offenders: offenders.slice(0, 5) };
  });
}

/** axe-core's violations on the page as it is now: [{ id, impact, help, targets: [...] }], for the
 *  WCAG A/AA and best-practice rules, or only for the rule IDs in `rules`. */
export async function runAxe(page, rules = null) {
  // evaluate() runs outside the page's Content-Security-Policy, unlike an injected <script>.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async ({ tags, rules }) => {
    const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
    const r = await window.axe.run(document, { runOnly, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, { tags: AXE_TAGS, rules });
  return result;
}
