#include "base/diagnostic.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <tuple>

#include "base/utf8.h"

namespace kijun {

std::string Diagnostic::format(Language lang) const {
  std::string out = where.path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": ";
  out += severity == Severity::kError ? "error" : "warning";
  if (!code.empty()) out += "[" + code + "]";
  out += ": ";
  out += lang == Language::kEnglish && !message_en.empty() ? message_en : message;
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::merge(Diagnostics&& other) {
  for (Diagnostic& d : other.items_) add(std::move(d));
  unchecked_ += other.unchecked_;
  other = Diagnostics{};
}

void Diagnostics::error(SourceLocation where, std::string message) {
  add({std::move(where), Severity::kError, std::move(message), {}, {}});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  add({std::move(where), Severity::kWarning, std::move(message), {}, {}});
}

void Diagnostics::error(SourceLocation where, Message m) {
  add({std::move(where), Severity::kError, std::move(m.ja), std::move(m.code), std::move(m.en)});
}

void Diagnostics::warning(SourceLocation where, Message m) {
  add({std::move(where), Severity::kWarning, std::move(m.ja), std::move(m.code), std::move(m.en)});
}

static std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.path, a.where.line, a.where.column) < std::tie(b.where.path, b.where.line, b.where.column);
  });
  return out;
}

std::size_t Diagnostics::file_count() const {
  std::set<std::string> files;
  for (const auto& d : items_) files.insert(d.where.path);
  return files.size();
}

std::string Diagnostics::summary(Language lang) const {
  const std::size_t files = file_count();
  if (lang == Language::kJapanese) {
    if (items_.empty()) return "問題はありません";
    std::string s;
    if (error_count() > 0) s = "エラー " + std::to_string(error_count()) + " 件";
    if (warning_count() > 0) s += (s.empty() ? "" : "、") + std::string("警告 ") + std::to_string(warning_count()) + " 件";
    s += "（" + std::to_string(files) + " ファイル）";
    if (unchecked_ > 0)
      s += "。読み込めなかったページの要件ID への参照 " + std::to_string(unchecked_) + " か所は確かめていません";
    return s;
  }
  if (items_.empty()) return "no problems";
  std::string s;
  if (error_count() > 0) s = plural(error_count(), "error");
  if (warning_count() > 0) s += (s.empty() ? "" : ", ") + plural(warning_count(), "warning");
  s += " in " + plural(files, "file");
  if (unchecked_ > 0)
    s += "; " + plural(unchecked_, "reference") + " to IDs of pages that could not be loaded not checked";
  return s;
}

void Diagnostics::print(std::ostream& out, Language lang) const {
  for (const auto& d : sorted()) out << d.format(lang) << '\n';
}

int column_of(std::string_view line, std::size_t byte_in_line) {
  if (byte_in_line > line.size()) byte_in_line = line.size();
  return static_cast<int>(utf8::count_chars(line.substr(0, byte_in_line))) + 1;
}

SourceLocation locate(std::string path, std::string_view text, std::size_t byte_offset) {
  if (byte_offset > text.size()) byte_offset = text.size();
  // Counted a block at a time (std::count vectorises): messages of a long file are located often.
  const std::string_view before = text.substr(0, byte_offset);
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_break = before.rfind('\n');
  const std::size_t line_start = last_break == std::string_view::npos ? 0 : last_break + 1;
  return {std::move(path), line, column_of(text.substr(line_start), byte_offset - line_start)};
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) starts_.push_back(i + 1);
}

SourceLocation LineIndex::locate(std::string path, std::size_t byte_offset) const {
  if (byte_offset > text_.size()) byte_offset = text_.size();
  // The last line starting at or before the offset (a line break belongs to the line it ends).
  const auto next = std::upper_bound(starts_.begin(), starts_.end(), byte_offset);
  const std::size_t line_start = *(next - 1);
  return {std::move(path), static_cast<int>(next - starts_.begin()),
          column_of(text_.substr(line_start), byte_offset - line_start)};
}

}  // namespace kijun
