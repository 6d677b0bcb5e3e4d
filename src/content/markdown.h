#pragma once
// Markdown through cmark-gfm: parse once (collecting headings, requirement markers, references,
// task items and links), resolve elsewhere, then render HTML with the resolved facts.

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

struct cmark_node;
struct cmark_parser;

namespace kijun {

struct MarkdownOptions {
  bool unsafe_html = false;  ///< let raw HTML through; otherwise it is shown as text, with a warning
};

/// What kind of block carries a requirement marker.
enum class MarkerBlock { kHeading, kItem, kParagraph };

/// A `{#ID}` requirement definition found in the text.
struct Marker {
  std::string id;
  SourceLocation where;
  MarkerBlock block = MarkerBlock::kParagraph;
  int heading_level = 0;          ///< for headings
  int parent = -1;                ///< index of the enclosing marker in this document, or -1
  std::string text;               ///< plain text of the first line/paragraph, marker removed
  std::string full_text;          ///< plain text of all its own content, without nested provisions
  std::string body_text;          ///< headings: the text under the heading that no provision holds
  cmark_node* wrapper = nullptr;  ///< custom block that renders the provision's container
};

/// A `[[ID]]`, `[[ID|text]]` or `[[doc:title]]` found in the text.
struct Reference {
  std::string target;               ///< requirement ID, or the document title for doc:
  std::optional<std::string> text;  ///< explicit link text
  bool external_document = false;
  SourceLocation where;
  int enclosing_marker = -1;         ///< the provision it stands in, or -1
  cmark_node* node = nullptr;        ///< inline HTML node with the opening tag
  cmark_node* label_node = nullptr;  ///< its text
  cmark_node* close_node = nullptr;  ///< inline HTML node with the closing tag
};

/// A heading with its anchor, for the table of contents.
struct Heading {
  int level = 2;
  std::string text;
  std::string anchor;
  int marker = -1;  ///< index into markers when the heading defines a provision
  cmark_node* node = nullptr;
};

/// A GFM task item (`- [ ] ...`).
struct TaskItem {
  bool checked = false;
  std::string text;
  SourceLocation where;
  std::vector<int> references;  ///< indexes into references
  std::string heading;          ///< the nearest heading above it
  int marker = -1;
  cmark_node* node = nullptr;  ///< the list item
};

/// A Markdown link whose destination names another Markdown file (`../x.md#frag`).
struct FileLink {
  std::string destination;
  SourceLocation where;
  cmark_node* node = nullptr;
};

/// How the resolved facts become HTML.
struct RenderHooks {
  /// Opening tag, closing tag and default text for a requirement reference.
  struct Link {
    std::string open, close, text;
  };
  std::function<Link(const Reference&)> reference;
  /// Opening and closing tag for a `[[doc:…]]` reference (its text stays the title); nullopt keeps
  /// the default <cite class="kj-doc">.
  std::function<std::optional<Link>(const Reference&)> document;
  /// HTML right after a provision's opening tag, and right before its end.
  std::function<std::string(const Marker&)> provision_open, provision_close;
  /// New href for a link to a Markdown file (nullopt keeps it).
  std::function<std::optional<std::string>(const FileLink&)> file_link;
};

/// A parsed Markdown body that keeps its syntax tree until rendered.
class MarkdownDocument {
 public:
  MarkdownDocument(MarkdownDocument&&) noexcept;
  MarkdownDocument& operator=(MarkdownDocument&&) noexcept;
  ~MarkdownDocument();

  std::vector<Marker> markers;
  std::vector<Reference> references;
  std::vector<Heading> headings;
  std::vector<TaskItem> tasks;
  std::vector<FileLink> file_links;
  std::string intro_text;  ///< plain text before the first heading that no provision holds

  /// Sets the text of every `[[ID]]` without explicit text (e.g. to its citation) and recomputes
  /// the provisions' plain texts accordingly.
  void label_references(const std::function<std::string(const Reference&)>& label);

  /// A piece of a text to wrap: bytes [begin, end) of one text node, and what it stands for.
  struct TextSpan {
    std::size_t begin = 0, end = 0;
    int key = -1;
  };
  /// The HTML around a wrapped span.
  struct SpanTags {
    std::string open, close;
  };
  /// Wraps the first span of each key in the body's text, in reading order, in the tags `tags`
  /// gives (the words themselves are not changed): for the glossary's terms. Spans come from
  /// `find`, called on each text node; text in headings, links, images, code and the text of
  /// references is left alone. Returns how many spans were wrapped. Call before render().
  int wrap_first_spans(const std::function<std::vector<TextSpan>(std::string_view)>& find,
                       const std::function<SpanTags(int key)>& tags);

  /// Renders the whole body. Call once all references are resolved.
  std::string render(const RenderHooks& hooks);

  /// Frees the syntax tree and the source text once the body is rendered; the markers,
  /// references, headings, tasks and texts above stay. render() and wrap_first_spans() may not
  /// be called after it (std::logic_error). A build releases each page as soon as it is rendered,
  /// so that memory holds the trees of the pages being rendered, not of the whole site.
  void release();
  bool released() const { return impl_ == nullptr; }
  /// True once wrap_first_spans() wrapped anything: rendering the tree again would wrap further
  /// spans, so a tree kept between builds (content/parse_cache.h) is parsed again instead.
  bool changed_for_good() const { return changed_for_good_; }

  /// Parses `body`, whose first line is line `first_line` of the file at `path`. `inspect`, if
  /// given, sees cmark-gfm's tree as parsed, before anything rewrites it (the lint pass reads it
  /// there instead of parsing the body again); not called for a tree refused as too deep (KJ902).
  static MarkdownDocument parse(const std::string& path, std::string_view body, int first_line,
                                const MarkdownOptions& options, Diagnostics& diags,
                                const std::function<void(cmark_node* root)>& inspect = {});

 private:
  MarkdownDocument();
  void refresh_texts();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool changed_for_good_ = false;
};

/// True when `id` follows the requirement-ID grammar, e.g. CS-3.1-8-3.
bool is_requirement_id(std::string_view id);

/// The longest explicit heading anchor, and the deepest nesting of blocks and inlines a page may have.
inline constexpr std::size_t kMaxAnchorLength = 64;
inline constexpr int kMaxNesting = 100;

/// True when `id` may be written as a heading's own anchor `{#id}`: a lower-case ASCII letter, then
/// lower-case letters, digits, '-', '_' and '.', at most kMaxAnchorLength characters.
bool is_plain_anchor(std::string_view id);

/// A `[[target]]` or `[[target|text]]` in a text: the bytes [begin, end) it occupies.
struct ReferenceMatch {
  std::size_t begin = 0, end = 0;
  std::string target;
  std::optional<std::string> text;
};

/// Every reference in `text`, left to right (target without '[', ']' or '|'; text without '[' or ']').
std::vector<ReferenceMatch> find_references(std::string_view text);

/// KJ202: `id` (in a marker, a reference or front matter) does not follow the requirement-ID grammar.
Message malformed_id_message(std::string_view id, bool in_reference = false);

/// Turns a heading's text into an anchor: Japanese kept, ASCII lower-cased, never empty or
/// number-only. `taken` lists anchors already used on the page; the result is added to it.
std::string make_anchor(std::string_view heading_text, std::set<std::string>& taken);

}  // namespace kijun
