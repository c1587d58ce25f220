// ir/pt2/Zip.h — the zip container of `.pt2` archives, through libzip: every member read
// into memory (name, bytes, compression method), and a copy of an archive with one member replaced
// (the others copied as they are, the new one STORED as torch stores its members).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symrange::ir::pt2 {

struct ZipMember {
  std::string name;
  std::string data;
  std::int32_t method = 0;  // 0: stored
};

/// Reads every member of the zip `bytes` (the contents of `file`, for messages). Throws
/// InputError `FILE: error: ...` on a truncated or corrupt archive, or on members too large.
[[nodiscard]] std::vector<ZipMember> readZip(const std::string& bytes, const std::string& file);

/// True when `bytes` starts like a zip archive (a local header or an empty archive's end record).
[[nodiscard]] bool looksLikeZip(const std::string& bytes);

/// Writes to `dst` the archive `srcBytes` with member `member` replaced by `data` (stored, its
/// timestamp kept). Every other member keeps its bytes, order and compression. Throws
/// InputError on failure.
void writeZipReplacing(const std::string& srcBytes, const std::string& member,
                       const std::string& data, const std::string& dst);

}  // namespace symrange::ir::pt2
