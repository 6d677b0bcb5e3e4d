// The checklists that issue 6 asks for, what each must cover, and how to print one to PDF.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * Every checklist: its page, the number of items (answers + form fields) and of printed A4 pages,
 * and which provisions it must list (a predicate over requirement IDs from requirements.json).
 * A change of wording, CSS or fonts can move the page count: check the PDFs
 * (pdftoppm -png -r 60) and update `pages` here when the new count is right.
 */
export const CHECKLISTS = [
  {
    url: 'checklists/important-selection.html', title: '選定条件チェックリスト(重要情報資産を取り扱う場合)',
    items: 23, fields: 0, pages: 3,
    // 3.1: the numbered duties (2)–(6), the measures of (7) and (8), the items of (9).
    covers: (r) => /^CS-3\.1-(?:[2-6]|7-\d|8-\d|9-2|9-[134]-[a-z])$/.test(r.id),
  },
  {
    url: 'checklists/important-procurement.html', title: '調達・契約チェックリスト(重要情報資産を取り扱う場合)',
    items: 2, fields: 0, pages: 1,
    covers: (r) => /^CS-3\.2-\d$/.test(r.id),
  },
  {
    url: 'checklists/important-construction.html', title: '導入・構築時チェックリスト(重要情報資産を取り扱う場合)',
    items: 24, fields: 0, pages: 2,
    // 3.3: every ・ measure of ①, ②, the procedures of ③, ④.
    covers: (r) => /^CS-3\.3-(?:1-[a-z]-\d+|[24]|3-[a-z])$/.test(r.id),
  },
  {
    url: 'checklists/important-operation.html', title: '運用・保守時チェックリスト(重要情報資産を取り扱う場合)',
    items: 28, fields: 0, pages: 3,
    covers: (r) => /^CS-3\.4-(?:1-[a-z]-\d+|[2-5])$/.test(r.id),
  },
  {
    url: 'checklists/important-renewal.html', title: '更改・廃棄時チェックリスト(重要情報資産を取り扱う場合)',
    items: 6, fields: 0, pages: 1,
    covers: (r) => /^CS-3\.5-(?:1-[a-z]-\d+|2)$/.test(r.id),
  },
  {
    url: 'checklists/non-important.html', title: '重要情報資産を取り扱わない場合のチェックリスト',
    items: 15, fields: 0, pages: 2,
    // 4.1(2): the risks to weigh; 4.1(3): the points; 4.2.
    covers: (r) => /^CS-4\.1-(?:2-[a-h]|3-1-[a-c]|3-2)$/.test(r.id) || r.id === 'CS-4.2',
  },
  {
    url: 'checklists/application.html', title: '利用申請・台帳登録チェックリスト',
    items: 16, fields: 9, pages: 2,
    // 5.2: the steps of (1) and (2), and the 台帳 items (ア)…(ケ) of both.
    covers: (r) => /^CS-5\.2-(?:1-[1-4]|2-[1-3]|1-4-[a-i]|2-3-[a-i])$/.test(r.id),
  },
  {
    url: 'checklists/web-meeting-participant.html', title: 'ウェブ会議チェックリスト(参加者全員)',
    items: 6, fields: 0, pages: 1,
    covers: (r) => /^CS-6\.2-1-\d$/.test(r.id) || r.id === 'CS-6.1-1',
  },
  {
    url: 'checklists/web-meeting-organiser.html', title: 'ウェブ会議チェックリスト(主催者)',
    items: 4, fields: 0, pages: 1,
    covers: (r) => /^CS-6\.2-2-\d$/.test(r.id),
  },
  {
    url: 'checklists/web-meeting-notes.html', title: 'ウェブ会議の留意事項チェックリスト',
    items: 5, fields: 0, pages: 1,
    covers: (r) => /^CS-6\.3-\d$/.test(r.id),
  },
];

/** Runs a poppler tool and returns its standard output; throws when it is missing or fails. */
export function poppler(tool, args) {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${tool} could not run (install poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Prints the page open in `page` to an A4 PDF at `file`, as the print stylesheet lays it out:
 *  page numbers and the running head come from its @page rules. */
export async function printPdf(page, file) {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return fs.statSync(file).size;
}

/** pdfinfo's fields: { Pages, 'Page size', ... }. */
export function pdfInfo(file) {
  const info = {};
  for (const line of poppler('pdfinfo', [file]).split('\n')) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (m) info[m[1]] = m[2];
  }
  return info;
}

/** The text of each page (pdftotext -raw: each table cell's text in one piece). */
export function pdfPages(file, count) {
  const pages = [];
  for (let i = 1; i <= count; i++) pages.push(poppler('pdftotext', ['-raw', '-f', String(i), '-l', String(i), file, '-']));
  return pages;
}

/** Fonts of the PDF: [{ name, type, emb }]. */
export function pdfFonts(file) {
  return poppler('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim()).map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: read from the end.
    return { name: cols[0], emb: cols[cols.length - 5], line: l };
  });
}

export const noSpace = (s) => s.replace(/\s+/gu, '');

export function tmpFile(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
