#pragma once
// Dates as Japanese official documents write them: 和暦 (令和7年4月1日) computed from ISO dates.

#include <optional>
#include <string>
#include <string_view>

namespace kijun {

/// A calendar date.
struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
};

/// Parses "2025-04-01" (a real calendar date); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);

/// "2025-04-01".
std::string iso_date(const Date& d);

/// 和暦: "令和7年4月1日" (令和 from 2019-05-01, 平成 from 1989-01-08; year 1 is 元年).
/// Dates before 平成 are written in the Western calendar ("1988年1月7日").
std::string wareki(const Date& d);

/// 和暦 without the era and year when `d` shares them with `same_year_as`: "3月17日".
std::string wareki_short(const Date& d, const Date& same_year_as);

}  // namespace kijun
