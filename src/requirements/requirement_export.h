#pragma once
// requirements.json and requirements.csv: every provision with its citation, parent, page,
// text and references, for people who work in Excel or with scripts.

#include <string>
#include <string_view>

#include "content/content_library.h"
#include "requirements/requirement_registry.h"

namespace kijun {

/// The provisions as a JSON document (pretty-printed, UTF-8).
std::string requirements_json(const ContentLibrary& lib, const RequirementRegistry& registry);

/// The provisions as CSV in UTF-8 with a BOM (so Excel reads Japanese), RFC 4180 quoting, CRLF.
std::string requirements_csv(const ContentLibrary& lib, const RequirementRegistry& registry);

/// Quotes one CSV field when needed (comma, quote, CR or LF inside). A field that starts like a
/// spreadsheet formula (= + - @ tab CR, or full-width ＝ ＋ － ＠) is quoted with a leading
/// apostrophe (OWASP's advice against CSV injection), so Excel shows it as text.
std::string csv_field(const std::string& value);
/// The same, appended to `out`.
void append_csv_field(std::string& out, std::string_view value);

/// True when a spreadsheet would read `value` as the start of a formula.
bool starts_like_formula(std::string_view value);

}  // namespace kijun
