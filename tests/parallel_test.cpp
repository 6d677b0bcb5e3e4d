#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "base/parallel.h"

using namespace kijun;

TEST_CASE("parallel_for calls every index exactly once") {
  for (std::size_t n : {0u, 1u, 7u, 1000u}) {
    std::vector<std::atomic<int>> calls(n);
    parallel_for(n, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < n; ++i) CHECK(calls[i] == 1);
  }
}

TEST_CASE("parallel_for rethrows the exception of an item") {
  std::atomic<int> done{0};
  CHECK_THROWS_AS(parallel_for(100,
                               [&](std::size_t i) {
                                 if (i == 3) throw std::runtime_error("item 3");
                                 ++done;
                               }),
                  std::runtime_error);
  CHECK(done < 100);
}

TEST_CASE("parallel_chunks' parts appended in order are every item's text in order", "[parallel]") {
  for (std::size_t n : {0u, 1u, 5u, 997u}) {
    std::string out = "head:";
    std::vector<std::string> parts =
        parallel_chunks(n, [](std::string& o, std::size_t i) { o += std::to_string(i) + ","; });
    append_parts(out, std::move(parts));
    std::string expected = "head:";
    for (std::size_t i = 0; i < n; ++i) expected += std::to_string(i) + ",";
    CHECK(out == expected);
    for (const std::string& p : parts) CHECK(p.empty());  // each freed once appended
  }
}

TEST_CASE("parallel_chunks gives each chunk the room its estimate asks, and the same text", "[parallel]") {
  const std::size_t n = 5000;
  auto item = [](std::string& o, std::size_t i) { o += std::to_string(i) + ","; };
  std::vector<std::pair<std::size_t, std::size_t>> asked;
  std::mutex asked_mutex;
  // 3 MB a chunk: more than a large page, so the chunk's room is also advised onto large pages.
  const std::vector<std::string> reserved = parallel_chunks(n, item, [&](std::size_t from, std::size_t to) {
    std::lock_guard<std::mutex> lock(asked_mutex);
    asked.emplace_back(from, to);
    return std::size_t{3} << 20;
  });
  const std::vector<std::string> grown = parallel_chunks(n, item);
  CHECK(reserved == grown);
  REQUIRE(asked.size() == reserved.size());
  std::sort(asked.begin(), asked.end());
  std::size_t covered = 0;
  for (const auto& [from, to] : asked) {
    CHECK(from == covered);  // the estimates are asked of the chunks' own items, all of them once
    covered = to;
  }
  CHECK(covered == n);
  for (const std::string& part : reserved) CHECK(part.capacity() >= (std::size_t{3} << 20));
}
