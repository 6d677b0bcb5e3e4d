#pragma once
// Sizes that no real standard comes near: past them kijun stops at once with a clear error instead
// of working for minutes (a 50 MB page took up to 72 s and 3 GB before these limits).

#include <cstdint>
#include <string>

#include "base/diagnostic.h"

namespace kijun {

/// A limit on the bytes of one kind of input or output, and what it is called in messages.
struct SizeLimit {
  std::uintmax_t bytes;
  const char* code;     ///< e.g. "KJ910"
  const char* what_ja;  ///< e.g. "ページ(Markdown ファイル)"
  const char* what_en;  ///< e.g. "page (Markdown file)"
  const char* fix_ja;   ///< what to do, e.g. "ページを分けてください"
  const char* fix_en;
};

inline constexpr std::uintmax_t kMiB = 1024 * 1024;

/// One Markdown page (the real standard's largest is 16 KB).
inline constexpr SizeLimit kPageSizeLimit{5 * kMiB, "KJ910", "ページ(Markdown ファイル)", "page (Markdown file)",
                                          "ページをいくつかに分けてください", "split the page into several"};
/// content/site.yaml (the real one is 3 KB).
inline constexpr SizeLimit kSiteConfigSizeLimit{1 * kMiB, "KJ911", "サイトの設定ファイル", "site settings file",
                                                "設定以外のもの(本文など)を入れていないか確かめてください",
                                                "keep only settings in it"};
/// One template or partial of the theme (the default theme's largest is 6 KB).
inline constexpr SizeLimit kTemplateSizeLimit{1 * kMiB, "KJ912", "テーマのテンプレート", "theme template",
                                              "テンプレートを部品(パーシャル)に分けてください",
                                              "split it into partials"};
/// The HTML of one rendered page (the real site's largest, requirements.html, is 100 KB).
inline constexpr SizeLimit kOutputSizeLimit{20 * kMiB, "KJ913", "ページの表示結果(HTML)", "rendered page (HTML)",
                                            "ページを分けるか、テンプレートが同じ内容を何度も繰り返していないか確かめてください",
                                            "split the page, or check that the template does not repeat the same content"};

/// "5 MB (5,242,880 バイト)" / "5 MB (5,242,880 bytes)": megabytes with one decimal when needed, then the exact bytes.
std::string format_size(std::uintmax_t bytes, bool japanese);

/// The error for `size` bytes over `limit`, e.g. "ページ(Markdown ファイル)が大きすぎます: 50 MB (52,428,800 バイト)。
/// 上限は 5 MB (5,242,880 バイト) です。ページをいくつかに分けてください".
Message size_limit_message(const SizeLimit& limit, std::uintmax_t size);

/// Reports `size_limit_message` at `where` and returns false when `size` is over the limit.
bool check_size(const SizeLimit& limit, std::uintmax_t size, const SourceLocation& where, Diagnostics& diags);

}  // namespace kijun
