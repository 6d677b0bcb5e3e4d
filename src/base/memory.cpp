#include "base/memory.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>

// gperftools' C entry points, declared weak: null when tcmalloc is not linked.
extern "C" void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));
extern "C" int MallocExtension_GetNumericProperty(const char* property, std::size_t* value) __attribute__((weak));

namespace kijun {

void release_free_memory(std::size_t at_least) {
  if (MallocExtension_ReleaseFreeMemory) {
    std::size_t free_bytes = 0;
    if (at_least > 0 && MallocExtension_GetNumericProperty &&
        MallocExtension_GetNumericProperty("tcmalloc.pageheap_free_bytes", &free_bytes) && free_bytes < at_least)
      return;
    MallocExtension_ReleaseFreeMemory();
    return;
  }
  if (at_least > 0 && mallinfo2().fordblks < at_least) return;
  malloc_trim(0);
}

void advise_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto at = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (at + kHuge - 1) & ~(kHuge - 1), last = (at + bytes) & ~(kHuge - 1);
  if (bytes < kHuge || last <= first) return;
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

}  // namespace kijun
