#include "content/yaml_source.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "base/suggest.h"

namespace kijun {

bool YamlSource::report_typing_slips(std::string_view yaml, Diagnostics& diags) const {
  // The usual slips of Japanese typing, reported at the character itself rather than wherever
  // the YAML parser notices something is wrong.
  bool found = false;
  for (std::size_t pos = 0; pos < yaml.size();) {
    std::size_t end = yaml.find('\n', pos);
    if (end == std::string_view::npos) end = yaml.size();
    const std::string_view line = yaml.substr(pos, end - pos);
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line.substr(i, 3) == "\u3000")) {
      if (line[i] == '\t') {
        diags.error(where(base_offset_ + pos + i),
                    Message{code(5), "字下げにタブが使われています。半角の空白にしてください",
                            "tab used for indentation: use spaces"});
        found = true;
        break;
      }
      if (line[i] != ' ') {
        diags.error(where(base_offset_ + pos + i),
                    Message{code(6), "字下げに全角の空白が使われています。半角の空白にしてください",
                            "full-width space used for indentation: use half-width spaces"});
        found = true;
        break;
      }
      ++i;
    }
    std::size_t k = i;
    while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) || line[k] == '_')) ++k;
    if (k > i && line.substr(k, 3) == "\uFF1A") {
      diags.error(where(base_offset_ + pos + k),
                  Message{code(4), "全角のコロン「：」が使われています。半角の「:」にしてください",
                          "full-width colon '：' used; write ':'"});
      found = true;
    }
    pos = end + 1;
  }
  return found;
}

namespace {

// An opening that YAML never saw closed: a flow '[' or '{', or a quoted value. Scanned by hand so
// that the error points at the opening itself, not where the parser gave up (the next line, or
// past the end of the last one).
struct Unclosed {
  std::size_t offset;
  char opening;
};

std::optional<Unclosed> find_unclosed(std::string_view yaml) {
  std::vector<Unclosed> flow;  // open brackets
  std::optional<Unclosed> spanning;  // the first quoted value that spans lines
  bool value_start = true;     // at a place where a value may begin
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    const char c = yaml[i];
    if (c == '\n') {
      if (flow.empty()) value_start = true;
      continue;
    }
    if (c == ' ' || c == '\t') continue;
    if (c == '#' && (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '\n' || yaml[i - 1] == '\t')) {
      while (i < yaml.size() && yaml[i] != '\n') ++i;
      --i;
      continue;
    }
    if ((c == '"' || c == '\'') && value_start) {
      const std::size_t open = i;
      for (++i; i < yaml.size(); ++i) {
        if (c == '"' && yaml[i] == '\\') {
          ++i;
        } else if (yaml[i] == c) {
          if (c == '\'' && i + 1 < yaml.size() && yaml[i + 1] == '\'') {
            ++i;
            continue;
          }
          break;
        }
      }
      if (i >= yaml.size()) return Unclosed{open, c};
      // A quoted value that runs on to a later line is, in a page's settings, a quote left open.
      if (!spanning && yaml.substr(open, i - open).find('\n') != std::string_view::npos) spanning = Unclosed{open, c};
      value_start = false;
      continue;
    }
    if ((c == '[' || c == '{') && value_start) {
      flow.push_back({i, c});
      continue;
    }
    if ((c == ']' || c == '}') && !flow.empty()) {
      flow.pop_back();
      value_start = false;
      continue;
    }
    if (c == ',' && !flow.empty()) {
      value_start = true;
      continue;
    }
    if ((c == ':' || c == '-' || c == '?') && (i + 1 >= yaml.size() || yaml[i + 1] == ' ' || yaml[i + 1] == '\n')) {
      value_start = true;
      continue;
    }
    value_start = false;
  }
  if (!flow.empty()) return flow.back();
  return spanning;
}

}  // namespace

std::optional<YAML::Node> YamlSource::load(std::string_view yaml, Diagnostics& diags) const {
  if (report_typing_slips(yaml, diags)) return std::nullopt;
  YAML::Mark mark;
  std::string message;
  try {
    return YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    mark = e.mark;
    message = e.msg;
  }
  if (auto open = find_unclosed(yaml)) {
    const std::string o(1, open->opening);
    const bool quote = open->opening == '"' || open->opening == '\'';
    const std::string close = open->opening == '[' ? "]" : open->opening == '{' ? "}" : o;
    diags.error(where(base_offset_ + open->offset),
                quote ? Message{code(3),
                                "YAML として読めません。「" + o + "」で始めた値が閉じていません。値の終わりに「" + o +
                                    "」を書いてください",
                                "invalid YAML: the value opened with " + o + " is not closed: add " + o + " at its end"}
                      : Message{code(3),
                                "YAML として読めません。「" + o + "」が閉じていません。「" + close +
                                    "」で閉じるか、文字として書くなら値全体を「\"」で囲んでください",
                                "invalid YAML: '" + o + "' is not closed: close it with '" + close +
                                    "', or put the whole value in double quotes"});
    return std::nullopt;
  }
  // Never past the end of a line: a mark on the line break (or past the text) moves back to the
  // last character of the line it ends.
  if (!mark.is_null() && mark.pos >= 0) {
    std::size_t pos = std::min(static_cast<std::size_t>(mark.pos), yaml.size());
    if (pos == yaml.size() || yaml[pos] == '\n' || yaml[pos] == '\r') {
      while (pos > 0 && (yaml[pos - 1] == '\n' || yaml[pos - 1] == '\r' || yaml[pos - 1] == ' ')) --pos;
      if (pos > 0) --pos;
      while (pos > 0 && (static_cast<unsigned char>(yaml[pos]) & 0xC0) == 0x80) --pos;  // a character's first byte
    }
    mark.pos = static_cast<int>(pos);
  }
  std::string hint_ja, hint_en;
  if (message == "end of map not found" || message == "end of sequence not found") {
    hint_ja = "。字下げ（行の初めの空白の数）が上の行とそろっているか確かめてください";
    hint_en = "; check that the indentation matches the lines above";
  } else if (message == "illegal map value") {
    hint_ja = "。値に「: 」が入るときは、値全体を「\"」で囲んでください（例: description: \"注意: …\"）";
    hint_en = "; a value holding ': ' must be put in double quotes (description: \"Note: ...\")";
  }
  diags.error(at(mark), Message{code(3), "YAML として読めません（" + message + "）" + hint_ja,
                                "invalid YAML: " + message + hint_en});
  return std::nullopt;
}

SourceLocation YamlSource::where(std::size_t offset) const {
  if (!lines_) lines_.emplace(file_text_);
  return lines_->locate(path_, offset);
}

std::string YamlSource::code(int n) const {
  const int base = kind_ == YamlKind::kSiteSettings ? 500 : kind_ == YamlKind::kEditionRecord ? 600 : 100;
  const int number = base + n;
  return "KJ" + std::to_string(number);
}

SourceLocation YamlSource::at(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.pos < 0) return where(base_offset_);
  return where(base_offset_ + static_cast<std::size_t>(mark.pos));
}

SourceLocation YamlSource::find_after(const YAML::Node& node, std::string_view needle, std::size_t nth) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.pos < 0) return at(mark);
  std::size_t pos = base_offset_ + static_cast<std::size_t>(mark.pos);
  for (std::size_t i = 0;; ++i) {
    std::size_t hit = file_text_.find(needle, pos);
    if (hit == std::string_view::npos) return at(mark);
    if (i == nth) return where(hit);
    pos = hit + needle.size();
  }
}

bool YamlSource::check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const KeyGroup& what,
                            Diagnostics& diags) const {
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      diags.error(at(kv.first), Message{code(12), what.ja + "のキーは、ただの単語にしてください",
                                        what.en + " names must be plain words"});
      ok = false;
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (!seen.insert(key).second) {
      diags.error(at(kv.first), Message{code(11), what.ja + "のキー「" + key + "」が二度書かれています",
                                        "duplicate " + what.en + " '" + key + "'"});
      ok = false;
    } else if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      diags.error(at(kv.first),
                  Message{code(10), what.ja + "に「" + key + "」というキーはありません" + did_you_mean_ja(key, allowed),
                          "unknown " + what.en + " '" + key + "'" + did_you_mean(key, allowed)});
      ok = false;
    }
  }
  return ok;
}

namespace {
YAML::Node child(const YAML::Node& map, const std::string& key) {
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Undefined);
}
}  // namespace

std::optional<std::string> YamlSource::get_string(const YAML::Node& map, const std::string& key,
                                                  Diagnostics& diags) const {
  YAML::Node v = child(map, key);
  if (!v.IsDefined()) return std::nullopt;
  if (!v.IsScalar()) {
    diags.error(at(v), Message{code(13), "「" + key + "」には文字を書いてください", "'" + key + "' must be text"});
    return std::nullopt;
  }
  return v.Scalar();
}

std::optional<long> YamlSource::get_integer(const YAML::Node& map, const std::string& key, Diagnostics& diags) const {
  YAML::Node v = child(map, key);
  if (!v.IsDefined()) return std::nullopt;
  long value = 0;
  if (!v.IsScalar() || !YAML::convert<long>::decode(v, value)) {
    diags.error(at(v), Message{code(14), "「" + key + "」には整数を書いてください", "'" + key + "' must be a whole number"});
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlSource::get_bool(const YAML::Node& map, const std::string& key, Diagnostics& diags) const {
  YAML::Node v = child(map, key);
  if (!v.IsDefined()) return std::nullopt;
  bool value = false;
  if (!v.IsScalar() || !YAML::convert<bool>::decode(v, value)) {
    diags.error(at(v),
                Message{code(15), "「" + key + "」には true か false を書いてください", "'" + key + "' must be true or false"});
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<std::string>> YamlSource::get_string_list(const YAML::Node& map, const std::string& key,
                                                                    Diagnostics& diags) const {
  YAML::Node v = child(map, key);
  if (!v.IsDefined()) return std::nullopt;
  if (v.IsScalar()) return std::vector<std::string>{v.Scalar()};
  if (!v.IsSequence()) {
    diags.error(at(v), Message{code(16), "「" + key + "」には文字のリストを書いてください",
                               "'" + key + "' must be a list of texts"});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.IsScalar()) {
      diags.error(at(item), Message{code(17), "「" + key + "」の各項目には文字を書いてください",
                                    "each entry of '" + key + "' must be text"});
      return std::nullopt;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace kijun
