// Checklist pages: answers (はい・いいえ・該当なし), notes, form fields and the sign-off block are kept
// in the browser's localStorage, one entry per checklist page, so they survive a reload. Shows how
// many items are done, and offers reset and print. The page is complete without this script.
// No modules and no network: works over http and from file://.
(function () {
  'use strict';

  var root = document.querySelector('.kj-checklist[data-storage-key]');
  if (!root) return;
  var KEY = root.getAttribute('data-storage-key');
  var VERSION = 1;

  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null;
  }

  function empty() {
    return { v: VERSION, answers: {}, notes: {}, fields: {}, signoff: {} };
  }

  function load() {
    if (!storage) return empty();
    try {
      var s = JSON.parse(storage.getItem(KEY) || 'null');
      if (s && s.v === VERSION) {
        var e = empty();
        ['answers', 'notes', 'fields', 'signoff'].forEach(function (k) {
          if (s[k] && typeof s[k] === 'object') e[k] = s[k];
        });
        return e;
      }
    } catch (err) {
      // A damaged entry is replaced on the next change.
    }
    return empty();
  }

  var state = load();
  var status = root.querySelector('.kj-cl-status');

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    if (!storage) return;
    try {
      state.updated = new Date().toISOString();
      storage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      say('入力内容を保存できませんでした(ブラウザの保存領域が使えません)。');
    }
  }

  function rowOf(el) {
    var tr = el.closest('tr[data-key]');
    return tr ? tr : null;
  }

  // The plain-text copy of a text control that print shows instead of the control.
  function mirror(control) {
    var copy = control.parentNode.querySelector('.kj-cl-printed');
    if (copy) copy.textContent = control.value;
  }

  var rows = Array.prototype.slice.call(root.querySelectorAll('tr.kj-cl-item[data-key]'));
  var done = root.querySelector('.kj-cl-done');
  var filled = root.querySelector('.kj-cl-filled');
  var tally = root.querySelector('.kj-cl-tally');

  function count() {
    var answered = 0;
    var fieldsFilled = 0;
    var by = { yes: 0, no: 0, na: 0 };
    rows.forEach(function (tr) {
      var key = tr.getAttribute('data-key');
      var a = state.answers[key];
      if (a && by.hasOwnProperty(a)) {
        answered++;
        by[a]++;
      }
      if (tr.querySelector('textarea[data-field]') && (state.fields[key] || '').trim() !== '') fieldsFilled++;
    });
    if (done) done.textContent = String(answered);
    if (filled) filled.textContent = String(fieldsFilled);
    if (tally) tally.textContent = '(はい ' + by.yes + '・いいえ ' + by.no + '・該当なし ' + by.na + ')';
  }

  function apply() {
    rows.forEach(function (tr) {
      var key = tr.getAttribute('data-key');
      var answer = state.answers[key] || '';
      Array.prototype.forEach.call(tr.querySelectorAll('input[type="radio"]'), function (r) {
        r.checked = r.value === answer;
      });
      if (answer) tr.setAttribute('data-answer', answer);
      else tr.removeAttribute('data-answer');
      var note = tr.querySelector('textarea[data-note]');
      if (note) {
        note.value = state.notes[key] || '';
        mirror(note);
      }
      var field = tr.querySelector('textarea[data-field]');
      if (field) {
        field.value = state.fields[key] || '';
        mirror(field);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll('[data-signoff]'), function (input) {
      input.value = state.signoff[input.getAttribute('data-signoff')] || '';
      mirror(input);
    });
    count();
  }

  function setAnswer(tr, value) {
    var key = tr.getAttribute('data-key');
    if (value) {
      state.answers[key] = value;
      tr.setAttribute('data-answer', value);
    } else {
      delete state.answers[key];
      tr.removeAttribute('data-answer');
    }
    save();
    count();
  }

  root.addEventListener('change', function (e) {
    var t = e.target;
    if (t.type === 'radio' && t.checked) {
      var tr = rowOf(t);
      if (tr) setAnswer(tr, t.value);
    }
  });

  // Clicking the answer that is already chosen takes it back.
  var pressed = null;
  root.addEventListener('mousedown', function (e) {
    var label = e.target.closest('.kj-cl-ans label');
    var radio = label ? label.querySelector('input[type="radio"]') : null;
    pressed = radio ? { radio: radio, was: radio.checked } : null;
  });
  root.addEventListener('click', function (e) {
    var t = e.target;
    if (t.type !== 'radio' || !pressed || pressed.radio !== t) return;
    var was = pressed.was;
    pressed = null;
    if (was) {
      t.checked = false;
      var tr = rowOf(t);
      if (tr) setAnswer(tr, '');
    }
  });

  root.addEventListener('input', function (e) {
    var t = e.target;
    var tr = rowOf(t);
    if (t.hasAttribute('data-note') && tr) {
      var key = tr.getAttribute('data-key');
      if (t.value) state.notes[key] = t.value;
      else delete state.notes[key];
    } else if (t.hasAttribute('data-field') && tr) {
      var fkey = tr.getAttribute('data-key');
      if (t.value) state.fields[fkey] = t.value;
      else delete state.fields[fkey];
    } else if (t.hasAttribute('data-signoff')) {
      var name = t.getAttribute('data-signoff');
      if (t.value) state.signoff[name] = t.value;
      else delete state.signoff[name];
    } else {
      return;
    }
    mirror(t);
    save();
    count();
  });

  var reset = root.querySelector('.kj-cl-reset');
  if (reset) {
    reset.addEventListener('click', function () {
      if (!window.confirm('このチェックリストの回答と記入内容をすべて消去します。よろしいですか?')) return;
      state = empty();
      if (storage) {
        try {
          storage.removeItem(KEY);
        } catch (e) {
          // Nothing stored.
        }
      }
      apply();
      say('入力を消去しました。');
    });
  }

  var printButton = root.querySelector('.kj-cl-print-button');
  if (printButton) {
    printButton.addEventListener('click', function () {
      window.print();
    });
  }

  // Another tab changed the same checklist.
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) {
      state = load();
      apply();
    }
  });

  // The checklist's name at the top of every printed page after the first.
  var head = root.getAttribute('data-running-head');
  if (head) document.documentElement.style.setProperty('--kj-running-head', JSON.stringify(head));

  root.classList.add('kj-cl-js');
  var toolbar = root.querySelector('.kj-cl-toolbar');
  if (toolbar) toolbar.hidden = false;
  // The column heads stick under the toolbar and focus is kept clear of both (checklist.css): both
  // need their heights, which change with the window's width.
  var thead = root.querySelector('.kj-cl-table thead');
  var measure = function () {
    var style = document.documentElement.style;
    if (toolbar) style.setProperty('--kj-toolbar-h', toolbar.offsetHeight + 'px');
    if (thead) style.setProperty('--kj-cl-head-h', thead.offsetHeight + 'px');
  };
  measure();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(measure);
    if (toolbar) observer.observe(toolbar);
    if (thead) observer.observe(thead);
  }
  if (!storage) say('このブラウザでは入力内容を保存できません。印刷して紙に記入してください。');
  apply();
})();
