#include "content/content_lint.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>

#include "base/disk.h"
#include "base/parallel.h"
#include "base/utf8.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

constexpr char32_t kIdeographicSpace = 0x3000;
constexpr char32_t kWideBraceOpen = 0xFF5B, kWideBraceClose = 0xFF5D, kWideHash = 0xFF03;
constexpr char32_t kWideBracketOpen = 0xFF3B, kWideBracketClose = 0xFF3D;

// The character at byte i and the index after it (U+FFFD for an invalid sequence).
char32_t peek(std::string_view s, std::size_t i, std::size_t& after) {
  after = i;
  return utf8::next(s, after);
}

// The length of the character at i when BodyLint::scan_line checks nothing from it: ASCII but a
// backquote, braces, brackets and the space; a well-formed three-byte character (utf8::plain_length)
// but the full-width space, brace and bracket that open what it checks. 0 otherwise.
std::size_t passes(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return b0 == '`' || b0 == '{' || b0 == '[' || b0 == ' ' ? 0 : 1;
  if (utf8::plain_length(s, i) != 3) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return 0;  // U+3000 full-width space
  if (b0 == 0xEF && b1 == 0xBD && b2 == 0x9B) return 0;  // U+FF5B ｛
  if (b0 == 0xEF && b1 == 0xBC && b2 == 0xBB) return 0;  // U+FF3B ［
  return 3;
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", c);
  return buf;
}

// A name as it can be printed: invalid UTF-8 bytes and control characters as \xNN.
std::string printable(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp;
    std::size_t next = utf8::decode(name, i, cp);
    if (cp == utf8::kInvalid || cp < 0x20 || cp == 0x7F) {
      for (std::size_t k = i; k < next; ++k) out += hex_byte(static_cast<unsigned char>(name[k]));
    } else {
      out.append(name.substr(i, next - i));
    }
    i = next;
  }
  return out;
}

// What a character of a file name is called in a message, or "" when a URL carries it safely.
struct Unsafe {
  std::string ja, en;
};
std::optional<Unsafe> unsafe_in_url(char32_t c, std::string_view raw) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
      c == '.')
    return std::nullopt;
  if (c == ' ') return Unsafe{"空白", "a space"};
  if (c == kIdeographicSpace) return Unsafe{"全角の空白", "a full-width space"};
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
    std::string code = "U+" + std::string(c < 0x10 ? "000" : "00");
    char buf[8];
    std::snprintf(buf, sizeof buf, "%X", static_cast<unsigned>(c));
    return Unsafe{"制御文字 " + code + buf, "the control character " + code + buf};
  }
  if (c == 0xA0 || c == 0xFEFF || (c >= 0x2000 && c <= 0x200F) || c == 0x2028 || c == 0x2029)
    return Unsafe{"見えない空白", "an invisible space"};
  if (c < 0x80) return Unsafe{"「" + std::string(raw) + "」", "'" + std::string(raw) + "'"};
  return std::nullopt;  // Japanese and other letters: percent-encoded by browsers, carried safely
}

void lint_name(const std::string& shown, const std::string& name, Diagnostics& diags) {
  if (utf8::find_invalid(name)) {
    diags.error({shown, 1, 1},
                Message{"KJ335",
                        "ファイル名「" + printable(name) +
                            "」が UTF-8 ではありません（URL に読めない文字が入ります）。英数字と - _ だけの名前に付け直してください",
                        "file name '" + printable(name) +
                            "' is not UTF-8 (its URL would hold unreadable bytes): rename it with letters, digits, - and _"});
    return;
  }
  for (std::size_t i = 0; i < name.size();) {
    std::size_t start = i;
    char32_t c = utf8::next(name, i);
    if (auto u = unsafe_in_url(c, std::string_view(name).substr(start, i - start))) {
      diags.error({shown, 1, 1},
                  Message{"KJ336",
                          "ファイル名「" + printable(name) + "」に URL に使えない文字（" + u->ja +
                              "）があります。英数字と - _ だけの名前に付け直してください",
                          "file name '" + printable(name) + "' holds " + u->en +
                              ", which a URL cannot carry: rename it with letters, digits, - and _"});
      return;
    }
  }
}

void lint_nul(const fs::path& file, const std::string& shown, Diagnostics& diags) {
  std::string text;
  try {
    text = read_bytes(file);
  } catch (const std::exception&) {
    return;  // unreadable: the loader says so
  }
  std::size_t first = text.find('\0');
  if (first == std::string::npos) return;
  std::size_t more = 0;
  for (std::size_t i = text.find('\0', first + 1); i != std::string::npos; i = text.find('\0', i + 1)) ++more;
  const std::string others_ja = more ? "（ほかに " + std::to_string(more) + " か所）" : "";
  const std::string others_en = more ? " (and " + std::to_string(more) + " more)" : "";
  diags.error(locate(shown, text, first),
              Message{"KJ334",
                      "NUL 文字（0x00）があります" + others_ja +
                          "。ページには表示されない文字です。エディタで消してください（見えないときは、その位置の前後の文字を打ち直します）",
                      "NUL byte (0x00) in the file" + others_en +
                          ": delete it in an editor (if it does not show, retype the characters around it)"});
}

// ---- the bodies ----------------------------------------------------------------------------

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

struct ParsedBody {
  cmark_parser* parser = nullptr;
  cmark_node* root = nullptr;
  ParsedBody(const ParsedBody&) = delete;
  ParsedBody& operator=(const ParsedBody&) = delete;
  explicit ParsedBody(std::string_view text) {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (const char* name : kExtensions)
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
        cmark_parser_attach_syntax_extension(parser, ext);
    cmark_parser_feed(parser, text.data(), text.size());
    root = cmark_parser_finish(parser);
  }
  ~ParsedBody() {
    if (root) cmark_node_free(root);
    if (parser) cmark_parser_free(parser);
  }
};

// One page's body with its lines, and where its diagnostics point.
struct BodyLint {
  const BodyToLint& page;
  Diagnostics& diags;
  std::vector<std::string_view> lines;  // body lines, without '\n'
  std::vector<bool> code;               // lines inside code or raw HTML blocks

  BodyLint(const BodyToLint& p, Diagnostics& d) : page(p), diags(d) {
    std::string_view body = page.body;
    for (std::size_t pos = 0; pos <= body.size();) {
      std::size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      pos = end + 1;
    }
    code.assign(lines.size() + 1, false);
  }

  // A place in the file from a 1-based body line and a byte offset in that line.
  SourceLocation at(int body_line, std::size_t byte) const {
    std::string_view line = body_line >= 1 && body_line <= static_cast<int>(lines.size()) ? lines[body_line - 1] : "";
    return {page.source_path, body_line + page.body_first_line - 1, column_of(line, byte)};
  }
  // The byte offset in its line where a block starts (cmark columns count bytes from 1).
  static std::size_t start_byte(cmark_node* n) {
    return static_cast<std::size_t>(std::max(1, cmark_node_get_start_column(n))) - 1;
  }
  // Where a block starts, in the file.
  SourceLocation at(cmark_node* n) const { return at(cmark_node_get_start_line(n), start_byte(n)); }
  std::string_view line(int body_line) const {
    return body_line >= 1 && body_line <= static_cast<int>(lines.size()) ? lines[body_line - 1] : std::string_view();
  }
  // The text of a block from its first character on (cmark columns count bytes from 1).
  std::string_view from(cmark_node* n) const {
    std::string_view l = line(cmark_node_get_start_line(n));
    const std::size_t col = start_byte(n);
    return col <= l.size() ? l.substr(col) : std::string_view();
  }

  void scan_lines();
  void scan_line(int n, std::string_view l);
  void scan_blocks(cmark_node* root, bool standard, bool checklist);
};

void BodyLint::scan_lines() {
  for (int n = 1; n <= static_cast<int>(lines.size()); ++n)
    if (!code[n]) scan_line(n, lines[n - 1]);
}

void BodyLint::scan_line(int n, std::string_view l) {
  // Full-width indentation: U+3000 at the start of the line, after any blanks and quote marks.
  std::size_t lead = 0;
  while (lead < l.size() && (l[lead] == ' ' || l[lead] == '\t' || l[lead] == '>')) ++lead;
  std::size_t after = lead;
  if (lead < l.size() && peek(l, lead, after) == kIdeographicSpace) {
    diags.warning(at(n, lead),
                  Message{"KJ333",
                          "行の初めに全角の空白があります（全角の空白による字下げ）。字下げはページに表示されません。"
                          "全角の空白を消してください（続きの段落にするなら半角の空白 2 つで字下げします）",
                          "full-width space (U+3000) at the start of the line: indentation does not show on the page; "
                          "remove it (indent a continued paragraph with two ASCII spaces)"});
    while (after < l.size()) {
      std::size_t next;
      if (peek(l, after, next) != kIdeographicSpace) break;
      after = next;
    }
    lead = after;
  } else {
    lead = 0;
  }

  char32_t previous = 0;  // the character before i, for spaces between Japanese letters
  // Most characters start nothing that is checked here: they are passed over without decoding,
  // and `previous` is decoded from where the last of them starts only when a check reads it.
  std::size_t passed = std::string_view::npos;  // where that character starts, or npos
  for (std::size_t i = lead; i < l.size();) {
    if (std::size_t n = passes(l, i)) {
      passed = i;
      i += n;
      continue;
    }
    if (passed != std::string_view::npos) {
      std::size_t after;
      previous = peek(l, passed, after);
      passed = std::string_view::npos;
    }
    if (l[i] == '`') {  // a code span: its text is shown as written
      std::size_t run = i;
      while (run < l.size() && l[run] == '`') ++run;
      std::string_view ticks = l.substr(i, run - i);
      std::size_t close = l.find(ticks, run);
      while (close != std::string_view::npos && close + ticks.size() < l.size() && l[close + ticks.size()] == '`')
        close = l.find(ticks, close + ticks.size() + 1);
      if (close == std::string_view::npos) {
        i = run;
      } else {
        i = close + ticks.size();
      }
      previous = '`';
      continue;
    }
    std::size_t next;
    const char32_t c = peek(l, i, next);

    // {#ID} written with a full-width brace or hash: ｛＃CS-3.4-7｝, {＃CS-3.4-7}, {#CS-3.4-7｝.
    if (c == '{' || c == kWideBraceOpen) {
      std::size_t j;
      char32_t hash = next < l.size() ? peek(l, next, j) : 0;
      if (hash == '#' || hash == kWideHash) {
        std::size_t k = j, close_end = std::string_view::npos;
        char32_t close = 0;
        while (k < l.size() && k - i < 120) {
          std::size_t after_k;
          char32_t d = peek(l, k, after_k);
          if (d == '}' || d == kWideBraceClose) {
            close = d;
            close_end = after_k;
            break;
          }
          if (d == ' ' || d == '\t' || d == kIdeographicSpace || d == '{' || d == kWideBraceOpen) break;
          k = after_k;
        }
        if (close_end != std::string_view::npos && close_end - j > (close == '}' ? 1u : 3u) &&
            (c != '{' || hash != '#' || close != '}')) {
          std::string written(l.substr(i, close_end - i));
          std::string fixed = half_width(written);
          diags.error(at(n, i), Message{"KJ210",
                                        "「" + written + "」は全角の記号が混じっているため要件ID の目印になりません。半角で「" +
                                            fixed + "」と書いてください",
                                        "'" + written + "' is not a requirement marker: it holds full-width characters; "
                                        "write '" + fixed + "'"});
          i = close_end;
          previous = '}';
          continue;
        }
      }
    }
    // [[ID]] written with full-width brackets: ［［CS-3.4-6］］, [［CS-3.4-6]], [[CS-3.4-6］］.
    if (c == '[' || c == kWideBracketOpen) {
      std::size_t j;
      char32_t second = next < l.size() ? peek(l, next, j) : 0;
      if (second == '[' || second == kWideBracketOpen) {
        std::size_t k = j, close_end = std::string_view::npos;
        bool wide = c != '[' || second != '[';
        while (k < l.size() && k - i < 240) {
          std::size_t after_k;
          char32_t d = peek(l, k, after_k);
          if (d == '[' || d == kWideBracketOpen) break;
          if (d == ']' || d == kWideBracketClose) {
            std::size_t after_2;
            char32_t e = after_k < l.size() ? peek(l, after_k, after_2) : 0;
            if (e == ']' || e == kWideBracketClose) {
              wide = wide || d != ']' || e != ']';
              close_end = after_2;
            }
            break;
          }
          k = after_k;
        }
        if (close_end != std::string_view::npos && k > j && wide) {
          std::string written(l.substr(i, close_end - i));
          std::string fixed = half_width(written);
          diags.error(at(n, i), Message{"KJ211",
                                        "「" + written + "」は全角の記号が混じっているため参照になりません。半角で「" + fixed +
                                            "」と書いてください",
                                        "'" + written + "' is not a reference: it holds full-width characters; write '" +
                                            fixed + "'"});
          i = close_end;
          previous = ']';
          continue;
        }
      }
    }
    // A space between two Japanese letters (a line break of a PDF, copied): 「を 確認」.
    if ((c == ' ' || c == kIdeographicSpace) && is_japanese_letter(previous)) {
      std::size_t k = i;
      bool wide = false;
      char32_t d = 0;
      std::size_t after_k = k;
      while (k < l.size()) {
        d = peek(l, k, after_k);
        if (d != ' ' && d != kIdeographicSpace) break;
        wide = wide || d == kIdeographicSpace;
        k = after_k;
      }
      if (k < l.size() && is_japanese_letter(d)) {
        std::string shown;
        utf8::append(shown, previous);
        shown += std::string(l.substr(i, k - i));
        utf8::append(shown, d);
        diags.warning(at(n, i),
                      Message{"KJ331",
                              std::string("日本語の文字の間に") + (wide ? "全角の" : "") + "空白があります（「" + shown +
                                  "」）。空白を消してください",
                              std::string("a ") + (wide ? "full-width " : "") + "space between Japanese characters ('" +
                                  shown + "'): remove it"});
      }
      previous = d;
      i = k;
      continue;
    }
    previous = c;
    i = next;
  }
}

// The ID written at the start of a block's text ("{#CS-1} ① …"), or "".
std::string leading_id(std::string_view text) {
  if (!text.starts_with("{#")) return "";
  std::size_t close = text.find('}');
  return close == std::string_view::npos ? "" : std::string(text.substr(2, close - 2));
}

// The text of a list item's first paragraph, from its first character.
cmark_node* first_paragraph(cmark_node* item) {
  cmark_node* c = cmark_node_first_child(item);
  return c && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH ? c : nullptr;
}

void BodyLint::scan_blocks(cmark_node* root, bool standard, bool checklist) {
  cmark_syntax_extension* tasklist = cmark_find_syntax_extension("tasklist");
  std::vector<cmark_node*> blocks;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        for (int l = cmark_node_get_start_line(n); l <= cmark_node_get_end_line(n) && l < static_cast<int>(code.size()); ++l)
          if (l >= 1) code[l] = true;
        break;
      case CMARK_NODE_LIST:
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING: blocks.push_back(n); break;
      default: break;
    }
  }
  cmark_iter_free(it);

  if (standard) {
    std::vector<std::pair<int, std::string>> headings;  // enclosing headings with an ID: level, ID
    for (cmark_node* n : blocks) {
      const int line_no = cmark_node_get_start_line(n);
      const std::size_t col = start_byte(n);
      if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
        if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST)
          diags.warning(at(line_no, col),
                        Message{"KJ330",
                                "番号付きのリスト（「1.」）は基準のページでは使えません（番号が振り直されます）。"
                                "「- 」の箇条書きにして、列挙記号（(1)、①、(ア)）を本文に書いてください",
                                "ordered lists ('1.') are not allowed in the standard's pages (they are renumbered): "
                                "use a '- ' list and write the enumerator ((1), ①, (ア)) in the text"});
        continue;
      }
      // An enumerated provision without its {#ID}.
      std::string_view text = from(n);
      const bool heading = cmark_node_get_type(n) == CMARK_NODE_HEADING;
      std::string parent_id;  // the provision it would stand in
      bool parent_known = true;
      if (heading) {
        const int level = cmark_node_get_heading_level(n);
        while (!headings.empty() && headings.back().first >= level) headings.pop_back();
        parent_id = headings.empty() ? page.meta.id : headings.back().second;
        if (!text.starts_with("#")) continue;  // a Setext heading: no marker at its end
        while (!text.empty() && text.front() == '#') text.remove_prefix(1);
        std::size_t end = text.find_last_not_of(" \t");
        std::size_t open = text.rfind("{#");
        if (end != std::string_view::npos && text[end] == '}' && open != std::string_view::npos) {
          headings.emplace_back(level, std::string(text.substr(open + 2, end - open - 2)));
          continue;
        }
      } else {
        if (text.starts_with("{#") || text.starts_with("｛") || text.starts_with("{＃")) continue;
        parent_id = headings.empty() ? page.meta.id : headings.back().second;
      }
      std::size_t skip = text.find_first_not_of(" \t");
      if (skip == std::string_view::npos) continue;
      const std::string enumerator = leading_enumerator(text);
      if (enumerator.empty()) continue;
      const std::size_t at_byte = static_cast<std::size_t>(text.data() + skip - line(line_no).data());
      // The ID it should get: the enclosing provision's ID and the part of its enumerator.
      cmark_node* own_item = heading ? nullptr : cmark_node_parent(n);
      if (own_item && (cmark_node_get_type(own_item) != CMARK_NODE_ITEM || first_paragraph(own_item) != n))
        own_item = nullptr;
      for (cmark_node* a = own_item ? cmark_node_parent(own_item) : cmark_node_parent(n); a && !heading;
           a = cmark_node_parent(a))
        if (cmark_node_get_type(a) == CMARK_NODE_ITEM) {
          cmark_node* p = first_paragraph(a);
          parent_id = p ? leading_id(from(p)) : "";
          parent_known = !parent_id.empty();
          break;
        }
      int ordinal = 0;
      if (enumerator == "・" && own_item) {
        ordinal = 1;
        for (cmark_node* s = cmark_node_previous(own_item); s; s = cmark_node_previous(s))
          if (cmark_node* p = first_paragraph(s)) {
            std::string_view t = from(p);
            if (t.starts_with("{#")) t.remove_prefix(std::min(t.size(), t.find('}') + 1));
            if (leading_enumerator(t) == "・") ++ordinal;
          }
      }
      const std::string part = id_part_of_enumerator(enumerator, ordinal);
      const bool known = parent_known && !parent_id.empty() && !part.empty();
      const std::string example = known ? "{#" + parent_id + "-" + part + "}" : "{#要件ID}";
      const std::string example_en = known ? "{#" + parent_id + "-" + part + "}" : "{#ID}";
      const std::string where_ja = cmark_node_get_type(n) == CMARK_NODE_HEADING ? "見出しの終わり" : "項目の初め";
      const std::string where_en = cmark_node_get_type(n) == CMARK_NODE_HEADING ? "at the end of the heading"
                                                                               : "at the start of the item";
      diags.warning(at(line_no, at_byte),
                    Message{"KJ214",
                            "列挙記号「" + enumerator + "」で始まる条項に要件ID がありません。" + where_ja + "に「" + example +
                                "」のように ID を書いてください",
                            "enumerated provision '" + enumerator + "' has no requirement ID: write one such as '" +
                                example_en + "' " + where_en});
    }
  }

  if (checklist) {
    // A checklist shows its intro (before the first heading), its headings and its task items.
    bool after_heading = false;
    for (cmark_node* c = cmark_node_first_child(root); c; c = cmark_node_next(c)) {
      const cmark_node_type type = cmark_node_get_type(c);
      if (type == CMARK_NODE_HEADING) {
        after_heading = true;
        continue;
      }
      if (!after_heading || type == CMARK_NODE_THEMATIC_BREAK) continue;
      if (type == CMARK_NODE_LIST) {
        for (cmark_node* item = cmark_node_first_child(c); item; item = cmark_node_next(item))
          if (cmark_node_get_syntax_extension(item) != tasklist)
            diags.warning(at(item),
                          Message{"KJ332",
                                  "この項目は「- [ ] 」のタスク項目ではないため、チェックリストに表示されません。"
                                  "「- [ ] 」で書くか、前書きなら最初の見出しより前に移してください",
                                  "this list item is not a task item ('- [ ] ') and a checklist does not show it: write "
                                  "it as '- [ ] ...' or move it above the first heading as the introduction"});
        continue;
      }
      diags.warning(at(c),
                    Message{"KJ332",
                            "チェックリストでは見出しの後の段落は表示されません。確かめる事柄なら「- [ ] 」の項目にし、"
                            "前書きなら最初の見出しより前に移してください",
                            "a checklist does not show paragraphs after a heading: make it a task item ('- [ ] ...') "
                            "or move it above the first heading as the introduction"});
    }
  }
}

// "3.4" from "CS-3.4-1-a" (the part after the prefix); "" when there is none.
std::string id_section(std::string_view id) {
  std::size_t dash = id.find('-');
  if (dash == std::string_view::npos) return "";
  std::size_t end = id.find('-', dash + 1);
  return std::string(id.substr(dash + 1, end == std::string_view::npos ? std::string_view::npos : end - dash - 1));
}

// "6.4" from "6.4(1)".
std::string number_section(std::string_view number) {
  std::size_t paren = number.find_first_of("(（");
  return std::string(number.substr(0, paren));
}

}  // namespace

bool is_japanese_letter(char32_t c) {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x3005 ||
         c == 0x3006 || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

std::string half_width(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = utf8::next(s, i);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c == 0x2010 || c == 0x2011 || c == 0x2212) c = '-';
    utf8::append(out, c);
  }
  return out;
}

std::string id_part_of_enumerator(const std::string& enumerator, int bullet_ordinal) {
  if (enumerator == "・") return bullet_ordinal > 0 ? std::to_string(bullet_ordinal) : "";
  std::size_t i = 0;
  if (enumerator.empty()) return "";
  char32_t first = utf8::next(enumerator, i);
  if (first >= U'①' && first <= U'⑳') return std::to_string(first - U'①' + 1);
  if (first != U'(') return "";
  std::string_view inner = std::string_view(enumerator).substr(1, enumerator.size() - 2);
  if (!inner.empty() && inner[0] >= '0' && inner[0] <= '9') {
    std::size_t zeros = inner.find_first_not_of('0');
    return zeros == std::string_view::npos ? "0" : std::string(inner.substr(zeros));
  }
  static const std::u32string kana = U"アイウエオカキクケコサシスセソタチツテトナニヌネノハ";
  std::size_t k = 0;
  char32_t c = utf8::next(inner, k);
  if (std::size_t at = kana.find(c); at != std::u32string::npos) return std::string(1, static_cast<char>('a' + at));
  return "";
}

void lint_content_files(const std::string& project_root, const std::string& content_dir, Diagnostics& diags,
                        const std::function<bool(const std::string& rel)>& read_without_nul) {
  const fs::path root = fs::path(project_root) / content_dir;
  const std::size_t prefix = root.string().size() + (root.string().ends_with('/') ? 0 : 1);
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& e = *it;
    const std::string name = e.path().filename().string();
    std::error_code e2;
    if (name.empty() || name[0] == '.' || e.is_symlink(e2)) {
      if (e.is_directory(e2)) it.disable_recursion_pending();
      continue;
    }
    if (backup_original(name)) {  // reported by the loader (KJ320, KJ321) and not read
      if (e.is_directory(e2)) it.disable_recursion_pending();
      continue;
    }
    // The walk's paths are root/rel: the rest of the path (fs::relative would resolve every folder again).
    const std::string rel = e.path().string().substr(prefix);
    const std::string shown = content_dir + "/" + printable(rel);
    const bool folder = e.is_directory(e2);
    const bool markdown = name.size() > 3 && name.ends_with(".md");
    if (folder || markdown) lint_name(shown, name, diags);
    if (!folder && (markdown || name.ends_with(".yaml")) && e.is_regular_file(e2)) {
      if (!read_without_nul || !read_without_nul(rel)) lint_nul(e.path(), shown, diags);
    }
  }
}

Diagnostics lint_body(const BodyToLint& body, cmark_node* root) {
  Diagnostics found;
  if (body.body.empty()) return found;
  BodyLint lint(body, found);
  lint.scan_blocks(root, body.meta.type == PageType::kStandard, body.meta.type == PageType::kChecklist);
  lint.scan_lines();
  return found;
}

void lint_pages(const ContentLibrary& lib, const RequirementRegistry& registry,
                const std::vector<EditionRecord>& records, Diagnostics& diags) {
  // Each page's body is read on its own: on every core, the messages gathered in reading order. A
  // body linted as it was parsed (Page::body_lint) keeps those messages; another is parsed again.
  std::vector<Diagnostics> found(lib.reading_order.size());
  parallel_for(lib.reading_order.size(), [&](std::size_t i) {
    const Page& page = lib.pages[lib.reading_order[i]];
    if (page.body_lint && *page.body_lint) {
      found[i] = **page.body_lint;
      return;
    }
    if (!page.body.empty()) {
      ParsedBody parsed(page.body);
      found[i] = lint_body({page.source_path, page.body, page.body_first_line, page.meta}, parsed.root);
    }
    if (page.body_lint) *page.body_lint = found[i];
  });
  for (Diagnostics& d : found) diags.merge(std::move(d));

  // IDs against their enumerators and their page's number. Published IDs stay as they are.
  std::set<std::string> published;
  for (const auto& r : records)
    for (const auto& p : r.provisions) published.insert(p.id);
  auto published_with_number = [&](const std::string& id, const std::string& number) {
    for (const auto& r : records)
      for (const auto& p : r.pages)
        if (p.id == id && p.number == number) return true;
    return false;
  };
  std::set<int> number_mismatch;  // pages whose own ID and number disagree (reported once)
  for (int pi : lib.reading_order) {
    const Page& page = lib.pages[pi];
    if (page.meta.number.empty() || page.meta.id.empty() || !is_requirement_id(page.meta.id)) continue;
    const std::string id_sec = id_section(page.meta.id), num_sec = number_section(page.meta.number);
    if (id_sec == num_sec || published_with_number(page.meta.id, page.meta.number)) continue;
    number_mismatch.insert(pi);
    diags.warning(page.meta.number_location,
                  Message{"KJ213",
                          "節番号「" + page.meta.number + "」がこのページの要件ID「" + page.meta.id + "」の節「" + id_sec +
                              "」と合いません。どちらかを直してください",
                          "section number '" + page.meta.number + "' does not match the section '" + id_sec +
                              "' of the page's requirement ID '" + page.meta.id + "': correct one of them"});
  }
  std::map<std::string, int> bullets_seen;  // parent ID -> ・ bullets so far, as the registry counts them
  for (const Provision& p : registry.all()) {
    const int ordinal = p.enumerator == "・" ? ++bullets_seen[p.parent] : 0;
    if (p.marker < 0 || p.page < 0 || published.count(p.id) || !is_requirement_id(p.id)) continue;
    const Page& page = lib.pages[p.page];
    const std::string last = p.id.substr(p.id.rfind('-') + 1);
    const std::string part = id_part_of_enumerator(p.enumerator, ordinal);
    if (!part.empty() && last != part) {
      const std::string meant = p.id.substr(0, p.id.rfind('-') + 1) + part;
      // The ID its enumerator asks for is another provision's (an amendment renumbered that one and
      // inserted this one with a new ID): IDs never change, so this one cannot be "corrected".
      if (published.count(meant) || registry.find(meant)) continue;
      const std::string what = p.enumerator == "・" ? std::to_string(ordinal) + " 番目の「・」" : "列挙記号「" + p.enumerator + "」";
      const std::string short_what = p.enumerator == "・" ? std::to_string(ordinal) + " 番目の「・」" : p.enumerator;
      const std::string what_en =
          p.enumerator == "・" ? "it is bullet '・' number " + std::to_string(ordinal) : "its enumerator is '" + p.enumerator + "'";
      diags.warning(p.where, Message{"KJ212",
                                     "要件ID「" + p.id + "」の最後の「" + last + "」が" + (p.enumerator == "・" ? " " : "") + what + "と合いません（" + short_what +
                                         " なら「" + meant + "」）。ID か列挙記号を直してください",
                                     "requirement ID '" + p.id + "' ends in '" + last + "' but " + what_en + " ('" +
                                         meant + "'): correct the ID or the enumerator"});
      continue;
    }
    if (page.meta.number.empty() || number_mismatch.count(p.page)) continue;
    const std::string id_sec = id_section(p.id), num_sec = number_section(page.meta.number);
    if (id_sec != num_sec)
      diags.warning(p.where, Message{"KJ213",
                                     "要件ID「" + p.id + "」の節「" + id_sec + "」がこのページの節番号「" + page.meta.number +
                                         "」と合いません。ID を直してください",
                                     "requirement ID '" + p.id + "' has the section '" + id_sec +
                                         "' but the page's number is '" + page.meta.number + "': correct the ID"});
  }
}

}  // namespace kijun
