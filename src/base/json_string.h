#pragma once
// Strings as JSON text, printed as JavaScript's JSON.stringify prints them: what the search data,
// the exports and the scripts kijun writes carry.

#include <string>
#include <string_view>

namespace kijun {

/// JSON.stringify of a string given as UTF-8 (quotes included): `"` `\\` and the control
/// characters escaped (\b \t \n \f \r, else \u00xx), everything else as it is. An invalid
/// UTF-8 sequence becomes U+FFFD, as a browser would decode it.
void append_json_string(std::string& out, std::string_view utf8);

}  // namespace kijun
