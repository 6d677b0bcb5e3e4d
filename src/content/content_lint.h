#pragma once
// The lint pass: mistakes that the parser accepts and the site would show in silence — full-width
// markers and references, provisions without an ID, IDs that contradict their enumerator or their
// page's number, ordered lists, spaces between Japanese characters, checklist paragraphs that a
// checklist drops, full-width-space indentation, NUL bytes, file names a URL cannot carry.
//
// "The standard's pages" are the pages of type standard (the default): the text of the standard
// itself. Checklists, examples, the guide and plain pages (type page) are explanations and may
// use enumerators, `・` and ordered lists freely.

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "content/content_library.h"
#include "content/edition_record.h"
#include "requirements/requirement_registry.h"

struct cmark_node;

namespace kijun {

/// Every folder and `.md` / `.yaml` file under `content_dir`: names that are not UTF-8 (KJ335) or
/// that a URL cannot carry (KJ336), and NUL bytes in files (KJ334). Errors. `read_without_nul`
/// (may be empty) is true for a file (path relative to content_dir) just read and found without a
/// NUL byte (ContentLibrary::read_without_nul), which is not read again.
void lint_content_files(const std::string& project_root, const std::string& content_dir, Diagnostics& diags,
                        const std::function<bool(const std::string& rel)>& read_without_nul = {});

/// A page's body as the lint pass reads it: its text as written and where it is.
struct BodyToLint {
  const std::string& source_path;
  std::string_view body;
  int body_first_line = 1;
  const PageMeta& meta;
};

/// The messages on one body (they depend on its text and front matter alone), from cmark-gfm's
/// tree of `body.body` as parsed (MarkdownDocument::parse's `inspect`).
Diagnostics lint_body(const BodyToLint& body, cmark_node* root);

/// The bodies of the loaded pages and their provisions. `records` are the published editions:
/// an ID they hold keeps its last part and section whatever renumbering an amendment makes, so
/// KJ212/KJ213 look only at IDs that no edition has published.
void lint_pages(const ContentLibrary& lib, const RequirementRegistry& registry,
                const std::vector<EditionRecord>& records, Diagnostics& diags);

/// The last part an ID gets from an enumerator: "(8)" -> "8", "③" -> "3", "(ア)" -> "a"; a `・`
/// bullet gets its ordinal. "" when the enumerator gives none (a heading, an unknown kana).
std::string id_part_of_enumerator(const std::string& enumerator, int bullet_ordinal);

/// True for the characters between which Japanese text has no spaces: hiragana, katakana
/// (with ー), kanji (with 々 〆).
bool is_japanese_letter(char32_t c);

/// `s` with full-width ASCII (｛＃ＣＳ－３［］｜) made half-width: the form an editor meant.
std::string half_width(std::string_view s);

}  // namespace kijun
