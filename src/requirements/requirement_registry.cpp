#include "requirements/requirement_registry.h"

#include <mutex>

#include "base/parallel.h"
#include "base/suggest.h"
#include "base/utf8.h"

namespace kijun {

std::string leading_enumerator(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  std::size_t start = i;
  if (i >= text.size()) return "";
  char32_t first = utf8::next(text, i);
  if (first == U'・' || (first >= U'①' && first <= U'⑳')) return std::string(text.substr(start, i - start));
  if (first != U'(' && first != U'（') return "";
  std::size_t inner_start = i;
  std::u32string inner;
  while (i < text.size() && inner.size() <= 3) {
    std::size_t before = i;
    char32_t c = utf8::next(text, i);
    if (c == U')' || c == U'）') {
      bool digits = !inner.empty(), kana = inner.size() == 1 && inner[0] >= U'ァ' && inner[0] <= U'ヶ';
      for (char32_t d : inner) digits = digits && d >= U'0' && d <= U'9';
      if (!digits && !kana) return "";
      return "(" + std::string(text.substr(inner_start, before - inner_start)) + ")";
    }
    inner += c;
  }
  return "";
}

std::string citation_label(const std::string& section_number, const std::vector<std::string>& enumerators,
                           int bullet_ordinal) {
  std::string out = section_number;
  for (std::size_t k = 0; k < enumerators.size(); ++k) {
    out += enumerators[k];
    if (enumerators[k] == "・" && k + 1 == enumerators.size()) out += std::to_string(bullet_ordinal);
  }
  return out;
}

const Provision* RequirementRegistry::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &provisions_[it->second];
}

const Provision* RequirementRegistry::at(int page, int marker) const {
  auto it = by_place_.find(place_key(page, marker));
  return it == by_place_.end() ? nullptr : &provisions_[it->second];
}

bool RequirementRegistry::unavailable(const std::string& id) const {
  for (const auto& u : unavailable_)
    for (const auto& own : u.ids)
      if (id == own || (id.size() > own.size() && id.starts_with(own) && id[own.size()] == '-')) return true;
  return false;
}

RequirementRegistry RequirementRegistry::build(ContentLibrary& lib, Diagnostics& diags) {
  RequirementRegistry reg;
  reg.unavailable_ = lib.unavailable;
  const std::vector<int>& order = lib.reading_order;

  // Each page's provisions as written (its own ID, then its markers), made on every core; they are
  // defined in reading order below. A marker's texts come with the labels further down.
  std::vector<std::vector<Provision>> made(order.size());
  parallel_for(order.size(), [&](std::size_t k) {
    const int pi = order[k];
    const Page& page = lib.pages[pi];
    std::string page_parent;
    for (int a = page.parent; a >= 0; a = lib.pages[a].parent)
      if (!lib.pages[a].meta.id.empty()) {
        page_parent = lib.pages[a].meta.id;
        break;
      }
    const auto& markers = page.doc->markers;
    std::vector<Provision>& out = made[k];
    out.reserve(markers.size() + 1);
    if (!page.meta.id.empty()) {
      Provision& p = out.emplace_back();
      p.id = page.meta.id;
      p.where = page.meta.id_location;
      p.page = pi;
      p.parent = page_parent;
      p.text = p.full_text = page.meta.title;
      p.url = page.url;
      p.is_heading = true;
    }
    for (int mi = 0; mi < static_cast<int>(markers.size()); ++mi) {
      const Marker& m = markers[mi];
      Provision& p = out.emplace_back();
      p.id = m.id;
      p.where = m.where;
      p.page = pi;
      p.marker = mi;
      p.parent = m.parent >= 0 ? markers[m.parent].id : (page.meta.id.empty() ? page_parent : page.meta.id);
      p.enumerator = leading_enumerator(m.text);
      p.url = page.url;
      p.anchor = m.id;
      p.is_heading = m.block == MarkerBlock::kHeading;
    }
  });

  std::unordered_map<std::string, std::string> section_number;  // page-level IDs -> their number
  std::size_t count = 0;
  for (const auto& page_provisions : made) count += page_provisions.size();
  reg.provisions_.reserve(count);
  reg.by_id_.reserve(count);
  reg.by_place_.reserve(count);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Page& page = lib.pages[order[k]];
    for (Provision& p : made[k]) {
      if (p.marker < 0) {
        if (!is_requirement_id(p.id)) diags.error(page.meta.id_location, malformed_id_message(p.id));
        section_number[p.id] = page.meta.number;
      }
      const auto [it, fresh] = reg.by_id_.emplace(p.id, reg.provisions_.size());
      if (!fresh) {
        const SourceLocation& first = reg.provisions_[it->second].where;
        const std::string first_at = first.path + ":" + std::to_string(first.line) + ":" + std::to_string(first.column);
        diags.error(p.where, Message{"KJ201", "要件ID「" + p.id + "」が重複しています（最初は " + first_at + "）",
                                     "duplicate requirement ID '" + p.id + "' (first defined at " + first_at + ")"});
        continue;
      }
      reg.by_place_[place_key(p.page, p.marker)] = reg.provisions_.size();
      reg.provisions_.push_back(std::move(p));
    }
    made[k] = {};
  }

  // Citation labels: the nearest section number above, then each enumerator on the way down. The
  // ordinals of the ・ bullets count in order; the labels are then made on every core.
  std::vector<int> ordinal(reg.provisions_.size(), 0);
  {
    std::unordered_map<std::string, int> bullets_seen;  // parent ID -> number of ・ bullets so far
    for (std::size_t i = 0; i < reg.provisions_.size(); ++i)
      if (reg.provisions_[i].enumerator == "・") ordinal[i] = ++bullets_seen[reg.provisions_[i].parent];
  }
  parallel_for(reg.provisions_.size(), [&](std::size_t i) {
    Provision& p = reg.provisions_[i];
    std::vector<std::string> enumerators;
    std::string number;
    for (const Provision* q = &p; q;) {
      if (auto s = section_number.find(q->id); s != section_number.end() && !s->second.empty()) {
        number = s->second;
        break;
      }
      if (!q->enumerator.empty()) enumerators.insert(enumerators.begin(), q->enumerator);
      q = q->parent.empty() ? nullptr : reg.find(q->parent);
    }
    p.citation = citation_label(number, enumerators, ordinal[i]);
    if (p.citation.empty()) p.citation = p.id;
  });

  // References without their own text read as the citation; provision texts follow suit. Each
  // page's tree and provisions are its own: on every core.
  parallel_for(order.size(), [&](std::size_t k) {
    const int pi = order[k];
    MarkdownDocument& doc = *lib.pages[pi].doc;
    doc.label_references([&](const Reference& r) {
      const Provision* target = reg.find(r.target);
      return target ? target->citation : r.target;
    });
    for (int mi = 0; mi < static_cast<int>(doc.markers.size()); ++mi)
      if (auto it = reg.by_place_.find(place_key(pi, mi)); it != reg.by_place_.end()) {
        reg.provisions_[it->second].text = doc.markers[mi].text;
        reg.provisions_[it->second].full_text = doc.markers[mi].full_text;
        reg.provisions_[it->second].body_text = doc.markers[mi].body_text;
      }
    if (auto it = reg.by_place_.find(place_key(pi, -1)); it != reg.by_place_.end())
      reg.provisions_[it->second].body_text = doc.intro_text;
  });

  // Resolve references, remembering where each provision is referenced from: each page's on every
  // core, then taken in reading order (the sites and the messages come in that order).
  struct Resolved {
    std::vector<std::pair<std::size_t, ReferenceSite>> sites;  // provision index, site
    Diagnostics diags;
  };
  std::vector<Resolved> resolved(order.size());
  std::vector<std::string> ids;  // for the suggestions of an unknown ID, made at the first
  std::once_flag ids_made;
  parallel_for(order.size(), [&](std::size_t k) {
    const int pi = order[k];
    const Page& page = lib.pages[pi];
    const auto& refs = page.doc->references;
    Resolved& out = resolved[k];
    // On a checklist page each task item is a numbered row with the anchor item-N.
    std::map<int, int> row_of_reference;
    if (page.meta.type == PageType::kChecklist)
      for (std::size_t t = 0; t < page.doc->tasks.size(); ++t)
        for (int ri : page.doc->tasks[t].references) row_of_reference[ri] = static_cast<int>(t) + 1;
    for (int ri = 0; ri < static_cast<int>(refs.size()); ++ri) {
      const Reference& r = refs[ri];
      if (r.external_document || !is_requirement_id(r.target)) continue;
      auto it = reg.by_id_.find(r.target);
      if (it == reg.by_id_.end() && reg.unavailable(r.target)) {
        out.diags.add_unchecked_reference();
        continue;
      }
      if (it == reg.by_id_.end()) {
        std::call_once(ids_made, [&] {
          for (const auto& p : reg.provisions_) ids.push_back(p.id);
        });
        out.diags.error(r.where, Message{"KJ203", "要件ID「" + r.target + "」はどこにもありません" + did_you_mean_ja(r.target, ids),
                                         "unknown requirement ID '" + r.target + "'" + did_you_mean(r.target, ids)});
        continue;
      }
      ReferenceSite site;
      site.page = pi;
      site.reference = ri;
      if (r.enclosing_marker >= 0)
        site.from_id = site.anchor = page.doc->markers[r.enclosing_marker].id;
      else
        site.from_id = page.meta.id;
      if (auto row = row_of_reference.find(ri); row != row_of_reference.end()) {
        site.checklist_item = row->second;
        site.anchor = "item-" + std::to_string(row->second);
      }
      out.sites.emplace_back(it->second, std::move(site));
    }
  });
  for (Resolved& r : resolved) {
    diags.merge(std::move(r.diags));
    for (auto& [i, site] : r.sites) reg.provisions_[i].referenced_from.push_back(std::move(site));
  }
  return reg;
}

}  // namespace kijun
