// tools/internal/HugeHeap.h — backs the main heap with transparent huge pages where the kernel offers
// them on request (see the .cpp for why).
#pragma once

namespace symrange::tools {

/// Called once at the start of main(), before any large allocation. Without effect where
/// transparent huge pages are unavailable or disabled.
void prepareHugeHeap();

}  // namespace symrange::tools
