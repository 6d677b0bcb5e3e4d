#include "base/suggest.h"

#include <algorithm>

#include "base/utf8.h"

namespace kijun {

static std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += utf8::next(s, i);
  return out;
}

std::size_t edit_distance(std::string_view a8, std::string_view b8) {
  std::u32string a = decode(a8), b = decode(b8);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t limit = std::max<std::size_t>(2, utf8::count_chars(word) / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (!best && utf8::count_chars(word) >= 2)  // an abbreviation of a longer name: 'e2e' -> 'e2e_encryption'
    for (const auto& c : candidates)
      if (c.rfind(word, 0) == 0) return c;
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto n = nearest(word, candidates);
  return n ? " (did you mean '" + *n + "'?)" : "";
}

std::string did_you_mean_ja(std::string_view word, const std::vector<std::string>& candidates) {
  auto n = nearest(word, candidates);
  return n ? "（「" + *n + "」の誤りではありませんか？）" : "";
}

}  // namespace kijun
