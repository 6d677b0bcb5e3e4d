#include "requirements/edition_diff.h"

#include <map>

#include <dtl/dtl.hpp>

#include "base/utf8.h"

namespace kijun {

namespace {

std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t next = utf8::decode(s, i, cp);
    out.push_back(s.substr(i, next - i));
    i = next;
  }
  return out;
}

void append(std::vector<DiffSpan>& spans, const std::string& ch, bool changed) {
  if (!spans.empty() && spans.back().changed == changed)
    spans.back().text += ch;
  else
    spans.push_back({ch, changed});
}

// The text a row compares, without the enumerator that the row shows on its own.
std::string compared(const EditionProvision& p) {
  std::string_view t = p.text;
  if (!p.enumerator.empty() && t.substr(0, p.enumerator.size()) == p.enumerator) t.remove_prefix(p.enumerator.size());
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string s(t);
  return p.body.empty() ? s : s + "\n" + p.body;
}

std::string place_of(const EditionRecord& r, const std::string& url) {
  const EditionPage* pg = r.page(url);
  if (!pg) return url;
  return pg->number.empty() ? pg->title : pg->number + " " + pg->title;
}

DiffSide side(const EditionRecord& r, const EditionProvision& p) {
  DiffSide s;
  s.present = true;
  s.citation = p.citation;
  s.enumerator = p.enumerator;
  s.place = place_of(r, p.page);
  s.page_url = p.page;
  return s;
}

}  // namespace

const char* change_label(ChangeKind k) {
  switch (k) {
    case ChangeKind::kAmended: return "改正";
    case ChangeKind::kAdded: return "新設";
    case ChangeKind::kDeleted: return "削除";
    case ChangeKind::kMoved: return "移動";
    case ChangeKind::kRenumbered: return "番号変更";
  }
  return "";
}

std::string DiffRow::remarks() const {
  std::string s;
  for (auto k : kinds) s += (s.empty() ? "" : "・") + std::string(change_label(k));
  return s;
}

std::pair<std::vector<DiffSpan>, std::vector<DiffSpan>> diff_text(const std::string& before,
                                                                  const std::string& after) {
  const auto a = code_points(before), b = code_points(after);
  dtl::Diff<std::string, std::vector<std::string>> d(a, b);
  d.compose();
  struct Op {
    std::string ch;
    dtl::edit_t type;
  };
  std::vector<Op> ops;
  for (const auto& [ch, info] : d.getSes().getSequence()) ops.push_back({ch, info.type});
  // A lone shared character between two changes is part of the change.
  std::vector<Op> merged;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    bool lone = ops[i].type == dtl::SES_COMMON && i > 0 && i + 1 < ops.size() && ops[i - 1].type != dtl::SES_COMMON &&
                ops[i + 1].type != dtl::SES_COMMON && ops[i].ch != "\n";
    if (lone) {
      merged.push_back({ops[i].ch, dtl::SES_DELETE});
      merged.push_back({ops[i].ch, dtl::SES_ADD});
    } else {
      merged.push_back(ops[i]);
    }
  }
  std::vector<DiffSpan> old_spans, new_spans;
  for (const auto& op : merged) {
    if (op.type != dtl::SES_ADD) append(old_spans, op.ch, op.type == dtl::SES_DELETE);
    if (op.type != dtl::SES_DELETE) append(new_spans, op.ch, op.type == dtl::SES_ADD);
  }
  return {old_spans, new_spans};
}

EditionDiff diff_editions(const EditionRecord& before, const EditionRecord& after) {
  EditionDiff out;
  out.from = before.name;
  out.to = after.name;
  // Deleted provisions stand after the nearest earlier provision that both editions have.
  std::map<int, std::vector<const EditionProvision*>> deleted_after;  // index into after.provisions (-1: first)
  std::map<std::string, int> after_index;
  for (std::size_t i = 0; i < after.provisions.size(); ++i) after_index[after.provisions[i].id] = static_cast<int>(i);
  int anchor = -1;
  for (const auto& p : before.provisions) {
    auto it = after_index.find(p.id);
    if (it != after_index.end())
      anchor = it->second;
    else
      deleted_after[anchor].push_back(&p);
  }

  bool pending_gap = false;
  auto emit = [&](DiffRow row) {
    row.omitted_before = pending_gap;
    pending_gap = false;
    out.rows.push_back(std::move(row));
  };
  auto emit_deleted = [&](int at) {
    auto it = deleted_after.find(at);
    if (it == deleted_after.end()) return;
    for (const EditionProvision* p : it->second) {
      DiffRow row;
      row.id = p->id;
      row.kinds = {ChangeKind::kDeleted};
      row.before = side(before, *p);
      row.before.spans = {{compared(*p), true}};
      emit(std::move(row));
    }
  };
  emit_deleted(-1);
  for (std::size_t i = 0; i < after.provisions.size(); ++i) {
    const EditionProvision& p = after.provisions[i];
    const EditionProvision* old = before.find(p.id);
    DiffRow row;
    row.id = p.id;
    row.after = side(after, p);
    if (!old) {
      row.kinds = {ChangeKind::kAdded};
      row.after.spans = {{compared(p), true}};
      emit(std::move(row));
    } else {
      row.before = side(before, *old);
      const std::string a = compared(*old), b = compared(p);
      if (a != b) {
        row.kinds.push_back(ChangeKind::kAmended);
        std::tie(row.before.spans, row.after.spans) = diff_text(a, b);
      } else {
        row.before.spans = row.after.spans = {{a, false}};
      }
      if (old->page != p.page) row.kinds.push_back(ChangeKind::kMoved);
      if (old->enumerator != p.enumerator) {
        row.kinds.push_back(ChangeKind::kRenumbered);
        row.before.enumerator_changed = row.after.enumerator_changed = true;
      }
      if (row.kinds.empty())
        pending_gap = true;
      else
        emit(std::move(row));
    }
    emit_deleted(static_cast<int>(i));
  }
  out.omitted_after = pending_gap;
  return out;
}

}  // namespace kijun
