// 利用の流れ: runs the guide in place. The path of answers is kept in the URL (#path=a/b/c), so a
// reload or a shared link shows the same step, and the browser's Back button goes back one
// question. Without this script every step is an anchor of the page and the links still work.
(function () {
  'use strict';

  var root = document.querySelector('.kj-guide[data-start]');
  if (!root) return;
  var start = root.getAttribute('data-start');
  var steps = {};
  Array.prototype.forEach.call(root.querySelectorAll('.kj-guide-step[data-step]'), function (el) {
    steps[el.getAttribute('data-step')] = el;
  });
  if (!steps[start]) return;
  var trail = root.querySelector('.kj-guide-trail');
  var trailList = trail && trail.querySelector('ol');

  // The answer of step `from` that leads to step `to`, if any.
  function answerBetween(from, to) {
    var links = steps[from].querySelectorAll('a.kj-guide-answer[data-next]');
    for (var i = 0; i < links.length; i++) if (links[i].getAttribute('data-next') === to) return links[i];
    return null;
  }

  function pathHash(path) {
    return '#path=' + path.map(encodeURIComponent).join('/');
  }

  // The path in the URL, checked answer by answer; anything that does not follow the guide is cut.
  function pathFromHash(hash) {
    if (hash.indexOf('#path=') === 0) {
      var ids = hash.slice(6).split('/').map(function (s) {
        try { return decodeURIComponent(s); } catch (e) { return ''; }
      });
      var path = [start];
      if (ids[0] !== start) return path;
      for (var i = 1; i < ids.length; i++) {
        if (!steps[ids[i]] || !answerBetween(path[path.length - 1], ids[i])) break;
        path.push(ids[i]);
      }
      return path;
    }
    if (hash.indexOf('#step-') === 0) {
      var id = hash.slice(6);
      if (steps[id]) return id === start ? [start] : [id];
    }
    return [start];
  }

  function questionText(id) {
    var h = steps[id].querySelector('.kj-guide-question');
    return h ? h.textContent : '';
  }

  function show(path, focus) {
    var current = path[path.length - 1];
    Object.keys(steps).forEach(function (id) {
      steps[id].classList.toggle('is-current', id === current);
    });
    if (trailList) {
      trailList.textContent = '';
      for (var i = 0; i + 1 < path.length; i++) {
        var answer = answerBetween(path[i], path[i + 1]);
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = pathHash(path.slice(0, i + 1));
        a.setAttribute('data-path', path.slice(0, i + 1).join('/'));
        a.textContent = questionText(path[i]);
        li.appendChild(a);
        li.appendChild(document.createTextNode(':' + (answer ? answer.textContent : '')));
        trailList.appendChild(li);
      }
      trail.hidden = path.length < 2;
    }
    root.setAttribute('data-path', path.join('/'));
    if (focus) steps[current].focus({ preventScroll: false });
  }

  function go(path) {
    var hash = pathHash(path);
    try {
      history.pushState({ guidePath: path }, '', hash);
    } catch (e) {
      location.hash = hash;  // some file:// set-ups refuse pushState; hashchange shows the step then
      return;
    }
    show(path, true);
  }

  var path = pathFromHash(location.hash);
  root.classList.add('kj-guide-js');
  show(path, false);

  root.addEventListener('click', function (event) {
    var a = event.target.closest && event.target.closest('a');
    if (!a || !root.contains(a) || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var current = pathFromHash(location.hash);
    if (a.classList.contains('kj-guide-answer')) {
      var next = a.getAttribute('data-next');
      if (!steps[next]) return;
      event.preventDefault();
      go(current.concat([next]));
    } else if (a.hasAttribute('data-restart')) {
      event.preventDefault();
      go([start]);
    } else if (a.hasAttribute('data-path')) {
      event.preventDefault();
      go(pathFromHash('#path=' + a.getAttribute('data-path')));
    }
  });

  function onNavigate() { show(pathFromHash(location.hash), true); }
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
})();
