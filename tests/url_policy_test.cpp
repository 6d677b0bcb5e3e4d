#include <catch2/catch.hpp>

#include "base/url_policy.h"

using namespace kijun;

TEST_CASE("the URL allow-list lets http, https, mailto, tel, relative URLs and fragments through") {
  for (const char* ok : {"https://www.city.kitakyushu.lg.jp/", "HTTP://example.invalid", "mailto:a@example.invalid",
                         "tel:093-000-0000", "../02-definitions/01-terms.md#x", "#anchor", "page.html?q=1", "",
                         "a/b:c", "?x=y:z"})
    CHECK(is_allowed_url(ok));
}

TEST_CASE("the URL allow-list refuses script, data and file URLs however they are spelled") {
  for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                          "java\nscript:x", "\x01javascript:x", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
                          "data:image/png;base64,AAAA", "file:///etc/passwd", "ftp://example.invalid", ":x"})
    CHECK_FALSE(is_allowed_url(bad));
  CHECK(url_scheme("java\tScript:x") == "javascript");
  CHECK(url_scheme("../a.md") == "");
}
