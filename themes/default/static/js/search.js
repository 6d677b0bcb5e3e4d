/*
 * kijun — search UI (no build step, no modules; works from file://).
 *
 * Loaded after lunr.js, tokenizer.js and search-data.js, which sets
 *   window.KIJUN_SEARCH = { index: <serialized lunr 2.3.9 index>,
 *                           docs: { <ref>: {title, citation, id, section, url, text, kind} },
 *                           variants: [[canonical, variant, ...], ...], stopwords: [...],
 *                           synonyms: [{words, also}], related: [{words, see}], fields: [...] }.
 * Every page has <form class="kj-search"><input name="q"></form>; the results page has
 * <div id="kj-search-results">. <html data-root="../"> gives the way back to the site root.
 *
 * Query rules:
 *   - an ID (CS-3.3-1-a-2, any case, full-width allowed) or a citation (3.3①(ア), 「3.1(8)③」,
 *     full- or half-width parentheses) of an existing provision jumps straight to it;
 *   - otherwise the query goes through the same tokenizer as the index (KijunTokenizer: folds,
 *     stop words, variants) and idx.query() (never idx.search()), every term OPTIONAL; a
 *     one-character kana/kanji word is searched as *c* (wildcards), a Latin word of 5 letters or
 *     more also with one edit (editDistance 1), a word with synonyms also by them;
 *   - each hit is judged word by word: the bigrams of one Japanese word must be adjacent in one
 *     field (checked with the position metadata). Results that have every word as typed come
 *     first (then synonyms and one-edit matches, a katakana word standing alone before one inside
 *     a longer word, then lunr's score); when none has every word, every word by its pieces
 *     (アカウント削除 = アカウント + 削除); when none has that, the hits with most of the words,
 *     said so, with the missing words struck through on each;
 *   - one hit per place (a page and the provision at its URL are one); a checklist or example
 *     never comes before a provision it quotes; related provisions from the settings come second;
 *   - each shows citation, ID, section and a snippet of `text` around the first match, matched
 *     ranges in <mark>. The DOM is built with createElement / textContent only, never innerHTML
 *     with index text.
 *   - no search runs while an IME composition is in progress.
 * A large site's search data is sharded (search-shards.js): search() then says in `need` what it
 * still needs loaded, ready(q, cb) loads it, and only the SHARDED_MAX_HITS best-scored hits of
 * lunr are judged (for fewer hits the results are exactly those of one index).
 */
(function (window, document) {
  'use strict';

  var PAGE_SIZE = 30;
  var DEBOUNCE_MS = 200;
  var SNIPPET_LENGTH = 160;
  var SNIPPET_LEAD = 40;
  // With sharded search data (a large site), the hits lunr scores best that are judged and shown.
  var SHARDED_MAX_HITS = 200;

  var KIND_LABEL = {
    provision: '条項',
    page: 'ページ',
    checklist: 'チェックリスト',
    example: '開催例',
    glossary: '用語'
  };

  var state = {
    data: null,
    idx: null,
    loadError: null,
    byId: null,
    byCitation: null,
    byLooseCitation: null,
    textField: null,
    fields: []
  };

  // ---- data -------------------------------------------------------------------------------

  function getData() {
    return window.KIJUN_SEARCH || null;
  }

  /** The sharded-data loader (search-shards.js) when this site's search data is sharded. */
  function shards() {
    var s = window.KijunSearchShards, data = getData();
    return s && s.head(data) ? s : null;
  }

  function prepare() {
    var data = getData(), sh = shards();
    var v = sh ? sh.version() : 0;
    if (state.data === data && state.version === v && (state.idx || state.loadError)) return !state.loadError;
    state.data = data;
    state.version = v;
    state.idx = null;
    state.loadError = null;
    if (!data || !(data.index || (sh && data.sharded)) || !data.docs) {
      state.loadError = data && data.sharded ? 'noscript' : 'nodata';
      return false;
    }
    if (!window.lunr || !window.KijunTokenizer) {
      state.loadError = 'noscript';
      return false;
    }
    try {
      state.idx = sh ? sh.index(window.lunr, data) : window.lunr.Index.load(data.index);
    } catch (e) {
      state.loadError = 'load';
      return false;
    }
    state.fields = ((sh ? data.sharded : data.index).fields || []).slice();
    state.textField = data.textField ||
      (state.fields.indexOf('body') >= 0 ? 'body' : state.fields.indexOf('text') >= 0 ? 'text' : state.fields[state.fields.length - 1]);
    state.byId = Object.create(null);
    state.byCitation = Object.create(null);
    var loose = Object.create(null);
    state.refs = sh ? sh.refOrder(data) : Object.keys(data.docs);
    state.refs.forEach(function (ref) {
      var doc = data.docs[ref];
      if (doc.id) {
        var idKey = String(doc.id).toUpperCase();
        if (!(idKey in state.byId)) state.byId[idKey] = ref;
      }
      if (doc.citation) {
        var key = citationKey(doc.citation);
        if (!(key in state.byCitation)) state.byCitation[key] = ref;
        var lk = looseCitationKey(key);
        if (!(lk in loose)) loose[lk] = [];
        if (loose[lk].indexOf(ref) < 0) loose[lk].push(ref);
      }
    });
    state.byLooseCitation = loose;
    return true;
  }

  // ---- IDs and citations --------------------------------------------------------------------

  function foldWidth(s) {
    s = String(s).replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, ' ');
    if (s.normalize) {
      s = s.replace(/[\uFF61-\uFF9F]+/g, function (m) { return m.normalize('NFKC'); });
    }
    return s;
  }

  var BRACKETS = /[「」『』【】\[\]"'“”‘’〔〕]/g;

  /** "CS-3.3-1-a-2" in any case / width / brackets -> "CS-3.3-1-A-2", or null. */
  function idKey(q) {
    var s = foldWidth(q).replace(BRACKETS, '').replace(/^\s*\(\s*|\s*\)\s*$/g, '').trim().toUpperCase();
    return /^[A-Z][A-Z0-9]*-[A-Z0-9]+(?:[.\-][A-Z0-9]+)*$/.test(s) ? s : null;
  }

  /** Normal form of a citation: ASCII digits and parentheses, no spaces or brackets. */
  function citationKey(s) {
    return foldWidth(s).replace(BRACKETS, '').replace(/\s+/g, '');
  }

  function looseCitationKey(key) {
    return key.replace(/[()]/g, '');
  }

  function looksLikeCitation(key) {
    return /^\d+(?:\.\d+)?/.test(key) && /^[0-9.()\u2460-\u2473\u30A2-\u30B1\u30FB]+$/.test(key) &&
      !/^\d+$/.test(key);
  }

  /** The provision an ID or citation query names, or null. */
  function resolveJump(q) {
    if (!prepare()) return null;
    var docs = state.data.docs, ref;
    var id = idKey(q);
    if (id && (ref = state.byId[id])) return jumpOf(ref, 'id');
    var key = citationKey(q);
    if (key && looksLikeCitation(key)) {
      ref = state.byCitation[key];
      if (!ref) {
        var list = state.byLooseCitation[looseCitationKey(key)];
        if (list && list.length === 1) ref = list[0];
      }
      if (ref && docs[ref]) return jumpOf(ref, 'citation');
    }
    return null;
  }

  function jumpOf(ref, how) {
    var doc = state.data.docs[ref];
    return { ref: ref, how: how, url: pageUrl(doc.url), doc: doc };
  }

  /** The (partial) ID a query types, upper-cased ("cs-3.1-" -> "CS-3.1"), or null. */
  function idPrefixOf(q) {
    var s = foldWidth(q).replace(BRACKETS, '').trim().toUpperCase().replace(/[.\-]+$/, '');
    return /^[A-Z][A-Z0-9]*-[A-Z0-9.\-]*$/.test(s) ? s : null;
  }

  /** Provisions whose ID starts with the typed (partial) ID, in document order. */
  function idPrefixMatches(q) {
    var s = idPrefixOf(q);
    if (!s) return [];
    var out = [];
    state.refs.forEach(function (ref) {
      var doc = state.data.docs[ref], id = doc.id ? String(doc.id).toUpperCase() : '';
      if (id && id.length > s.length && id.indexOf(s) === 0 && /[.\-]/.test(id.charAt(s.length))) out.push(ref);
    });
    return out;
  }

  // ---- URLs ---------------------------------------------------------------------------------

  function siteRoot() {
    var r = document.documentElement.getAttribute('data-root');
    if (r === null || r === undefined) r = '';
    if (r && r.charAt(r.length - 1) !== '/') r += '/';
    return r;
  }

  function pageUrl(url) {
    url = String(url || '');
    if (/^(?:[a-z][a-z0-9+.\-]*:|\/|#)/i.test(url)) return url;
    return siteRoot() + url;
  }

  function readQuery() {
    var loc = window.location, q = null;
    var hash = loc && loc.hash ? String(loc.hash).replace(/^#/, '') : '';
    if (/(?:^|&)q=/.test(hash)) q = new window.URLSearchParams(hash).get('q');
    if (q === null && loc && loc.search) q = new window.URLSearchParams(String(loc.search).replace(/^\?/, '')).get('q');
    return q || '';
  }

  function writeQuery(q) {
    var qs = '?q=' + encodeURIComponent(q);
    try {
      window.history.replaceState(null, '', qs);
    } catch (e) {
      try { window.location.hash = 'q=' + encodeURIComponent(q); } catch (e2) { /* keep going */ }
    }
  }

  function navigate(url, replace) {
    if (replace && window.location.replace) window.location.replace(url);
    else window.location.href = url;
  }

  // ---- search ---------------------------------------------------------------------------------

  function codePointLength(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) i++;
      }
      n++;
    }
    return n;
  }

  /** Kana/kanji class of a code point after NFKC: 'h' hiragana, 'k' katakana (with ー), 'w' Latin
   *  letter or digit, 'j' kanji and others. */
  function scriptOf(ch) {
    var f = ch.normalize ? ch.normalize('NFKC') : ch;
    var cp = f.codePointAt(0);
    if (cp === 0x30FC) return 'k';
    var k = window.KijunTokenizer.kanaScript(cp);
    if (k) return k;
    if (/^[0-9A-Za-z]/.test(f)) return 'w';
    return 'j';
  }

  function scriptsOf(text) {
    var seen = {};
    Array.from(text).forEach(function (c) { seen[scriptOf(c)] = true; });
    return seen;
  }

  /** Words of `text` (tokens of one W or C run each), with their place in `text`. */
  function wordsOf(text, data) {
    var tokens = window.KijunTokenizer.analyze(text, data.variants, data.stopwords), words = [], byRun = {};
    tokens.forEach(function (t) {
      var w = byRun[t.run];
      if (!w) {
        w = byRun[t.run] = { kind: t.kind, terms: [], single: false, start: t.start, end: t.start + t.length };
        words.push(w);
      }
      w.terms.push(t.term);
      w.start = Math.min(w.start, t.start);
      w.end = Math.max(w.end, t.start + t.length);
    });
    words.forEach(function (w) {
      w.single = w.kind === 'c' && w.terms.length === 1 && codePointLength(w.terms[0]) === 1;
      w.text = text.slice(w.start, w.end);
      w.key = w.terms.join('\u0001');
    });
    return words;
  }

  /** The words of a query, each with what may stand for it: `pieces` (the word cut where the
   *  script changes, for a compound typed without its particles: アカウント削除 -> アカウント, 削除;
   *  a kanji run of 4 or more is cut into pieces of 2, the last one 3 when the length is odd; short
   *  hiragana runs are dropped), `alts` (synonyms from the search settings) and `fuzzy` (a Latin
   *  word of 5 letters or more, found with one edit). A hiragana word in a query that has other
   *  words is `weak`: it helps the ranking but is not required (でき, もの, ...); a one-character
   *  hiragana word there is left out. */
  function queryWords(q, data) {
    var words = wordsOf(q, data);
    var synonyms = synonymTable(data);
    words.forEach(function (w) {
      var sc = scriptsOf(w.text);
      w.hiragana = sc.h && !sc.k && !sc.j && !sc.w;
      w.katakana = sc.k && !sc.h && !sc.j && !sc.w;
      w.fuzzy = w.kind === 'w' && w.terms.length === 1 && /^[a-z]{5,}$/.test(w.terms[0]);
      w.alts = synonyms[w.key] || [];
      w.pieces = w.kind === 'c' && w.terms.length >= 2 ? piecesOf(w, data) : null;
    });
    var strong = words.filter(function (w) { return !w.hiragana; });
    if (strong.length) {
      words = words.filter(function (w) { return !(w.hiragana && w.single); });
      words.forEach(function (w) { w.weak = w.hiragana; });
    }
    return words;
  }

  function piecesOf(w, data) {
    var segs = [], cur = null;
    Array.from(w.text).forEach(function (c) {
      var k = scriptOf(c);
      if (!cur || cur.k !== k) segs.push(cur = { k: k, chars: [] });
      cur.chars.push(c);
    });
    var pieces = [];
    segs.forEach(function (g) {
      if (g.k === 'h' && g.chars.length <= 2 && segs.length > 1) return;
      if (g.k === 'j' && g.chars.length >= 4) {
        for (var s = 0; s < g.chars.length; s += 2) {
          var len = g.chars.length - s === 3 ? 3 : 2;
          pieces.push({ text: g.chars.slice(s, s + len).join(''), weak: false });
          s += len - 2;
        }
      } else {
        pieces.push({ text: g.chars.join(''), weak: g.k === 'h' });
      }
    });
    if (pieces.length < 2) return null;
    var out = [];
    pieces.forEach(function (p) {
      wordsOf(p.text, data).forEach(function (pw) {
        pw.weak = p.weak;
        out.push(pw);
      });
    });
    return out.length >= 2 ? out : null;
  }

  var synonymCache = { data: null, table: null };

  /** word key -> [[alternative word, ...], ...] from data.synonyms ({words, also}). */
  function synonymTable(data) {
    if (synonymCache.data === data) return synonymCache.table;
    var table = Object.create(null);
    (data.synonyms || []).forEach(function (syn) {
      var alts = (syn.also || []).map(function (a) { return wordsOf(String(a), data); })
        .filter(function (ws) { return ws.length; });
      (syn.words || []).forEach(function (word) {
        var ws = wordsOf(String(word), data);
        if (ws.length !== 1) return;
        var list = table[ws[0].key] || (table[ws[0].key] = []);
        alts.forEach(function (a) { list.push(a); });
      });
    });
    synonymCache.data = data;
    synonymCache.table = table;
    return table;
  }

  /** Requirement IDs that the search settings relate to a query word (data.related). */
  function relatedRefs(words, data) {
    var out = [];
    (data.related || []).forEach(function (rel) {
      var keys = (rel.words || []).map(function (x) {
        var ws = wordsOf(String(x), data);
        return ws.length === 1 ? ws[0].key : null;
      });
      var hit = words.some(function (w) { return keys.indexOf(w.key) >= 0; });
      if (hit) (rel.see || []).forEach(function (id) { if (out.indexOf(id) < 0) out.push(id); });
    });
    return out;
  }

  /** The characters of a query word again (for messages). */
  function wordText(w) {
    return w.text;
  }

  function mergeRanges(ranges) {
    var sorted = ranges.filter(function (r) { return r[1] > r[0]; })
      .map(function (r) { return [r[0], r[1]]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    sorted.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) {
        if (r[1] > last[1]) last[1] = r[1];
      } else {
        out.push(r);
      }
    });
    return out;
  }

  function positionsOf(meta, term, field) {
    var m = meta[term];
    return m && m[field] && m[field].position ? m[field].position : [];
  }

  /** [start, end) ranges of complete chains of the bigrams `terms` in `field`, or []. */
  function chainRanges(meta, terms, field) {
    var prev = positionsOf(meta, terms[0], field).map(function (p) {
      return { s: p[0], e: p[0] + p[1], from: p[0] };
    });
    for (var j = 1; j < terms.length && prev.length; j++) {
      var next = [];
      positionsOf(meta, terms[j], field).forEach(function (p) {
        var s = p[0], e = p[0] + p[1], from = -1;
        for (var k = 0; k < prev.length; k++) {
          var q = prev[k];
          // bigram j starts inside bigram j-1 (they share a character) and does not end before it
          if (q.s <= s && s < q.e && e >= q.e && (from < 0 || q.from < from)) from = q.from;
        }
        if (from >= 0) next.push({ s: s, e: e, from: from });
      });
      prev = next;
    }
    return prev.map(function (c) { return [c.from, c.e]; });
  }

  function fieldText(doc, field) {
    if (field === state.textField) return typeof doc.text === 'string' ? doc.text : null;
    return typeof doc[field] === 'string' ? doc[field] : null;
  }

  /** Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap). */
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /** Where word `w` stands in the hit: {field: [[s, e], ...]}, or null. */
  function wordRanges(w, meta, doc) {
    var ranges = {}, found = false;
    function add(field, list) {
      if (!list.length) return;
      found = true;
      (ranges[field] || (ranges[field] = [])).push.apply(ranges[field], list);
    }
    if (w.single) {
      var ch = w.terms[0];
      Object.keys(meta).forEach(function (term) {
        if (term.indexOf(ch) < 0) return;
        Object.keys(meta[term]).forEach(function (field) {
          var text = fieldText(doc, field);
          add(field, positionsOf(meta, term, field).map(function (p) {
            if (term !== ch && text !== null) {
              // the character itself inside the matched bigram (the text may differ in width or kana)
              var seg = text.slice(p[0], p[0] + p[1]), at = seg.indexOf(ch);
              for (var k = 0; k < seg.length && at < 0; k++) {
                var t1 = window.KijunTokenizer.tokenize(seg.charAt(k), [], []);
                if (t1.length === 1 && t1[0].term === ch) at = k;
              }
              if (at >= 0) return [p[0] + at, p[0] + at + 1];
            }
            return [p[0], p[0] + p[1]];
          }));
        });
      });
    } else if (w.terms.length === 1) {
      var m = meta[w.terms[0]] || {};
      Object.keys(m).forEach(function (field) {
        add(field, positionsOf(meta, w.terms[0], field).map(function (p) { return [p[0], p[0] + p[1]]; }));
      });
    } else {
      state.fields.forEach(function (field) { add(field, chainRanges(meta, w.terms, field)); });
    }
    return found ? ranges : null;
  }

  /** Ranges of a W word found with one edit (lunr's editDistance expanded it to other terms). */
  function fuzzyRanges(w, meta) {
    var ranges = {}, found = false, t = w.terms[0];
    Object.keys(meta).forEach(function (term) {
      if (!/^[a-z]+$/.test(term) || term === t || !oneEdit(term, t)) return;
      Object.keys(meta[term]).forEach(function (field) {
        var list = positionsOf(meta, term, field).map(function (p) { return [p[0], p[0] + p[1]]; });
        if (!list.length) return;
        found = true;
        (ranges[field] || (ranges[field] = [])).push.apply(ranges[field], list);
      });
    });
    return found ? ranges : null;
  }

  function isKatakanaAt(text, i) {
    if (i < 0 || i >= text.length) return false;
    return scriptOf(text.charAt(i)) === 'k';
  }

  /** Whether a katakana word stands as a word (not inside a longer katakana word) at one of its ranges. */
  function standsAlone(ranges, doc) {
    return Object.keys(ranges).some(function (field) {
      var text = fieldText(doc, field);
      if (text === null) return false;
      return ranges[field].some(function (r) { return !isKatakanaAt(text, r[0] - 1) && !isKatakanaAt(text, r[1]); });
    });
  }

  /** How one hit matches the words: {covered, missing: [word], fuzzy, alt, split, alone, ranges}. */
  function judge(words, meta, doc) {
    var j = { covered: 0, strong: 0, missing: [], fuzzy: 0, alt: 0, split: 0, alone: 0, weak: 0, titled: 0, ranges: {} };
    function take(r) {
      Object.keys(r).forEach(function (f) { (j.ranges[f] || (j.ranges[f] = [])).push.apply(j.ranges[f], r[f]); });
    }
    function all(ws) {
      var got = [];
      for (var i = 0; i < ws.length; i++) {
        var r = wordRanges(ws[i], meta, doc);
        if (!r) { if (ws[i].weak) continue; return null; }
        got.push(r);
      }
      return got;
    }
    words.forEach(function (w) {
      if (!w.weak) j.strong++;
      var r = wordRanges(w, meta, doc), how = null;
      if (r) {
        how = 'exact';
        if (w.katakana && standsAlone(r, doc)) j.alone++;
        if (!w.weak && r.title) j.titled++;
      } else {
        for (var a = 0; a < w.alts.length && !r; a++) {
          var got = all(w.alts[a]);
          if (got) { r = {}; got.forEach(function (g) { Object.keys(g).forEach(function (f) { (r[f] || (r[f] = [])).push.apply(r[f], g[f]); }); }); how = 'alt'; }
        }
        if (!r && w.fuzzy && (r = fuzzyRanges(w, meta))) how = 'fuzzy';
        if (!r && w.pieces) {
          var ps = all(w.pieces);
          if (ps && ps.length) { r = {}; ps.forEach(function (g) { Object.keys(g).forEach(function (f) { (r[f] || (r[f] = [])).push.apply(r[f], g[f]); }); }); how = 'split'; }
        }
      }
      if (!r) {
        if (!w.weak) j.missing.push(w);
        return;
      }
      take(r);
      if (w.weak) { j.weak++; return; }
      j.covered++;
      if (how === 'alt') j.alt++;
      if (how === 'fuzzy') j.fuzzy++;
      if (how === 'split') j.split++;
    });
    Object.keys(j.ranges).forEach(function (f) { j.ranges[f] = mergeRanges(j.ranges[f]); });
    return j;
  }

  /** 1 for a page (not a provision) whose title has none of the words: it only mentions them. */
  function pageOnly(h) {
    return h.doc.kind !== 'provision' && !h.j.titled ? 1 : 0;
  }

  /** Order within one level: typed words before synonyms and one-edit matches, a katakana word
   *  standing alone before one inside a longer word, a provision before a page that only mentions
   *  the words in its text, then lunr's score. */
  function compareHits(a, b) {
    return (b.j.covered - a.j.covered) || (a.j.split - b.j.split) || (a.j.fuzzy - b.j.fuzzy) ||
      (a.j.alt - b.j.alt) || (b.j.alone - a.j.alone) || (pageOnly(a) - pageOnly(b)) || (b.j.weak - a.j.weak) ||
      (b.score - a.score) ||
      (a.order - b.order);
  }

  /** One hit per place: a page and the provision at the same URL are one result (the provision). */
  function onePerPlace(hits) {
    var out = [], at = Object.create(null);
    hits.forEach(function (h) {
      var key = String(h.doc.url || h.ref);
      if (!(key in at)) {
        at[key] = out.length;
        out.push(h);
      } else if (h.doc.kind === 'provision' && out[at[key]].doc.kind !== 'provision') {
        h.score = Math.max(h.score, out[at[key]].score);
        out[at[key]] = h;
      }
    });
    return out;
  }

  /** A checklist or example never comes before a provision that it quotes (by ID or citation). */
  function quotesAfter(hits) {
    var out = hits.slice(), moved = [];
    for (var i = 0; i < out.length; i++) {
      var h = out[i];
      if ((h.doc.kind !== 'checklist' && h.doc.kind !== 'example') || moved.indexOf(h) >= 0) continue;
      var text = typeof h.doc.text === 'string' ? h.doc.text : '', last = -1;
      for (var k = i + 1; k < out.length; k++) {
        var d = out[k].doc;
        if (d.kind === 'provision' && ((d.id && text.indexOf(d.id) >= 0) ||
            (d.citation && d.citation.length >= 3 && text.indexOf(d.citation) >= 0))) last = k;
      }
      if (last > i) {
        out.splice(i, 1);
        out.splice(last, 0, h);
        moved.push(h);
        i--;
      }
    }
    return out;
  }

  /** A glossary entry explains words of the standard: it comes right after the first provision
   *  (the standard's own text first, then what its words mean), never before it. */
  function glossaryAfterFirstProvision(hits) {
    var first = -1;
    for (var i = 0; i < hits.length; i++) if (hits[i].doc.kind === 'provision') { first = i; break; }
    if (first <= 0) return hits;
    var before = hits.slice(0, first), glossary = before.filter(function (h) { return h.doc.kind === 'glossary'; });
    if (!glossary.length) return hits;
    var rest = before.filter(function (h) { return h.doc.kind !== 'glossary'; });
    return rest.concat([hits[first]], glossary, hits.slice(first + 1));
  }

  /** Runs a query. Returns {query, jump, words, results: [{ref, score, doc, ranges, missing}],
   *  partial, split, error, hitCount (lunr's hits)}; with sharded data also `need`. */
  function search(q) {
    var out = { query: q, jump: null, words: [], results: [], error: null, partial: false };
    if (!prepare()) {
      out.error = state.loadError;
      return out;
    }
    var sh = shards(), need = sh ? { ids: !sh.idsLoaded() && jumpShaped(q), terms: [], docs: [] } : null;
    out.jump = resolveJump(q);
    var data = state.data, lunr = window.lunr;
    var words = out.words = queryWords(q, data);
    var prefix = idPrefixMatches(q), seen = Object.create(null);
    if (need && need.ids) return withNeed(out, need);
    if (!words.length && !prefix.length) return out;

    var results = [];
    prefix.forEach(function (ref) {
      seen[ref] = true;
      results.push({ ref: ref, score: 0, doc: data.docs[ref], ranges: {}, missing: [] });
    });

    var clauses = [], have = Object.create(null);
    function clause(t, opts) {
      var key = t + '\u0000' + (opts.wild ? 'w' : '') + (opts.edit ? 'e' : '');
      if (have[key]) return;
      have[key] = true;
      clauses.push({ term: t, wild: opts.wild, edit: opts.edit, boost: opts.boost || 1 });
    }
    function clausesOf(w, boost) {
      w.terms.forEach(function (t) { clause(t, { wild: w.single, boost: boost }); });
    }
    words.forEach(function (w) {
      clausesOf(w, 1);
      if (w.pieces) w.pieces.forEach(function (p) { clausesOf(p, 1); });
      w.alts.forEach(function (a) { a.forEach(function (aw) { clausesOf(aw, 0.5); }); });
      if (w.fuzzy) clause(w.terms[0], { edit: true, boost: 0.3 });
    });
    var hits = [];
    if (need && clauses.length) {
      need.terms = sh.termShards(lunr, data.sharded, clauses);
      if (sh.missing(data, need)) return withNeed(out, need);
    }
    if (clauses.length) {
      try {
        hits = state.idx.query(function (Q) {
          clauses.forEach(function (c) {
            var opts = {
              usePipeline: false,
              boost: c.boost,
              presence: lunr.Query.presence.OPTIONAL,
              wildcard: c.wild ? (lunr.Query.wildcard.LEADING | lunr.Query.wildcard.TRAILING) : lunr.Query.wildcard.NONE
            };
            // (lunr takes any clause with an editDistance key, even 0, as fuzzy: wildcards would break)
            if (c.edit) opts.editDistance = 1;
            Q.term(c.term, opts);
          });
        });
      } catch (e) {
        out.error = 'query';
        return out;
      }
    }

    if (need) {
      // Sharded data: only the best-scored hits are judged, so that a query of common words loads
      // the documents it can show, not the whole store.
      out.hitCount = hits.length;
      if (hits.length > SHARDED_MAX_HITS) hits = hits.slice(0, SHARDED_MAX_HITS);
      need.docs = hits.map(function (h) { return h.ref; }).concat(prefix, relatedRefs(words, data));
      if (out.jump) need.docs.push(out.jump.ref);
      if (sh.missing(data, need)) return withNeed(out, need);
    }
    if (!need) out.hitCount = hits.length;
    var judged = [];
    hits.forEach(function (hit, order) {
      var doc = data.docs[hit.ref];
      if (!doc || seen[hit.ref]) return;
      var j = judge(words, hit.matchData.metadata, doc);
      if (!j.covered && !(j.strong === 0 && j.weak)) return;
      judged.push({ ref: hit.ref, score: hit.score, doc: doc, ranges: j.ranges, missing: j.missing, j: j, order: order });
    });
    var strong = words.filter(function (w) { return !w.weak; }).length;
    // Every word as typed (or by a synonym / one edit) first; else every word by its pieces; else
    // the hits that have most of the words.
    var level = judged.filter(function (h) { return h.j.covered === strong && !h.j.split; });
    if (!level.length) {
      level = judged.filter(function (h) { return h.j.covered === strong; });
      if (level.length) out.split = words.some(function (w) { return w.pieces; }) ? splitWords(words) : null;
    }
    if (!level.length && judged.length) {
      level = judged;
      out.partial = true;
    }
    level.sort(compareHits);
    var ranked = glossaryAfterFirstProvision(quotesAfter(onePerPlace(level)));

    // Related provisions from the search settings: second after a hit with typed words, first
    // when the hits only have synonyms, one-edit matches or pieces of the words.
    var first = ranked[0], direct = !!(first && first.j && first.j.covered > first.j.alt + first.j.fuzzy + first.j.split);
    var at = direct ? 1 : 0;
    relatedRefs(words, data).forEach(function (id) {
      var doc = data.docs[id];
      if (!doc || seen[id]) return;
      for (var i = 0; i < ranked.length; i++) {
        if (ranked[i].ref === id || ranked[i].doc.url === doc.url) {
          if (i <= at) return;
          ranked.splice(i, 1);
          break;
        }
      }
      ranked.splice(Math.min(at, ranked.length), 0, { ref: id, score: 0, doc: doc, ranges: {}, missing: [], related: true });
      at++;
    });
    ranked.forEach(function (h) {
      if (!out.partial) h.missing = [];
      delete h.j;
      delete h.order;
      results.push(h);
    });
    if (out.partial && !results.some(function (h) { return h.missing && h.missing.length; })) out.partial = false;
    out.results = results;
    return out;
  }

  /** With sharded search data: the query's result says what it still needs loaded. */
  function withNeed(out, need) {
    out.need = need;
    out.results = [];
    return out;
  }

  /** Could the query be an ID, a part of one or a citation (the jumps need ids.js)? */
  function jumpShaped(q) {
    return !!idKey(q) || !!idPrefixOf(q) || looksLikeCitation(citationKey(q));
  }

  /** Calls cb() once everything the query needs is loaded (at once when the data is not sharded). */
  function ready(q, cb) {
    var sh = shards();
    if (!sh) return cb();
    var out = search(q), m = out.need && sh.missing(state.data, out.need);
    if (!m) return cb();
    sh.load(state.data, m, siteRoot(), function (ok) {
      if (!ok) {
        state.loadError = 'load';
        state.version = sh.version();
        return cb();
      }
      ready(q, cb);
    });
  }

  /** The words as pieces, for the message that the words were cut. */
  function splitWords(words) {
    var out = [];
    words.forEach(function (w) {
      if (w.weak) return;
      if (w.pieces) w.pieces.forEach(function (p) { if (!p.weak) out.push(p); });
      else out.push(w);
    });
    return out;
  }

  // ---- rendering ------------------------------------------------------------------------------

  function el(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** Appends text[start, end) to `parent`, ranges (merged, [s, e)) wrapped in <mark>. */
  function appendMarked(parent, text, ranges, start, end, collapseSpace) {
    function piece(s, e) {
      var t = text.slice(s, e);
      return collapseSpace ? t.replace(/\s+/g, ' ') : t;
    }
    var pos = start;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], start), e = Math.min(r[1], end);
      if (e <= s) return;
      if (s > pos) parent.appendChild(document.createTextNode(piece(pos, s)));
      parent.appendChild(el('mark', null, piece(s, e)));
      pos = e;
    });
    if (pos < end) parent.appendChild(document.createTextNode(piece(pos, end)));
  }

  function isLow(c) { return c >= 0xDC00 && c <= 0xDFFF; }

  /** The window of `text` to show: [start, end). */
  function snippetWindow(text, ranges) {
    var len = text.length, start = 0, end;
    if (ranges.length) {
      start = Math.max(0, ranges[0][0] - SNIPPET_LEAD);
      // do not start in the middle of a line when the line start is close
      var nl = text.lastIndexOf('\n', ranges[0][0]);
      if (nl >= start) start = nl + 1;
    }
    while (start < len && /\s/.test(text.charAt(start))) start++;
    end = Math.min(len, start + SNIPPET_LENGTH);
    if (ranges.length && end < ranges[0][1]) end = Math.min(len, ranges[0][1]);
    if (start > 0 && isLow(text.charCodeAt(start))) start--;
    if (end < len && isLow(text.charCodeAt(end))) end++;
    return [start, end];
  }

  function renderHit(hit) {
    var doc = hit.doc, li = el('li', 'kj-search-hit');
    var a = el('a', 'kj-search-hit-link');
    a.setAttribute('href', pageUrl(doc.url));
    if (doc.citation) a.appendChild(el('span', 'kj-search-hit-citation', doc.citation));
    if (doc.id) a.appendChild(el('span', 'kj-search-hit-id', doc.id));
    var titleField = state.fields.indexOf('title') >= 0 ? 'title' : null;
    if (doc.title) {
      var t = el('span', 'kj-search-hit-title');
      var tr = (titleField && hit.ranges[titleField]) || [];
      appendMarked(t, doc.title, tr, 0, doc.title.length, false);
      a.appendChild(t);
    } else if (!doc.citation && !doc.id) {
      a.appendChild(el('span', 'kj-search-hit-title', doc.url));
    }
    li.appendChild(a);

    var meta = el('p', 'kj-search-hit-meta');
    if (hit.related) meta.appendChild(el('span', 'kj-search-hit-kind kj-search-hit-related', '関連'));
    if (doc.kind && doc.kind !== 'provision' && KIND_LABEL[doc.kind]) {
      meta.appendChild(el('span', 'kj-search-hit-kind', KIND_LABEL[doc.kind]));
    }
    if (doc.section && doc.section !== doc.title) meta.appendChild(el('span', 'kj-search-hit-section', doc.section));
    if (meta.firstChild) li.appendChild(meta);

    var text = typeof doc.text === 'string' ? doc.text : '';
    if (text.replace(/\s+/g, '')) {
      var ranges = hit.ranges[state.textField] || [];
      var w = snippetWindow(text, ranges);
      var p = el('p', 'kj-search-hit-snippet');
      if (w[0] > 0) p.appendChild(document.createTextNode('…'));
      appendMarked(p, text, ranges, w[0], w[1], true);
      if (w[1] < text.length) p.appendChild(document.createTextNode('…'));
      li.appendChild(p);
    }
    if (hit.missing && hit.missing.length) {
      var miss = el('p', 'kj-search-hit-missing', '含まない語: ');
      hit.missing.forEach(function (w, i) {
        if (i) miss.appendChild(document.createTextNode(' '));
        miss.appendChild(el('s', null, wordText(w)));
      });
      li.appendChild(miss);
    }
    return li;
  }

  function requirementsLink() {
    var a = el('a', null, '要件一覧');
    a.setAttribute('href', siteRoot() + 'requirements.html');
    return a;
  }

  function renderHelp(container, lead) {
    if (lead) container.appendChild(el('p', 'kj-search-status', lead));
    var ul = el('ul', 'kj-search-tips');
    ul.appendChild(el('li', null, '語の数を減らすか、別の語で試してください。'));
    ul.appendChild(el('li', null, '別の表記でも試してください（例:「ウェブ会議」と「Web会議」、漢字とかな、略語と正式名称）。'));
    ul.appendChild(el('li', null, '要件ID（例: CS-3.3-1-a-2）や引用番号（例: 3.3①(ア)）を入力すると、その条項へ直接移動します。'));
    var li = el('li');
    li.appendChild(requirementsLink());
    li.appendChild(document.createTextNode('から探すこともできます。'));
    ul.appendChild(li);
    container.appendChild(ul);
  }

  function jumpLabel(jump) {
    var d = jump.doc, parts = [];
    if (d.citation) parts.push(d.citation);
    if (d.id) parts.push(d.id);
    if (!parts.length && d.title) parts.push(d.title);
    return parts.join(' ');
  }

  /** Renders a search() result into the container. */
  function render(container, out, shown) {
    clear(container);
    var q = String(out.query || '');
    if (out.error) {
      var p = el('p', 'kj-search-status kj-search-error', '検索データを読み込めませんでした。');
      container.appendChild(p);
      var p2 = el('p');
      p2.appendChild(requirementsLink());
      p2.appendChild(document.createTextNode('から探すことができます。'));
      container.appendChild(p2);
      return;
    }
    if (!q.replace(/\s+/g, '')) {
      container.appendChild(el('p', 'kj-search-status',
        'キーワード、要件ID（例: CS-3.1-8-3）または引用番号（例: 3.3①(ア)）を入力してください。'));
      return;
    }
    if (out.jump) {
      var jp = el('p', 'kj-search-jump');
      var ja = el('a', null, jumpLabel(out.jump) + ' へ移動');
      ja.setAttribute('href', out.jump.url);
      jp.appendChild(ja);
      jp.appendChild(document.createTextNode('（Enter キーでも移動します）'));
      container.appendChild(jp);
    }
    if (!out.words.length && !out.results.length) {
      if (!out.jump) renderHelp(container, '「' + q + '」には検索できる語が含まれていません。文字や数字を含む語を入力してください。');
      return;
    }
    if (!out.results.length) {
      renderHelp(container, '「' + q + '」に一致する項目は見つかりませんでした。');
      return;
    }
    container.appendChild(el('p', 'kj-search-status', '「' + q + '」の検索結果: ' + out.results.length + '件'));
    if (out.partial) {
      container.appendChild(el('p', 'kj-search-status kj-search-partial',
        'すべての語を含む結果はありません。一部の語に一致した結果です'));
    } else if (out.split) {
      // Say that the words were cut, and into which pieces, so nobody mistakes these for exact hits.
      container.appendChild(el('p', 'kj-search-status kj-search-split', '「' + q + '」のとおりに一致する箇所はありませんでした。' +
        out.split.map(function (w) { return '「' + wordText(w) + '」'; }).join('') + 'をすべて含む箇所を表示しています。'));
    }
    var list = el('ol', 'kj-search-list');
    container.appendChild(list);
    var count = 0;
    function more(n) {
      var from = count, to = Math.min(out.results.length, count + n);
      for (var i = from; i < to; i++) list.appendChild(renderHit(out.results[i]));
      count = to;
      return from;
    }
    more(shown || PAGE_SIZE);
    if (count < out.results.length) {
      var btn = el('button', 'kj-search-more');
      btn.setAttribute('type', 'button');
      var label = function () { btn.textContent = 'さらに表示（残り' + (out.results.length - count) + '件）'; };
      label();
      btn.addEventListener('click', function () {
        var first = more(PAGE_SIZE);
        var links = list.querySelectorAll('a.kj-search-hit-link');
        if (links[first]) links[first].focus();
        if (count >= out.results.length) btn.parentNode.removeChild(btn);
        else label();
      });
      container.appendChild(btn);
    }
  }

  // ---- wiring -------------------------------------------------------------------------------

  function init() {
    var forms = document.querySelectorAll('form.kj-search');
    var container = document.getElementById('kj-search-results');
    var onResultsPage = !!container;
    var composing = false;
    var timer = null;
    var baseTitle = document.title;

    function inputsOf() {
      var list = [];
      Array.prototype.forEach.call(forms, function (f) {
        var i = f.querySelector('input[name="q"]');
        if (i) list.push(i);
      });
      return list;
    }

    var latest = null;
    function show(q) {
      latest = q;
      var first = search(q);
      if (first.need) {
        // Sharded search data: say so while the shards the query needs arrive.
        clear(container);
        container.appendChild(el('p', 'kj-search-status', '検索データを読み込んでいます…'));
        ready(q, function () { if (latest === q) display(q); });
        return first;
      }
      return display(q, first);
    }

    function display(q, out) {
      out = out || search(q);
      render(container, out);
      document.title = q ? '「' + q + '」の検索結果 - ' + baseTitle : baseTitle;
      return out;
    }

    function schedule(q, input) {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        timer = null;
        if (composing) return;
        inputsOf().forEach(function (i) { if (i !== input) i.value = q; });
        writeQuery(q);
        show(q);
      }, DEBOUNCE_MS);
    }

    function links() {
      return container ? Array.prototype.slice.call(container.querySelectorAll('a.kj-search-hit-link')) : [];
    }

    Array.prototype.forEach.call(forms, function (form) {
      var input = form.querySelector('input[name="q"]');
      if (!input) return;
      input.addEventListener('compositionstart', function () { composing = true; });
      input.addEventListener('compositionend', function () {
        composing = false;
        if (onResultsPage) schedule(input.value, input);
      });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && (e.isComposing || composing || e.keyCode === 229)) {
          e.preventDefault(); // Enter that confirms an IME conversion is not a search
          return;
        }
        if (e.key === 'ArrowDown' && onResultsPage) {
          var l = links();
          if (l.length) {
            e.preventDefault();
            l[0].focus();
          }
        }
      });
      if (onResultsPage) {
        input.addEventListener('input', function (e) {
          if (e.isComposing || composing) return;
          schedule(input.value, input);
        });
      }
      form.addEventListener('submit', function (e) {
        if (composing) {
          e.preventDefault();
          return;
        }
        var q = input.value;
        if (onResultsPage && shards()) {
          // Sharded search data: the jump tables may still have to arrive.
          e.preventDefault();
          ready(q, function () {
            var j = resolveJump(q);
            if (j) return navigate(j.url, false);
            inputsOf().forEach(function (i) { i.value = q; });
            writeQuery(q);
            show(q);
          });
          return;
        }
        var jump = getData() ? resolveJump(q) : null;
        if (jump) {
          e.preventDefault();
          navigate(jump.url, false);
          return;
        }
        if (onResultsPage) {
          e.preventDefault();
          if (timer) {
            window.clearTimeout(timer);
            timer = null;
          }
          inputsOf().forEach(function (i) { i.value = q; });
          writeQuery(q);
          show(q);
        }
        // elsewhere: the form's own GET to search.html?q=… does the rest
      });
    });

    if (container) {
      container.addEventListener('keydown', function (e) {
        var l = links(), i = l.indexOf(document.activeElement);
        if (i < 0) return;
        if (e.key === 'ArrowDown' && i + 1 < l.length) {
          e.preventDefault();
          l[i + 1].focus();
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          if (i > 0) l[i - 1].focus();
          else if (inputsOf()[inputsOf().length - 1]) inputsOf()[inputsOf().length - 1].focus();
        } else if (e.key === 'Escape') {
          var inputs = inputsOf();
          if (inputs.length) inputs[inputs.length - 1].focus();
        }
      });
      var q = readQuery();
      inputsOf().forEach(function (i) { i.value = q; });
      ready(q, function () {
        var jump = q ? resolveJump(q) : null;
        if (jump) {
          clear(container);
          var p = el('p', 'kj-search-jump');
          var a = el('a', null, jumpLabel(jump) + ' へ移動しています…');
          a.setAttribute('href', jump.url);
          p.appendChild(a);
          container.appendChild(p);
          navigate(jump.url, true);
          return;
        }
        show(q);
      });
    }
  }

  window.KijunSearch = {
    search: search,
    ready: ready,
    resolveJump: resolveJump,
    render: render,
    mergeRanges: mergeRanges,
    citationKey: citationKey,
    idKey: idKey,
    pageUrl: pageUrl,
    init: init,
    debounceMs: DEBOUNCE_MS
  };

  if (!window.KIJUN_SEARCH_NO_AUTO_INIT) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }
})(window, document);
