// ir/pt2/Zip.cpp — libzip behind ir/pt2/Zip.h.
#include "ir/pt2/Zip.h"

#include <zip.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "ir/Diagnostic.h"

namespace symrange::ir::pt2 {

namespace {

constexpr std::uint64_t kMaxMember = 1ull << 31;  // 2 GiB: larger members are refused

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::unique_ptr<zip_t, ZipCloser> openBuffer(const std::string& bytes, const std::string& file) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    std::string m = zip_error_strerror(&err);
    zip_error_fini(&err);
    failFile(file, "cannot read the zip archive: " + m);
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    std::string m = zip_error_strerror(&err);
    zip_source_free(src);
    zip_error_fini(&err);
    failFile(file, "not a readable zip archive (truncated or corrupt?): " + m);
  }
  zip_error_fini(&err);
  return std::unique_ptr<zip_t, ZipCloser>(z);
}

}  // namespace

bool looksLikeZip(const std::string& bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}

std::vector<ZipMember> readZip(const std::string& bytes, const std::string& file) {
  auto z = openBuffer(bytes, file);
  zip_int64_t n = zip_get_num_entries(z.get(), 0);
  if (n < 0) failFile(file, "cannot list the zip archive's members");
  std::vector<ZipMember> out;
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto idx = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z.get(), idx, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE))
      failFile(file, "zip member " + std::to_string(i) + ": unreadable header: " + zip_strerror(z.get()));
    ZipMember m;
    m.name = st.name;
    m.method = (st.valid & ZIP_STAT_COMP_METHOD) ? static_cast<std::int32_t>(st.comp_method) : 0;
    if (st.size > kMaxMember || (total += st.size) > kMaxMember)
      failFile(file, "zip member '" + m.name + "' is too large");
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(z.get(), idx, 0));
    if (!f) failFile(file, "zip member '" + m.name + "': " + zip_strerror(z.get()));
    m.data.resize(st.size);
    std::uint64_t got = 0;
    while (got < st.size) {
      zip_int64_t r = zip_fread(f.get(), m.data.data() + got, st.size - got);
      if (r < 0) failFile(file, "zip member '" + m.name + "' is corrupt: " + zip_file_strerror(f.get()));
      if (r == 0) break;
      got += static_cast<std::uint64_t>(r);
    }
    if (got != st.size) failFile(file, "zip member '" + m.name + "' is truncated");
    out.push_back(std::move(m));
  }
  return out;
}

void writeZipReplacing(const std::string& srcBytes, const std::string& member,
                       const std::string& data, const std::string& dst) {
  {
    std::ofstream o(dst, std::ios::binary | std::ios::trunc);
    if (!o) failFile(dst, "cannot write the archive");
    o.write(srcBytes.data(), static_cast<std::streamsize>(srcBytes.size()));
    if (!o) failFile(dst, "cannot write the archive");
  }
  int errorp = 0;
  zip_t* z = zip_open(dst.c_str(), 0, &errorp);
  if (!z) failFile(dst, "cannot reopen the archive written");
  std::unique_ptr<zip_t, ZipCloser> guard(z);
  zip_int64_t idx = zip_name_locate(z, member.c_str(), ZIP_FL_ENC_RAW);
  if (idx < 0) failFile(dst, "member '" + member + "' not found");
  const auto uidx = static_cast<zip_uint64_t>(idx);
  zip_stat_t st;
  zip_stat_init(&st);
  zip_stat_index(z, uidx, 0, &st);
  zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
  if (!src) failFile(dst, std::string("cannot replace the model: ") + zip_strerror(z));
  if (zip_file_replace(z, uidx, src, 0) != 0) {
    zip_source_free(src);
    failFile(dst, std::string("cannot replace the model: ") + zip_strerror(z));
  }
  zip_set_file_compression(z, uidx, ZIP_CM_STORE, 0);
  if (st.valid & ZIP_STAT_MTIME) zip_file_set_mtime(z, uidx, st.mtime, 0);
  if (zip_close(z) != 0) failFile(dst, std::string("cannot write the archive: ") + zip_strerror(z));
  guard.release();
}

}  // namespace symrange::ir::pt2
