#include "content/yaml_source.h"

#include <algorithm>
#include <cctype>
#include <set>

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
        diags.error(locate(path_, file_text_, base_offset_ + pos + i),
                    Message{code(5), "字下げにタブが使われています。半角の空白にしてください",
                            "tab used for indentation: use spaces"});
        found = true;
        break;
      }
      if (line[i] != ' ') {
        diags.error(locate(path_, file_text_, base_offset_ + pos + i),
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
      diags.error(locate(path_, file_text_, base_offset_ + pos + k),
                  Message{code(4), "全角のコロン「：」が使われています。半角の「:」にしてください",
                          "full-width colon '：' used; write ':'"});
      found = true;
    }
    pos = end + 1;
  }
  return found;
}

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
  // An error found at the very end (an unclosed bracket or quote) is shown at the end of the last
  // YAML line rather than on the line after it.
  std::size_t end = yaml.size();
  while (end > 0 && (yaml[end - 1] == '\n' || yaml[end - 1] == '\r')) --end;
  if (!mark.is_null() && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) > end) mark.pos = static_cast<int>(end);
  diags.error(at(mark), Message{code(3), "YAML として読めません（" + message + "）", "invalid YAML: " + message});
  return std::nullopt;
}

std::string YamlSource::code(int n) const {
  const int base = kind_ == YamlKind::kSiteSettings ? 500 : kind_ == YamlKind::kEditionRecord ? 600 : 100;
  const int number = base + n;
  return "KJ" + std::to_string(number);
}

SourceLocation YamlSource::at(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.pos < 0) return locate(path_, file_text_, base_offset_);
  return locate(path_, file_text_, base_offset_ + static_cast<std::size_t>(mark.pos));
}

SourceLocation YamlSource::find_after(const YAML::Node& node, std::string_view needle, std::size_t nth) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.pos < 0) return at(mark);
  std::size_t pos = base_offset_ + static_cast<std::size_t>(mark.pos);
  for (std::size_t i = 0;; ++i) {
    std::size_t hit = file_text_.find(needle, pos);
    if (hit == std::string_view::npos) return at(mark);
    if (i == nth) return locate(path_, file_text_, hit);
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
