/*
 * kijun — Japanese search tokenizer, rules "ja-bigram-v1+kijun-fold-2".
 *
 * THE SAME RULES are implemented in src/search/tokenizer.cpp (index side)
 * and tested against the shared table tests/data/tokenizer-cases.json. Keep them identical.
 *
 * 1. Decode. The text is read as code points; every code point keeps its span [s, e) in UTF-16
 *    code units of the ORIGINAL text (width 2 above U+FFFF). An invalid UTF-8 sequence (maximal
 *    subpart, as in the WHATWG decoder) is one "bad" code point of width 1; in JS a lone
 *    surrogate is one bad code point of width 1. Bad code points are separators.
 * 2. Width fold (NFKC). The text is cut into clusters: a code point and the marks that follow it
 *    (general category M, and the half-width sound marks U+FF9E / U+FF9F). Each cluster is
 *    replaced by its Unicode NFKC form (String.prototype.normalize('NFKC') here, utf8proc in C++):
 *    ＩＳＯ -> ISO, ｶﾞ -> ガ, か+U+3099 -> が, ㍿ -> 株式会社, ﬁ -> fi — except the enclosed numbers
 *    U+2460-24FF, U+3251-325F, U+32B1-32BF (①, ⑴, ⒈, ㉑), which stay as they are (separators), so
 *    that 3.3① is not read as 3.31. When the form has as many code
 *    points as the cluster, each keeps its own span; otherwise every code point of the form takes
 *    the span of the whole cluster. Then A-Z -> a-z. No other case folding.
 * 3. Stop words (words that carry no meaning for search, e.g. の は を が に で とは ですか 誰 何),
 *    each folded by step 2. Scanning left to right, at each position the LONGEST stop word that
 *    matches is taken and its code points become separators; scanning resumes after it. A stop
 *    word whose first (last) character is in class W does not match when the character before
 *    (after) it is also W.
 * 4. Kana fold: hiragana -> katakana (ぁ..ゖ -> ァ..ヶ, ゝゞ -> ヽヾ); small kana -> large
 *    (ァィゥェォ -> アイウエオ, ッ -> ツ, ャュョ -> ヤユヨ, ヮ -> ワ, ヵ -> カ, ヶ -> ケ); a run of
 *    long-vowel marks ー that ends a kana word is dropped: it follows a hiragana (katakana) code
 *    point, and the code point after the run is not hiragana (katakana), e.g. サーバー -> サーバ,
 *    サーバーの -> サーバ + の; サーバーセキュリティ keeps its first ー. Scripts are judged on the
 *    text of step 3 (before this fold). A dropped mark is not a separator: its neighbours stay in
 *    one run.
 * 5. Variants. Every spelling (canonical and variants) is folded by steps 2 and 4. Scanning the
 *    folded text left to right, at each position the LONGEST spelling that matches is taken (the
 *    canonical spelling itself included, so "サーバー" is not rewritten by a variant "サーバ");
 *    a spelling whose first (last) character is in class W does not match when the character
 *    before (after) it is also W ("Web" does not match inside "myWebex"). The match is replaced
 *    by the canonical spelling and scanning resumes after the match; the replacement is not
 *    re-scanned. Ties between equal spellings: the first group given wins. A group whose
 *    canonical spelling is empty is ignored.
 *    Positions of the replacement: with p = length of the common prefix and q = length of the
 *    common suffix of the matched spelling V (length m) and the canonical C (length n), where
 *    p + q <= min(m, n):
 *      * C[0..p) takes the spans of V[0..p), C[n-q..n) takes the spans of V[m-q..m);
 *      * the middle C[p..n-q) takes, each character, the span covering V[p..m-q) (from the
 *        start of V[p] to the end of V[m-q-1]); if that middle of V is empty (a pure insertion,
 *        e.g. サーバ -> サーバー), it takes the span of V[p-1] (or, when p = 0, of V[m-q]).
 *    So "Web会議" (variant of "ウェブ会議") gives ウ, エ, ブ the span of "Web" and 会, 議 their own.
 * 6. Classify each folded code point:
 *      W: 0-9, a-z.
 *      C: U+3005-3007, U+3041-3096, U+309D-309F, U+30A1-30FA, U+30FC-30FF, U+3400-4DBF,
 *         U+4E00-9FFF, U+F900-FAFF, U+FF66-FF9F, U+20000-3FFFF.
 *      everything else (spaces, ・ U+30FB, punctuation, symbols, emoji): separator.
 * 7. A maximal run of W is cut where letters and digits meet (iso27001 -> iso, 27001; e2e -> e,
 *    2, e); each piece is one token. A maximal run of C of length 1 is one token; of length
 *    n >= 2 it gives the n-1 overlapping bigrams in order. W and C runs are separate even when
 *    adjacent. A token's position is [min start, max end - min start] over the spans of its code
 *    points.
 *
 * API (browser global window.KijunTokenizer; also module.exports / globalThis in Node):
 *   tokenize(text, variants, stopWords) -> [{term, start, length}]
 *   analyze(text, variants, stopWords)  -> [{term, start, length, run, kind}]  (run = ordinal of the
 *                               W/C run the token came from, kind = "w" | "c"; used for phrase checks)
 *   variants: [[canonical, variant, ...], ...] or [{canonical, variants: [...]}, ...]
 *   stopWords: [word, ...]
 * No build step, no modules: plain <script src> from file:// works.
 */
(function (root) {
  'use strict';

  var VERSION = 'ja-bigram-v1+kijun-fold-2';
  var BAD = -1;
  var SEP = 0x20;
  var MARK = /^\p{M}$/u;

  function isMark(c) {
    if (c < 0x300) return false;
    if (c === 0xFF9E || c === 0xFF9F) return true;
    return MARK.test(String.fromCodePoint(c));
  }

  function nfkcStable(c) {
    return c < 0x80 || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3251 && c <= 0x325F) || (c >= 0x32B1 && c <= 0x32BF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x30FC && c <= 0x30FE) || (c >= 0x4E00 && c <= 0x9FFF);
  }

  function lowerAscii(c) { return c >= 0x41 && c <= 0x5A ? c + 0x20 : c; }

  function isW(c) { return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A); }
  function isDigit(c) { return c >= 0x30 && c <= 0x39; }

  function isC(c) {
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF);
  }

  function kanaScript(c) {
    if ((c >= 0x3041 && c <= 0x3096) || c === 0x309D || c === 0x309E) return 'h';
    if ((c >= 0x30A1 && c <= 0x30FA) || c === 0x30FD || c === 0x30FE) return 'k';
    return '';
  }

  var SMALL = {
    0x30A1: 1, 0x30A3: 1, 0x30A5: 1, 0x30A7: 1, 0x30A9: 1, 0x30C3: 1, 0x30E3: 1, 0x30E5: 1, 0x30E7: 1, 0x30EE: 1
  };

  function kanaChar(c) {
    if ((c >= 0x3041 && c <= 0x3096) || c === 0x309D || c === 0x309E) c += 0x60;
    if (SMALL[c]) return c + 1;
    if (c === 0x30F5) return 0x30AB;
    if (c === 0x30F6) return 0x30B1;
    return c;
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
    var cp = [], s = [], e = [], k, j;
    n = raw.length;
    for (i = 0; i < n;) {
      if (raw[i] === BAD) { cp.push(BAD); s.push(rs[i]); e.push(re[i]); i++; continue; }
      j = i + 1;
      while (j < n && raw[j] !== BAD && isMark(raw[j])) j++;
      if (j === i + 1 && nfkcStable(raw[i])) {
        cp.push(lowerAscii(raw[i])); s.push(rs[i]); e.push(re[i]);
        i = j;
        continue;
      }
      var cluster = '';
      for (k = i; k < j; k++) cluster += String.fromCodePoint(raw[k]);
      var form = Array.from(cluster.normalize('NFKC'), function (ch) { return ch.codePointAt(0); });
      var oneToOne = form.length === j - i;
      for (k = 0; k < form.length; k++) {
        cp.push(lowerAscii(form[k]));
        s.push(oneToOne ? rs[i + k] : rs[i]);
        e.push(oneToOne ? re[i + k] : re[j - 1]);
      }
      i = j;
    }
    return { cp: cp, s: s, e: e };
  }

  // Step 4 (in place on a copy).
  function kanaFold(f) {
    var cp = f.cp, S = f.s, E = f.e, n = cp.length;
    var oc = [], os = [], oe = [], i = 0, j, k;
    while (i < n) {
      if (cp[i] !== 0x30FC) {
        oc.push(cp[i] === BAD ? BAD : kanaChar(cp[i])); os.push(S[i]); oe.push(E[i]);
        i++;
        continue;
      }
      j = i;
      while (j < n && cp[j] === 0x30FC) j++;
      var before = i > 0 && cp[i - 1] !== BAD ? kanaScript(cp[i - 1]) : '';
      var after = j < n && cp[j] !== BAD ? kanaScript(cp[j]) : '';
      if (!(before && after !== before)) {
        for (k = i; k < j; k++) { oc.push(cp[k]); os.push(S[k]); oe.push(E[k]); }
      }
      i = j;
    }
    return { cp: oc, s: os, e: oe };
  }

  function spelling(str, kana) {
    var f = foldText(String(str));
    return (kana ? kanaFold(f) : f).cp;
  }

  function sameArray(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function sortRules(rules) {
    rules.sort(function (a, b) {
      if (a.from[0] !== b.from[0]) return a.from[0] - b.from[0];
      if (a.from.length !== b.from.length) return b.from.length - a.from.length;
      return a.order - b.order;
    });
    return rules;
  }

  var compiledCache = typeof WeakMap === 'function' ? new WeakMap() : null;

  function cached(table, build) {
    if (!table || !table.length) return [];
    if (compiledCache && typeof table === 'object' && compiledCache.has(table)) return compiledCache.get(table);
    var rules = build(table);
    if (compiledCache && typeof table === 'object') compiledCache.set(table, rules);
    return rules;
  }

  // Variant table -> rules sorted by first code point, longest first (stable).
  function compileVariants(variants) {
    return cached(variants, function () {
      var rules = [];
      for (var g = 0; g < variants.length; g++) {
        var group = variants[g], spellings;
        if (Array.isArray(group)) spellings = group;
        else spellings = [group.canonical].concat(group.variants || []);
        if (!spellings.length) continue;
        var to = spelling(spellings[0], true);
        if (!to.length) continue; // a group without a canonical spelling would erase text: ignored
        for (var v = 0; v < spellings.length; v++) {
          var from = spelling(spellings[v], true);
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
      return sortRules(rules);
    });
  }

  function compileStopWords(words) {
    return cached(words, function () {
      var rules = [];
      for (var i = 0; i < words.length; i++) {
        var from = spelling(words[i], false);
        if (!from.length) continue;
        var dup = false;
        for (var r = 0; r < rules.length && !dup; r++) dup = sameArray(rules[r].from, from);
        if (!dup) rules.push({ from: from, order: rules.length });
      }
      return sortRules(rules);
    });
  }

  function matchAt(rules, cp, i) {
    var n = cp.length, c = cp[i];
    for (var r = 0; r < rules.length; r++) {
      var rule = rules[r], fr = rule.from;
      if (fr[0] < c) continue;
      if (fr[0] > c) break;
      var m = fr.length;
      if (i + m > n) continue;
      var eq = true;
      for (var k = 1; k < m && eq; k++) eq = cp[i + k] === fr[k];
      if (!eq) continue;
      if (isW(fr[0]) && i > 0 && isW(cp[i - 1])) continue;
      if (isW(fr[m - 1]) && i + m < n && isW(cp[i + m])) continue;
      return rule;
    }
    return null;
  }

  // Step 3 (in place).
  function removeStopWords(f, rules) {
    if (!rules.length) return f;
    var cp = f.cp, i = 0, k;
    while (i < cp.length) {
      var hit = cp[i] === BAD ? null : matchAt(rules, cp, i);
      if (!hit) { i++; continue; }
      for (k = 0; k < hit.from.length; k++) cp[i + k] = SEP;
      i += hit.from.length;
    }
    return f;
  }

  // Step 5.
  function rewrite(f, rules) {
    if (!rules.length) return f;
    var cp = f.cp, S = f.s, E = f.e, n = cp.length;
    var oc = [], os = [], oe = [];
    var i = 0, k, hit, m;
    while (i < n) {
      hit = cp[i] === BAD ? null : matchAt(rules, cp, i);
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

  // Steps 6-7.
  function analyze(text, variants, stopWords) {
    if (text === null || text === undefined) return [];
    var f = foldText(String(text));
    f = rewrite(kanaFold(removeStopWords(f, compileStopWords(stopWords))), compileVariants(variants));
    var cp = f.cp, S = f.s, E = f.e, n = cp.length;
    var out = [], i = 0, j, k, run = 0, s, e, term;
    while (i < n) {
      var c = cp[i];
      if (c !== BAD && isW(c)) {
        var digits = isDigit(c);
        term = ''; s = S[i]; e = E[i];
        for (j = i; j < n && cp[j] !== BAD && isW(cp[j]) && isDigit(cp[j]) === digits; j++) {
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

  function tokenize(text, variants, stopWords) {
    var a = analyze(text, variants, stopWords), out = new Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = { term: a[i].term, start: a[i].start, length: a[i].length };
    return out;
  }

  var api = {
    version: VERSION,
    tokenize: tokenize,
    analyze: analyze,
    compileVariants: compileVariants,
    compileStopWords: compileStopWords,
    kanaScript: kanaScript,
    isCJK: function (codePoint) { return isC(codePoint); }
  };

  root.KijunTokenizer = api;
  if (typeof module === 'object' && module && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : (typeof window !== 'undefined' ? window : this));
