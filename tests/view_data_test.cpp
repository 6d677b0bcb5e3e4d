#include <catch2/catch.hpp>

#include "render/view_data.h"

using namespace kijun;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

TEST_CASE("view data moved into place renders as data set and pushed does", "[view_data]") {
  data moved, copied;
  data moved_list = data::type::list, copied_list = data::type::list;
  for (int i = 0; i < 100; ++i) {  // the list grows many times over
    data item;
    item.set("n", std::to_string(i));
    data inner = data::type::list;
    append(inner, data("x", std::string(i % 3 + 1, '*')));
    put(item, "inner", std::move(inner));
    data copy;
    copy.set("n", std::to_string(i));
    data copy_inner = data::type::list;
    copy_inner << data("x", std::string(i % 3 + 1, '*'));
    copy.set("inner", copy_inner);
    append(moved_list, std::move(item));
    copied_list << copy;
  }
  put(moved, "items", std::move(moved_list));
  copied.set("items", copied_list);
  put(moved, "title", data(std::string("前")));
  put(moved, "title", data(std::string("<後>")));  // replaces, as set does
  copied.set("title", std::string("<後>"));
  mustache tmpl("{{title}}:{{#items}}[{{n}}{{#inner}}{{x}}{{/inner}}]{{/items}}");
  const std::string out = tmpl.render(moved);
  CHECK(out == tmpl.render(copied));
  CHECK(out.rfind("&lt;後&gt;:[0*][1**][2***][3*][4**]", 0) == 0);
  CHECK(out.ends_with("[98***][99*]"));
  // Into a value that is not an object or not a list: nothing, as with set and push_back.
  data text("文字");
  put(text, "k", data("v"));
  append(text, data("v"));
  CHECK(text.is_string());
  CHECK(text.string_value() == "文字");
}
