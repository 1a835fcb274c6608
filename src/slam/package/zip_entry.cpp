#include "slam/package/zip_entry.hpp"

#include <libdeflate.h>
#include <memory>
#include <new>

namespace slam::package {
namespace {

struct CompressorDeleter
{
  void operator()(libdeflate_compressor* compressor) const
  {
    libdeflate_free_compressor(compressor);
  }
};

// Return this thread's compressor: allocating one costs more than
// compressing a small file, and one per thread keeps parallel use safe.
libdeflate_compressor& compressor()
{
  thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter>
      compressor(libdeflate_alloc_compressor(k_deflate_level));
  if (!compressor) {
    throw std::bad_alloc();
  }
  return *compressor;
}

} // namespace

CompressedEntry
compress_entry(std::string name, std::string_view content, bool executable)
{
  CompressedEntry entry;
  entry.name = std::move(name);
  entry.executable = executable;
  entry.crc32 = crc32(content);
  entry.size = content.size();
  if (!content.empty()) {
    // A buffer one byte short of the input makes libdeflate give up (and
    // return 0) exactly when deflating would not save anything.
    std::string deflated(content.size() - 1, '\0');
    auto length = libdeflate_deflate_compress(&compressor(),
                                              content.data(),
                                              content.size(),
                                              deflated.data(),
                                              deflated.size());
    if (length > 0) {
      deflated.resize(length);
      entry.method = ZipMethod::deflated;
      entry.data = std::move(deflated);
      return entry;
    }
  }
  entry.method = ZipMethod::stored;
  entry.data = content;
  return entry;
}

std::uint32_t crc32(std::string_view data)
{
  return libdeflate_crc32(0, data.data(), data.size());
}

} // namespace slam::package
