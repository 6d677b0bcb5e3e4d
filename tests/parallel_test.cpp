#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
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
