#pragma once
// 用語集: the terms a newcomer meets in the standard (a page of type: glossary). Each entry is
// content, written in the page's `glossary:` front matter: the term, its reading (よみ, for the
// 五十音 order), other spellings that count as the same term, a short 解説, and optionally the
// provision that defines it. The build checks the entries (no term twice, no empty 解説, readings
// in hiragana) and finds the terms in the standard's text (TermMatcher).

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"

namespace kijun {

class YamlSource;

/// A `[[ID]]` written in an entry's 解説, located in the file.
struct GlossaryReference {
  std::string id;
  SourceLocation where;
};

struct GlossaryEntry {
  std::string term;
  SourceLocation where;  ///< where the entry (its `term:`) is written
  std::string reading;   ///< hiragana (and ー), e.g. じゅうようじょうほうしさん
  std::vector<std::string> also;  ///< other spellings of the same term, e.g. 最高情報セキュリティ責任者 for CISO
  std::string defined_in;         ///< requirement ID of the provision that defines the term, or ""
  SourceLocation defined_in_where;
  std::string explanation;  ///< 解説 (Markdown; may hold [[ID]] and [[doc:…]])
  SourceLocation explanation_where;
  std::vector<GlossaryReference> references;  ///< the [[ID]]s of the 解説 (not [[doc:…]])
  std::string anchor;                         ///< its anchor on the glossary page: term-…

  /// The term, then the other spellings.
  std::vector<std::string> spellings() const;
};

struct Glossary {
  std::string path;
  std::vector<GlossaryEntry> entries;  ///< in the order written
};

/// Reads the `glossary:` list of a page's front matter and checks every entry on its own and
/// against the others (KJ730–KJ737). Entries with errors are left out.
Glossary parse_glossary(const YamlSource& yaml, const YAML::Node& node, Diagnostics& diags);

/// The key that puts readings in 五十音 order: katakana as hiragana, small kana as large ones,
/// voiced and semi-voiced kana as plain ones, ー as the vowel before it. Ties are broken by the
/// reading itself (か before が).
std::u32string reading_sort_key(std::string_view reading);

/// The row (行) of the 五十音 table a reading starts in: "あ", "か", … "わ" ("" when it starts with
/// no kana).
std::string gojuon_row(std::string_view reading);

/// True when `a` comes before `b` in 五十音 order.
bool reading_before(std::string_view a, std::string_view b);

/// Finds the glossary's terms in a text: leftmost, and the longest spelling at a position
/// (重要情報資産 rather than 情報資産). A spelling that begins or ends with a Latin letter or digit
/// only matches where no Latin letter or digit stands next to it (SLA, not the SLA in SLAs).
class TermMatcher {
 public:
  struct Match {
    std::size_t begin = 0, end = 0;  ///< bytes [begin, end) of the text
    int entry = -1;                  ///< index into the glossary's entries
  };

  TermMatcher() = default;
  explicit TermMatcher(const Glossary& glossary);

  /// Every match in `text`, left to right, none overlapping.
  std::vector<Match> find_all(std::string_view text) const;
  bool empty() const { return spellings_.empty(); }

 private:
  struct Spelling {
    std::string text;
    int entry;
  };
  std::vector<Spelling> spellings_;             ///< longest first
  std::vector<std::vector<int>> by_first_byte_;  ///< 256 lists of indexes into spellings_
};

}  // namespace kijun
