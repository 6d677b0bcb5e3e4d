#include "render/generated_page.h"

#include "base/size_limit.h"

namespace kijun {

Message generated_page_too_big(const NamedPage& page) {
  const std::string fix_ja = page.fix_ja.empty() ? kOutputSizeLimit.fix_ja : page.fix_ja;
  const std::string fix_en = page.fix_en.empty() ? kOutputSizeLimit.fix_en : page.fix_en;
  return Message{kOutputSizeLimit.code,
                 "kijun が作るページ「" + page.what + "」(" + page.url + ")の表示結果(HTML)が上限の " +
                     format_size(kOutputSizeLimit.bytes, true) + " を超えたので、表示を止めました。" + fix_ja,
                 "the HTML of the generated page '" + page.url + "' passed the limit of " +
                     format_size(kOutputSizeLimit.bytes, false) + "; rendering stopped: " + fix_en};
}

std::optional<std::string> render_generated(const Theme& theme, const std::string& layout,
                                            const kainjow::mustache::data& view, const std::string& source,
                                            const NamedPage& page, Diagnostics& diags) {
  return theme.render(layout, view, source, diags, generated_page_too_big(page));
}

}  // namespace kijun
