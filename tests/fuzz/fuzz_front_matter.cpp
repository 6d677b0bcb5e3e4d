// libFuzzer target: one page's front matter, split from the body, parsed and checked against the schema
// (with the example facts of the real site.yaml, so that `type: example` pages are checked too).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/front_matter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The keys of content/site.yaml's `examples: facts:`.
  static const std::vector<std::string> example_keys = {
      "confidentiality", "functions", "document_sharing", "recording",
      "e2e_encryption",  "data_centre", "password",       "waiting_room", "participant_verification"};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kijun::Diagnostics diags;
  auto file = kijun::parse_source_file("content/page.md", text, diags, example_keys);
  // A page that parsed has a title (the schema requires one) and a body inside the input.
  if (file && (file->meta.title.empty() || file->body.size() > size)) __builtin_trap();
  return 0;
}
