// Requirement IDs: in the record of 第1.1版, every enumerated provision of the source has
// one, following the numbering convention; in content/ (the working text, which editors
// amend), IDs are unique, references point at defined IDs, and no PDF line-wrap space is
// left between Japanese characters.

import fs from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite,
  readEditionRecord,
  recordDefinitions,
  readContent,
  readSourceBody,
  sourceEnumerators,
  contentDefinitions,
  contentReferences,
  strayMarkers,
  japaneseSpaces,
} from './lib/source.mjs';

const PREFIX = 20; // characters of text after the enumerator that must agree (many items share their first ten)

const pages = readContent();
const defs = contentDefinitions(pages);
const enums = sourceEnumerators(readSourceBody());

let outDir;
let recordDefs;
/** The ID definitions of the 第1.1版 record, as the build exports it. */
function published() {
  outDir ??= buildSite();
  recordDefs ??= recordDefinitions(readEditionRecord(outDir, '1.1'));
  return recordDefs;
}
after(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/** Pairs each source enumerator with a definition of the 第1.1版 record, in document order:
 *  the next definition (after the previous match) with the same enumerator whose
 *  text starts with the same PREFIX characters. */
function matchEnumerators() {
  const candidates = published().filter((d) => d.enumerator !== null);
  const matched = new Set();
  let next = 0;
  const rows = enums.map((e) => {
    for (let i = next; i < candidates.length; i++) {
      const d = candidates[i];
      if (d.enumerator === e.enumerator && d.text.slice(0, PREFIX) === e.text.slice(0, PREFIX)) {
        next = i + 1;
        matched.add(d);
        return { ...e, def: d };
      }
    }
    return { ...e, def: null };
  });
  return { rows, unmatchedDefs: candidates.filter((d) => !matched.has(d)) };
}

test('every enumerator of the source has a requirement ID in the 第1.1版 record', () => {
  const { rows } = matchEnumerators();
  const table = rows.map(
    (r) =>
      `${r.section.padEnd(4)} ${r.enumerator.padEnd(4)} ${r.text.slice(0, 16).padEnd(16, '　')}  → ${r.def ? r.def.id : '(none)'}`,
  );
  console.log(`enumerators: ${rows.length}\n${table.join('\n')}`);
  const missing = rows.filter((r) => !r.def);
  assert.deepEqual(
    missing.map((r) => `source line ${r.line}: ${r.enumerator} ${r.text.slice(0, 20)}`),
    [],
    'enumerators without an ID definition in the record',
  );
});

test('requirement IDs follow the numbering convention of the source', () => {
  const { rows } = matchEnumerators();
  const wrong = rows
    .filter((r) => r.def && r.def.id !== r.expectedId)
    .map((r) => `${r.def.file}:${r.def.line}: ${r.def.id}, expected ${r.expectedId} (source line ${r.line})`);
  assert.deepEqual(wrong, []);
});

test('every enumerated definition of the 第1.1版 record corresponds to an enumerator of the source', () => {
  const { unmatchedDefs } = matchEnumerators();
  assert.deepEqual(
    unmatchedDefs.map((d) => `${d.file}:${d.line}: ${d.id} ${d.enumerator} ${d.text.slice(0, 20)}`),
    [],
  );
});

test('every ID definition carries an enumerator or is a page ID', () => {
  const bare = defs.filter((d) => d.source === 'marker' && d.enumerator === null);
  assert.deepEqual(bare.map((d) => `${d.file}:${d.line}: ${d.id}`), []);
});

test('no ID is defined twice', () => {
  const seen = new Map();
  const dup = [];
  for (const d of defs) {
    if (seen.has(d.id)) dup.push(`${d.id}: ${seen.get(d.id)} and ${d.file}:${d.line}`);
    else seen.set(d.id, `${d.file}:${d.line}`);
  }
  console.log(`ID definitions: ${defs.length}`);
  assert.deepEqual(dup, []);
});

test('ID markers stand only where definitions are allowed', () => {
  assert.deepEqual(strayMarkers(pages), []);
});

test('every [[ID]] reference points at a defined ID', () => {
  const ids = new Set(defs.map((d) => d.id));
  const refs = contentReferences(pages);
  const internal = refs.filter((r) => !r.target.startsWith('doc:'));
  const docs = refs.filter((r) => r.target.startsWith('doc:'));
  console.log(`references: ${internal.length} to IDs, ${docs.length} to other documents`);
  for (const r of refs) console.log(`  ${r.file}:${r.line}: [[${r.target}${r.label === null ? '' : `|${r.label}`}]]`);
  assert.deepEqual(
    internal.filter((r) => !ids.has(r.target)).map((r) => `${r.file}:${r.line}: [[${r.target}]]`),
    [],
  );
  const badLabel = refs.filter((r) => r.label !== null && r.label.trim() === '');
  assert.deepEqual(badLabel.map((r) => `${r.file}:${r.line}: empty text for [[${r.target}]]`), []);
});

test('no space remains between two Japanese characters in content/', () => {
  const found = [];
  for (const p of pages) {
    p.lines.forEach((line, i) => {
      for (const s of japaneseSpaces(line)) found.push(`${p.file}:${i + 1}:${s.column}: …${s.excerpt}…`);
    });
  }
  assert.deepEqual(found, []);
});

test('the Japanese-space check finds the artifacts of the source', () => {
  // Guards the check above against matching nothing at all.
  assert.equal(japaneseSpaces('市民 等に').length, 1);
  assert.equal(japaneseSpaces('対処方法 (対処手順').length, 1);
  assert.equal(japaneseSpaces('SOC 報告書等) から').length, 1);
  assert.equal(japaneseSpaces('ISO/IEC 27017 による ISMS 認証').length, 0);
  assert.equal(japaneseSpaces('## (1) 目的 {#CS-1-1}').length, 0);
  assert.equal(japaneseSpaces('- {#CS-3.3-1-a} (ア) 不正なアクセス').length, 0);
});
