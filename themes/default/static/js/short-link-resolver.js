// The resolver of short links r/index.html#<ID> (sites with many provisions): finds the provision in
// assets/js/short-links.js (window.KIJUN_SHORT_LINKS) and goes there, or says that the ID is unknown.
// Loaded with <script src>, so that it works from file:// too; nothing is fetched.
(function () {
  'use strict';
  var targets = null;  // ID -> URL relative to this page

  function load() {
    if (targets) return targets;
    targets = new Map();
    var data = window.KIJUN_SHORT_LINKS;
    if (!data || !Array.isArray(data.pages) || !Array.isArray(data.links)) return targets;
    data.links.forEach(function (link) {
      var page = data.pages[link[1]];
      if (typeof link[0] !== 'string' || typeof page !== 'string') return;
      var anchor = link.length > 2 ? link[2] : link[0];
      targets.set(link[0], anchor ? page + '#' + encodeURIComponent(anchor) : page);
    });
    return targets;
  }

  function show(id) {
    ['kj-short-moving', 'kj-short-unknown', 'kj-short-empty'].forEach(function (name) {
      document.getElementById(name).hidden = name !== id;
    });
  }

  function resolve() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      // not percent-encoded text: used as it is
    }
    id = id.trim();
    if (!id) {
      show('kj-short-empty');
      return;
    }
    var target = load().get(id);
    if (target === undefined) {
      document.getElementById('kj-short-unknown-id').textContent = id;
      show('kj-short-unknown');
      return;
    }
    var url = new URL(target, location.href).href;
    document.getElementById('kj-short-moving-id').textContent = id;
    document.getElementById('kj-short-target').setAttribute('href', url);
    show('kj-short-moving');
    location.replace(url);
  }

  window.addEventListener('hashchange', resolve);
  resolve();
})();
