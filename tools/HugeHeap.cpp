// tools/HugeHeap.cpp — Z3 4.8's context allocates two hash tables of 8.1 MiB and writes every
// cell at its creation: 4,200 of the 5,100 page faults of `symrange analyze` on a medium corpus
// program, a third of its CPU time spent in the kernel mapping and clearing 4 KiB pages. On a
// heap backed by transparent huge pages the same memory takes a few dozen faults
// (`perf stat`, corpus/medium/prog_0: 5,090 -> 2,020 faults, 24 -> 17 ms task-clock).
//
// The kernel here gives huge pages only to memory that asks for them (madvise mode), and glibc
// serves allocations that large with a fresh mmap of their own. So: allocations below 64 MiB
// come from the main heap, which first grows by 32 MiB (address space only: a page is backed
// when first written) marked MADV_HUGEPAGE, and is not trimmed below that: the freed tables
// stay there for the next context, as glibc would otherwise decide after the first free anyway
// (its dynamic mmap threshold).
#include "tools/internal/HugeHeap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace symrange::tools {

void prepareHugeHeap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(__SANITIZE_ADDRESS__)
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  constexpr std::size_t kStep = 32 * kMiB;
  constexpr std::uintptr_t kHuge = 2 * kMiB;
  if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(64 * kMiB)) == 0) return;
  (void)mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kStep));
  // the heap grows by a first step, marked, then freed: the top chunk keeps it for what follows
  void* step = std::malloc(kStep);
  if (!step) return;
  const auto at = reinterpret_cast<std::uintptr_t>(step);
  const std::uintptr_t from = (at + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t to = (at + kStep) & ~(kHuge - 1);
  if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  std::free(step);
#endif
}

}  // namespace symrange::tools
