#include "slam/package/entry_pack.hpp"

#include "slam/package/little_endian.hpp"

#include <fstream>

namespace slam::package {
namespace {

constexpr std::string_view k_magic = "SLAMZE1\n";
constexpr std::size_t k_header_size = 8 + 2 + 4 + 8 + 8 + 4;
// Where the stored size lies in the header.
constexpr std::size_t k_stored_size_at = 8 + 2 + 4 + 8;

// Return the stored size in HEADER, or nothing when it is not a header.
std::optional<std::uint64_t> stored_size_of(std::string_view header)
{
  if (!header.starts_with(k_magic)) {
    return std::nullopt;
  }
  header.remove_prefix(k_stored_size_at);
  return take_uint(header, 8);
}

} // namespace

PackIndex index_pack(std::string_view pack)
{
  PackIndex index;
  std::uint64_t offset = 0;
  while (pack.size() - offset >= k_pack_key_size + k_header_size) {
    auto head = pack.substr(offset, k_pack_key_size + k_header_size);
    auto stored = stored_size_of(head.substr(k_pack_key_size));
    auto size = k_header_size + stored.value_or(0);
    if (!stored || size > pack.size() - offset - k_pack_key_size) {
      break;
    }
    index.records.push_back({std::string(head.substr(0, k_pack_key_size)),
                             offset + k_pack_key_size,
                             size});
    offset += k_pack_key_size + size;
  }
  index.damaged = offset != pack.size() || index.records.empty();
  return index;
}

std::string encode_entry(const CompressedEntry& entry)
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

std::optional<CompressedEntry> decode_entry(std::string_view encoded,
                                            std::string_view content)
{
  return decode_entry(encoded, content.size(), crc32(content));
}

std::optional<CompressedEntry>
decode_entry(std::string_view encoded, std::uint64_t size, std::uint32_t crc)
{
  if (encoded.size() < k_header_size || !encoded.starts_with(k_magic)) {
    return std::nullopt;
  }
  encoded.remove_prefix(k_magic.size());
  CompressedEntry entry;
  auto method = take_uint(encoded, 2);
  entry.crc32 = static_cast<std::uint32_t>(take_uint(encoded, 4));
  entry.size = take_uint(encoded, 8);
  auto stored_size = take_uint(encoded, 8);
  auto stored_crc = take_uint(encoded, 4);
  bool whole = stored_size == encoded.size() && stored_crc == crc32(encoded) &&
               (method == 0 || method == 8);
  if (!whole || entry.size != size || entry.crc32 != crc) {
    return std::nullopt;
  }
  entry.method = static_cast<ZipMethod>(method);
  entry.data = encoded;
  return entry;
}

PackIndex read_pack_index(const std::filesystem::path& path)
{
  PackIndex index;
  std::error_code error;
  auto file_size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  std::uint64_t offset = 0;
  std::string head(k_pack_key_size + k_header_size, '\0');
  while (!error && in && offset < file_size) {
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) {
      break;
    }
    auto stored =
        stored_size_of(std::string_view(head).substr(k_pack_key_size));
    auto size = k_header_size + stored.value_or(0);
    auto end = offset + k_pack_key_size + size;
    if (!stored || end > file_size) {
      break;
    }
    index.records.push_back(
        {head.substr(0, k_pack_key_size), offset + k_pack_key_size, size});
    offset = end;
    in.seekg(static_cast<std::streamoff>(offset));
  }
  index.damaged = error || offset != file_size || index.records.empty();
  return index;
}

std::optional<std::string> read_pack_record(const std::filesystem::path& path,
                                            const PackRecord& record)
{
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(record.offset));
  std::string bytes(record.size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return std::nullopt;
  }
  return bytes;
}

} // namespace slam::package
