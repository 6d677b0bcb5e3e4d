#include "content/published_record.h"

#include <array>
#include <cstring>
#include <set>

#include "base/utf8.h"

namespace kijun {

namespace {

// One value as YAML would give it: its text, whether it was plain (unquoted), and whether YAML
// reads it as null (~, null, Null, NULL).
struct Value {
  std::string text;
  bool plain = true;
  bool null = false;
};

// Reads the lines of a record one construct at a time; any surprise makes `ok` false for good.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool ok() const { return ok_; }
  bool at_end() {
    skip_comments();
    return pos_ >= text_.size();
  }

  /// `key: value` on a line of its own; a null value only when `may_be_null`.
  std::optional<Value> line_value(std::string_view key, bool may_be_null = false) {
    skip_comments();
    if (!take(key) || !take(": ")) return fail<Value>();
    auto v = value(false);
    if (!v || (v->null && !may_be_null) || !end_of_line()) return fail<Value>();
    return v;
  }

  /// `key:` alone on its line (a list follows).
  bool list_start(std::string_view key) {
    skip_comments();
    return (take(key) && take(":") && end_of_line()) || stop();
  }

  /// Whether the next line is a list item `  - {`; consumes that opening.
  bool item_start() {
    skip_comments();
    return ok_ && take("  - {");
  }

  /// The next `key: value` of a flow map; `first` for the one right after `{`.
  std::optional<Value> entry(std::string_view key, bool first) {
    if (!first && !take(", ")) return fail<Value>();
    if (!take(key) || !take(": ")) return fail<Value>();
    auto v = value(true);
    if (!v || v->null) return fail<Value>();
    return v;
  }

  /// Whether the map continues with `, key: ` (an optional key); consumes nothing.
  bool next_is(std::string_view key) const {
    return ok_ && text_.substr(pos_, 2) == ", " && text_.substr(pos_ + 2, key.size()) == key &&
           text_.substr(pos_ + 2 + key.size(), 2) == ": ";
  }

  bool item_end() {
    return (take("}") && end_of_line()) || stop();
  }

 private:
  template <typename T>
  std::optional<T> fail() {
    ok_ = false;
    return std::nullopt;
  }
  bool stop() {
    ok_ = false;
    return false;
  }

  bool take(std::string_view s) {
    if (!ok_ || text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }

  bool end_of_line() {
    if (pos_ == text_.size()) return true;
    return take("\n");
  }

  // Whole-line comments and empty lines, as YAML skips them.
  void skip_comments() {
    while (ok_ && pos_ < text_.size()) {
      if (text_[pos_] == '\n') {
        ++pos_;
      } else if (text_[pos_] == '#') {
        const std::size_t end = text_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end + 1;
      } else {
        break;
      }
    }
  }

  // A value up to the end of its line (block) or to the next ',' or '}' (flow map).
  std::optional<Value> value(bool flow) {
    if (pos_ >= text_.size()) return std::nullopt;
    if (text_[pos_] == '"') return quoted(flow);
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '\n' || (flow && (c == ',' || c == '}'))) break;
      // Control characters, and every character YAML might read as more than itself. A colon is
      // text when something other than a blank or a flow bracket follows (「例:ISO/IEC」).
      if (c < 0x20 || c == 0x7F || std::strchr(",[]{}#&*!|>'\"%@`?\\", c)) return std::nullopt;
      if (c == ':' && (pos_ == start || pos_ + 1 >= text_.size() || std::strchr(" \n,[]{}", text_[pos_ + 1])))
        return std::nullopt;
      ++pos_;
    }
    Value v{std::string(text_.substr(start, pos_ - start)), true};
    // Not empty (also null to YAML), no blank at either end, and not starting as a list item would.
    if (v.text.empty() || v.text.front() == ' ' || v.text.back() == ' ' || v.text.front() == '-') return std::nullopt;
    v.null = v.text == "~" || v.text == "null" || v.text == "Null" || v.text == "NULL";
    return v;
  }

  // A double-quoted value with the escapes \" \\ \n \t, followed at once by the end of its line
  // (block) or by ',' or '}' (flow map).
  std::optional<Value> quoted(bool flow) {
    Value v{"", false};
    for (++pos_; pos_ < text_.size(); ++pos_) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') break;
      if (c < 0x20 || c == 0x7F) return std::nullopt;
      if (c != '\\') {
        v.text += static_cast<char>(c);
        continue;
      }
      if (++pos_ >= text_.size()) return std::nullopt;
      switch (text_[pos_]) {
        case '"': v.text += '"'; break;
        case '\\': v.text += '\\'; break;
        case 'n': v.text += '\n'; break;
        case 't': v.text += '\t'; break;
        default: return std::nullopt;
      }
    }
    if (pos_ >= text_.size()) return std::nullopt;
    ++pos_;  // the closing quote
    if (pos_ < text_.size()) {
      const char next = text_[pos_];
      if (next != '\n' && !(flow && (next == ',' || next == '}'))) return std::nullopt;
    }
    return v;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Valid UTF-8 without anything YAML treats specially wherever it stands: control characters other
// than the line break (tabs, carriage returns), C1 controls, and byte-order marks (which also
// announce other encodings).
bool plain_text(std::string_view text) {
  if (utf8::find_invalid(text)) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return false;
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBB\xBF") return false;
  }
  return true;
}

// A date written twice, as parse_edition_record's read_date accepts it without a message.
bool read_date(Reader& in, const std::string& key, bool required, std::optional<Date>& out) {
  auto iso = in.line_value(key + "_iso", true);
  auto written = in.line_value(key);
  if (!iso || !written) return false;
  if (iso->null) {
    out.reset();
    return !required && written->text == "不明";
  }
  out = parse_iso_date(iso->text);
  return out && written->text == wareki(*out);
}

}  // namespace

std::optional<EditionRecord> read_published_record(const std::string& path, std::string_view text) {
  if (!plain_text(text)) return std::nullopt;
  Reader in(text);
  EditionRecord rec;
  rec.file = path;
  auto name = in.line_value("edition");
  auto title = in.line_value("title");
  auto organisation = in.line_value("organisation");
  if (!name || !title || !organisation || edition_slug(name->text).empty()) return std::nullopt;
  rec.name = std::move(name->text);
  rec.title = std::move(title->text);
  rec.organisation = std::move(organisation->text);
  std::optional<Date> effective;
  if (!read_date(in, "effective_date", true, effective) || !read_date(in, "decided_date", false, rec.decided) ||
      !read_date(in, "notified_date", false, rec.notified))
    return std::nullopt;
  rec.effective = *effective;
  auto reason = in.line_value("reason");
  if (!reason) return std::nullopt;
  rec.reason = std::move(reason->text);
  if (in.at_end()) return std::nullopt;  // neither text_recorded nor provisions: a message is due
  // An edition known only by its history entry.
  if (Reader probe = in; auto v = probe.line_value("text_recorded")) {
    if (!v->plain || v->text != "false" || !probe.at_end() || !probe.ok()) return std::nullopt;
    rec.has_text = false;
    return rec;
  }
  rec.has_text = true;
  if (!in.list_start("pages")) return std::nullopt;
  while (in.item_start()) {
    auto url = in.entry("url", true);
    auto number = url ? in.entry("number", false) : std::nullopt;
    auto page_title = number ? in.entry("title", false) : std::nullopt;
    auto id = page_title ? in.entry("id", false) : std::nullopt;
    if (!id || !in.item_end()) return std::nullopt;
    rec.pages.push_back({std::move(url->text), std::move(number->text), std::move(page_title->text), std::move(id->text)});
  }
  if (!in.ok() || rec.pages.empty() || !in.list_start("provisions")) return std::nullopt;
  std::set<std::string_view> ids;
  while (in.item_start()) {
    EditionProvision e;
    auto order = in.entry("order", true);
    // A plain decimal number without leading zeros, as the writer puts it.
    if (!order || !order->plain || order->text.size() > 9 || (order->text.size() > 1 && order->text[0] == '0') ||
        order->text.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    e.order = std::stoi(order->text);
    std::array<std::pair<const char*, std::string*>, 4> fields = {
        {{"id", &e.id}, {"citation", &e.citation}, {"enumerator", &e.enumerator}, {"parent", &e.parent}}};
    for (auto& [key, out] : fields) {
      auto v = in.entry(key, false);
      if (!v) return std::nullopt;
      *out = std::move(v->text);
    }
    if (in.next_is("heading")) {
      auto v = in.entry("heading", false);
      if (!v || !v->plain || v->text != "true") return std::nullopt;
      e.heading = true;
    }
    auto body_text = in.entry("text", false);
    if (!body_text) return std::nullopt;
    e.text = std::move(body_text->text);
    if (in.next_is("body")) {
      auto v = in.entry("body", false);
      if (!v) return std::nullopt;
      e.body = std::move(v->text);
    }
    auto page = in.entry("page", false);
    if (!page || !in.item_end()) return std::nullopt;
    e.page = std::move(page->text);
    rec.provisions.push_back(std::move(e));
  }
  if (!in.ok() || rec.provisions.empty() || !in.at_end()) return std::nullopt;
  // Every provision has an ID of its own (the vector no longer grows: views into it stay valid).
  for (const auto& e : rec.provisions)
    if (e.id.empty() || !ids.insert(e.id).second) return std::nullopt;
  return rec;
}

}  // namespace kijun
