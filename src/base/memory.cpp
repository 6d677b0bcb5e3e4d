#include "base/memory.h"

#include <malloc.h>

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

}  // namespace kijun
