// Helpers for the content tests: read the extracted source text of the standard
// (tests/fixtures/source/), read the Markdown under content/, and build and read
// the generated site.
//
// Terms used below:
// - "body": the source text after its (garbled) table of contents.
// - "enumerator": (1), ①, (ア) or a ・ bullet at the start of a source line, or
//   at the start of a provision's text in content/.
// - "white-space-free": every white-space character removed. The PDF extraction
//   put spaces and line breaks where the PDF wrapped lines, so the text is
//   compared without any white space at all.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONTENT_DIR = path.join(REPO_ROOT, 'content');
export const EDITIONS_DIR = path.join(REPO_ROOT, 'editions');
export const SOURCE_FILE = path.join(REPO_ROOT, 'tests/fixtures/source/cloud-service-standard-v1.1.txt');

/** Japanese characters: CJK symbols and punctuation, hiragana, katakana (with ・ and ー),
 *  CJK ideographs, full-width forms. Circled numbers (①) are not included. */
export const JA_CLASS = '[\\u3000-\\u303F\\u3040-\\u309F\\u30A0-\\u30FF\\u4E00-\\u9FFF\\uFF00-\\uFFEF]';
const KANJI = '[\\u4E00-\\u9FFF]';

const KATAKANA_ENUMS = 'アイウエオカキクケ';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** An enumerator at the start of (white-space-trimmed) text, with its nesting level:
 *  1 = (1), 2 = ①, 3 = (ア), 4 = ・. */
const ENUM_RE = /^(?:\((\d+)\)|([①-⑳])|\(([アイウエオカキクケ])\)|(・))/u;

export function stripWs(s) {
  return s.replace(/\s+/gu, '');
}

/** Splits the enumerator off the start of `text`. Returns null when there is none. */
export function parseEnumerator(text) {
  const t = text.replace(/^\s+/u, '');
  const m = t.match(ENUM_RE);
  if (!m) return null;
  let level;
  let part;
  if (m[1] !== undefined) { level = 1; part = m[1]; }
  else if (m[2] !== undefined) { level = 2; part = String(CIRCLED.indexOf(m[2]) + 1); }
  else if (m[3] !== undefined) { level = 3; part = 'abcdefghi'[KATAKANA_ENUMS.indexOf(m[3])]; }
  else { level = 4; part = null; } // ・ bullets are numbered by position
  return { enumerator: m[0], level, part, rest: t.slice(m[0].length).replace(/^\s+/u, '') };
}

// ---------------------------------------------------------------------------
// Source text

/** The source's heading line for a chapter or section: "3 …", "3.1 …", "3. 4 …".
 *  Returns the section number ("3", "3.4") and title, or null. */
export function parseSectionHeading(line) {
  const m = line.match(/^(\d)(?:\.\s?(\d))?\s+(\S.*)$/u);
  if (!m || line.includes('。')) return null;
  return { section: m[2] ? `${m[1]}.${m[2]}` : m[1], title: m[3] };
}

/** The body of the source, as lines { no (1-based line number), text }.
 *  `text` has the leading "- " bullet artifacts and indentation removed and the
 *  (才) → (オ) misreading fixed; blank lines are dropped. */
export function readSourceBody(file = SOURCE_FILE) {
  const all = fs.readFileSync(file, 'utf8').split(/\r?\n/u);
  // The body starts at the chapter heading 「1 基本的な考え方」 that follows the table
  // of contents (目次). The garbled table of contents spells that entry differently
  // (「1\t基本的\tりな考え方5」), so the heading is the first such line after 目次.
  const toc = all.findIndex((l) => l.trim() === '目次');
  const start = all.findIndex((l, i) => i > toc && l.trim() === '1 基本的な考え方');
  if (toc < 0 || start < 0) throw new Error(`${file}: no body after the table of contents`);
  const lines = [];
  for (let i = start; i < all.length; i++) {
    const text = all[i]
      .replace(/^\s*(?:-\s+)?/u, '')
      .replace(/\(才\)/gu, '(オ)')
      .replace(/\s+$/u, '');
    if (text !== '') lines.push({ no: i + 1, text });
  }
  return lines;
}

/** Whether (white-space-free) text ends a sentence: 。 optionally followed by closing brackets. */
function endsSentence(s) {
  return /。[)」]*$/u.test(s);
}

const FRAGMENT_START = new RegExp('^[\\u3041-\\u309F]', 'u'); // hiragana: a particle or okurigana
const LONE_KANJI_END = new RegExp(`(?:^|(?!${KANJI}).)${KANJI}$`, 'u');

/**
 * Groups the body into logical units, each with the section it belongs to, then
 * splits them into sentences.
 *
 * How the text is cut:
 * 1. Every line that starts with a section heading ("3.1 …"), an enumerator
 *    ((1), ①, (ア), ・) or an example block ("(例:") starts a new unit. A section
 *    heading is a unit on its own (it becomes the page's <h1>, which the next
 *    paragraph need not follow directly).
 * 2. Any other line either continues the previous unit or starts a new one.
 *    It continues it (a sentence cut by a page break, e.g. 「…漏えいするリスク」/
 *    「が存在する。」) only when the previous unit has not ended its sentence with
 *    「。」 and the line looks like a fragment:
 *      - it starts with hiragana (a sentence never does: 「が存在する。」, 「ること。」), or
 *      - it does not end with 「。」 itself (an item title broken in two:
 *        「…従事する者の所属」/「専門性(…)…の指定」), or
 *      - the previous unit ends with a kanji standing alone after a non-kanji,
 *        a word cut in half (「…場合、当」/「該事業者…」, 「…様々な個」/「人情報…」).
 *    Otherwise the line is a new paragraph after a heading or an item title
 *    (「(1)目的」/「クラウドサービス利用基準…」, 「…目的外利用の禁止」/「自組織が…」).
 * 3. Each unit, white space removed, is split after every 「。」 (with any closing
 *    「)」「」」 that follows it). So a heading line or an item without 「。」 is a
 *    sentence of its own, ending at its line end.
 * A run-in heading (3.1(3) 「…評価・判断所属長は、…」) stays one sentence: the
 * site must then show the heading and its paragraph next to each other.
 *
 * The section of a unit is the last section heading before it; within 6.4 the
 * (1)/(2) headings open the example pages 6.4-1 and 6.4-2.
 *
 * Returns [{ section, page, text, line }] where `page` is the ID of the page
 * that must contain the sentence ("CS-3.1", "CS-6.4-1").
 */
export function sourceSentences(lines = readSourceBody()) {
  const units = [];
  let section = null;
  let page = null;
  let current = null; // { text, line, section, page, closed }
  const flush = () => {
    if (current) units.push(current);
    current = null;
  };
  for (const { no, text } of lines) {
    const flat = stripWs(text);
    const heading = parseSectionHeading(text);
    if (heading) {
      flush();
      section = heading.section;
      page = `CS-${section}`;
      units.push({ text: flat, line: no, section, page, closed: true });
      continue;
    }
    if (section === null) throw new Error(`source line ${no}: text before the first section heading`);
    const enumerator = parseEnumerator(text);
    if (enumerator && section === '6.4' && enumerator.level === 1) page = `CS-6.4-${enumerator.part}`;
    const blockStart = enumerator !== null || flat.startsWith('(例:');
    const continues =
      !blockStart &&
      current !== null &&
      !current.closed &&
      !endsSentence(current.text) &&
      (FRAGMENT_START.test(flat) || !endsSentence(flat) || LONE_KANJI_END.test(current.text));
    if (continues) {
      current.text += flat;
    } else {
      flush();
      current = { text: flat, line: no, section, page, closed: false };
    }
  }
  flush();
  const sentences = [];
  for (const u of units) {
    for (const s of u.text.match(/[^。]*。[)」]*|[^。]+/gu) ?? []) {
      sentences.push({ section: u.section, page: u.page, text: s, line: u.line });
    }
  }
  return sentences;
}

/**
 * Every enumerator of the body in document order, with the ID the convention gives it:
 * CS- + section + one part per level ((1)→1, ①→1, (ア)→a, n-th ・ under its parent → n).
 * The parent of an enumerator is the nearest enumerator before it of a lower level
 * number in the same section; a section heading closes all open enumerators.
 * Returns [{ line, section, enumerator, level, text, expectedId }], `text` being the
 * white-space-free text after the enumerator.
 */
export function sourceEnumerators(lines = readSourceBody()) {
  const result = [];
  let section = null;
  let stack = []; // [{ level, part, bullets }]
  let root = { bullets: 0 };
  for (const { no, text } of lines) {
    const heading = parseSectionHeading(text);
    if (heading) {
      section = heading.section;
      stack = [];
      root = { bullets: 0 };
      continue;
    }
    const e = parseEnumerator(text);
    if (!e) continue;
    while (stack.length && stack[stack.length - 1].level >= e.level) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : root;
    const part = e.level === 4 ? String(++parent.bullets) : e.part;
    stack.push({ level: e.level, part, bullets: 0 });
    result.push({
      line: no,
      section,
      enumerator: e.enumerator,
      level: e.level,
      text: stripWs(e.rest),
      expectedId: `CS-${section}-${stack.map((s) => s.part).join('-')}`,
    });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Content

/** Minimal reader for the YAML subset used in content/ front matter:
 *  `key: scalar`, `key: [a, b]`, and `key:` followed by an indented map of those. A `key:` whose
 *  indented block is anything else (a guide's list of steps) is kept as its raw text. */
export function parseFrontMatterYaml(text, file = '<front matter>') {
  const scalar = (v) => {
    v = v.trim();
    if (/^".*"$/u.test(v)) return JSON.parse(v);
    if (/^'.*'$/u.test(v)) return v.slice(1, -1).replace(/''/gu, "'");
    if (/^\[.*\]$/u.test(v)) {
      const inner = v.slice(1, -1).trim();
      return inner === '' ? [] : inner.split(',').map((x) => scalar(x));
    }
    if (/^-?\d+$/u.test(v)) return Number(v);
    return v;
  };
  const KEY = /^(\s*)([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$/u;
  const data = {};
  let block = null; // { key, lines: [[line, index]] } of a top-level key without a value
  const flush = () => {
    if (!block) return;
    const indents = block.lines.map(([l]) => l.match(/^\s*/u)[0]);
    const simple = block.lines.every(([l], k) => KEY.test(l) && indents[k] === indents[0]);
    if (simple) {
      const map = {};
      for (const [l] of block.lines) {
        const [, , key, value] = l.match(KEY);
        map[key] = value === undefined ? '' : scalar(value);
      }
      data[block.key] = map;
    } else {
      data[block.key] = block.lines.map(([l]) => l).join('\n');
    }
    block = null;
  };
  text.split('\n').forEach((line, i) => {
    if (/^\s*(#.*)?$/u.test(line)) return;
    if (/^\s/u.test(line)) {
      if (!block) throw new Error(`${file}: front matter line ${i + 2}: unexpected indentation`);
      block.lines.push([line, i]);
      return;
    }
    flush();
    const m = line.match(KEY);
    if (!m) throw new Error(`${file}: front matter line ${i + 2}: cannot read ${JSON.stringify(line)}`);
    const [, , key, value] = m;
    if (value === undefined || value === '') {
      block = { key, lines: [] };
      data[key] = {};
    } else {
      data[key] = scalar(value);
    }
  });
  flush();
  return data;
}

function listMarkdown(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  // Document order: a folder's _index.md first, then the rest by name (the prefixes).
  const rank = (e) => (e.name === '_index.md' ? 0 : 1);
  entries.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listMarkdown(p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

/** The pages under content/ in document order: { file (relative), frontMatter, lines, bodyStart }.
 *  `lines` are all lines of the file; `bodyStart` is the index of the first body line. */
export function readContent(dir = CONTENT_DIR) {
  return listMarkdown(dir).map((abs) => {
    const file = path.relative(REPO_ROOT, abs).split(path.sep).join('/');
    const lines = fs.readFileSync(abs, 'utf8').split(/\r?\n/u);
    if (lines[0] !== '---') throw new Error(`${file}:1: no front matter`);
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new Error(`${file}: front matter not closed`);
    const frontMatter = parseFrontMatterYaml(lines.slice(1, end).join('\n'), file);
    return { file, frontMatter, lines, bodyStart: end + 1 };
  });
}

/** Reference syntax: [[ID]], [[ID|text]], [[doc:words]]. */
export const REF_RE = /\[\[([^\]|]+)(?:\|([^\]|]*))?\]\]/gu;

/** Text as it reads on the page: references replaced by their visible words. */
export function visibleText(s) {
  return s.replace(REF_RE, (_, target, label) => {
    if (label !== undefined) return label;
    if (target.startsWith('doc:')) return target.slice(4);
    return '';
  });
}

const HEADING_DEF = /^#{1,6}\s+(.*?)\s+\{#([^}\s]+)\}\s*$/u;
const BLOCK_DEF = /^\s*(?:[-*+]\s+)?\{#([^}\s]+)\}\s+(.*)$/u;

/** Every ID definition in content/, in document order:
 *  { id, file, line, source: 'front matter'|'marker', enumerator, text }.
 *  `text` is the white-space-free visible text after the enumerator (or the title). */
export function contentDefinitions(pages = readContent()) {
  const defs = [];
  for (const p of pages) {
    const fm = p.frontMatter;
    if (fm.id !== undefined) {
      const m = String(fm.number ?? '').match(/(\(\d+\))$/u);
      defs.push({
        id: String(fm.id),
        file: p.file,
        line: 1,
        source: 'front matter',
        enumerator: m ? m[1] : null,
        text: stripWs(String(fm.title ?? '')),
      });
    }
    for (let i = p.bodyStart; i < p.lines.length; i++) {
      const line = p.lines[i];
      const h = line.match(HEADING_DEF);
      const b = h ? null : line.match(BLOCK_DEF);
      if (!h && !b) continue;
      const [id, rawText] = h ? [h[2], h[1]] : [b[1], b[2]];
      const e = parseEnumerator(visibleText(rawText));
      defs.push({
        id,
        file: p.file,
        line: i + 1,
        source: 'marker',
        enumerator: e ? e.enumerator : null,
        text: stripWs(e ? e.rest : visibleText(rawText)),
      });
    }
  }
  return defs;
}

/** `{#…}` markers that are not in a definition position (start of a list item or
 *  paragraph, end of a heading). */
export function strayMarkers(pages = readContent()) {
  const stray = [];
  for (const p of pages) {
    for (let i = p.bodyStart; i < p.lines.length; i++) {
      const line = p.lines[i];
      const count = (line.match(/\{#/gu) ?? []).length;
      const defined = HEADING_DEF.test(line) || BLOCK_DEF.test(line) ? 1 : 0;
      if (count > defined) stray.push(`${p.file}:${i + 1}: ${line.trim()}`);
    }
  }
  return stray;
}

/** Every reference in content/: { file, line, target, label }. */
export function contentReferences(pages = readContent()) {
  const refs = [];
  for (const p of pages) {
    p.lines.forEach((line, i) => {
      for (const m of line.matchAll(REF_RE)) {
        refs.push({ file: p.file, line: i + 1, target: m[1], label: m[2] ?? null });
      }
    });
  }
  return refs;
}

// A space is an extraction artifact when it stands between two Japanese characters,
// or between a Japanese character and an ASCII parenthesis that stands in for a
// full-width one (「方法 (対処」, 「等) から」). The space after an enumerator at the
// start of a provision (「(1) 目的」) separates the citation label and is kept.
const JA_SPACE_RE = new RegExp(`${JA_CLASS} +(?:${JA_CLASS}|\\()|\\) +${JA_CLASS}`, 'gu');
const LEADING_ENUM_RE = /^(\s*(?:#{1,6} |[-*+] )?(?:\{#[^}\s]+\} )?)(?:\((?:\d+|[アイウエオカキクケ])\)|[①-⑳]) /u;

/** The spaces in a content line that sit between Japanese characters: [{ column, excerpt }]. */
export function japaneseSpaces(line) {
  const m = line.match(LEADING_ENUM_RE);
  const offset = m ? m[0].length : 0;
  const rest = line.slice(offset);
  return [...rest.matchAll(JA_SPACE_RE)].map((x) => ({
    column: offset + x.index + 2,
    excerpt: rest.slice(Math.max(0, x.index - 8), x.index + x[0].length + 8),
  }));
}

// ---------------------------------------------------------------------------
// Built site

/** The kijun binary (KIJUN_BIN or build/kijun); throws when it is missing. */
export function kijunBin() {
  const bin = process.env.KIJUN_BIN ?? path.join(REPO_ROOT, 'build/kijun');
  if (!fs.existsSync(bin)) {
    throw new Error(`kijun binary not found at ${bin}: build it first (cmake -S . -B build && cmake --build build) or set KIJUN_BIN`);
  }
  return bin;
}

/** Builds content/ with the kijun binary into a fresh temporary directory and
 *  returns its path (the caller removes it). Throws (so that the calling test fails)
 *  when the binary is missing or the build fails. */
export function buildSite({ content = CONTENT_DIR, editions = EDITIONS_DIR } = {}) {
  const bin = kijunBin();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-content-'));
  const r = spawnSync(bin, ['build', '--content', content, '--editions', editions, '--out', out], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    fs.rmSync(out, { recursive: true, force: true });
    if (r.error) throw new Error(`could not run ${bin}: ${r.error.message}`);
    throw new Error(`${bin} build failed with status ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return out;
}

/** Every .html file below `dir`, as full paths. */
export function listHtml(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listHtml(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

/** One built page: { file, id (of its <h1>, or null), text, document }, or null when
 *  it has no <main>. `text` is the white-space-free text of <main> without the .kj-ui
 *  elements (which are removed from `document`). */
function parseBuiltPage(outDir, abs) {
  const { document } = parseHTML(fs.readFileSync(abs, 'utf8'));
  const main = document.querySelector('main');
  if (!main) return null;
  for (const ui of main.querySelectorAll('.kj-ui')) ui.remove();
  const h1 = document.querySelector('h1');
  return {
    file: path.relative(outDir, abs).split(path.sep).join('/'),
    id: h1 ? h1.getAttribute('id') : null,
    text: stripWs(main.textContent),
    document,
  };
}

/** The built page at `file` (relative to `outDir`); see parseBuiltPage. */
export function readBuiltPage(outDir, file) {
  const page = parseBuiltPage(outDir, path.resolve(outDir, file));
  if (!page) throw new Error(`${file}: no <main>`);
  return page;
}

/** The built pages whose <h1> carries a page ID: Map(id → page, see parseBuiltPage). */
export function readBuiltPages(outDir) {
  const pages = new Map();
  for (const abs of listHtml(outDir)) {
    const page = parseBuiltPage(outDir, abs);
    if (!page || !page.id) continue;
    if (pages.has(page.id)) throw new Error(`page id ${page.id} on both ${pages.get(page.id).file} and ${page.file}`);
    pages.set(page.id, page);
  }
  return pages;
}

// ---------------------------------------------------------------------------
// Published editions

/** The record of a published edition as the build exports it (site editions/<number>.json). */
export function readEditionRecord(outDir, number = '1.1') {
  return JSON.parse(fs.readFileSync(path.join(outDir, 'editions', `${number}.json`), 'utf8'));
}

/** The page heading of a record's page as the source writes it: "6.4(1)" loses its "6.4". */
export function recordHeading(page) {
  return stripWs(`${page.number.replace(/^[\d.]+(?=\()/u, '')}${page.title}`);
}

/** Every ID definition of an edition record, in the shape of contentDefinitions():
 *  { id, file (page URL), line (order), source, enumerator, text }. */
export function recordDefinitions(record) {
  const pageIds = new Set(record.pages.map((p) => p.id));
  return record.provisions.map((p) => {
    if (pageIds.has(p.id)) {
      const page = record.pages.find((pg) => pg.id === p.id);
      const m = String(page.number).match(/(\(\d+\))$/u);
      return { id: p.id, file: p.page, line: p.order, source: 'front matter', enumerator: m ? m[1] : null, text: stripWs(page.title) };
    }
    const firstLine = p.text.split('\n')[0];
    const e = parseEnumerator(firstLine);
    return { id: p.id, file: p.page, line: p.order, source: 'marker', enumerator: e ? e.enumerator : null, text: stripWs(e ? e.rest : firstLine) };
  });
}

/** Compares each page of an edition record with its section of the source: the page heading
 *  first, then every paragraph of every provision found in the section's text, in order, each
 *  exactly once, and nothing of the section left over. (A provision's own paragraphs after its
 *  nested provisions come after them in the source, so paragraphs, not whole provisions, are
 *  matched.) Returns the problems, one string each. */
export function recordPageMismatches(record, sentences) {
  const problems = [];
  for (const page of record.pages) {
    const expected = sentences.filter((s) => s.page === page.id).map((s) => s.text).join('');
    const heading = recordHeading(page);
    if (!expected.startsWith(heading)) {
      problems.push(`${page.url} (${page.id}): heading ${heading} is not the source's ${expected.slice(0, heading.length)}`);
      continue;
    }
    const used = new Array(expected.length).fill(false);
    used.fill(true, 0, heading.length);
    let from = heading.length;
    for (const p of record.provisions.filter((x) => x.page === page.url)) {
      const chunks = (p.id === page.id ? [p.body] : [p.text, p.body]).flatMap((t) => t.split('\n')).map(stripWs).filter((t) => t !== '');
      for (const c of chunks) {
        let at = expected.indexOf(c, from);
        while (at >= 0 && used.slice(at, at + c.length).some(Boolean)) at = expected.indexOf(c, at + 1);
        if (at < 0) {
          at = expected.indexOf(c);
          while (at >= 0 && used.slice(at, at + c.length).some(Boolean)) at = expected.indexOf(c, at + 1);
        }
        if (at < 0) {
          problems.push(`${page.url} (${p.id}): not in the source's section ${page.number}: ${c.slice(0, 60)}`);
          continue;
        }
        used.fill(true, at, at + c.length);
        from = at + c.length;
      }
    }
    const left = [];
    let run = '';
    for (let i = 0; i <= expected.length; i++) {
      if (i < expected.length && !used[i]) run += expected[i];
      else if (run) {
        left.push(run);
        run = '';
      }
    }
    for (const l of left) problems.push(`${page.url} (${page.id}): source text missing from the record: ${l.slice(0, 60)}`);
  }
  return problems;
}
