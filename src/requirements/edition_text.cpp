#include "requirements/edition_text.h"

#include "base/parallel.h"

namespace kijun {

EditionRecord working_edition(const ContentLibrary& lib, const RequirementRegistry& registry) {
  EditionRecord r;
  r.name = lib.config.edition;
  if (auto d = parse_iso_date(lib.config.effective_date_iso)) r.effective = *d;
  r.title = lib.config.title;
  r.organisation = lib.config.organisation;
  r.has_text = true;
  for (int pi : lib.reading_order) {
    const Page& p = lib.pages[pi];
    if (p.meta.id.empty()) continue;
    r.pages.push_back({p.url, p.meta.number, p.meta.title, p.meta.id});
  }
  // Every provision's texts are copied: on every core.
  const std::vector<Provision>& all = registry.all();
  r.provisions.resize(all.size());
  parallel_for(all.size(), [&](std::size_t i) {
    const Provision& p = all[i];
    EditionProvision& e = r.provisions[i];
    e.order = static_cast<int>(i) + 1;
    e.id = p.id;
    e.citation = p.citation;
    e.enumerator = p.enumerator;
    e.parent = p.parent;
    e.heading = p.is_heading;
    e.text = p.is_heading ? p.text : p.full_text;
    if (p.is_heading) e.body = p.body_text;
    e.page = p.url;
  });
  return r;
}

}  // namespace kijun
