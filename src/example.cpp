#include "example.h"

namespace kijun {

kainjow::mustache::data example_view(const SiteModel&, int) { return kainjow::mustache::data(); }

std::vector<GeneratedPage> example_pages(const SiteModel&, Diagnostics&) { return {}; }

}  // namespace kijun
