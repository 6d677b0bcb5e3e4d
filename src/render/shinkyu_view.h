#pragma once
// The 新旧対照表 as the site shows it (a page per comparison, printable on A4 landscape), as CSV,
// and as the terminal and JSON output of `kijun diff`.

#include <string>

#include <kainjow/mustache.hpp>

#include "content/edition_record.h"
#include "render/page_view.h"
#include "requirements/edition_diff.h"

namespace kijun {

/// One comparison the site publishes: its editions, its page and its CSV.
struct Comparison {
  EditionDiff diff;
  std::string url;      ///< shinkyu/1.1-1.2.html
  std::string csv_url;  ///< shinkyu/1.1-1.2.csv
  std::string print_css_url;  ///< shinkyu/1.1-1.2.print.css: A4 landscape with the running header
  std::string effective;      ///< 施行日 of the newer edition in 和暦 ("" for an unpublished draft)
  std::string effective_iso;
  bool draft = false;  ///< the working text against the last published edition
};

/// "shinkyu/1.1-1.2.html" (`to_slug` "draft" for the working text).
std::string shinkyu_url(const std::string& from_slug, const std::string& to_slug);

/// "新旧対照表(第1.1版 → 第1.2版)".
std::string shinkyu_title(const EditionDiff& diff);

/// The page of one comparison; `new_first` puts 改正後 left of 改正前.
kainjow::mustache::data shinkyu_view(const SiteModel& site, const Comparison& c, bool new_first);

/// The print style sheet of one comparison: A4 landscape, the standard's name, both editions and
/// the 施行日 in the running header (a file, since the pages' Content-Security-Policy forbids
/// inline styles).
std::string shinkyu_print_css(const std::string& standard_title, const Comparison& c);

/// The comparison as CSV (UTF-8 with BOM, CRLF): ID, 備考, both sides' citation, place and text,
/// and the changed runs of each side.
std::string shinkyu_csv(const EditionDiff& diff);

/// The comparison for a terminal: changed runs as [-削除-] and {+追加+}.
std::string shinkyu_text(const EditionDiff& diff);

/// The comparison as JSON: rows with both sides' spans.
std::string shinkyu_json(const EditionDiff& diff);

/// The text of one side with its changed runs marked: `open` and `close` around each.
std::string marked_text(const DiffSide& side, const std::string& open, const std::string& close);

}  // namespace kijun
