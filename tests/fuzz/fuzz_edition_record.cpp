// libFuzzer target: an edition record (editions/<number>.yaml). Whatever the quick reading of the
// published shape accepts, yaml-cpp must read as the same record, without a message.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/edition_record.h"
#include "content/published_record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  kijun::Diagnostics diags;
  auto full = kijun::parse_edition_record_yaml("editions/1.2.yaml", text, diags);
  if (auto quick = kijun::read_published_record("editions/1.2.yaml", text)) {
    if (!full || !diags.items().empty()) __builtin_trap();
    if (kijun::edition_record_json(*quick) != kijun::edition_record_json(*full)) __builtin_trap();
  }
  // The build's reading: a record, or the reason there is none.
  kijun::Diagnostics build_diags;
  if (!kijun::parse_edition_record("editions/1.2.yaml", text, build_diags) && !build_diags.has_errors()) __builtin_trap();
  return 0;
}
