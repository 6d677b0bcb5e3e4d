#pragma once
// Checklist pages (type: checklist): numbered items built from GFM task items, with each item that
// is a reference showing the provision's own wording, ID and citation; and their CSV exports.
//
// A checklist page holds an introduction (paragraphs before the first heading), headings that
// group the items, and task items:
//   - [ ] [[CS-3.3-1-a-1]]            the provision's own wording, ID and citation
//   - [ ] 自由な文 [[CS-6.2-2-1]]      free text, naming the provisions it stands for
//   - [ ] 自由な文                    free text without a provision
// Items under a heading whose text contains 「記入欄」 form a fill-in form (a field to write in
// instead of the はい・いいえ・該当なし answers).

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "render/page_view.h"

namespace kijun {

/// One row of a checklist.
struct ChecklistItem {
  int number = 0;                            ///< 1-based, running through the whole checklist
  std::string key;                           ///< stable storage key: the provision's ID, else a hash of the text
  std::vector<const Provision*> provisions;  ///< the provisions the item names, in order
  std::vector<std::string> missing;          ///< referenced IDs that do not exist
  bool transcluded = false;                  ///< the wording comes from the provisions (`- [ ] [[ID]]`)
  std::string lead;                          ///< a heading provision's title, shown above the text ("" if none)
  std::string text;                          ///< the wording to confirm
  std::string detail;                        ///< the provision's further explanation ("" if none)
  bool form = false;                         ///< a field to fill in rather than a yes/no answer
  SourceLocation where;
};

/// The items under one heading (or before the first heading, with an empty title).
struct ChecklistGroup {
  std::string title;
  std::string anchor;  ///< the heading's anchor on the page ("" before the first heading)
  bool form = false;   ///< a fill-in form: the heading contains 「記入欄」
  std::vector<ChecklistItem> items;
};

/// A whole checklist page, resolved against the registry.
struct Checklist {
  std::string title;
  std::vector<std::string> intro;  ///< paragraphs before the first heading
  std::vector<ChecklistGroup> groups;
  std::vector<int> source_pages;  ///< pages of the standard its items cite, in order of first use
  int item_count = 0;
  int answer_count = 0;  ///< items answered はい・いいえ・該当なし
  int field_count = 0;   ///< fields to fill in
};

/// Builds the checklist of page `page`. Reports checklist problems (no items, an item ticked in the
/// source, a provision listed twice); unknown IDs are reported by the registry and kept as `missing`.
Checklist build_checklist(const SiteModel& site, int page, Diagnostics& diags);

/// The wording of a provision as a checklist shows it: {lead, text, detail}. The enumerator is left
/// out (the citation names it); an explanation whose parenthesis is closed only inside a nested
/// provision (「(例:…」 followed by (ア)(イ)) is left out of `detail`.
struct ProvisionWording {
  std::string lead, text, detail;
};
ProvisionWording provision_wording(const Provision& p);

/// Where a checklist's view is shown: on its own page (the defaults), or inside another page (the
/// application package, which holds every checklist): links relative to that page, and every id and
/// input name of the checklist prefixed so that several checklists share the page.
struct ChecklistViewOptions {
  std::string from_url;   ///< the URL of the page showing it ("" = the checklist's own page)
  std::string id_prefix;  ///< prefix of its element ids and input names ("" on its own page)
};

/// View data for checklist `checklist` of page `page`, set as `checklist` in the page's view.
/// Items that name a 台帳 item of 5.2 carry the package record field they show (`ledger`).
kainjow::mustache::data checklist_view(const SiteModel& site, int page, const Checklist& checklist,
                                       const ChecklistViewOptions& options = {});

/// The CSV (UTF-8 with BOM, RFC 4180, CRLF) of one checklist.
std::string checklist_csv(const SiteModel& site, const Checklist& checklist);

/// The URL of a checklist's CSV: the page's URL with .csv instead of .html.
std::string checklist_csv_url(const std::string& page_url);

}  // namespace kijun
