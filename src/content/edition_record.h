#pragma once
// Published editions: frozen, self-contained records of the standard as it was published
// (editions/<number>.yaml), read without git history or network.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/japanese_date.h"

namespace kijun {

/// One page of an edition, in reading order.
struct EditionPage {
  std::string url;     ///< site-relative, e.g. important/selection.html
  std::string number;  ///< "3.1" ("" for pages without a number)
  std::string title;
  std::string id;  ///< the page's own requirement ID, or ""
};

/// One provision as published.
struct EditionProvision {
  int order = 0;           ///< 1-based position in the edition
  std::string id;          ///< CS-3.1-8-3
  std::string citation;    ///< 3.1(8)③
  std::string enumerator;  ///< ③, (8), (ア), ・ or ""
  std::string parent;      ///< the enclosing provision's ID, or ""
  bool heading = false;    ///< a page or heading provision
  std::string text;        ///< its text (headings: the heading line)
  std::string body;        ///< headings: the text under the heading that no provision holds
  std::string page;        ///< URL of its page

  /// What a comparison compares: the text, and for headings the body under it as well.
  std::string compared_text() const { return body.empty() ? text : text + "\n" + body; }
};

/// A published edition.
struct EditionRecord {
  std::string file;          ///< project-relative path of the record
  std::string name;          ///< 第1.1版
  Date effective;            ///< 施行日
  std::optional<Date> decided;   ///< 決裁日 (nullopt: not known)
  std::optional<Date> notified;  ///< 通知日 (nullopt: not known)
  std::string reason;            ///< 改定理由・内容
  std::string title, organisation;
  bool has_text = false;  ///< false when only the history entry is known (no provisions)
  std::vector<EditionPage> pages;
  std::vector<EditionProvision> provisions;

  /// "1.1" from 第1.1版: the record's file name and its folder under editions/ in the site.
  std::string slug() const;
  /// 改訂履歴 text: the reason with the known dates, e.g. "…の改定に伴う改定(令和7年3月3日決裁、3月17日通知)".
  std::string history_text() const;
  const EditionProvision* find(const std::string& id) const;
  const EditionPage* page(const std::string& url) const;
};

/// Folder of the records, relative to the project.
inline constexpr const char* kEditionsDir = "editions";

/// "第1.2版" -> "1.2"; "" when the name is not 第<number>版.
std::string edition_slug(const std::string& name);

/// Reads every editions/*.yaml (`editions_dir` relative to `project_root`), oldest 施行日 first.
/// A missing folder is no edition at all. Problems are reported (KJ6xx); bad records are left out.
std::vector<EditionRecord> load_editions(const std::string& project_root, const std::string& editions_dir,
                                         Diagnostics& diags);

/// Parses one record; `path` is used in diagnostics. A record in the shape that
/// edition_record_yaml writes is read quickly (published_record.h), any other by yaml-cpp.
std::optional<EditionRecord> parse_edition_record(const std::string& path, const std::string& text,
                                                  Diagnostics& diags);
/// The same, always by yaml-cpp: the reading that every record gets when it is not in the
/// published shape, and that the quick reading must agree with.
std::optional<EditionRecord> parse_edition_record_yaml(const std::string& path, const std::string& text,
                                                       Diagnostics& diags);

/// The record as JSON (the site's editions/<number>.json), with the same fields as the YAML.
std::string edition_record_json(const EditionRecord& record);

/// The record as YAML: dates in ISO and in 和暦, one provision per line.
std::string edition_record_yaml(const EditionRecord& record);

}  // namespace kijun
