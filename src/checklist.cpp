#include "checklist.h"

namespace kijun {

kainjow::mustache::data checklist_view(const SiteModel&, int, Diagnostics&) { return kainjow::mustache::data(); }

std::vector<GeneratedFile> checklist_exports(const SiteModel&) { return {}; }

}  // namespace kijun
