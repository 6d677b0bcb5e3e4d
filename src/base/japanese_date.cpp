#include "base/japanese_date.h"

#include <cstdio>

namespace kijun {

namespace {

struct Era {
  const char* name;
  Date start;
};
// Newest first.
constexpr Era kEras[] = {{"令和", {2019, 5, 1}}, {"平成", {1989, 1, 8}}};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// "令和7年" or "令和元年"; "" before 平成.
std::string era_year(const Date& d) {
  for (const auto& e : kEras)
    if (d >= e.start) {
      int y = d.year - e.start.year + 1;
      return std::string(e.name) + (y == 1 ? "元" : std::to_string(y)) + "年";
    }
  return std::to_string(d.year) + "年";
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in(d.year, d.month)) return std::nullopt;
  return d;
}

std::string iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string wareki(const Date& d) {
  return era_year(d) + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string wareki_short(const Date& d, const Date& same_year_as) {
  if (era_year(d) != era_year(same_year_as)) return wareki(d);
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace kijun
