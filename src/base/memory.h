#pragma once
// Giving freed memory back to the system, whichever allocator the program was linked with; and
// asking for large pages under large buffers.
//
// The kijun executable is linked with tcmalloc (gperftools), which is faster than glibc's malloc
// on a build's many small strings and keeps less of what other threads freed; the core library
// and its tests do not depend on it, and use glibc's malloc.

#include <cstddef>

namespace kijun {

/// Returns the memory that the allocator holds free to the system, when it holds at least
/// `at_least` bytes: tcmalloc's free pages when tcmalloc is linked, glibc's free arenas otherwise
/// (malloc_trim). The next allocations pay page faults for it, so call it where memory has just
/// been freed in bulk and much less is needed next, or when the program goes quiet.
void release_free_memory(std::size_t at_least = 0);

/// Asks the system to back the whole 2 MiB pages inside [data, data + bytes) with transparent huge
/// pages (Linux: madvise MADV_HUGEPAGE, which the kernel's default "madvise" mode waits for). For a
/// large buffer about to be written from one end to the other: one page fault per 2 MiB instead
/// of 512 (writing a 95 MB index into fresh memory took 55 ms, 28 with this). Touches no page and
/// ignores failure: a hint, not a requirement.
void advise_huge_pages(const void* data, std::size_t bytes);

}  // namespace kijun
