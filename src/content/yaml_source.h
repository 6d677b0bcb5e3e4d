#pragma once
// YAML (front matter, site settings) read with yaml-cpp, with every problem located in the file.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"

namespace kijun {

/// Which file a YAML text is: its problems get codes of the front-matter range (KJ1xx) or of the
/// site-settings range (KJ5xx), with the same last two digits for the same problem.
enum class YamlKind { kFrontMatter, kSiteSettings, kEditionRecord };

/// Names a group of keys in messages: where the keys stand, in Japanese, and the English noun.
struct KeyGroup {
  std::string ja;  ///< e.g. 「フロントマター」
  std::string en;  ///< e.g. "front matter key"
};

/// A YAML text that sits at `base_offset` bytes into a file, so node marks map to file positions.
class YamlSource {
 public:
  YamlSource(std::string path, std::string_view file_text, std::size_t base_offset,
             YamlKind kind = YamlKind::kFrontMatter)
      : path_(std::move(path)), file_text_(file_text), base_offset_(base_offset), kind_(kind) {}

  /// The stable code of problem `n` (1..99) in this kind of file: "KJ1nn", "KJ5nn" or "KJ6nn".
  std::string code(int n) const;

  /// Parses `yaml`; reports a syntax error and returns nullopt on failure.
  std::optional<YAML::Node> load(std::string_view yaml, Diagnostics& diags) const;

  SourceLocation at(const YAML::Mark& mark) const;
  SourceLocation at(const YAML::Node& node) const { return at(node.Mark()); }
  const std::string& path() const { return path_; }
  /// Where the first `needle` at or after `node`'s position lies in the file (the node's own
  /// position when there is none): places inside a text value, such as a reference in it.
  SourceLocation find_after(const YAML::Node& node, std::string_view needle, std::size_t nth = 0) const;

  /// Reports keys of `map` that are not in `allowed` (with a suggestion) and keys given twice.
  /// Returns false when there was any such problem.
  bool check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const KeyGroup& what,
                  Diagnostics& diags) const;

  /// Typed reads of `map[key]`: nullopt when absent; an error (and nullopt) when of the wrong type.
  std::optional<std::string> get_string(const YAML::Node& map, const std::string& key, Diagnostics& diags) const;
  std::optional<long> get_integer(const YAML::Node& map, const std::string& key, Diagnostics& diags) const;
  std::optional<bool> get_bool(const YAML::Node& map, const std::string& key, Diagnostics& diags) const;
  std::optional<std::vector<std::string>> get_string_list(const YAML::Node& map, const std::string& key,
                                                          Diagnostics& diags) const;

 private:
  /// Tabs or full-width spaces in indentation, full-width colons after keys: true when any was reported.
  bool report_typing_slips(std::string_view yaml, Diagnostics& diags) const;

  /// The place of byte `offset` of the file.
  SourceLocation where(std::size_t offset) const;

  std::string path_;
  std::string_view file_text_;
  // The file's lines, found at the first message or mark located (a YamlSource serves one thread).
  mutable std::optional<LineIndex> lines_;
  std::size_t base_offset_;
  YamlKind kind_;
};

}  // namespace kijun
