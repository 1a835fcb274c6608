#include "slam/package/entry_cache.hpp"

#include "slam/package/cache_prune.hpp"
#include "slam/package/little_endian.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <vector>

namespace fs = std::filesystem;

// An entry file is a header, then the entry's bytes as stored in the zip:
// magic, method (2 bytes), CRC-32 of the content (4), content size (8),
// stored size (8), CRC-32 of the stored bytes (4). The stored size and
// CRC catch a truncated or damaged file; the content's size and CRC catch
// one that belongs to other content.

namespace slam::package {
namespace {

constexpr std::string_view k_magic = "SLAMZE1\n";
constexpr std::size_t k_header_size = 8 + 2 + 4 + 8 + 8 + 4;

// Part of every key: a new compressor or level must not reuse old bytes.
std::string settings()
{
  return fmt::format("libdeflate level {}", k_deflate_level);
}

std::string encode(const CompressedEntry& entry)
{
  std::string out(k_magic);
  put16(out, static_cast<std::uint16_t>(entry.method));
  put32(out, entry.crc32);
  put64(out, entry.size);
  put64(out, entry.data.size());
  put32(out, crc32(entry.data));
  out += entry.data;
  return out;
}

// Return the entry in FILE when it is whole and made from CONTENT.
std::optional<CompressedEntry> decode(std::string_view file,
                                      std::string_view content)
{
  if (file.size() < k_header_size || !file.starts_with(k_magic)) {
    return std::nullopt;
  }
  file.remove_prefix(k_magic.size());
  CompressedEntry entry;
  auto method = take_uint(file, 2);
  entry.crc32 = static_cast<std::uint32_t>(take_uint(file, 4));
  entry.size = take_uint(file, 8);
  auto stored_size = take_uint(file, 8);
  auto stored_crc = take_uint(file, 4);
  bool whole = stored_size == file.size() && stored_crc == crc32(file) &&
               (method == 0 || method == 8);
  if (!whole || entry.size != content.size() || entry.crc32 != crc32(content)) {
    return std::nullopt;
  }
  entry.method = static_cast<ZipMethod>(method);
  entry.data = file;
  return entry;
}

} // namespace

EntryCache::EntryCache(fs::path folder) : m_folder(std::move(folder)) {}

fs::path EntryCache::path_of(std::string_view content)
{
  auto name = util::sha256_hex(util::sha256(content) + settings());
  std::lock_guard lock(m_mutex);
  m_used.insert(name);
  return m_folder / name;
}

std::optional<CompressedEntry>
EntryCache::find(std::string_view content, std::string name, bool executable)
{
  auto path = path_of(content);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return std::nullopt;
  }
  std::optional<CompressedEntry> entry;
  try {
    entry = decode(util::read_file(path), content);
  } catch (const Error&) {
    return std::nullopt;
  }
  if (!entry) {
    util::debugf("entry cache: '{}' is damaged; compressing again",
                 path.string());
    return std::nullopt;
  }
  entry->name = std::move(name);
  entry->executable = executable;
  return entry;
}

void EntryCache::store(std::string_view content, const CompressedEntry& entry)
{
  auto path = path_of(content);
  try {
    std::error_code error;
    fs::create_directories(m_folder, error);
    util::write_file_atomic(path, encode(entry));
  } catch (const Error& error) {
    util::debugf("entry cache: {}", error.what());
  }
}

void EntryCache::prune(std::uint64_t max_bytes)
{
  std::lock_guard lock(m_mutex);
  prune_unused_files(m_folder, m_used, max_bytes);
}

} // namespace slam::package
