#pragma once
// Work spread over the machine's cores: independent items, any order, results by index.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kijun {

/// How many threads parallel_for uses: the number of cores (at least 1), or $KIJUN_THREADS.
std::size_t worker_count();

/// Calls `fn(i)` for every i in [0, n), on up to worker_count() threads (the caller's included);
/// items are handed out one at a time, so uneven items balance. Returns when all are done. The
/// first exception thrown by `fn` is rethrown here (remaining items are skipped).
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn);

/// Texts of items [0, n) written on every core: `item(out, i)` appends item i's text to `out`, a
/// chunk of consecutive items at a time (a few chunks a core). The chunks come back in order, so
/// that their concatenation is every item's text in order, whatever the threads did.
/// `reserve(from, to)`, when given, is about how many bytes items [from, to) take: each chunk's
/// text is given that room first (on large pages when it is large), instead of growing.
std::vector<std::string> parallel_chunks(std::size_t n, const std::function<void(std::string&, std::size_t)>& item,
                                         const std::function<std::size_t(std::size_t, std::size_t)>& reserve = {});

/// Appends `parts` to `out` in order, room made once for all of them, each part freed once
/// appended: a large text made by parallel_chunks is copied once and held about twice at most.
void append_parts(std::string& out, std::vector<std::string>&& parts);

}  // namespace kijun
