// 申請パッケージ (package.html): the record of one service or meeting, the checklists its case needs
// with their progress, export and import (JSON), CSV for Excel, and one printout of everything — a
// cover, the 台帳 form, every checklist with its answers and one sign-off block for the case. The
// cases (their checklists, approver, sign-off and 格付) are the <option>s of the case list, written
// by the build from the guide's results; the checklists are in the page (printed only).
// Storage: package-store.js. Every string read from storage or a file is set as text, never as HTML.
// Links into the page: #package=<id> shows that package; ?new or #new starts one (&case=<result id>
// with the case's checklists, &checklist=<page URL> with that checklist). The address is then set to
// #package=<id>, so that a reload shows the package instead of starting another.
(function () {
  'use strict';

  var root = document.querySelector('.kj-package');
  var P = window.KijunPackages;
  if (!root || !P) return;

  var app = root.querySelector('.kj-pkg-app');
  var doc = root.querySelector('.kj-pkg-doc');
  var status = root.querySelector('.kj-pkg-status');
  var select = root.querySelector('#kj-pkg-select');
  var form = root.querySelector('.kj-pkg-record');
  var caseSelect = root.querySelector('#kj-pkg-case');
  var progress = root.querySelector('.kj-pkg-progress');
  var listEl = root.querySelector('.kj-pkg-list');
  var signoffBody = root.querySelector('.kj-pkg-signoff tbody');
  var importInput = root.querySelector('#kj-pkg-import');
  var sections = {};
  var order = [];
  Array.prototype.forEach.call(root.querySelectorAll('.kj-pkg-checklist[data-url]'), function (s) {
    sections[s.getAttribute('data-url')] = s;
    order.push(s.getAttribute('data-url'));
  });
  var titles = {};
  var boxes = Array.prototype.slice.call(root.querySelectorAll('.kj-pkg-checklists input[type="checkbox"]'));
  boxes.forEach(function (b) { titles[b.value] = b.parentNode.textContent.trim(); });
  var DEFAULT_SIGN_OFF = ['確認者', '所属長'];

  var pkg = null;

  function say(text) { if (status) status.textContent = text; }

  function caseOption(id) {
    if (!id) return null;
    for (var i = 0; i < caseSelect.options.length; i++) if (caseSelect.options[i].value === id) return caseSelect.options[i];
    return null;
  }

  function caseInfo(id) {
    var o = caseOption(id);
    if (!o) return null;
    return {
      id: id,
      title: o.textContent,
      checklists: (o.getAttribute('data-checklists') || '').split(' ').filter(Boolean),
      signOff: (o.getAttribute('data-sign-off') || '').split('|').filter(Boolean),
      classification: o.getAttribute('data-classification') || '',
      approver: o.getAttribute('data-approver') || '',
      ledger: o.getAttribute('data-ledger'),
    };
  }

  function params(text) {
    var out = {};
    text.replace(/^[#?]/, '').split('&').forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf('=');
      var k = eq < 0 ? part : part.slice(0, eq);
      var v = eq < 0 ? '' : part.slice(eq + 1);
      try { out[k] = decodeURIComponent(v); } catch (e) { out[k] = ''; }
    });
    return out;
  }

  function setHash(id) {
    try {
      history.replaceState(null, '', location.pathname + (id ? '#package=' + encodeURIComponent(id) : ''));
    } catch (e) {
      // Some file:// set-ups refuse: the fragment still names the package (route() looks at it first).
      if (id && location.hash !== '#package=' + encodeURIComponent(id)) location.hash = 'package=' + encodeURIComponent(id);
    }
  }

  // The checklists in the order they are printed: the case's order, then the others in the site's order.
  function ordered(urls, info) {
    var first = info ? info.checklists.filter(function (u) { return urls.indexOf(u) >= 0; }) : [];
    return first.concat(order.filter(function (u) { return urls.indexOf(u) >= 0 && first.indexOf(u) < 0; }));
  }

  function store() {
    if (!P.put(pkg)) say('保存できませんでした(ブラウザの保存領域が使えません)。');
  }

  // ---- The list of packages

  function renderSelect() {
    select.textContent = '';
    var packages = P.list();
    var none = document.createElement('option');
    none.value = '';
    none.textContent = packages.length ? '(選んでください)' : '(まだありません)';
    select.appendChild(none);
    packages.forEach(function (p) {
      var o = document.createElement('option');
      o.value = p.id;
      o.textContent = P.label(p);
      select.appendChild(o);
    });
    select.value = pkg ? pkg.id : '';
  }

  function show(id) {
    pkg = id ? P.get(id) : null;
    if (pkg) {
      P.setCurrent(pkg.id);
      try { window.sessionStorage.setItem('kijun-package-tab', pkg.id); } catch (e) { /* this tab only */ }
    }
    setHash(pkg ? pkg.id : null);
    renderSelect();
    form.hidden = !pkg;
    progress.hidden = !pkg;
    root.querySelector('.kj-pkg-delete').hidden = !pkg;
    fillForm();
    refresh();
  }

  function start(params) {
    var p = P.blank();
    var info = caseInfo(params['case']);
    if (info) {
      p.record['case'] = info.id;
      p.record.classification = info.classification;
      p.checklists = info.checklists.slice();
    }
    if (params.checklist && order.indexOf(params.checklist) >= 0 && p.checklists.indexOf(params.checklist) < 0)
      p.checklists.push(params.checklist);
    p.checklists = ordered(p.checklists, info);
    var adopted = 0;
    p.checklists.forEach(function (u) { if (P.adoptPageOnly(p, u)) adopted++; });
    if (!P.put(p)) {
      say('申請パッケージを保存できません(ブラウザの保存領域が使えません)。');
      return;
    }
    show(p.id);
    say('新しい申請パッケージを始めました。' + (adopted ? 'これまでこのブラウザで記入したチェックリスト ' + adopted + ' 件の内容を引き継ぎました。' : '') + 'まず対象サービス名を記入してください。');
    var first = root.querySelector('#kj-pkg-service');
    if (first) first.focus();
  }

  // ---- The record form

  function fillForm() {
    if (!pkg) return;
    Array.prototype.forEach.call(form.querySelectorAll('[data-record]'), function (el) {
      el.value = pkg.record[el.getAttribute('data-record')] || '';
    });
    boxes.forEach(function (b) { b.checked = pkg.checklists.indexOf(b.value) >= 0; });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); });

  form.addEventListener('input', function (e) {
    var t = e.target;
    if (!pkg || !t.hasAttribute('data-record') || t === caseSelect) return;
    pkg = P.get(pkg.id) || pkg;
    pkg.record[t.getAttribute('data-record')] = t.value;
    store();
    if (t.getAttribute('data-record') === 'name' || t.getAttribute('data-record') === 'service') renderSelect();
    refresh();
  });

  form.addEventListener('change', function (e) {
    var t = e.target;
    if (!pkg) return;
    pkg = P.get(pkg.id) || pkg;
    if (t === caseSelect) {
      var info = caseInfo(t.value);
      pkg.record['case'] = info ? info.id : '';
      if (info) {
        pkg.checklists = info.checklists.slice();
        if (!pkg.record.classification) pkg.record.classification = info.classification;
      }
      pkg.checklists.forEach(function (u) { P.adoptPageOnly(pkg, u); });
      store();
      fillForm();
      say(info ? '場合に応じたチェックリスト ' + pkg.checklists.length + ' 件にしました。' : '場合を指定しません。チェックリストを選んでください。');
    } else if (t.type === 'checkbox') {
      var urls = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      pkg.checklists = ordered(urls, caseInfo(pkg.record['case']));
      if (t.checked) P.adoptPageOnly(pkg, t.value);
      store();
    } else {
      return;
    }
    refresh();
  });

  // ---- Progress and the printout

  function counts(url) {
    var s = sections[url];
    var a = (pkg.answers[url] || P.emptyAnswers());
    var c = { answers: 0, answered: 0, fields: 0, filled: 0 };
    Array.prototype.forEach.call(s.querySelectorAll('tr.kj-cl-item[data-key]'), function (tr) {
      var key = tr.getAttribute('data-key');
      var field = tr.querySelector('textarea[data-field]');
      if (field) {
        c.fields++;
        var v = ledger(field);
        if (((v !== null ? v : a.fields[key]) || '').trim()) c.filled++;
      } else {
        c.answers++;
        if (a.answers[key]) c.answered++;
      }
    });
    return c;
  }

  function ledger(field) {
    var name = field.getAttribute('data-ledger');
    if (!name) return null;
    if (name === 'applicant') return P.applicant(pkg.record);
    return Object.prototype.hasOwnProperty.call(pkg.record, name) ? pkg.record[name] : null;
  }

  // The checklist's page, relative to this one.
  function hrefOf(url) {
    return (sections[url] && sections[url].getAttribute('data-href')) || url;
  }

  function renderProgress() {
    listEl.textContent = '';
    if (!pkg.checklists.length) {
      var li0 = document.createElement('li');
      li0.textContent = 'チェックリストがまだありません。上の「場合」か「チェックリスト」で選んでください。';
      listEl.appendChild(li0);
      return;
    }
    pkg.checklists.forEach(function (url) {
      if (!sections[url]) return;
      var c = counts(url);
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = hrefOf(url) + '#package=' + encodeURIComponent(pkg.id);
      a.textContent = titles[url] || url;
      li.appendChild(a);
      var span = document.createElement('span');
      span.className = 'kj-pkg-count';
      span.textContent = '回答済み ' + c.answered + ' / ' + c.answers + ' 件' + (c.fields ? '・記入済み ' + c.filled + ' / ' + c.fields + ' 項目' : '');
      li.appendChild(span);
      listEl.appendChild(li);
    });
  }

  function text(el, value) {
    el.textContent = value || '';
  }

  function renderDoc() {
    var info = caseInfo(pkg.record['case']);
    var r = pkg.record;
    var values = {
      service: r.service, provider: r.provider, date: r.date, applicant: P.applicant(r), classification: r.classification,
      'case': info ? info.title : '指定なし', approver: info ? info.approver : '', purpose: r.purpose, period: r.period,
      users: r.users, manager: r.manager, other: r.other, ledger: info && info.ledger ? '(' + info.ledger + ')' : '',
    };
    Array.prototype.forEach.call(root.querySelectorAll('[data-show]'), function (el) {
      text(el, values[el.getAttribute('data-show')]);
    });
    var contents = doc.querySelector('.kj-pkg-contents');
    contents.textContent = '';
    pkg.checklists.forEach(function (url) {
      if (!sections[url]) return;
      var li = document.createElement('li');
      li.textContent = titles[url] || url;
      contents.appendChild(li);
    });
    // The 台帳 form: when the case registers the service in a 台帳 (or, without a case, when a
    // checklist of the package has 台帳 fields). It takes the place of those fields in the checklist.
    var ledgerForm = doc.querySelector('.kj-pkg-ledger-form');
    var withLedger = pkg.checklists.some(function (u) { return sections[u] && sections[u].querySelector('textarea[data-ledger]'); });
    var printLedger = !!ledgerForm && (info ? !!info.ledger : withLedger);
    if (ledgerForm) ledgerForm.hidden = !printLedger;
    // The 台帳 fields of the form, likewise (a web meeting is not registered).
    var ledgerFields = form.querySelector('.kj-pkg-ledger');
    if (ledgerFields) ledgerFields.hidden = !printLedger;
    // The checklists of the package, in its order, before the sign-off.
    var signoff = doc.querySelector('.kj-pkg-signoff');
    order.forEach(function (u) { sections[u].hidden = true; });
    pkg.checklists.forEach(function (url) {
      var s = sections[url];
      if (!s) return;
      doc.insertBefore(s, signoff);
      s.hidden = false;
      fillChecklist(s, pkg.answers[url] || P.emptyAnswers(), printLedger);
    });
    // One sign-off block for the case.
    signoffBody.textContent = '';
    (info && info.signOff.length ? info.signOff : DEFAULT_SIGN_OFF).forEach(function (who) {
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = who;
      tr.appendChild(th);
      for (var i = 0; i < 3; i++) {
        var td = document.createElement('td');
        if (i === 1) td.className = 'kj-pkg-date-cell';
        if (i === 1) td.textContent = '令和　　年　　月　　日';
        tr.appendChild(td);
      }
      signoffBody.appendChild(tr);
    });
    var head = '申請パッケージ' + (r.service ? ' | ' + r.service.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 60) : '');
    document.documentElement.style.setProperty('--kj-running-head', JSON.stringify(head));
  }

  function fillChecklist(section, a, printLedger) {
    Array.prototype.forEach.call(section.querySelectorAll('tr.kj-cl-item[data-key]'), function (tr) {
      var key = tr.getAttribute('data-key');
      var answer = a.answers[key] || '';
      Array.prototype.forEach.call(tr.querySelectorAll('input[type="radio"]'), function (radio) {
        radio.checked = radio.value === answer;
      });
      var note = tr.querySelector('textarea[data-note]');
      if (note) {
        note.value = a.notes[key] || '';
        note.parentNode.querySelector('.kj-cl-printed').textContent = note.value;
      }
      var field = tr.querySelector('textarea[data-field]');
      if (field) {
        var v = ledger(field);
        field.value = v !== null ? v : a.fields[key] || '';
        field.parentNode.querySelector('.kj-cl-printed').textContent = field.value;
      }
    });
    Array.prototype.forEach.call(section.querySelectorAll('table.kj-cl-form'), function (table) {
      var fields = table.querySelectorAll('textarea[data-field]');
      var all = fields.length > 0 && table.querySelectorAll('textarea[data-ledger]').length === fields.length;
      table.hidden = printLedger && all;
    });
  }

  function refresh() {
    if (!pkg) {
      doc.hidden = true;
      return;
    }
    renderProgress();
    renderDoc();
    doc.hidden = false;
  }

  // ---- Export, CSV, import

  function fileName(ext) {
    var base = (pkg.record.service || pkg.record.name || pkg.id).replace(/[\\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().slice(0, 60);
    return '申請パッケージ_' + (base || pkg.id) + '.' + ext;
  }

  function download(name, type, content) {
    var blob = new Blob([content], { type: type });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  root.querySelector('.kj-pkg-export').addEventListener('click', function () {
    if (!pkg) return;
    pkg = P.get(pkg.id) || pkg;
    download(fileName('json'), 'application/json', JSON.stringify(pkg, null, 1) + '\n');
    say('ファイル「' + fileName('json') + '」に書き出しました。');
  });

  root.querySelector('.kj-pkg-csv').addEventListener('click', function () {
    if (!pkg) return;
    pkg = P.get(pkg.id) || pkg;
    var info = caseInfo(pkg.record['case']);
    var r = pkg.record;
    var rows = [['申請パッケージ', '']];
    [['対象サービス名', r.service], ['提供者', r.provider], ['申請日', r.date], ['申請者(所属・氏名)', P.applicant(r)],
      ['取り扱う情報の格付', r.classification], ['場合', info ? info.title : '指定なし'], ['許可権限者', info ? info.approver : ''],
      ['利用目的(業務内容)', r.purpose], ['利用期間', r.period], ['利用者の範囲', r.users],
      ['クラウドサービス管理者(所属・補職名)', r.manager], ['その他必要な項目', r.other]].forEach(function (row) {
      rows.push([row[0], row[1] || '']);
    });
    rows.push([]);
    rows.push(['チェックリスト', 'No.', '区分', '要件ID', '引用', '確認項目', '回答(はい・いいえ・該当なし)または記入内容', '備考']);
    pkg.checklists.forEach(function (url) {
      var s = sections[url];
      if (!s) return;
      var a = pkg.answers[url] || P.emptyAnswers();
      Array.prototype.forEach.call(s.querySelectorAll('tbody.kj-cl-group'), function (group) {
        var heading = group.querySelector('.kj-cl-group-row th');
        Array.prototype.forEach.call(group.querySelectorAll('tr.kj-cl-item[data-key]'), function (tr) {
          var key = tr.getAttribute('data-key');
          var ids = Array.prototype.map.call(tr.querySelectorAll('.kj-cl-req .kj-id'), function (e) { return e.textContent; });
          var cites = Array.prototype.map.call(tr.querySelectorAll('.kj-cl-req .kj-cite'), function (e) { return e.textContent; });
          var lead = tr.querySelector('.kj-cl-lead');
          var wording = tr.querySelector('.kj-cl-wording');
          var field = tr.querySelector('textarea[data-field]');
          var answer = field ? (ledger(field) !== null ? ledger(field) : a.fields[key] || '') : P.ANSWERS[a.answers[key]] || '';
          rows.push([titles[url] || url, tr.querySelector('.kj-cl-no').textContent, heading ? heading.textContent : '',
            ids.join('\n'), cites.join('\n'), (lead ? lead.textContent + '\n' : '') + (wording ? wording.textContent : ''),
            answer, a.notes[key] || '']);
        });
      });
    });
    download(fileName('csv'), 'text/csv', P.csv(rows));
    say('ファイル「' + fileName('csv') + '」に書き出しました(Excel で開けます)。');
  });

  importInput.addEventListener('change', function () {
    var file = importInput.files && importInput.files[0];
    if (!file) return;
    var refuse = function (message) {
      say('読み込めませんでした: ' + message);
      importInput.value = '';
    };
    if (file.size > P.MAX_FILE) {
      refuse('ファイルが大きすぎます(2 MB まで)。');
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { refuse('ファイルを読めませんでした。'); };
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result).replace(/^\uFEFF/, ''));
      } catch (e) {
        refuse('JSON の形式ではありません(申請パッケージを「ファイルに書き出す」で作ったファイルを選んでください)。');
        return;
      }
      var result = P.validate(data, order);
      if (result.error) {
        refuse(result.error);
        return;
      }
      var incoming = result.pkg;
      var existing = P.get(incoming.id);
      if (existing && !window.confirm('同じ申請パッケージ「' + P.label(existing) + '」がこのブラウザにあります。読み込んだ内容で置き換えますか?')) {
        importInput.value = '';
        say('読み込みを取りやめました。');
        return;
      }
      var updated = incoming.updated;
      if (!P.put(incoming)) {
        refuse('保存できませんでした(ブラウザの保存領域が使えません)。');
        return;
      }
      importInput.value = '';
      show(incoming.id);
      say('申請パッケージ「' + P.label(incoming) + '」を読み込みました(最終更新 ' + String(updated).slice(0, 10) + ')。');
    };
    reader.readAsText(file);
  });

  // ---- The other buttons

  select.addEventListener('change', function () {
    show(select.value || null);
    if (pkg) say('申請パッケージ「' + P.label(pkg) + '」を表示しています。');
  });

  root.querySelector('.kj-pkg-new').addEventListener('click', function () { start({}); });

  root.querySelector('.kj-pkg-delete').addEventListener('click', function () {
    if (!pkg) return;
    if (!window.confirm('申請パッケージ「' + P.label(pkg) + '」と、その回答をすべて削除します。よろしいですか?')) return;
    var name = P.label(pkg);
    P.remove(pkg.id);
    show(null);
    say('申請パッケージ「' + name + '」を削除しました。');
  });

  root.querySelector('.kj-pkg-print').addEventListener('click', function () {
    if (!pkg) return;
    refresh();
    window.print();
  });

  window.addEventListener('storage', function (e) {
    if (pkg && e.key === P.PREFIX + pkg.id) {
      pkg = P.get(pkg.id);
      if (!pkg) {
        show(null);
        return;
      }
      fillForm();
      refresh();
    } else if (e.key && e.key.indexOf(P.PREFIX) === 0) {
      renderSelect();
    }
  });

  window.addEventListener('hashchange', function () { route(); });

  function route() {
    var hash = params(location.hash);
    var query = params(location.search);
    if (hash['package'] && P.get(hash['package'])) {
      if (!pkg || pkg.id !== hash['package']) show(hash['package']);
    } else if (Object.prototype.hasOwnProperty.call(hash, 'new')) {
      start(hash);
    } else if (Object.prototype.hasOwnProperty.call(query, 'new')) {
      start(query);
    } else {
      var last = P.current();
      show(last ? last.id : null);
    }
  }

  if (!P.available) {
    say('このブラウザでは申請パッケージを保存できません(保存領域が使えません)。チェックリストは各ページから印刷してください。');
    app.hidden = false;
    form.hidden = true;
    progress.hidden = true;
    return;
  }
  app.hidden = false;
  route();
})();
