/*
 * kijun — Japanese search tokenizer, rules "ja-bigram-v1+kijun-fold-1".
 *
 * THE SAME RULES are implemented in C++ in src/tokenizer.cpp (index side) and both are tested
 * against the shared table tests/data/tokenizer-cases.json. Keep them identical.
 *
 * 1. Decode. The text is read as code points; every code point keeps its span [s, e) in UTF-16
 *    code units of the ORIGINAL text (width 2 for a surrogate pair). A lone surrogate is one "bad"
 *    code point of width 1 (C++: an invalid UTF-8 sequence, as a browser decodes it to U+FFFD).
 *    Bad code points are separators.
 * 2. Fold each code point (for classification and for the term text; spans unchanged):
 *    U+FF01..U+FF5E -> U+0021..U+007E; then A-Z -> a-z; half-width katakana and punctuation
 *    U+FF61..U+FF9F -> their NFKC full-width forms (ｶ -> カ, ｰ -> ー, ﾞ -> U+3099 ...).
 *    Then, as NFKC composition does, a kana with a voiced / semi-voiced form followed by U+3099 /
 *    U+309A becomes the composed kana (ｶﾞ -> ガ, ﾊﾟ -> パ, か+U+3099 -> が); the composed code
 *    point spans both originals (2 units for ｶﾞ). An uncomposed U+3099 / U+309A is a separator.
 *    No other Unicode folding (no toLowerCase, no ① -> 1).
 * 3. Variants. Every spelling (canonical and variants) is folded by step 2. Scanning the folded
 *    text left to right, at each position the LONGEST spelling that matches is taken (the
 *    canonical spelling itself included, so "サーバー" is not rewritten by a variant "サーバ");
 *    a spelling whose first (last) character is in class W does not match when the character
 *    before (after) it is also W ("Web" does not match inside "myWebex"). The match is replaced
 *    by the canonical spelling and scanning resumes after the match; the replacement is not
 *    re-scanned. Ties between equal spellings: the first group given wins. A group whose
 *    canonical spelling is empty is ignored.
 *    Positions of the replacement: with p = length of the common prefix and q = length of the
 *    common suffix of the matched spelling V (length m) and the canonical C (length n), where
 *    p + q <= min(m, n):
 *      - C[0..p) takes the spans of V[0..p), C[n-q..n) takes the spans of V[m-q..m);
 *      - the middle C[p..n-q) takes, each character, the span covering V[p..m-q) (from the
 *        start of V[p] to the end of V[m-q-1]); if that middle of V is empty (a pure insertion,
 *        e.g. サーバ -> サーバー), it takes the span of V[p-1] (or, when p = 0, of V[m-q]).
 *    So "Web会議" (variant of "ウェブ会議") gives ウ, ェ, ブ the span of "Web" and 会, 議 their own.
 * 4. Classify each folded code point:
 *      W: 0-9, a-z.
 *      C: U+3005-3007, U+3041-3096, U+309D-309F, U+30A1-30FA, U+30FC-30FF, U+3400-4DBF,
 *         U+4E00-9FFF, U+F900-FAFF, U+FF66-FF9F, U+20000-3FFFF.
 *      everything else (spaces incl. U+3000, ・ U+30FB, punctuation, symbols, ①, emoji): separator.
 * 5. A maximal run of W is one token (the folded run). A maximal run of C of length 1 is one
 *    token; of length n >= 2 it gives the n-1 overlapping bigrams in order. W and C runs are
 *    separate even when adjacent. A token's position is [min start, max end - min start] over
 *    the spans of its code points.
 *
 * API (browser global window.KijunTokenizer; also module.exports / globalThis in Node):
 *   tokenize(text, variants) -> [{term, start, length}]
 *   analyze(text, variants)  -> [{term, start, length, run, kind}]  (run = ordinal of the W/C run
 *                               the token came from, kind = "w" | "c"; used for phrase checks)
 *   variants: [[canonical, variant, ...], ...] or [{canonical, variants: [...]}, ...]
 * No build step, no modules: plain <script src> from file:// works.
 */
(function (root) {
  'use strict';

  var VERSION = 'ja-bigram-v1+kijun-fold-1';
  var BAD = -1;

  // NFKC images of U+FF61..U+FF9F (half-width katakana block).
  var HALF_WIDTH = [
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
    0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
    0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
    0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
    0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A
  ];

  var VOICED_SPECIAL = {
    0x3046: 0x3094, // う -> ゔ
    0x309D: 0x309E, // ゝ -> ゞ
    0x30A6: 0x30F4, // ウ -> ヴ
    0x30EF: 0x30F7, // ワ -> ヷ
    0x30F0: 0x30F8, // ヰ -> ヸ
    0x30F1: 0x30F9, // ヱ -> ヹ
    0x30F2: 0x30FA, // ヲ -> ヺ
    0x30FD: 0x30FE  // ヽ -> ヾ
  };

  function foldChar(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 0x41 && c <= 0x5A) return c + 0x20;
    if (c >= 0xFF61 && c <= 0xFF9F) return HALF_WIDTH[c - 0xFF61];
    return c;
  }

  // Composition with U+3099 (voiced) / U+309A (semi-voiced); 0 when there is none.
  function compose(base, mark) {
    var offs = [0, 0x60], k, b;
    if (mark === 0x3099) {
      for (k = 0; k < 2; k++) {
        b = base - offs[k];
        if ((b >= 0x304B && b <= 0x3061 && (b - 0x304B) % 2 === 0) ||
            (b >= 0x3064 && b <= 0x3068 && (b - 0x3064) % 2 === 0) ||
            (b >= 0x306F && b <= 0x307B && (b - 0x306F) % 3 === 0)) {
          return base + 1;
        }
      }
      return VOICED_SPECIAL[base] || 0;
    }
    if (mark === 0x309A) {
      for (k = 0; k < 2; k++) {
        b = base - offs[k];
        if (b >= 0x306F && b <= 0x307B && (b - 0x306F) % 3 === 0) return base + 2;
      }
    }
    return 0;
  }

  function isW(c) { return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A); }

  function isC(c) {
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF);
  }

  // Steps 1-2. Returns parallel arrays {cp, s, e}.
  function foldText(text) {
    var raw = [], rs = [], re = [];
    var n = text.length, i = 0, c, d;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
        d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
          raw.push((c - 0xD800) * 0x400 + (d - 0xDC00) + 0x10000);
          rs.push(i); re.push(i + 2);
          i += 2;
          continue;
        }
      }
      raw.push(c >= 0xD800 && c <= 0xDFFF ? BAD : c);
      rs.push(i); re.push(i + 1);
      i += 1;
    }
    var cp = [], s = [], e = [], u, mark, composed;
    for (i = 0; i < raw.length; i++) {
      if (raw[i] === BAD) { cp.push(BAD); s.push(rs[i]); e.push(re[i]); continue; }
      u = foldChar(raw[i]);
      var start = rs[i], end = re[i];
      if (i + 1 < raw.length && raw[i + 1] !== BAD) {
        mark = foldChar(raw[i + 1]);
        if (mark === 0x3099 || mark === 0x309A) {
          composed = compose(u, mark);
          if (composed) { u = composed; end = re[i + 1]; i++; }
        }
      }
      cp.push(u); s.push(start); e.push(end);
    }
    return { cp: cp, s: s, e: e };
  }

  function foldedSpelling(str) {
    return foldText(String(str)).cp;
  }

  function sameArray(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  var compiledCache = typeof WeakMap === 'function' ? new WeakMap() : null;

  // Variant table -> rules sorted by first code point, longest first (stable).
  function compileVariants(variants) {
    if (!variants || !variants.length) return [];
    if (compiledCache && typeof variants === 'object' && compiledCache.has(variants)) {
      return compiledCache.get(variants);
    }
    var rules = [];
    for (var g = 0; g < variants.length; g++) {
      var group = variants[g], spellings;
      if (Array.isArray(group)) spellings = group;
      else spellings = [group.canonical].concat(group.variants || []);
      if (!spellings.length) continue;
      var to = foldedSpelling(spellings[0]);
      if (!to.length) continue; // a group without a canonical spelling would erase text: ignored
      for (var v = 0; v < spellings.length; v++) {
        var from = foldedSpelling(spellings[v]);
        if (!from.length) continue;
        var dup = false;
        for (var r = 0; r < rules.length && !dup; r++) dup = sameArray(rules[r].from, from);
        if (dup) continue;
        var lim = Math.min(from.length, to.length), p = 0, q = 0;
        while (p < lim && from[p] === to[p]) p++;
        while (p + q < lim && from[from.length - 1 - q] === to[to.length - 1 - q]) q++;
        rules.push({ from: from, to: to, prefix: p, suffix: q, order: rules.length });
      }
    }
    rules.sort(function (a, b) {
      if (a.from[0] !== b.from[0]) return a.from[0] - b.from[0];
      if (a.from.length !== b.from.length) return b.from.length - a.from.length;
      return a.order - b.order;
    });
    if (compiledCache && typeof variants === 'object') compiledCache.set(variants, rules);
    return rules;
  }

  // Step 3.
  function rewrite(f, rules) {
    if (!rules.length) return f;
    var cp = f.cp, S = f.s, E = f.e, n = cp.length;
    var oc = [], os = [], oe = [];
    var i = 0, k, r, hit, m;
    while (i < n) {
      hit = null;
      for (r = 0; r < rules.length; r++) {
        var rule = rules[r], fr = rule.from;
        if (fr[0] !== cp[i]) continue;
        m = fr.length;
        if (i + m > n) continue;
        var eq = true;
        for (k = 1; k < m && eq; k++) eq = cp[i + k] === fr[k];
        if (!eq) continue;
        if (isW(fr[0]) && i > 0 && isW(cp[i - 1])) continue;
        if (isW(fr[m - 1]) && i + m < n && isW(cp[i + m])) continue;
        hit = rule;
        break;
      }
      if (!hit) { oc.push(cp[i]); os.push(S[i]); oe.push(E[i]); i++; continue; }
      m = hit.from.length;
      var to = hit.to, cn = to.length, p = hit.prefix, q = hit.suffix;
      for (k = 0; k < p; k++) { oc.push(to[k]); os.push(S[i + k]); oe.push(E[i + k]); }
      if (cn - q > p) {
        var ms, me;
        if (m - q > p) {
          ms = S[i + p]; me = E[i + p];
          for (k = p; k < m - q; k++) { ms = Math.min(ms, S[i + k]); me = Math.max(me, E[i + k]); }
        } else {
          var src = p > 0 ? i + p - 1 : i + m - q;
          ms = S[src]; me = E[src];
        }
        for (k = p; k < cn - q; k++) { oc.push(to[k]); os.push(ms); oe.push(me); }
      }
      for (k = cn - q; k < cn; k++) {
        var sIdx = i + m - (cn - k);
        oc.push(to[k]); os.push(S[sIdx]); oe.push(E[sIdx]);
      }
      i += m;
    }
    return { cp: oc, s: os, e: oe };
  }

  // Steps 4-5.
  function analyze(text, variants) {
    if (text === null || text === undefined) return [];
    var f = rewrite(foldText(String(text)), compileVariants(variants));
    var cp = f.cp, S = f.s, E = f.e, n = cp.length;
    var out = [], i = 0, j, k, run = 0, s, e, term;
    while (i < n) {
      var c = cp[i];
      if (isW(c)) {
        term = ''; s = S[i]; e = E[i];
        for (j = i; j < n && isW(cp[j]); j++) {
          term += String.fromCharCode(cp[j]);
          if (S[j] < s) s = S[j];
          if (E[j] > e) e = E[j];
        }
        out.push({ term: term, start: s, length: e - s, run: run, kind: 'w' });
        run++;
        i = j;
      } else if (c !== BAD && isC(c)) {
        j = i + 1;
        while (j < n && cp[j] !== BAD && isC(cp[j])) j++;
        if (j - i === 1) {
          out.push({ term: String.fromCodePoint(c), start: S[i], length: E[i] - S[i], run: run, kind: 'c' });
        } else {
          for (k = i; k + 1 < j; k++) {
            s = Math.min(S[k], S[k + 1]);
            e = Math.max(E[k], E[k + 1]);
            out.push({ term: String.fromCodePoint(cp[k], cp[k + 1]), start: s, length: e - s, run: run, kind: 'c' });
          }
        }
        run++;
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  function tokenize(text, variants) {
    var a = analyze(text, variants), out = new Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = { term: a[i].term, start: a[i].start, length: a[i].length };
    return out;
  }

  var api = {
    version: VERSION,
    tokenize: tokenize,
    analyze: analyze,
    compileVariants: compileVariants,
    isCJK: function (codePoint) { return isC(codePoint); }
  };

  root.KijunTokenizer = api;
  if (typeof module === 'object' && module && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : (typeof window !== 'undefined' ? window : this));
