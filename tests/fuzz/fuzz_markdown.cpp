// libFuzzer target: the Markdown phase over one page body — requirement markers {#CS-…}, references
// [[…]], headings and their anchors, task items, links — then labelling and rendering, as a build does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "content/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte chooses the options (raw HTML allowed or not), the rest is the body.
  if (size == 0) return 0;
  kijun::MarkdownOptions options;
  options.unsafe_html = (data[0] & 1) != 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  kijun::Diagnostics diags;
  auto doc = kijun::MarkdownDocument::parse("content/page.md", body, 1, options, diags);
  doc.label_references([](const kijun::Reference& r) { return r.target + " の規定"; });
  kijun::RenderHooks hooks;
  hooks.reference = [](const kijun::Reference& r) {
    return kijun::RenderHooks::Link{"<a href=\"#" + r.target + "\">", "</a>", r.target};
  };
  hooks.provision_open = [](const kijun::Marker& m) { return "<span class=\"id\">" + m.id + "</span>"; };
  hooks.provision_close = [](const kijun::Marker&) { return std::string("<!-- end -->"); };
  hooks.file_link = [](const kijun::FileLink& l) -> std::optional<std::string> {
    if (l.destination.size() % 2) return std::nullopt;
    return std::string("other.html");
  };
  std::string html = doc.render(hooks);
  // Every marker and heading names a place inside the body.
  for (const auto& m : doc.markers)
    if (m.where.line < 1 || m.where.column < 1) __builtin_trap();
  for (const auto& h : doc.headings)
    if (h.anchor.empty()) __builtin_trap();
  (void)html;
  return 0;
}
