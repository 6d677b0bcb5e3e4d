// libFuzzer target: content/site.yaml, loaded and checked as a build does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/site_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kijun::Diagnostics diags;
  auto config = kijun::parse_site_config("content/site.yaml", text, diags);
  // A loaded configuration has every required fact; a refused one says why.
  if (config && config->title.empty()) __builtin_trap();
  if (!config && !diags.has_errors()) __builtin_trap();
  return 0;
}
