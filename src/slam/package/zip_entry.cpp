#include "slam/package/zip_entry.hpp"

#include "slam/package/little_endian.hpp"

#include <fmt/core.h>
#include <libdeflate.h>
#include <memory>
#include <new>
#include <string_view>

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

// The leading bytes of formats that are compressed already: deflating
// them again saves next to nothing (0.1% on botocore's .json.gz data) for
// most of a cold build's time.
constexpr std::string_view k_compressed_magics[] = {
    {"\x1f\x8b", 2},                 // gzip
    {"PK\x03\x04", 4},               // zip, wheel, jar
    {"\xfd\x37\x7a\x58\x5a\x00", 6}, // xz
    {"\x28\xb5\x2f\xfd", 4},         // zstd
    {"\x89PNG\r\n\x1a\n", 8},        // png
    {"\xff\xd8\xff", 3},             // jpeg
};

bool is_compressed_format(std::string_view content)
{
  for (auto magic : k_compressed_magics) {
    if (content.starts_with(magic)) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string compression_settings()
{
  return fmt::format("libdeflate level {}, compressed formats stored",
                     k_deflate_level);
}

ZipEntryHeader header_of(const CompressedEntry& entry)
{
  return {entry.name,
          entry.executable,
          entry.method,
          entry.crc32,
          entry.size,
          entry.data.size()};
}

CompressedEntry
compress_entry(std::string name, std::string_view content, bool executable)
{
  CompressedEntry entry;
  entry.name = std::move(name);
  entry.executable = executable;
  entry.crc32 = crc32(content);
  entry.size = content.size();
  if (!content.empty() && !is_compressed_format(content)) {
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

void seal_with_crc32(std::string& out)
{
  put32(out, crc32(out));
}

bool sealed_with_crc32(std::string_view bytes, std::string_view magic)
{
  if (bytes.size() < magic.size() + 4 || !bytes.starts_with(magic)) {
    return false;
  }
  auto body = bytes.substr(0, bytes.size() - 4);
  auto trailer = bytes.substr(body.size());
  return take_uint(trailer, 4) == crc32(body);
}

} // namespace slam::package
