// libFuzzer target: a theme loaded from template texts, then rendered against fixed view data shaped like a page's:
// strings to escape, flags, a list and a navigation tree that partials may walk recursively.
// The input is the layout "page", then partials, each after a NUL byte as "name\ntext".
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "render/theme.h"

namespace {

kainjow::mustache::data nav_node(int depth) {
  kainjow::mustache::data node;
  node.set("title", "第" + std::to_string(depth) + "章 <b>&\"'</b>");
  node.set("url", "a/b.html?x=1&y=\"2\"");
  node.set("current", depth % 2 == 0);
  kainjow::mustache::data children{kainjow::mustache::data::type::list};
  if (depth < 4) {
    children.push_back(nav_node(depth + 1));
    children.push_back(nav_node(depth + 2));
  }
  node.set("children", children);
  node.set("has_children", depth < 4);
  return node;
}

const kainjow::mustache::data& view() {
  static const kainjow::mustache::data v = [] {
    kainjow::mustache::data site;
    site.set("title", "クラウドサービス利用基準");
    site.set("edition", "第1.1版");
    kainjow::mustache::data page;
    page.set("title", "<script>alert(1)</script>");
    page.set("body", "<p>本文</p>");
    page.set("draft", true);
    page.set("empty", false);
    kainjow::mustache::data items{kainjow::mustache::data::type::list};
    for (int i = 0; i < 3; ++i) {
      kainjow::mustache::data item;
      item.set("id", "CS-3." + std::to_string(i));
      item.set("text", "規定 " + std::to_string(i) + " {{x}}");
      items.push_back(item);
    }
    kainjow::mustache::data d;
    d.set("site", site);
    d.set("page", page);
    d.set("items", items);
    d.set("nav", nav_node(0));
    d.set("root", "../");
    return d;
  }();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> templates, partials;
  std::size_t start = 0;
  for (int part = 0; part < 16; ++part) {
    std::size_t end = input.find('\0', start);
    std::string text(input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (part == 0)
      templates.emplace("page", std::move(text));
    else if (std::size_t nl = text.find('\n'); nl != std::string::npos)
      partials.emplace(text.substr(0, nl), text.substr(nl + 1));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  kijun::Diagnostics diags;
  auto theme = kijun::Theme::from_texts("themes/fuzz", templates, partials, diags);
  if (!theme) return 0;
  auto html = theme->render("page", view(), "content/page.md", diags);
  if (!html && !diags.has_errors()) __builtin_trap();
  return 0;
}
