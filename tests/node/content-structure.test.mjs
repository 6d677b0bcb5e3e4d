// The shape of the standard: the page split and the page titles of the 第1.1版 record equal
// to the source's; in content/ (the working text), front matter within the contract with the
// generator and Markdown restricted to what the content model allows.

import fs from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite,
  readContent,
  readEditionRecord,
  readSourceBody,
  parseSectionHeading,
  parseEnumerator,
  stripWs,
} from './lib/source.mjs';

const pages = readContent();
let outDir;
let record;
function published() {
  outDir ??= buildSite();
  record ??= readEditionRecord(outDir, '1.1');
  return record;
}
after(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const LAYOUT = [
  ['content/_index.md', undefined, undefined, 'page'],
  ['content/01-basics.md', '1', 'CS-1'],
  ['content/02-judgement.md', '2', 'CS-2'],
  ['content/03-important/_index.md', '3', 'CS-3'],
  ['content/03-important/01-selection.md', '3.1', 'CS-3.1'],
  ['content/03-important/02-procurement.md', '3.2', 'CS-3.2'],
  ['content/03-important/03-construction.md', '3.3', 'CS-3.3'],
  ['content/03-important/04-operation.md', '3.4', 'CS-3.4'],
  ['content/03-important/05-renewal.md', '3.5', 'CS-3.5'],
  ['content/04-non-important/_index.md', '4', 'CS-4'],
  ['content/04-non-important/01-selection.md', '4.1', 'CS-4.1'],
  ['content/04-non-important/02-measures.md', '4.2', 'CS-4.2'],
  ['content/05-procedures/_index.md', '5', 'CS-5'],
  ['content/05-procedures/01-authority.md', '5.1', 'CS-5.1'],
  ['content/05-procedures/02-application.md', '5.2', 'CS-5.2'],
  ['content/06-web-meetings/_index.md', '6', 'CS-6'],
  ['content/06-web-meetings/01-usage.md', '6.1', 'CS-6.1'],
  ['content/06-web-meetings/02-measures.md', '6.2', 'CS-6.2'],
  ['content/06-web-meetings/03-notes.md', '6.3', 'CS-6.3'],
  ['content/06-web-meetings/04-examples/_index.md', '6.4', 'CS-6.4'],
  ['content/06-web-meetings/04-examples/01-confidential-meeting.md', '6.4(1)', 'CS-6.4-1', 'example'],
  ['content/06-web-meetings/04-examples/02-seminar.md', '6.4(2)', 'CS-6.4-2', 'example'],
  // Checklists (issue 6): no number, no ID of their own; their items cite the provisions.
  ['content/07-checklists/_index.md', undefined, undefined, 'page'],
  ...['01-important-selection', '02-important-procurement', '03-important-construction', '04-important-operation',
    '05-important-renewal', '06-non-important', '07-application', '08-web-meeting-participant',
    '09-web-meeting-organiser', '10-web-meeting-notes']
    .map((name) => [`content/07-checklists/${name}.md`, undefined, undefined, 'checklist']),
  // Staff guidance (issue 11): explanation (解説), not the standard's text.
  ['content/08-guide.md', undefined, undefined, 'guide'],
];

const KEYS = new Set(['title', 'number', 'id', 'weight', 'type', 'description', 'example', 'guide', 'glossary']);
const TYPES = new Set(['standard', 'page', 'checklist', 'example', 'guide', 'glossary']);
const EXAMPLE_KEYS = [
  'confidentiality',
  'functions',
  'document_sharing',
  'recording',
  'e2e_encryption',
  'data_centre',
  'password',
  'waiting_room',
  'participant_verification',
];

test('the 第1.1版 record has the planned numbered pages, in document order', () => {
  assert.deepEqual(
    published().pages.map((p) => [String(p.number), p.id]),
    LAYOUT.filter(([, number]) => number !== undefined).map(([, number, id]) => [number, id]),
  );
});

test('content/ has a page for each page of the layout', () => {
  // The working text may gain pages; the planned ones keep their files.
  const files = new Set(pages.map((p) => p.file));
  assert.deepEqual(LAYOUT.map(([file]) => file).filter((f) => !files.has(f)), []);
});

test('front matter uses only the keys of the content model, with the right types', () => {
  const problems = [];
  for (const { file, frontMatter: fm } of pages) {
    for (const key of Object.keys(fm)) if (!KEYS.has(key)) problems.push(`${file}: unknown key ${key}`);
    if (typeof fm.title !== 'string' || fm.title === '') problems.push(`${file}: title must be a non-empty string`);
    for (const key of ['number', 'id', 'description']) {
      if (key in fm && typeof fm[key] !== 'string') problems.push(`${file}: ${key} must be a string`);
    }
    if ('weight' in fm && !Number.isInteger(fm.weight)) problems.push(`${file}: weight must be an integer`);
    if ('type' in fm && !TYPES.has(fm.type)) problems.push(`${file}: unknown type ${fm.type}`);
    if ((fm.type === 'example') !== ('example' in fm)) problems.push(`${file}: example map goes with type example`);
    if ('example' in fm) {
      assert.deepEqual(Object.keys(fm.example), EXAMPLE_KEYS, `${file}: example keys`);
      for (const [key, value] of Object.entries(fm.example)) {
        const values = key === 'functions' ? value : [value];
        if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
          problems.push(`${file}: example.${key} must be ${key === 'functions' ? 'a list of strings' : 'a string'}`);
        }
      }
    }
    if (/^\s*(?:\d|\(|[①-⑳])/u.test(fm.title ?? '')) problems.push(`${file}: title starts with a number`);
  }
  assert.deepEqual(problems, []);
});

test('page titles of the 第1.1版 record are the headings of the source', () => {
  // Section headings give pages 1 … 6.4; the (1)/(2) headings under 6.4 give the example pages.
  const expected = [];
  let section = null;
  for (const { text } of readSourceBody()) {
    const h = parseSectionHeading(text);
    if (h) {
      section = h.section;
      expected.push([h.section, stripWs(h.title)]);
    } else if (section === '6.4') {
      const e = parseEnumerator(text);
      if (e && e.level === 1) expected.push([`6.4${e.enumerator}`, stripWs(e.rest)]);
    }
  }
  const actual = published().pages.map((p) => [String(p.number), stripWs(p.title)]);
  assert.deepEqual(actual, expected);
});

test('page bodies do not repeat the page heading', () => {
  const repeated = pages.filter((p) => {
    const first = p.lines.slice(p.bodyStart).find((l) => l.trim() !== '');
    return first !== undefined && /^#\s/u.test(first);
  });
  assert.deepEqual(repeated.map((p) => p.file), []);
});

test('Markdown stays within the content model: no raw HTML, no ordered lists', () => {
  const problems = [];
  for (const p of pages) {
    p.lines.forEach((line, i) => {
      if (i < p.bodyStart) return;
      if (/<[A-Za-z/!?]/u.test(line)) problems.push(`${p.file}:${i + 1}: raw HTML`);
      if (/^\s*\d+[.)]\s/u.test(line)) problems.push(`${p.file}:${i + 1}: ordered list`);
      if (/^\s*[*+]\s/u.test(line)) problems.push(`${p.file}:${i + 1}: use "-" bullets`);
      if (/\t/u.test(line)) problems.push(`${p.file}:${i + 1}: tab`);
    });
  }
  assert.deepEqual(problems, []);
});
