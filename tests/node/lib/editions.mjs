// Scratch projects for the edition tests: a temporary copy of a project's content/ and editions/
// with the theme and lunr.js beside it, and kijun run inside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, kijunBin } from './source.mjs';

/** Copies `from`'s content/ and editions/ (and the repository's theme) into a fresh folder. */
export function scratchProject(from = REPO_ROOT) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-edition-'));
  fs.cpSync(path.join(from, 'content'), path.join(dir, 'content'), { recursive: true });
  if (fs.existsSync(path.join(from, 'editions'))) {
    fs.cpSync(path.join(from, 'editions'), path.join(dir, 'editions'), { recursive: true });
  }
  fs.cpSync(path.join(REPO_ROOT, 'themes'), path.join(dir, 'themes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules/lunr'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'node_modules/lunr/lunr.js'), path.join(dir, 'node_modules/lunr/lunr.js'));
  return dir;
}

/** Runs kijun in `dir`: { status, stdout, stderr }. */
export function kijun(dir, args) {
  const r = spawnSync(kijunBin(), args, { cwd: dir, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** Replaces `from` by `to` in one file of `dir`, failing when `from` is not there. */
export function amend(dir, file, from, to) {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(p, text.replace(from, to));
}
