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

const t0 = process.hrtime.bigint();
const lunrText = JSON.stringify(buildWithLunr(T, corpus));
const lunrSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const lunrRss = process.memoryUsage().rss / 1e6;

// kijun: the whole emitter process, reading the corpus as JSON included.
const t1 = process.hrtime.bigint();
const r = spawnSync(exe, [], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
const kijunSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
if (r.status !== 0) {
  console.error(`kijun_lunr_emit failed: ${r.stderr}`);
  process.exit(1);
}
console.log(`lunr.js Builder: ${corpus.docs.length} documents in ${lunrSeconds.toFixed(2)} s ` +
  `(Node RSS ${lunrRss.toFixed(0)} MB); kijun_lunr_emit: ${kijunSeconds.toFixed(3)} s; ` +
  `kijun is ${(lunrSeconds / kijunSeconds).toFixed(1)}x faster; output ` +
  `${r.stdout === lunrText ? 'byte-identical' : 'DIFFERENT'} (${lunrText.length} characters)`);
