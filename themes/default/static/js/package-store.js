// Application packages (申請パッケージ) in the browser's localStorage, shared by the package page
// (package.js) and the checklist pages (checklist.js). One entry per package, keyed by its id:
//   kijun-package:<id> = { format: 'kijun-package', v: 1, id, created, updated,
//                          record: { name, case, service, provider, date, department, applicant_name,
//                                    classification, purpose, period, users, manager, other },
//                          checklists: [checklist page URL, …] (in the order they are printed),
//                          answers: { <checklist page URL>: { answers, notes, fields, signoff } } }
// kijun-package-current = the id of the package last worked on. The answers of a checklist filled in
// outside any package stay where they always were (kijun-checklist:<page URL>, 「このページだけ」);
// the first package that takes that checklist gets a copy of them.
// validate() is the one gate for everything read — from storage or from an imported file: only
// known fields, only strings of bounded length, only known answers; nothing is ever used as HTML.
// No modules and no network: works over http and from file://.
(function () {
  'use strict';

  var PREFIX = 'kijun-package:';
  var CURRENT = 'kijun-package-current';
  var PAGE_PREFIX = 'kijun-checklist:';
  var FORMAT = 'kijun-package';
  var VERSION = 1;
  var RECORD_FIELDS = ['name', 'case', 'service', 'provider', 'date', 'department', 'applicant_name',
    'classification', 'purpose', 'period', 'users', 'manager', 'other'];
  var ANSWERS = { yes: 'はい', no: 'いいえ', na: '該当なし' };
  var MAX_TEXT = 20000;
  var MAX_FILE = 2 * 1024 * 1024;
  var ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
  var URL_PATH = /^[a-z0-9][a-z0-9._\/-]{0,199}\.html$/;

  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(CURRENT);
  } catch (e) {
    storage = null;
  }

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  function emptyAnswers() { return { answers: {}, notes: {}, fields: {}, signoff: {} }; }

  function newId() {
    var rand = '';
    try {
      var a = new Uint32Array(2);
      window.crypto.getRandomValues(a);
      rand = a[0].toString(36) + a[1].toString(36);
    } catch (e) {
      rand = Math.random().toString(36).slice(2);
    }
    return 'p' + Date.now().toString(36) + '-' + rand.slice(0, 10);
  }

  function blank(id) {
    var record = {};
    RECORD_FIELDS.forEach(function (f) { record[f] = ''; });
    var now = new Date().toISOString();
    return { format: FORMAT, v: VERSION, id: id || newId(), created: now, updated: now, record: record, checklists: [], answers: {} };
  }

  // A map of item keys to strings (or to one of `allowed`), copied without any other key.
  function textMap(v, allowed, where, problems) {
    var out = {};
    if (v === undefined) return out;
    if (!isObject(v)) { problems.push(where + 'が正しい形ではありません'); return out; }
    Object.keys(v).forEach(function (k) {
      var x = v[k];
      if (!KEY.test(k)) { problems.push(where + 'に使えない項目名があります'); return; }
      if (typeof x !== 'string' || x.length > MAX_TEXT) { problems.push(where + 'の値が文字列ではありません'); return; }
      if (allowed && !own(allowed, x)) { problems.push(where + 'の回答「' + x.slice(0, 20) + '」は はい・いいえ・該当なし のどれでもありません'); return; }
      if (x !== '') out[k] = x;
    });
    return out;
  }

  /** Checks a package read from storage or a file. `known` (optional) lists the checklist page URLs of
   *  the site: others are refused. Returns { pkg } or { error } (a Japanese sentence). */
  function validate(data, known) {
    if (!isObject(data)) return { error: '申請パッケージのファイルではありません(JSON のオブジェクトではありません)。' };
    if (data.format !== FORMAT) return { error: '申請パッケージのファイルではありません(format が「' + FORMAT + '」ではありません)。' };
    if (data.v !== VERSION) return { error: 'この申請パッケージの形式(v: ' + String(data.v).slice(0, 10) + ')には対応していません。' };
    var problems = [];
    var pkg = blank(typeof data.id === 'string' && ID.test(data.id) ? data.id : null);
    ['created', 'updated'].forEach(function (k) {
      if (typeof data[k] === 'string' && data[k].length <= 40) pkg[k] = data[k];
    });
    if (!isObject(data.record)) return { error: '申請の記録(record)がありません。' };
    RECORD_FIELDS.forEach(function (f) {
      var v = data.record[f];
      if (v === undefined || v === null) return;
      if (typeof v !== 'string' || v.length > MAX_TEXT) problems.push('記録の「' + f + '」が文字列ではありません');
      else pkg.record[f] = v;
    });
    if (!Array.isArray(data.checklists)) return { error: 'チェックリストの一覧(checklists)がありません。' };
    data.checklists.forEach(function (u) {
      if (typeof u !== 'string' || !URL_PATH.test(u) || (known && known.indexOf(u) < 0)) {
        problems.push('チェックリスト「' + String(u).slice(0, 60) + '」はこのサイトにありません');
      } else if (pkg.checklists.indexOf(u) < 0) {
        pkg.checklists.push(u);
      }
    });
    if (data.answers !== undefined && !isObject(data.answers)) return { error: '回答(answers)が正しい形ではありません。' };
    Object.keys(data.answers || {}).forEach(function (u) {
      if (!URL_PATH.test(u) || (known && known.indexOf(u) < 0)) {
        problems.push('回答のチェックリスト「' + u.slice(0, 60) + '」はこのサイトにありません');
        return;
      }
      var a = data.answers[u];
      if (!isObject(a)) { problems.push('「' + u + '」の回答が正しい形ではありません'); return; }
      pkg.answers[u] = {
        answers: textMap(a.answers, ANSWERS, '回答', problems),
        notes: textMap(a.notes, null, '備考', problems),
        fields: textMap(a.fields, null, '記入欄', problems),
        signoff: textMap(a.signoff, null, '確認欄', problems),
      };
    });
    if (problems.length) return { error: '申請パッケージのファイルに誤りがあります: ' + problems.slice(0, 3).join('。') + (problems.length > 3 ? ' ほか ' + (problems.length - 3) + ' 件' : '') + '。' };
    return { pkg: pkg };
  }

  function get(id) {
    if (!storage || typeof id !== 'string' || !ID.test(id)) return null;
    try {
      var r = validate(JSON.parse(storage.getItem(PREFIX + id) || 'null'));
      return r.pkg && r.pkg.id === id ? r.pkg : null;
    } catch (e) {
      return null;
    }
  }

  function list() {
    var out = [];
    if (!storage) return out;
    for (var i = 0; i < storage.length; i++) {
      var k = storage.key(i);
      if (k && k.indexOf(PREFIX) === 0) {
        var p = get(k.slice(PREFIX.length));
        if (p) out.push(p);
      }
    }
    out.sort(function (a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : 0; });
    return out;
  }

  /** Stores a package; false when the browser refuses (storage full or off). */
  function put(pkg) {
    if (!storage) return false;
    try {
      pkg.updated = new Date().toISOString();
      storage.setItem(PREFIX + pkg.id, JSON.stringify(pkg));
      return true;
    } catch (e) {
      return false;
    }
  }

  function remove(id) {
    if (!storage) return;
    try {
      storage.removeItem(PREFIX + id);
      if (storage.getItem(CURRENT) === id) storage.removeItem(CURRENT);
    } catch (e) {
      // Nothing stored.
    }
  }

  function current() {
    if (!storage) return null;
    try { return get(storage.getItem(CURRENT)); } catch (e) { return null; }
  }

  function setCurrent(id) {
    if (!storage) return;
    try {
      if (id) storage.setItem(CURRENT, id);
      else storage.removeItem(CURRENT);
    } catch (e) {
      // Not remembered.
    }
  }

  /** What a package is called in lists: its name, else the service, else when it was started. */
  function label(pkg) {
    var r = pkg.record;
    var name = (r.name || '').trim() || (r.service || '').trim();
    if (!name) name = '名前のない申請パッケージ(' + pkg.created.slice(0, 10) + ' 作成)';
    return name.length > 80 ? name.slice(0, 80) + '…' : name;
  }

  /** 申請者(所属・氏名) as the 台帳 item (カ) and the cover show it. */
  function applicant(record) {
    return [record.department, record.applicant_name].filter(function (s) { return s && s.trim(); }).join(' ');
  }

  function hasAnswers(a) {
    return !!a && ['answers', 'notes', 'fields', 'signoff'].some(function (k) { return a[k] && Object.keys(a[k]).length > 0; });
  }

  /** The answers of a checklist filled in outside any package (the storage of earlier versions). */
  function pageOnly(url) {
    var e = emptyAnswers();
    if (!storage) return e;
    try {
      var s = JSON.parse(storage.getItem(PAGE_PREFIX + url) || 'null');
      if (isObject(s) && s.v === 1) {
        var problems = [];
        e.answers = textMap(s.answers, ANSWERS, '回答', problems);
        e.notes = textMap(s.notes, null, '備考', problems);
        e.fields = textMap(s.fields, null, '記入欄', problems);
        e.signoff = textMap(s.signoff, null, '確認欄', problems);
        if (typeof s.adopted === 'string') e.adopted = s.adopted;
      }
    } catch (err) {
      // A damaged entry holds nothing.
    }
    return e;
  }

  /** Gives `pkg` a copy of what was filled in on checklist `url` outside any package, when the package
   *  has nothing for it yet and no other package took it before. The page's own entry is kept (and
   *  marked as taken). Returns true when something was copied. */
  function adoptPageOnly(pkg, url) {
    if (hasAnswers(pkg.answers[url])) return false;
    var old = pageOnly(url);
    if (!hasAnswers(old) || old.adopted) return false;
    pkg.answers[url] = { answers: old.answers, notes: old.notes, fields: old.fields, signoff: old.signoff };
    try {
      var raw = JSON.parse(storage.getItem(PAGE_PREFIX + url));
      raw.adopted = pkg.id;
      storage.setItem(PAGE_PREFIX + url, JSON.stringify(raw));
    } catch (e) {
      // The copy is made; only the mark is missing.
    }
    return true;
  }

  /** One CSV cell (RFC 4180), with the rule of requirements.csv: a cell that a spreadsheet would run
   *  as a formula (=, +, -, @, tab, CR or full-width ＝＋－＠ first) gets a leading apostrophe inside
   *  quotes (OWASP), so that it is shown as text. */
  function csvField(value) {
    var v = String(value);
    var formula = v !== '' && ('=+-@\t\r'.indexOf(v[0]) >= 0 || '\uFF1D\uFF0B\uFF0D\uFF20'.indexOf(v[0]) >= 0);
    if (!formula && !/[,"\r\n]/.test(v)) return v;
    return (formula ? '"\'' : '"') + v.replace(/"/g, '""') + '"';
  }

  function csv(rows) {
    return '\uFEFF' + rows.map(function (r) { return r.map(csvField).join(','); }).join('\r\n') + '\r\n';
  }

  window.KijunPackages = {
    available: !!storage,
    FORMAT: FORMAT,
    VERSION: VERSION,
    RECORD_FIELDS: RECORD_FIELDS,
    ANSWERS: ANSWERS,
    MAX_FILE: MAX_FILE,
    PREFIX: PREFIX,
    blank: blank,
    emptyAnswers: emptyAnswers,
    validate: validate,
    get: get,
    list: list,
    put: put,
    remove: remove,
    current: current,
    setCurrent: setCurrent,
    label: label,
    applicant: applicant,
    hasAnswers: hasAnswers,
    pageOnly: pageOnly,
    adoptPageOnly: adoptPageOnly,
    csvField: csvField,
    csv: csv,
  };
})();
