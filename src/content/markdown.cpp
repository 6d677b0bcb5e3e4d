#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

#include "base/html.h"
#include "base/url_policy.h"
#include "base/utf8.h"

namespace kijun {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

void ensure_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? s : "";
}

bool is_ascii_word_end(const std::string& s) {
  return !s.empty() && static_cast<unsigned char>(s.back()) < 0x80 && s.back() != ' ';
}

// Plain text of a subtree. Soft line breaks join Japanese lines without a space.
// Nodes in `skip` (nested provisions) are left out.
void append_plain(cmark_node* node, std::string& out, const std::set<cmark_node*>& skip) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    if (skip.count(c)) continue;
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* text = cmark_node_get_literal(c)) out += text;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        if (is_ascii_word_end(out)) out += ' ';
        break;
      case CMARK_NODE_HTML_INLINE: break;
      default:
        if ((cmark_node_get_type(c) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && !out.empty() &&
            out.back() != '\n')
          out += '\n';
        append_plain(c, out, skip);
    }
  }
}

// At most 40 characters of `s`, for messages that quote what an editor wrote.
std::string shorten(std::string_view s) {
  std::size_t i = 0;
  for (int n = 0; i < s.size() && n < 40; ++n) utf8::next(s, i);
  return std::string(s.substr(0, i)) + (i < s.size() ? "…" : "");
}

// `s` without the newlines and spaces at either end (a view into it).
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
  return s;
}

std::string trim(std::string_view s) { return std::string(trimmed(s)); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The scanners below replace regular expressions: each looks at every byte a bounded number of
// times, so a megabyte line costs a megabyte's work and no stack.

// A `{#id}` marker found in a text: the id, and the bytes [begin, end) it occupies with its blanks.
struct MarkerMatch {
  std::string id;
  std::size_t begin = 0, end = 0;
};

// `{#id}` at the very start of a text, then blanks. The id holds no '}' and no white space.
std::optional<MarkerMatch> leading_marker(const std::string& s) {
  if (s.compare(0, 2, "{#") != 0) return std::nullopt;
  std::size_t close = 2;
  while (close < s.size() && s[close] != '}' && !is_space(s[close])) ++close;
  if (close >= s.size() || s[close] != '}') return std::nullopt;
  std::size_t end = close + 1;
  while (end < s.size() && is_blank(s[end])) ++end;
  return MarkerMatch{s.substr(2, close - 2), 0, end};
}

// Blanks, `{#id}`, blanks at the very end of a text.
std::optional<MarkerMatch> trailing_marker(const std::string& s) {
  std::size_t end = s.size();
  while (end > 0 && is_blank(s[end - 1])) --end;
  if (end == 0 || s[end - 1] != '}') return std::nullopt;
  std::size_t close = end - 1, run = close;
  while (run > 0 && s[run - 1] != '}' && !is_space(s[run - 1])) --run;
  std::size_t open = s.find("{#", run);  // the leftmost opening in the run before the '}'
  if (open == std::string::npos || open + 2 > close) return std::nullopt;
  std::size_t begin = open;
  while (begin > 0 && is_blank(s[begin - 1])) --begin;
  return MarkerMatch{s.substr(open + 2, close - open - 2), begin, s.size()};
}

// The depth of the deepest node below `root`, walked without recursion; stops early past `limit`.
int tree_depth(cmark_node* root, int limit, cmark_node*& deepest) {
  int depth = 0, max_depth = 0;
  for (cmark_node* n = root;;) {
    if (cmark_node* c = cmark_node_first_child(n)) {
      n = c;
      if (++depth > max_depth) {
        max_depth = depth;
        deepest = n;
        if (max_depth > limit) return max_depth;
      }
      continue;
    }
    while (n != root && !cmark_node_next(n)) {
      n = cmark_node_parent(n);
      --depth;
    }
    if (n == root) return max_depth;
    n = cmark_node_next(n);
  }
}

}  // namespace

bool is_plain_anchor(std::string_view id) {
  if (id.empty() || id.size() > kMaxAnchorLength || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

std::vector<ReferenceMatch> find_references(std::string_view s) {
  std::vector<ReferenceMatch> out;
  for (std::size_t i = s.find("[["); i != std::string_view::npos; i = s.find("[[", i + 1)) {
    std::size_t j = i + 2;
    while (j < s.size() && s[j] != '[' && s[j] != ']' && s[j] != '|') ++j;
    ReferenceMatch m;
    m.begin = i;
    m.target = std::string(s.substr(i + 2, j - i - 2));
    if (j < s.size() && s[j] == '|') {
      std::size_t k = j + 1;
      while (k < s.size() && s[k] != '[' && s[k] != ']') ++k;
      m.text = std::string(s.substr(j + 1, k - j - 1));
      j = k;
    }
    if (s.substr(j, 2) != "]]") continue;
    m.end = j + 2;
    out.push_back(std::move(m));
    i = j + 1;  // the next search starts after the match
  }
  return out;
}

bool is_requirement_id(std::string_view id) {
  // [A-Z][A-Z0-9]*, then one or more "-seg(.seg)*" with segments of [A-Za-z0-9]+.
  if (id.empty() || id[0] < 'A' || id[0] > 'Z') return false;
  std::size_t i = 1;
  while (i < id.size() && ((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9'))) ++i;
  if (i == id.size() || id[i] != '-') return false;
  while (i < id.size()) {
    if (id[i] != '-' && id[i] != '.') return false;
    std::size_t seg = ++i;
    while (i < id.size() && is_alnum(id[i])) ++i;
    if (i == seg) return false;
  }
  return true;
}

Message malformed_id_message(std::string_view id, bool in_reference) {
  const std::string quoted(id);
  return {"KJ202",
          (in_reference ? "参照の" : "") + std::string("要件ID「") + quoted +
              "」の形が正しくありません。CS-3.1-8-3 のような形にしてください",
          "malformed requirement ID '" + quoted + "'" + (in_reference ? " in reference" : "") +
              ": expected a form such as CS-3.1-8-3"};
}

std::string make_anchor(std::string_view text, std::set<std::string>& taken) {
  std::string slug;
  bool has_letter = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = utf8::next(text, i);
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= 0xFF21 && cp <= 0xFF3A) cp = cp - 0xFF21 + 'a';  // full-width Latin
    if (cp >= 0xFF41 && cp <= 0xFF5A) cp = cp - 0xFF41 + 'a';
    if (cp >= 0xFF10 && cp <= 0xFF19) cp = cp - 0xFF10 + '0';
    bool keep_ascii = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_' || cp == '.';
    // Letters of other scripts, kana and kanji stay; symbols and punctuation blocks go.
    bool keep_other = cp >= 0x80 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x3004) &&
                      !(cp >= 0x3008 && cp <= 0x3020) && cp != 0x30FB && !(cp >= 0xFF00 && cp <= 0xFF0F) &&
                      !(cp >= 0xFF1A && cp <= 0xFF20) && !(cp >= 0xFF3B && cp <= 0xFF40) &&
                      !(cp >= 0xFF5B && cp <= 0xFF65) && cp != 0xFFFD && cp != 0x00A0;
    if (keep_ascii || keep_other) {
      if ((cp >= 'a' && cp <= 'z') || cp >= 0x80) has_letter = true;
      utf8::append(slug, cp);
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && (slug.back() == '-' || slug.back() == '.')) slug.pop_back();
  if (slug.empty())
    slug = "section";
  else if (!has_letter)
    slug = "section-" + slug;
  std::string unique = slug;
  for (int n = 2; taken.count(unique); ++n) unique = slug + "-" + std::to_string(n);
  taken.insert(unique);
  return unique;
}

struct MarkdownDocument::Impl {
  cmark_parser* parser = nullptr;
  cmark_node* root = nullptr;
  std::string path;
  std::string_view body;  // the text being parsed, while parse() runs (cmark keeps its own copy)
  int first_line = 1;
  int render_options = CMARK_OPT_DEFAULT;
  std::vector<std::size_t> line_offsets;
  std::map<std::string, std::size_t> search_cursor;
  std::set<cmark_node*> wrappers;  // provision containers, skipped in own-text views
  // The labels label_references() gave last (one a reference; "" for those it leaves alone), when
  // it was called: the texts were computed with them.
  std::optional<std::vector<std::string>> labels;

  ~Impl() {
    if (root) cmark_node_free(root);
    if (parser) cmark_parser_free(parser);
  }

  // The location of `needle` at or after the start of body line `line` (1-based, body-relative),
  // continuing after the previous match of the same needle.
  SourceLocation find(int line, const std::string& needle) {
    std::size_t from = line_offsets[std::clamp<std::size_t>(line, 1, line_offsets.size()) - 1];
    auto it = search_cursor.find(needle);
    if (it != search_cursor.end() && it->second >= from) from = it->second + 1;
    std::size_t pos = body.find(needle, from);
    if (pos == std::string::npos)
      pos = line_offsets[std::clamp<std::size_t>(line, 1, line_offsets.size()) - 1];
    else
      search_cursor[needle] = pos;
    // The line from the table of line starts: locate() would count lines from the top of the
    // body at every marker, quadratic in a long page.
    std::size_t line_index = std::upper_bound(line_offsets.begin(), line_offsets.end(), pos) - line_offsets.begin() - 1;
    std::size_t line_start = line_offsets[line_index];
    return {path, static_cast<int>(line_index) + first_line,
            column_of(std::string_view(body).substr(line_start), pos - line_start)};
  }

  int line_of(cmark_node* n) {
    for (; n; n = cmark_node_parent(n)) {
      int l = cmark_node_get_start_line(n);
      if (l > 0) return l;
    }
    return 1;
  }
};

MarkdownDocument::MarkdownDocument() : impl_(std::make_unique<Impl>()) {}

void MarkdownDocument::release() { impl_.reset(); }
MarkdownDocument::MarkdownDocument(MarkdownDocument&&) noexcept = default;
MarkdownDocument& MarkdownDocument::operator=(MarkdownDocument&&) noexcept = default;
MarkdownDocument::~MarkdownDocument() = default;

MarkdownDocument MarkdownDocument::parse(const std::string& path, std::string_view body, int first_line,
                                         const MarkdownOptions& options, Diagnostics& diags,
                                         const std::function<void(cmark_node* root)>& inspect) {
  ensure_extensions();
  MarkdownDocument doc;
  Impl& im = *doc.impl_;
  im.path = path;
  im.body = body;
  im.first_line = first_line;
  im.line_offsets.push_back(0);
  for (std::size_t i = 0; i < im.body.size(); ++i)
    if (im.body[i] == '\n') im.line_offsets.push_back(i + 1);
  im.render_options = CMARK_OPT_UNSAFE;  // safe by construction: see the raw HTML pass below

  im.parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : kExtensions) {
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) throw std::runtime_error(std::string("cmark-gfm extension missing: ") + name);
    cmark_parser_attach_syntax_extension(im.parser, ext);
  }
  cmark_parser_feed(im.parser, im.body.data(), im.body.size());
  im.root = cmark_parser_finish(im.parser);
  cmark_consolidate_text_nodes(im.root);
  // Every later walk of the tree may recurse, so a page nested deeper than any real text is refused.
  cmark_node* deepest = nullptr;
  if (int depth = tree_depth(im.root, kMaxNesting, deepest); depth > kMaxNesting) {
    int line = deepest ? im.line_of(deepest) : 1;
    diags.error({path, line + first_line - 1, 1},
                Message{"KJ902", "入れ子が深すぎます(" + std::to_string(kMaxNesting) + " 段まで)。引用や箇条書きの入れ子を浅くしてください",
                        "nesting deeper than " + std::to_string(kMaxNesting) + " levels: flatten the quotes or lists"});
    cmark_node_free(im.root);
    im.root = cmark_node_new(CMARK_NODE_DOCUMENT);
    im.body = {};
    return doc;
  }
  if (inspect) inspect(im.root);
  cmark_syntax_extension* tasklist = cmark_find_syntax_extension("tasklist");

  // Collect nodes first; the tree is rewritten afterwards.
  std::vector<cmark_node*> blocks, texts, links, images, raw_html;
  {
    cmark_iter* it = cmark_iter_new(im.root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it);
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_ITEM: blocks.push_back(n); break;
        case CMARK_NODE_TEXT: texts.push_back(n); break;
        case CMARK_NODE_LINK: links.push_back(n); break;
        case CMARK_NODE_IMAGE: images.push_back(n); break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE: raw_html.push_back(n); break;
        default: break;
      }
    }
    cmark_iter_free(it);
  }

  // Raw HTML written by editors is dropped from the tree unless allowed, so that the only HTML
  // nodes left are kijun's own (references), and the tree can be rendered unsafe.
  if (!options.unsafe_html)
    for (cmark_node* n : raw_html) {
      std::string html = trim(literal(n));
      diags.warning(
          im.find(im.line_of(n), html.substr(0, html.find('\n'))),
          Message{"KJ302",
                  "HTML は書けないため、表示しません（使うには content/site.yaml に「unsafe_html: true」を書きます）",
                  "raw HTML is not allowed and was left out (set 'unsafe_html: true' in content/site.yaml to allow it)"});
      cmark_node_free(n);
    }

  // Links and images only lead where the allow-list says (the tree is rendered unsafe, which also
  // switches cmark-gfm's own URL filter off); any other becomes its text, with a warning.
  auto refuse_url = [&](cmark_node* n, bool image) {
    std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
    if (is_allowed_url(url)) return false;
    std::string scheme = url_scheme(url);
    diags.warning(im.find(im.line_of(n), url.substr(0, 64)),
                  Message{"KJ903",
                          std::string(image ? "画像" : "リンク") + "の URL「" + shorten(url) + "」(" + scheme +
                              ":)は使えないので、文字だけを表示します。http:、https:、mailto:、tel: か相対 URL にしてください",
                          std::string(image ? "image" : "link") + " URL '" + shorten(url) + "' (" + scheme +
                              ":) is not allowed and is shown as text: use http:, https:, mailto:, tel: or a relative URL"});
    while (cmark_node* c = cmark_node_first_child(n)) cmark_node_insert_before(n, c);
    cmark_node_free(n);
    return true;
  };
  links.erase(std::remove_if(links.begin(), links.end(), [&](cmark_node* n) { return refuse_url(n, false); }),
              links.end());
  for (cmark_node* n : images) refuse_url(n, true);

  // Markers on headings, paragraphs and list items; anchors on every heading.
  std::map<cmark_node*, int> marker_of_block;  // item or paragraph or heading -> marker index
  std::set<cmark_node*> consumed_texts;
  std::set<std::string> anchors_taken;
  std::vector<int> heading_marker_stack;  // markers of enclosing headings by level
  std::string current_heading;
  std::map<cmark_node*, int> heading_context;  // block -> innermost heading provision above it
  for (cmark_node* n : blocks) {
    auto type = cmark_node_get_type(n);
    if (type != CMARK_NODE_HEADING && !heading_marker_stack.empty()) heading_context[n] = heading_marker_stack.back();
    if (type == CMARK_NODE_ITEM) {
      if (cmark_node_get_syntax_extension(n) == tasklist) {
        TaskItem t;
        t.checked = cmark_gfm_extensions_get_tasklist_item_checked(n);
        t.where = im.find(im.line_of(n), "[");
        t.heading = current_heading;
        t.node = n;
        doc.tasks.push_back(t);
      }
      continue;
    }
    cmark_node* first = cmark_node_first_child(n);
    std::string id;
    bool is_heading = type == CMARK_NODE_HEADING;
    if (is_heading) {
      cmark_node* last = cmark_node_last_child(n);
      if (last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
        std::string s = literal(last);
        if (auto m = trailing_marker(s)) {
          id = m->id;
          cmark_node_set_literal(last, s.substr(0, m->begin).c_str());
          consumed_texts.insert(last);
        }
      }
    } else if (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
      std::string s = literal(first);
      if (auto m = leading_marker(s)) {
        id = m->id;
        cmark_node_set_literal(first, s.substr(m->end).c_str());
        consumed_texts.insert(first);
      }
    }

    if (is_heading) {
      int level = cmark_node_get_heading_level(n);
      std::string text;
      append_plain(n, text, {});
      text = trim(text);
      current_heading = text;
      Heading h;
      h.level = level;
      h.text = text;
      h.node = n;
      if (!id.empty() && id[0] >= 'a' && id[0] <= 'z') {
        // A plain anchor chosen by the editor: it must follow the documented grammar.
        if (!is_plain_anchor(id)) {
          diags.error(im.find(im.line_of(n), "{#" + id.substr(0, 64)),
                      Message{"KJ901",
                              "見出しのアンカー {#" + shorten(id) + "} は使えません。英小文字で始め、英小文字・数字・" +
                                  "- _ . だけで " + std::to_string(kMaxAnchorLength) + " 文字以内にしてください",
                              "heading anchor {#" + shorten(id) + "} is not allowed: it must start with a-z and hold " +
                                  "only a-z, 0-9, '-', '_' and '.', at most " + std::to_string(kMaxAnchorLength) +
                                  " characters"});
        } else {
          h.anchor = id;
          if (anchors_taken.count(id))
            diags.error(im.find(im.line_of(n), "{#" + id + "}"),
                        Message{"KJ303", "アンカー「" + id + "」がこのページで二度使われています",
                                "anchor '" + id + "' is used twice on this page"});
          anchors_taken.insert(id);
        }
        id.clear();
      }
      while (!heading_marker_stack.empty()) {
        // Pop markers of headings at the same or a deeper level.
        const Marker& top = doc.markers[heading_marker_stack.back()];
        if (top.heading_level >= level)
          heading_marker_stack.pop_back();
        else
          break;
      }
      if (!id.empty()) {
        Marker mk;
        mk.id = id;
        mk.where = im.find(im.line_of(n), "{#" + id + "}");
        mk.block = MarkerBlock::kHeading;
        mk.heading_level = level;
        mk.parent = heading_marker_stack.empty() ? -1 : heading_marker_stack.back();
        mk.text = text;
        if (!is_requirement_id(id)) diags.error(mk.where, malformed_id_message(id));
        h.marker = static_cast<int>(doc.markers.size());
        h.anchor = id;
        anchors_taken.insert(id);
        marker_of_block[n] = h.marker;
        heading_marker_stack.push_back(h.marker);
        doc.markers.push_back(std::move(mk));
      } else if (h.anchor.empty()) {
        h.anchor = "";  // assigned after all requirement IDs are known, to avoid clashes
      }
      doc.headings.push_back(std::move(h));
      continue;
    }

    if (id.empty()) continue;
    // A paragraph marker: the provision is the list item when the paragraph opens one.
    cmark_node* parent = cmark_node_parent(n);
    bool opens_item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM && cmark_node_first_child(parent) == n;
    cmark_node* block = opens_item ? parent : n;
    Marker mk;
    mk.id = id;
    mk.where = im.find(im.line_of(n), "{#" + id + "}");
    mk.block = opens_item ? MarkerBlock::kItem : MarkerBlock::kParagraph;
    std::string text;
    append_plain(n, text, {});
    mk.text = trim(text);
    if (!is_requirement_id(id)) diags.error(mk.where, malformed_id_message(id));
    // Parent: the nearest enclosing marked item, else the innermost heading provision.
    mk.parent = heading_marker_stack.empty() ? -1 : heading_marker_stack.back();
    for (cmark_node* a = cmark_node_parent(block); a; a = cmark_node_parent(a)) {
      auto found = marker_of_block.find(a);
      if (found != marker_of_block.end()) {
        mk.parent = found->second;
        break;
      }
    }
    marker_of_block[block] = static_cast<int>(doc.markers.size());
    anchors_taken.insert(id);
    doc.markers.push_back(std::move(mk));
  }
  for (auto& h : doc.headings)
    if (h.anchor.empty()) h.anchor = make_anchor(h.text, anchors_taken);

  // Task items point at the provision marked on them, if any.
  {
    std::size_t k = 0;
    for (cmark_node* n : blocks)
      if (cmark_node_get_type(n) == CMARK_NODE_ITEM && cmark_node_get_syntax_extension(n) == tasklist) {
        auto found = marker_of_block.find(n);
        if (found != marker_of_block.end()) doc.tasks[k].marker = found->second;
        std::string text;
        append_plain(n, text, {});
        doc.tasks[k].text = trim(text);
        ++k;
      }
  }

  // References and stray markers in text.
  std::map<cmark_node*, std::size_t> task_of_item;
  {
    std::size_t k = 0;
    for (cmark_node* n : blocks)
      if (cmark_node_get_type(n) == CMARK_NODE_ITEM && cmark_node_get_syntax_extension(n) == tasklist)
        task_of_item[n] = k++;
  }
  for (cmark_node* t : texts) {
    std::string s = literal(t);
    int line = im.line_of(t);
    std::size_t stray = s.find("{#");
    if (stray != std::string::npos) {
      // `{#ID｝` with a full-width close is the lint pass's (KJ210, with the corrected form).
      std::size_t end = stray;
      while (end < s.size() && s[end] != '}' && !is_space(s[end]) && s.compare(end, 3, "｝") != 0) ++end;
      if (s.compare(end, 3, "｝") == 0) stray = std::string::npos;
    }
    if (stray != std::string::npos) {
      std::size_t close = s.find('}', stray);
      std::string marker = s.substr(stray, close == std::string::npos ? 2 : close - stray + 1);
      diags.error(im.find(line, marker),
                  Message{"KJ208", "目印 " + marker + " は段落や箇条書きの項目の初め、または見出しの終わりに置いてください",
                          "marker " + marker +
                              " must stand at the start of a paragraph or list item, or at the end of a heading"});
    }
    if (s.find("[[") == std::string::npos) continue;
    int enclosing = -1;
    std::optional<std::size_t> task;
    // The innermost marked block around the text; failing that, the heading provision above it.
    for (cmark_node* a = cmark_node_parent(t); a && enclosing < 0; a = cmark_node_parent(a))
      if (auto f = marker_of_block.find(a); f != marker_of_block.end()) enclosing = f->second;
    for (cmark_node* a = cmark_node_parent(t); a && enclosing < 0; a = cmark_node_parent(a))
      if (auto h = heading_context.find(a); h != heading_context.end()) enclosing = h->second;
    for (cmark_node* a = cmark_node_parent(t); a && !task; a = cmark_node_parent(a))
      if (auto f = task_of_item.find(a); f != task_of_item.end()) task = f->second;
    std::size_t pos = 0;
    cmark_node* insert_after = t;
    std::string remaining;
    for (const ReferenceMatch& m : find_references(s)) {
      Reference r;
      std::string target = trim(m.target);
      r.where = im.find(line, s.substr(m.begin, m.end - m.begin));
      if (target.rfind("doc:", 0) == 0) {
        r.external_document = true;
        r.target = trim(target.substr(4));
        if (r.target.empty())
          diags.error(r.where, Message{"KJ205", "[[doc:…]] には文書の題名を書いてください",
                                       "[[doc:...]] needs the title of the document"});
      } else {
        r.target = target;
        if (!is_requirement_id(target)) diags.error(r.where, malformed_id_message(target, true));
      }
      r.text = m.text;
      if (r.text && trim(*r.text).empty())
        diags.error(r.where, Message{"KJ206", "「|」の後の表示する文字が空です", "the text after '|' is empty"});
      r.enclosing_marker = enclosing;
      // Split the text node: text before, the reference, the rest.
      std::string before = s.substr(pos, m.begin - pos);
      pos = m.end;
      cmark_node* before_node = insert_after;
      if (insert_after == t) {
        cmark_node_set_literal(t, before.c_str());
      } else if (!before.empty()) {
        before_node = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(before_node, before.c_str());
        cmark_node_insert_after(insert_after, before_node);
      }
      // Opening tag, text, closing tag as siblings: table cells accept these node types
      // (they refuse custom inlines). The tags are filled in at render time.
      cmark_node* open = cmark_node_new(CMARK_NODE_HTML_INLINE);
      cmark_node* label = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node* close = cmark_node_new(CMARK_NODE_HTML_INLINE);
      cmark_node_set_literal(open, "");
      cmark_node_set_literal(close, "");
      cmark_node_set_literal(label, (r.text ? *r.text : r.target).c_str());
      if (!cmark_node_insert_after(before_node, open) || !cmark_node_insert_after(open, label) ||
          !cmark_node_insert_after(label, close))
        throw std::logic_error("cmark-gfm refused a reference node at " + r.where.path + ":" +
                               std::to_string(r.where.line));
      insert_after = close;
      r.node = open;
      r.label_node = label;
      r.close_node = close;
      if (task) doc.tasks[*task].references.push_back(static_cast<int>(doc.references.size()));
      doc.references.push_back(std::move(r));
    }
    if (insert_after != t && pos < s.size()) {
      cmark_node* rest = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(rest, s.substr(pos).c_str());
      cmark_node_insert_after(insert_after, rest);
    }
  }

  // Links to other Markdown files, rewritten to page URLs at render time.
  for (cmark_node* l : links) {
    std::string url = cmark_node_get_url(l) ? cmark_node_get_url(l) : "";
    std::string path_part = url.substr(0, url.find('#'));
    if (url.find("://") != std::string::npos || url.rfind("mailto:", 0) == 0) continue;
    if (path_part.size() > 3 && path_part.compare(path_part.size() - 3, 3, ".md") == 0)
      doc.file_links.push_back({url, im.find(im.line_of(l), url), l});
  }

  // Wrap provisions and headings in custom blocks that carry their anchors.
  for (auto& [block, index] : marker_of_block) {
    Marker& mk = doc.markers[index];
    if (mk.block == MarkerBlock::kHeading) continue;
    cmark_node* wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    if (mk.block == MarkerBlock::kItem) {
      while (cmark_node* c = cmark_node_first_child(block)) cmark_node_append_child(wrapper, c);
      cmark_node_append_child(block, wrapper);
    } else {
      cmark_node_insert_before(block, wrapper);
      cmark_node_append_child(wrapper, block);
    }
    mk.wrapper = wrapper;
    im.wrappers.insert(wrapper);
  }
  for (auto& h : doc.headings) {
    cmark_node* wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_insert_before(h.node, wrapper);
    while (cmark_node* c = cmark_node_first_child(h.node)) cmark_node_append_child(wrapper, c);
    cmark_node_free(h.node);
    h.node = wrapper;
    if (h.marker >= 0) {
      doc.markers[h.marker].wrapper = wrapper;
      im.wrappers.insert(wrapper);
    }
  }
  doc.refresh_texts();
  // Locations are found while parsing only: the text and its line starts are not kept.
  im.body = {};
  im.line_offsets = {};
  im.search_cursor = {};
  return doc;
}

void MarkdownDocument::refresh_texts() {
  Impl& im = *impl_;
  // The page's own text before its first heading, without provisions.
  std::string intro;
  for (cmark_node* c = cmark_node_first_child(im.root); c; c = cmark_node_next(c)) {
    if (std::any_of(headings.begin(), headings.end(), [&](const Heading& h) { return h.node == c; })) break;
    if (im.wrappers.count(c)) continue;
    std::string part;
    append_plain(c, part, im.wrappers);
    if (const std::string_view t = trimmed(part); !t.empty()) (intro += t) += '\n';
  }
  intro_text = trimmed(intro);
  for (auto& t : tasks) {
    std::string text;
    append_plain(t.node, text, {});
    t.text = trim(text);
  }
  for (auto& mk : markers) {
    if (!mk.wrapper) continue;
    std::string first;
    if (mk.block == MarkerBlock::kHeading) {
      append_plain(mk.wrapper, first, {});
      mk.text = mk.full_text = trim(first);
      // What the heading owns: the blocks after it up to the next provision heading or a heading
      // of the same or a higher level, without the provisions among them.
      std::string body;
      for (cmark_node* c = cmark_node_next(mk.wrapper); c; c = cmark_node_next(c)) {
        auto h = std::find_if(headings.begin(), headings.end(), [&](const Heading& x) { return x.node == c; });
        if (h != headings.end() && (h->marker >= 0 || h->level <= mk.heading_level)) break;
        if (im.wrappers.count(c)) continue;
        std::string part;
        append_plain(c, part, im.wrappers);
        if (const std::string_view t = trimmed(part); !t.empty()) (body += t) += '\n';
      }
      mk.body_text = trimmed(body);
      continue;
    }
    // The first paragraph of the item (or the paragraph itself), then everything it owns.
    for (cmark_node* c = cmark_node_first_child(mk.wrapper); c; c = cmark_node_next(c))
      if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
        append_plain(c, first, {});
        break;
      }
    mk.text = trimmed(first);
    // The other provisions' wrappers are left out; its own is never among its descendants.
    std::string all;
    append_plain(mk.wrapper, all, im.wrappers);
    mk.full_text = trimmed(all);
  }
}

void MarkdownDocument::label_references(const std::function<std::string(const Reference&)>& label) {
  if (!impl_) throw std::logic_error("MarkdownDocument used after release()");
  std::vector<std::string> labels(references.size());
  for (std::size_t i = 0; i < references.size(); ++i)
    if (!references[i].text && !references[i].external_document) labels[i] = label(references[i]);
  // A tree kept between builds (content/parse_cache.h) whose labels are the same again keeps its texts.
  if (impl_->labels == labels) return;
  for (std::size_t i = 0; i < references.size(); ++i)
    if (!references[i].text && !references[i].external_document)
      cmark_node_set_literal(references[i].label_node, labels[i].c_str());
  impl_->labels = std::move(labels);
  refresh_texts();
}

int MarkdownDocument::wrap_first_spans(const std::function<std::vector<TextSpan>(std::string_view)>& find,
                                       const std::function<SpanTags(int key)>& tags) {
  if (!impl_) throw std::logic_error("MarkdownDocument used after release()");
  Impl& im = *impl_;
  // Text that must stay as it is: headings (their wrappers), the words of references.
  std::set<cmark_node*> skip;
  for (const auto& h : headings) skip.insert(h.node);
  for (const auto& r : references) skip.insert(r.label_node);
  std::vector<cmark_node*> texts;
  {
    cmark_iter* it = cmark_iter_new(im.root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it);
      if (cmark_node_get_type(n) != CMARK_NODE_TEXT || skip.count(n)) continue;
      bool inside = false;
      for (cmark_node* a = cmark_node_parent(n); a && !inside; a = cmark_node_parent(a)) {
        cmark_node_type t = cmark_node_get_type(a);
        inside = skip.count(a) || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE || t == CMARK_NODE_HEADING;
      }
      if (!inside) texts.push_back(n);
    }
    cmark_iter_free(it);
  }
  std::set<int> done;
  int wrapped = 0;
  for (cmark_node* t : texts) {
    const std::string s = literal(t);
    std::vector<TextSpan> spans;
    for (const TextSpan& sp : find(s))
      if (sp.begin < sp.end && sp.end <= s.size() && done.insert(sp.key).second) spans.push_back(sp);
    if (spans.empty()) continue;
    // The node keeps the text before the first span; each span becomes open tag, text, close tag.
    std::size_t pos = 0;
    cmark_node* after = t;
    for (const TextSpan& sp : spans) {
      if (sp.begin < pos) continue;
      SpanTags tag = tags(sp.key);
      std::string before = s.substr(pos, sp.begin - pos);
      if (after == t) {
        cmark_node_set_literal(t, before.c_str());
      } else if (!before.empty()) {
        cmark_node* b = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(b, before.c_str());
        cmark_node_insert_after(after, b);
        after = b;
      }
      cmark_node* open = cmark_node_new(CMARK_NODE_HTML_INLINE);
      cmark_node* word = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node* close = cmark_node_new(CMARK_NODE_HTML_INLINE);
      cmark_node_set_literal(open, tag.open.c_str());
      cmark_node_set_literal(word, s.substr(sp.begin, sp.end - sp.begin).c_str());
      cmark_node_set_literal(close, tag.close.c_str());
      if (!cmark_node_insert_after(after, open) || !cmark_node_insert_after(open, word) ||
          !cmark_node_insert_after(word, close))
        throw std::logic_error("cmark-gfm refused a term link in " + im.path);
      after = close;
      pos = sp.end;
      ++wrapped;
    }
    if (pos < s.size()) {
      cmark_node* rest = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(rest, s.substr(pos).c_str());
      cmark_node_insert_after(after, rest);
    }
  }
  if (wrapped) {
    changed_for_good_ = true;
    refresh_texts();
  }
  return wrapped;
}

std::string MarkdownDocument::render(const RenderHooks& hooks) {
  if (!impl_) throw std::logic_error("MarkdownDocument used after release()");
  Impl& im = *impl_;
  for (auto& r : references) {
    if (r.external_document) {
      std::optional<RenderHooks::Link> link = hooks.document ? hooks.document(r) : std::nullopt;
      if (!link) link = RenderHooks::Link{"<cite class=\"kj-doc\" title=\"外部の文書(このサイトには含まれていません)\">", "</cite>", ""};
      cmark_node_set_literal(r.node, link->open.c_str());
      cmark_node_set_literal(r.close_node, link->close.c_str());
      continue;
    }
    if (!hooks.reference) continue;
    RenderHooks::Link link = hooks.reference(r);
    cmark_node_set_literal(r.node, link.open.c_str());
    cmark_node_set_literal(r.close_node, link.close.c_str());
    if (!r.text) cmark_node_set_literal(r.label_node, link.text.c_str());
  }
  for (auto& h : headings) {
    std::string open = "<h" + std::to_string(h.level) + " id=\"" + escape_html(h.anchor) + "\"";
    if (h.marker >= 0) open += " class=\"kj-prov kj-prov-heading\"";
    open += ">";
    std::string close = "</h" + std::to_string(h.level) + ">\n";
    if (h.marker >= 0) {
      if (hooks.provision_open) open += hooks.provision_open(markers[h.marker]);
      if (hooks.provision_close) close += hooks.provision_close(markers[h.marker]);
    }
    cmark_node_set_on_enter(h.node, open.c_str());
    cmark_node_set_on_exit(h.node, close.c_str());
  }
  for (auto& mk : markers) {
    if (mk.block == MarkerBlock::kHeading) continue;
    std::string open = "<div class=\"kj-prov\" id=\"" + escape_html(mk.id) + "\">";
    if (hooks.provision_open) open += hooks.provision_open(mk);
    std::string close = hooks.provision_close ? hooks.provision_close(mk) : "";
    close += "</div>";
    cmark_node_set_on_enter(mk.wrapper, open.c_str());
    cmark_node_set_on_exit(mk.wrapper, close.c_str());
  }
  if (hooks.file_link)
    for (auto& l : file_links)
      if (auto href = hooks.file_link(l)) cmark_node_set_url(l.node, href->c_str());

  char* html = cmark_render_html(im.root, im.render_options, cmark_parser_get_syntax_extensions(im.parser));
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

}  // namespace kijun
