#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "render/nav_view.h"
#include "render/theme.h"
#include "render/view_data.h"
#include "test_support.h"

using namespace kijun;
using kainjow::mustache::data;

namespace {

// Every field of every node, nested: two navigations render alike only when they are alike.
std::optional<Theme> nav_theme(Diagnostics& diags) {
  return Theme::from_texts(
      "themes/t", {{"t", "{{#nav}}{{> item}}{{/nav}}"}},
      {{"item", "<{{title}}|{{href}}|{{#current}}C{{/current}}{{#open}}O{{/open}}"
                "{{#has_children}}[{{#children}}{{> item}}{{/children}}]{{/has_children}}>"}},
      diags);
}

std::string page(const std::string& title) { return "---\ntitle: " + title + "\n---\n本文。\n"; }

}  // namespace

TEST_CASE("a page's navigation layer renders as its own compact navigation, whatever page came before",
          "[nav]") {
  // Leaves at the top, in chapters, in a sub-section, and beside a section that has children.
  test::LoadedSite s({{"01-top.md", page("冒頭")},
                      {"02-one/_index.md", page("第一章")},
                      {"02-one/01-a.md", page("一のA")},
                      {"02-one/02-b.md", page("一のB")},
                      {"02-one/03-sub/_index.md", page("小節")},
                      {"02-one/03-sub/01-x.md", page("小節のX")},
                      {"02-one/03-sub/02-y.md", page("小節のY")},
                      {"02-one/04-c.md", page("一のC")},
                      {"03-two/_index.md", page("第二章")},
                      {"03-two/01-d.md", page("二のD")},
                      {"03-two/02-e.md", page("二のE")},
                      {"04-end.md", page("末尾")}});
  REQUIRE(s.lib);
  REQUIRE(s.messages().empty());
  REQUIRE(s.lib->pages.size() == 13);
  const SiteModel site = s.model();
  Diagnostics diags;
  auto theme = nav_theme(diags);
  REQUIRE(theme);
  auto own = [&](int pi) {
    data view;
    put(view, "nav", nav_list(site, pi, s.lib->pages[pi].url, false));
    return *theme->render("t", view, "x", diags);
  };
  std::vector<int> order(s.lib->pages.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::vector<std::vector<int>> orders = {order, {order.rbegin(), order.rend()}};
  std::mt19937 rng(7);
  for (int k = 0; k < 5; ++k) {
    std::shuffle(order.begin(), order.end(), rng);
    orders.push_back(order);
  }
  orders.push_back({5, 6, 5, 6, 2, 3, 7, 2});  // back and forth between siblings
  for (const auto& pages : orders) {
    NavLayer layer(site);
    for (int pi : pages) {
      INFO("page " << s.lib->pages[pi].url);
      const std::string got = *theme->render("t", data(), "x", diags, std::nullopt, &layer.for_page(pi));
      CHECK(got == own(pi));
      // Exactly the page itself is current (the home page is not in the navigation).
      int currents = 0;
      for (auto at = got.find("|C"); at != std::string::npos; at = got.find("|C", at + 1)) ++currents;
      CHECK(currents == (pi == 0 ? 0 : 1));
      const Page& p = s.lib->pages[pi];
      if (pi != 0) CHECK(got.find("<" + p.display_title() + "|" + relative_url(p.url, p.url) + "|C") != std::string::npos);
    }
  }
  CHECK(diags.items().empty());
}

TEST_CASE("a layer under a view gives what the view lacks, and the view's names hide it", "[nav][theme]") {
  Diagnostics diags;
  auto theme = Theme::from_texts("themes/t", {{"t", "{{a}}{{b}}{{#list}}{{a}}{{b}}{{/list}}{{^c}}-{{/c}}"}}, {}, diags);
  REQUIRE(theme);
  data view, item, under;
  put(view, "a", data("1"));
  put(item, "b", data("I"));
  data list = data::type::list;
  append(list, std::move(item));
  put(view, "list", std::move(list));
  put(under, "a", data("x"));
  put(under, "b", data("2"));
  CHECK(*theme->render("t", view, "x", diags, std::nullopt, &under) == "121I-");
  put(under, "c", data(true));
  CHECK(*theme->render("t", view, "x", diags, std::nullopt, &under) == "121I");
  CHECK(*theme->render("t", view, "x", diags) == "11I-");
}
