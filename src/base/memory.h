#pragma once
// Giving freed memory back to the system, whichever allocator the program was linked with.
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

}  // namespace kijun
