// Benchmark: lunr.js 2.3.9's own Builder against kijun's index builder on the same documents.
//   node bench/lunr_ratio.mjs CORPUS.json [path/to/kijun_lunr_emit]
// CORPUS.json is written by `kijun_index_bench ... "" CORPUS.json`. Prints both times, the ratio and
// whether the two serialized indexes are the same bytes. Asserts nothing.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadTokenizer, buildWithLunr, emitPath } from '../tests/node/lib/search.mjs';

const [corpusPath, exe = emitPath()] = process.argv.slice(2);
if (!corpusPath) {
  console.error('usage: node bench/lunr_ratio.mjs CORPUS.json [kijun_lunr_emit]');
  process.exit(2);
}
const input = fs.readFileSync(corpusPath, 'utf8');
const corpus = JSON.parse(input);
const T = loadTokenizer();

// Both sides: building and serializing only (not reading the corpus), wall and CPU time. On a
// busy machine wall times mostly measure the wait; CPU time is the steadier figure.
// kijun runs first: after lunr's build, Node's collector is still at work on a heap of 1.4 GB and
// shares the two cores with it (which made kijun's side take up to twice its time).
const r = spawnSync(exe, [], {
  input, maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, KIJUN_EMIT_TIMES: '1' },
});
if (r.status !== 0) {
  console.error(`kijun_lunr_emit failed: ${r.stderr}`);
  process.exit(1);
}

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const lunrText = JSON.stringify(buildWithLunr(T, corpus));
const lunrWall = Number(process.hrtime.bigint() - t0) / 1e9;
const c = process.cpuUsage(cpu0);
const lunrCpu = (c.user + c.system) / 1e6;
const lunrRss = process.memoryUsage().rss / 1e6;
const m = /kijun-times wall ([0-9.e-]+) cpu ([0-9.e-]+)/.exec(r.stderr);
const [kWall, kCpu] = [Number(m[1]), Number(m[2])];
console.log(`${corpus.docs.length} documents: lunr.js Builder ${lunrWall.toFixed(2)} s wall, ${lunrCpu.toFixed(2)} s CPU ` +
  `(Node RSS ${lunrRss.toFixed(0)} MB) | kijun ${kWall.toFixed(3)} s wall, ${kCpu.toFixed(3)} s CPU | kijun is ` +
  `${(lunrWall / kWall).toFixed(1)}x faster in wall time, ${(lunrCpu / kCpu).toFixed(1)}x in CPU time | output ` +
  `${r.stdout === lunrText ? 'byte-identical' : 'DIFFERENT'} (${lunrText.length} characters)`);
