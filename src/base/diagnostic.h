#pragma once
// Diagnostics in the compiler shape `path:line:col: error: message`, collected rather than thrown.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kijun {

/// A place in a source file: project-relative path, 1-based line and column (column in characters).
struct SourceLocation {
  std::string path;
  int line = 1;
  int column = 1;
};

enum class Severity { kWarning, kError };

/// The language diagnostics are printed in: Japanese for editors (the default), English on request.
enum class Language { kJapanese, kEnglish };

/// A problem an editor can cause: a stable code (KJ1xx front matter, KJ2xx requirements and
/// references, ... see docs/editing.md) and the same message in Japanese and in English.
struct Message {
  std::string code;  ///< e.g. "KJ104"
  std::string ja;    ///< what an editor reads by default
  std::string en;    ///< `--lang en`
};

/// One problem found in the input.
struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::kError;
  std::string message;  ///< Japanese for editor mistakes; English for the program's own errors
  std::string code;     ///< stable code of an editor mistake; empty for the program's own errors
  std::string message_en;  ///< English text when `code` is set

  /// `path:line:col: error[KJ104]: message` (`error: message` without a code)
  std::string format(Language lang = Language::kJapanese) const;
};

/// Collects every diagnostic of a build, in the order they were reported.
class Diagnostics {
 public:
  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);
  void error(SourceLocation where, Message message);
  void warning(SourceLocation where, Message message);
  void add(Diagnostic d);
  /// Takes every diagnostic and count of `other` (collected on another thread), after these.
  void merge(Diagnostics&& other);

  /// References that were not checked because the page defining their ID could not be loaded:
  /// counted for the summary instead of one error each.
  void add_unchecked_reference() { ++unchecked_; }
  std::size_t unchecked_references() const { return unchecked_; }

  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  bool has_errors() const { return errors_ > 0; }
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Every diagnostic sorted by file, then line and column (stable: equal places keep their order).
  std::vector<Diagnostic> sorted() const;
  /// Prints every diagnostic, one per line, sorted by file and position.
  void print(std::ostream& out, Language lang = Language::kJapanese) const;
  /// The number of different files the diagnostics point at.
  std::size_t file_count() const;
  /// 「エラー 2 件、警告 1 件（2 ファイル）」 / "2 errors, 1 warning in 2 files" (「問題はありません」 /
  /// "no problems" when empty).
  std::string summary(Language lang = Language::kJapanese) const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t unchecked_ = 0;
};

/// Turns a byte offset into `text` into a 1-based line and a 1-based column counted in
/// Unicode characters (code points), as editors count them.
SourceLocation locate(std::string path, std::string_view text, std::size_t byte_offset);

/// locate() for many offsets into one text: its line starts are found once, then each offset's
/// line by binary search. The text must outlive the index.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  SourceLocation locate(std::string path, std::size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;  // the offset of each line's first byte
};

/// The 1-based character column of the byte at `byte_in_line` in a line of text.
int column_of(std::string_view line, std::size_t byte_in_line);

}  // namespace kijun
