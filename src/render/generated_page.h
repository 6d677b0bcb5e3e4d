#pragma once
// The pages kijun generates from content/site.yaml rather than from one Markdown file (要件一覧,
// 検索, 目次, ...): rendered like any page, but a page over the HTML size limit is named in the message,
// since its place (content/site.yaml:1:1) does not tell which page it is.

#include <optional>
#include <string>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "render/theme.h"

namespace kijun {

/// What a generated page is, for messages: `what` in Japanese ("要件一覧"), `url` its site-relative
/// URL, and `fix_ja`/`fix_en` what an editor can do when it is too big ("" for the general advice).
struct NamedPage {
  std::string what;
  std::string url;
  std::string fix_ja = {};
  std::string fix_en = {};
};

/// KJ913 for generated page `page`: "生成するページ「要件一覧」(requirements.html)の表示結果(HTML)が…".
Message generated_page_too_big(const NamedPage& page);

/// Theme::render of layout `layout` for generated page `page`, its messages at `source`, with
/// generated_page_too_big(page) as its KJ913.
std::optional<std::string> render_generated(const Theme& theme, const std::string& layout,
                                            const kainjow::mustache::data& view, const std::string& source,
                                            const NamedPage& page, Diagnostics& diags);

}  // namespace kijun
