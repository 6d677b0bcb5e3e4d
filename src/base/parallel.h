#pragma once
// Work spread over the machine's cores: independent items, any order, results by index.

#include <cstddef>
#include <functional>

namespace kijun {

/// How many threads parallel_for uses: the number of cores (at least 1), or $KIJUN_THREADS.
std::size_t worker_count();

/// Calls `fn(i)` for every i in [0, n), on up to worker_count() threads (the caller's included);
/// items are handed out one at a time, so uneven items balance. Returns when all are done. The
/// first exception thrown by `fn` is rethrown here (remaining items are skipped).
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn);

}  // namespace kijun
