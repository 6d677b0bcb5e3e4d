// Checklist pages: answers (はい・いいえ・該当なし), notes, form fields and the sign-off block are kept
// in the browser's localStorage, so they survive a reload: in the application package (申請パッケージ)
// the page belongs to (package-store.js; the bar at the top names it and switches), or, for 「この
// ページだけ」, in one entry per checklist page as before packages existed. In a package, the 台帳
// fields show the package's record (filled once for the package). Shows how many items are done,
// and offers reset and print. The page is complete without this script.
// No modules and no network: works over http and from file://.
(function () {
  'use strict';

  var root = document.querySelector('.kj-checklist[data-storage-key]');
  if (!root) return;
  var KEY = root.getAttribute('data-storage-key');
  var VERSION = 1;
  var P = window.KijunPackages && window.KijunPackages.available ? window.KijunPackages : null;
  var bar = root.querySelector('.kj-cl-package');
  var PAGE = bar ? bar.getAttribute('data-page-url') : null;
  if (!PAGE) P = null;
  var pkgId = null;  // the package whose answers are shown; null: this page only

  // Which package: the one named in the URL (#package=<id>, links from the package page), else the one
  // this tab showed last (sessionStorage: a reload after following an anchor of the page keeps it, and
  // two tabs can show two packages), else the package last worked on if it holds this checklist, else
  // none (this page only).
  // sessionStorage (this tab only): the package shown last, and whether 「このページだけ」 was chosen here.
  function tabGet(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function tabSet(key, value) {
    try {
      if (value) window.sessionStorage.setItem(key, value);
      else window.sessionStorage.removeItem(key);
    } catch (e) {
      // Not remembered for this tab.
    }
  }
  var TAB = 'kijun-package-tab';
  var TAB_PAGE_ONLY = 'kijun-package-tab-page-only:' + (PAGE || '');
  function packageInHash() {
    var m = /(?:^#|&)package=([a-z0-9-]+)/.exec(location.hash);
    return m ? m[1] : null;
  }
  if (P) {
    var named = packageInHash();
    var chosen = named ? P.get(named) : null;
    if (chosen) {
      pkgId = chosen.id;
      tabSet(TAB_PAGE_ONLY, null);
      P.setCurrent(chosen.id);
      if (chosen.checklists.indexOf(PAGE) < 0) {
        chosen.checklists.push(PAGE);
        P.adoptPageOnly(chosen, PAGE);
        P.put(chosen);
      }
    } else {
      var inTab = tabGet(TAB_PAGE_ONLY) ? null : P.get(tabGet(TAB)) || P.current();
      if (inTab && inTab.checklists.indexOf(PAGE) >= 0) pkgId = inTab.id;
    }
    if (pkgId) tabSet(TAB, pkgId);
  }

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
    if (pkgId) {
      var pkg = P.get(pkgId);
      var a = pkg && pkg.answers[PAGE];
      var fromPackage = empty();
      if (a) ['answers', 'notes', 'fields', 'signoff'].forEach(function (k) { fromPackage[k] = a[k] || {}; });
      return fromPackage;
    }
    try {
      var s = JSON.parse(storage.getItem(KEY) || 'null');
      if (s && s.v === VERSION) {
        var e = empty();
        ['answers', 'notes', 'fields', 'signoff'].forEach(function (k) {
          if (s[k] && typeof s[k] === 'object') e[k] = s[k];
        });
        if (typeof s.adopted === 'string') e.adopted = s.adopted;
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
    if (pkgId) {
      var pkg = P.get(pkgId);
      if (!pkg) {
        say('申請パッケージが見つかりません(別の画面で削除されました)。このページだけの入力として保存します。');
        pkgId = null;
        renderBar();
      } else {
        pkg.answers[PAGE] = { answers: state.answers, notes: state.notes, fields: state.fields, signoff: state.signoff };
        if (pkg.checklists.indexOf(PAGE) < 0) pkg.checklists.push(PAGE);
        if (!P.put(pkg)) say('入力内容を保存できませんでした(ブラウザの保存領域が使えません)。');
        return;
      }
    }
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
      var field = tr.querySelector('textarea[data-field]');
      if (field && (field.value || '').trim() !== '') fieldsFilled++;
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
        field.value = ledgerValue(field) !== null ? ledgerValue(field) : state.fields[key] || '';
        field.readOnly = !!pkgId && field.getAttribute('data-ledger') === 'applicant';
        mirror(field);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll('[data-signoff]'), function (input) {
      input.value = state.signoff[input.getAttribute('data-signoff')] || '';
      mirror(input);
    });
    count();
  }

  // In a package, a 台帳 field shows the package's record (applicant: 所属 and 氏名, read-only here).
  function ledgerValue(field) {
    var name = field.getAttribute('data-ledger');
    if (!pkgId || !name) return null;
    var pkg = P.get(pkgId);
    if (!pkg) return null;
    if (name === 'applicant') return P.applicant(pkg.record);
    return Object.prototype.hasOwnProperty.call(pkg.record, name) ? pkg.record[name] : null;
  }

  function setLedger(field) {
    var pkg = P.get(pkgId);
    var name = field.getAttribute('data-ledger');
    if (!pkg || name === 'applicant' || !Object.prototype.hasOwnProperty.call(pkg.record, name)) return;
    pkg.record[name] = field.value;
    if (!P.put(pkg)) say('入力内容を保存できませんでした(ブラウザの保存領域が使えません)。');
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
    } else if (t.hasAttribute('data-field') && tr && pkgId && t.hasAttribute('data-ledger')) {
      setLedger(t);
      mirror(t);
      count();
      return;
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
      if (pkgId) {
        if (!window.confirm('この申請パッケージの、このチェックリストの回答と記入内容を消去します(台帳の項目は申請パッケージに残ります)。よろしいですか?')) return;
        var pkg = P.get(pkgId);
        if (pkg) {
          delete pkg.answers[PAGE];
          P.put(pkg);
        }
        state = empty();
        apply();
        say('入力を消去しました。');
        return;
      }
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
    if (e.key === (pkgId ? P.PREFIX + pkgId : KEY)) {
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
  // The bar naming the package this page's answers belong to, with a choice of the others.
  function renderBar() {
    if (!P || !bar) return;
    var href = bar.getAttribute('data-package-href') || 'package.html';
    bar.textContent = '';
    var p = document.createElement('p');
    p.className = 'kj-cl-package-row';
    var label = document.createElement('label');
    label.htmlFor = 'kj-cl-package-select';
    label.textContent = '申請パッケージ';
    var select = document.createElement('select');
    select.id = 'kj-cl-package-select';
    var only = document.createElement('option');
    only.value = '';
    only.textContent = 'このページだけ(申請パッケージに入れない)';
    select.appendChild(only);
    P.list().forEach(function (pkg) {
      var o = document.createElement('option');
      o.value = pkg.id;
      o.textContent = P.label(pkg) + (pkg.checklists.indexOf(PAGE) < 0 ? '(このチェックリストを加える)' : '');
      select.appendChild(o);
    });
    select.value = pkgId || '';
    select.addEventListener('change', function () { switchTo(select.value || null); });
    p.appendChild(label);
    p.appendChild(select);
    var links = document.createElement('span');
    links.className = 'kj-cl-package-links';
    if (pkgId) {
      var open = document.createElement('a');
      open.href = href + '#package=' + encodeURIComponent(pkgId);
      open.textContent = '申請パッケージを開く';
      links.appendChild(open);
    }
    var start = document.createElement('a');
    start.href = href + '#new&checklist=' + encodeURIComponent(PAGE);
    start.textContent = '新しい申請パッケージを始める';
    links.appendChild(start);
    p.appendChild(links);
    bar.appendChild(p);
    bar.hidden = false;
  }

  function switchTo(id) {
    var pkg = id ? P.get(id) : null;
    pkgId = pkg ? pkg.id : null;
    if (pkgId) tabSet(TAB, pkgId);
    tabSet(TAB_PAGE_ONLY, pkgId ? null : '1');
    if (pkg) {
      P.setCurrent(pkg.id);
      var copied = false;
      if (pkg.checklists.indexOf(PAGE) < 0) {
        pkg.checklists.push(PAGE);
        copied = P.adoptPageOnly(pkg, PAGE);
        P.put(pkg);
      }
      say('申請パッケージ「' + P.label(pkg) + '」の回答を表示しています。' + (copied ? 'このページだけで記入していた内容を引き継ぎました。' : ''));
    } else {
      say('このページだけの回答を表示しています(申請パッケージには入りません)。');
    }
    try {
      history.replaceState(null, '', pkg ? '#package=' + encodeURIComponent(pkg.id) : location.pathname + location.search);
    } catch (e) {
      // The choice still holds until the page is left.
    }
    state = load();
    apply();
    renderBar();
    var select = document.getElementById('kj-cl-package-select');
    if (select) select.focus();
  }

  if (!storage) say('このブラウザでは入力内容を保存できません。印刷して紙に記入してください。');
  renderBar();
  apply();
})();
