#pragma once
// "did you mean …?" support: edit distance over characters and the nearest candidate.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kijun {

/// Levenshtein distance between two UTF-8 strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if one is near enough to be a plausible typo
/// (distance at most max(2, length/3)). Ties go to the earlier candidate.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// 「（「x」の誤りではありませんか？）」 or "" when nothing is near: the Japanese of did_you_mean.
std::string did_you_mean_ja(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kijun
