#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/memory.h"

namespace kijun {

std::size_t worker_count() {
  // KIJUN_THREADS overrides (for measuring); otherwise one thread a core.
  static const std::size_t n = [] {
    if (const char* env = std::getenv("KIJUN_THREADS"); env && std::atoi(env) > 0)
      return static_cast<std::size_t>(std::atoi(env));
    return static_cast<std::size_t>(std::max(1u, std::thread::hardware_concurrency()));
  }();
  return n;
}

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn) {
  const std::size_t threads = std::min(worker_count(), n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i; !failed && (i = next.fetch_add(1)) < n;) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

std::vector<std::string> parallel_chunks(std::size_t n, const std::function<void(std::string&, std::size_t)>& item,
                                         const std::function<std::size_t(std::size_t, std::size_t)>& reserve) {
  const std::size_t chunks = std::max<std::size_t>(1, worker_count() * 8);
  std::vector<std::string> parts(std::min(chunks, std::max<std::size_t>(n, 1)));
  parallel_for(parts.size(), [&](std::size_t c) {
    const std::size_t from = n * c / parts.size(), to = n * (c + 1) / parts.size();
    if (reserve) {
      parts[c].reserve(reserve(from, to));
      advise_huge_pages(parts[c].data(), parts[c].capacity());
    }
    for (std::size_t i = from; i < to; ++i) item(parts[c], i);
  });
  return parts;
}

void append_parts(std::string& out, std::vector<std::string>&& parts) {
  std::size_t total = out.size();
  for (const std::string& p : parts) total += p.size();
  out.reserve(total);
  advise_huge_pages(out.data(), out.capacity());
  for (std::string& p : parts) {
    out += p;
    p = std::string();
  }
}

}  // namespace kijun
