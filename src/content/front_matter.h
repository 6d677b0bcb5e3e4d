#pragma once
// A page's YAML front matter: split from the Markdown body, parsed and checked against the schema.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "content/glossary.h"
#include "content/guide.h"
#include <memory>

namespace kijun {

/// Which layout renders a page.
enum class PageType { kStandard, kPage, kChecklist, kExample, kGuide, kGlossary };

std::string_view to_string(PageType t);

/// The facts an editor writes at the top of a page.
struct PageMeta {
  std::string title;           ///< required
  std::string number;          ///< section number as cited: "3.1", "6.4(1)"
  SourceLocation number_location;  ///< where `number` is written
  std::string id;              ///< the page's own requirement ID, e.g. CS-3.1
  SourceLocation id_location;  ///< where `id` is written
  std::optional<long> weight;  ///< explicit order; otherwise the file-name prefix decides
  PageType type = PageType::kStandard;
  std::string description;
  std::string slug;                ///< overrides the URL name derived from the file name
  SourceLocation slug_location;    ///< where `slug` is written
  std::vector<std::string> aliases;             ///< earlier URLs of the page (redirect pages are written there)
  std::vector<SourceLocation> alias_locations;  ///< where each alias is written
  nlohmann::ordered_json example;  ///< facts of a web-meeting example (type: example), else null
  SourceLocation example_location;
  std::shared_ptr<const Guide> guide;  ///< questions and results of a guide (type: guide), else null
  std::shared_ptr<const Glossary> glossary;  ///< entries of the 用語集 (type: glossary), else null
};

/// Every key the front matter may hold.
const std::vector<std::string>& front_matter_keys();

/// The result of reading one Markdown file.
struct SourceFile {
  PageMeta meta;
  std::string_view body;  ///< the Markdown after the closing `---`
  int body_first_line = 1;
};

/// Splits and parses `text` (the whole file). `example_keys` are the facts an `example:` map may
/// hold (from the site settings), in display order. Reports every problem; nullopt when the page is unusable.
std::optional<SourceFile> parse_source_file(const std::string& path, std::string_view text, Diagnostics& diags,
                                            const std::vector<std::string>& example_keys = {});

}  // namespace kijun
