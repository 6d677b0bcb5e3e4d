/*
 * kijun — sharded search data (no build step, no modules; works from file://).
 *
 * A site with more search documents than `search.shard_above` (site.yaml) does not put its whole
 * index in search-data.js. That file then sets window.KIJUN_SEARCH = { sharded: head, docs: {},
 * <settings as usual> }, where head = { version, fields, terms, first, docShards, path }:
 *   - terms: every term of the index in its (UTF-16) order, the term dictionary;
 *   - first: per term shard, the position in `terms` of its first term (shards are term ranges);
 *   - path + 't-N.js': term shard N, KIJUN_SEARCH_PART('t', N, [[term, _index, F_0, ..., F_n-1], ...]),
 *     F_f the term's posting in the f-th of `fields` as one flat array of numbers: per document,
 *     in the order of lunr's posting, its number less the previous one's (the first less 0), the
 *     term's occurrences k, k pairs (start less the previous start, length), and the stored
 *     field-vector weight in thousandths (null when not a number);
 *   - path + 'refs.js': KIJUN_SEARCH_PART('refs', 0, [ref, ...]), the documents' refs by number;
 *   - path + 'd-N.js': document shard N, KIJUN_SEARCH_PART('d', N, {ref: doc, ...}); a ref is in
 *     shard FNV-1a-32(its UTF-8 bytes, ASCII letters upper-cased) mod docShards;
 *   - path + 'ids.js': KIJUN_SEARCH_PART('ids', 0, [[id, citation, url], ...]) for the jumps.
 * Each file is a <script src> (file:// allows no fetch). A query loads the term shards holding the
 * terms its clauses expand to (expanded on the whole dictionary, as lunr would) with refs.js, then
 * the document shards of its hits. The loaded term shards make a lunr index of their own
 * (lunr.Index.load), which scores every document exactly as the whole index would for the
 * query's terms: lunr's score is the query vector's dot product with the document's field vector,
 * divided by the query vector's length, and both only involve the query's terms.
 */
(function (window, document) {
  'use strict';

  var parts = { t: {}, d: {}, ids: {}, refs: {} };
  var loading = Object.create(null);  // script URL -> callbacks waiting for it
  var version = 0;                    // grows with every part that arrives
  var termVersion = 0;                // grows with every term shard
  var termSet = null, termPos = null, merged = null, mergedVersion = -1;

  window.KIJUN_SEARCH_PART = function (kind, n, data) {
    if (!parts[kind] || parts[kind][n]) return;
    parts[kind][n] = data;
    version++;
    if (kind === 't') termVersion++;
    var store = window.KIJUN_SEARCH && window.KIJUN_SEARCH.docs;
    if (!store) return;
    if (kind === 'd') {
      Object.keys(data).forEach(function (ref) { store[ref] = data[ref]; });
    } else if (kind === 'ids') {
      // Enough of each provision to jump to it; its document shard brings the rest.
      data.forEach(function (e) {
        if (!store[e[0]]) store[e[0]] = { id: e[0], citation: e[1], url: e[2], kind: 'provision', title: '', section: '', text: '', stub: true };
      });
    }
  };

  function head(data) { return data && data.sharded ? data.sharded : null; }

  function fnv1a(s) {
    var bytes;
    try {
      bytes = unescape(encodeURIComponent(String(s)));  // UTF-8, one char per byte
    } catch (e) {
      bytes = String(s);  // a lone surrogate: kijun writes no such ref
    }
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      var c = bytes.charCodeAt(i);
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      h ^= c;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function docShard(h, ref) { return fnv1a(ref) % Math.max(1, h.docShards); }

  /** The term shard holding term number `pos` (shards are ranges of the sorted terms). */
  function shardOfPosition(h, pos) {
    var lo = 0, hi = h.first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (h.first[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The term shards that the clauses ({term, wild, edit}, as search.js makes them) need. */
  function termShards(lunr, h, clauses) {
    if (!termSet) {
      termSet = lunr.TokenSet.fromArray(h.terms);
      termPos = Object.create(null);
      h.terms.forEach(function (t, i) { termPos[t] = i; });
    }
    var need = Object.create(null);
    clauses.forEach(function (c) {
      var q = new lunr.Query(h.fields);
      var opts = {
        usePipeline: false,
        wildcard: c.wild ? (lunr.Query.wildcard.LEADING | lunr.Query.wildcard.TRAILING) : lunr.Query.wildcard.NONE
      };
      if (c.edit) opts.editDistance = 1;
      q.term(c.term, opts);
      termSet.intersect(lunr.TokenSet.fromClause(q.clauses[0])).toArray().forEach(function (t) {
        if (t in termPos) need[shardOfPosition(h, termPos[t])] = true;
      });
    });
    return Object.keys(need).map(Number).sort(function (a, b) { return a - b; });
  }

  /** What of `need` ({ids, terms: [n], docs: [ref]}) is not loaded yet, as shard numbers. */
  function missing(data, need) {
    var h = head(data), out = { ids: false, refs: false, terms: [], docs: [] };
    if (!h) return null;
    if (need.ids && !parts.ids[0]) out.ids = true;
    (need.terms || []).forEach(function (n) { if (!parts.t[n] && out.terms.indexOf(n) < 0) out.terms.push(n); });
    if ((need.terms || []).length && !parts.refs[0]) out.refs = true;
    (need.docs || []).forEach(function (ref) {
      var doc = data.docs[ref], n = docShard(h, ref);
      if ((!doc || doc.stub) && !parts.d[n] && out.docs.indexOf(n) < 0) out.docs.push(n);
    });
    return out.ids || out.refs || out.terms.length || out.docs.length ? out : null;
  }

  function loadScript(src, done) {
    if (loading[src]) {
      loading[src].push(done);
      return;
    }
    loading[src] = [done];
    var s = document.createElement('script');
    s.src = src;
    s.async = true;
    function finish(ok) {
      var waiting = loading[src];
      delete loading[src];
      if (s.parentNode) s.parentNode.removeChild(s);
      waiting.forEach(function (cb) { cb(ok); });
    }
    s.onload = function () { finish(true); };
    s.onerror = function () { finish(false); };
    (document.head || document.documentElement).appendChild(s);
  }

  /** Loads the shard numbers of `m` (from missing()) from below the site root `root` ("../");
   *  cb(ok) when all have arrived. */
  function load(data, m, root, cb) {
    var h = head(data), base = root + h.path, files = [];
    if (m.ids) files.push({ kind: 'ids', n: 0, src: base + 'ids.js' });
    if (m.refs) files.push({ kind: 'refs', n: 0, src: base + 'refs.js' });
    m.terms.forEach(function (n) { files.push({ kind: 't', n: n, src: base + 't-' + n + '.js' }); });
    m.docs.forEach(function (n) { files.push({ kind: 'd', n: n, src: base + 'd-' + n + '.js' }); });
    var left = files.length, ok = true;
    if (!left) return cb(true);
    files.forEach(function (f) {
      loadScript(f.src, function (loaded) {
        if (!loaded || !parts[f.kind][f.n]) ok = false;
        if (--left === 0) cb(ok);
      });
    });
  }

  /** The lunr index of the loaded term shards (rebuilt when more have arrived). */
  function index(lunr, data) {
    var h = head(data);
    if (merged && mergedVersion === termVersion) return merged;
    var numbers = Object.keys(parts.t).map(Number).sort(function (a, b) { return a - b; });
    var inverted = [], vectors = Object.create(null), keys = [], names = parts.refs[0] || [];
    numbers.forEach(function (n) {
      parts.t[n].forEach(function (entry) {
        var index = entry[1], posting = Object.create(null);
        posting._index = index;
        h.fields.forEach(function (field, f) {
          var flat = entry[2 + f], docs = Object.create(null), doc = 0, i = 0;
          while (i < flat.length) {
            doc += flat[i++];
            var count = flat[i++], position = new Array(count), start = 0;
            for (var k = 0; k < count; k++) {
              start += flat[i++];
              position[k] = [start, flat[i++]];
            }
            var weight = flat[i++], ref = names[doc], key = field + '/' + ref;
            docs[ref] = { position: position };
            if (!vectors[key]) {
              vectors[key] = [];
              keys.push(key);
            }
            vectors[key].push([index, weight === null ? null : weight / 1000]);
          }
          posting[field] = docs;
        });
        inverted.push([entry[0], posting]);
      });
    });
    var fieldVectors = keys.map(function (key) {
      var flat = [];
      vectors[key].sort(function (a, b) { return a[0] - b[0]; }).forEach(function (p) { flat.push(p[0], p[1]); });
      return [key, flat];
    });
    merged = lunr.Index.load({ version: h.version, fields: h.fields, fieldVectors: fieldVectors, invertedIndex: inverted, pipeline: [] });
    mergedVersion = parts.refs[0] ? termVersion : -1;  // without the refs, not to be kept
    return merged;
  }

  /** The refs of the loaded documents in document order as far as it is known: the provisions
   *  (ids.js lists them in order) first, then the others as they arrived. */
  function refOrder(data) {
    var out = [], seen = Object.create(null);
    (parts.ids[0] || []).forEach(function (e) {
      if (data.docs[e[0]]) {
        out.push(e[0]);
        seen[e[0]] = true;
      }
    });
    Object.keys(data.docs).forEach(function (ref) { if (!seen[ref]) out.push(ref); });
    return out;
  }

  window.KijunSearchShards = {
    refOrder: refOrder,
    head: head,
    termShards: termShards,
    missing: missing,
    load: load,
    index: index,
    idsLoaded: function () { return !!parts.ids[0]; },
    version: function () { return version; },
    docShard: docShard
  };
})(window, document);
