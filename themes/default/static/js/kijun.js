// kijun: small enhancements for every page. The page is fully readable without this script.
(function () {
  'use strict';
  // Printed pages carry the standard, its edition, 施行日 and the page's title on top (print.css);
  // a checklist sets its own first (checklist.js).
  var head = document.body.getAttribute('data-running-head');
  var rootStyle = document.documentElement.style;
  if (head && !rootStyle.getPropertyValue('--kj-running-head')) rootStyle.setProperty('--kj-running-head', JSON.stringify(head));
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
