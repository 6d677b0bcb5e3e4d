#include "base/size_limit.h"

#include <cstdio>

namespace kijun {

namespace {

// 52428800 -> "52,428,800"
std::string with_commas(std::uintmax_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string format_size(std::uintmax_t bytes, bool japanese) {
  // Tenths of a megabyte, rounded down so that a size just over a limit never reads as the limit.
  std::uintmax_t tenths = bytes * 10 / kMiB;
  std::string mb = std::to_string(tenths / 10);
  if (tenths % 10 != 0) mb += "." + std::to_string(tenths % 10);
  if (tenths == 0) mb = "0.0";
  return mb + " MB (" + with_commas(bytes) + (japanese ? " バイト)" : " bytes)");
}

Message size_limit_message(const SizeLimit& limit, std::uintmax_t size) {
  return Message{limit.code,
                 std::string(limit.what_ja) + "が大きすぎます: " + format_size(size, true) + "。上限は " +
                     format_size(limit.bytes, true) + " です。" + limit.fix_ja,
                 std::string(limit.what_en) + " too large: " + format_size(size, false) + "; the limit is " +
                     format_size(limit.bytes, false) + ": " + limit.fix_en};
}

bool check_size(const SizeLimit& limit, std::uintmax_t size, const SourceLocation& where, Diagnostics& diags) {
  if (size <= limit.bytes) return true;
  diags.error(where, size_limit_message(limit, size));
  return false;
}

}  // namespace kijun
