// kijun: small enhancements for every page. The page is fully readable without this script.
(function () {
  'use strict';
  // Printed pages carry the standard, its edition, 施行日 and the page's title on top (print.css);
  // a checklist sets its own first (checklist.js).
  var head = document.body.getAttribute('data-running-head');
  var rootStyle = document.documentElement.style;
  if (head && !rootStyle.getPropertyValue('--kj-running-head')) rootStyle.setProperty('--kj-running-head', JSON.stringify(head));
  // Navigation: each page carries a compact tree (the way to this page, its neighbours and the
  // chapters); assets/js/nav.js holds the whole tree once for the site (window.KIJUN_NAV, links
  // relative to the site's root). Put it in place of the compact one, links made relative to
  // this page, this page marked current: the same navigation as a full tree on every page.
  (function expandNav() {
    var list = document.querySelector('ul[data-kj-nav-tree]');
    if (!list || typeof window.KIJUN_NAV !== 'string') return;
    var items = list.querySelectorAll(':scope > li');
    if (items.length < 2) return;
    var root = document.documentElement.getAttribute('data-root') || '';
    var last = items[items.length - 1];
    for (var i = 1; i < items.length - 1; i++) list.removeChild(items[i]);
    var holder = document.createElement('ul');
    holder.innerHTML = window.KIJUN_NAV;
    var here = location.href.split('#')[0];
    holder.querySelectorAll('a[href]').forEach(function (a) {
      a.setAttribute('href', root + a.getAttribute('href'));
      if (a.href.split('#')[0] === here) {
        a.setAttribute('aria-current', 'page');
        a.parentNode.classList.add('kj-current');
      }
    });
    while (holder.firstChild) list.insertBefore(holder.firstChild, last);
  })();
  // A click on a provision's ID badge copies a link to it (its short link when it has one).
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.kj-permalink');
    if (!link || !navigator.clipboard) return;
    var target = new URL(link.getAttribute('data-short') || link.getAttribute('href'), location.href).href;
    navigator.clipboard.writeText(target).then(function () {
      link.classList.add('kj-copied');
      setTimeout(function () { link.classList.remove('kj-copied'); }, 1500);
    }, function () { /* copying is a convenience; the link still works */ });
  });
})();
