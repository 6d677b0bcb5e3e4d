#pragma once
// Editions on the site: which edition the site names, the 改訂履歴, the comparisons it publishes,
// the 「第1.2版で改正」 badges, and the archived text of earlier editions under editions/<number>/.

#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "content/edition_record.h"
#include "render/page_view.h"
#include "render/shinkyu_view.h"

namespace kijun {

/// A badge on a changed provision: 「第1.2版で改正」 linking to its row of the 新旧対照表.
struct AmendmentBadge {
  std::string label;
  std::string href;  ///< site-relative, with the row's anchor
};

/// Everything the site shows about editions.
struct EditionSite {
  std::vector<EditionRecord> records;  ///< published editions, oldest first
  EditionRecord working;               ///< content/ as an edition (see plan_editions)
  std::string shown_name;              ///< the edition the site names (the last published one in a draft)
  std::string shown_effective, shown_effective_iso;
  bool draft = false;
  std::vector<Comparison> comparisons;  ///< each published pair in the order of the records, then the draft
  std::map<std::string, std::vector<AmendmentBadge>> badges;  ///< by requirement ID of the working text
  std::vector<std::size_t> archived;  ///< records whose text the site keeps under editions/<number>/

  /// The comparison of the working text with the last published edition, or null when they agree.
  const Comparison* draft_comparison() const;
};

/// Decides what the site shows from the records and the working text. `working` is filled when
/// the site compares it with a published edition (the last record has its text), or always with
/// `with_working` (the edition commands publish it); a build without a published text does not
/// need content/ as an edition.
EditionSite plan_editions(const ContentLibrary& lib, const RequirementRegistry& registry,
                          std::vector<EditionRecord> records, bool with_working = false);

/// 改訂履歴: one row a published edition (施行日, 版番号, 改定理由・内容, link to its 新旧対照表).
kainjow::mustache::data history_view(const EditionSite& es, const std::string& from_url);

/// "editions/1.1/" + page URL.
std::string archived_url(const EditionRecord& r, const std::string& page_url);

/// The pages of an archived edition: its index, then one page per page of the edition.
struct ArchivedPage {
  std::string url;
  kainjow::mustache::data view;
};
std::vector<ArchivedPage> archived_pages(const SiteModel& site, const EditionRecord& r);

}  // namespace kijun
