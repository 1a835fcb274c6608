// A reader of the zips Slam writes: the end of central directory record
// (and its Zip64 form), the central directory, then each member's local
// header and data. Nothing read from the archive is trusted: every field
// that leads somewhere is checked against the archive's bounds first.
#include "slam/local/zip_reader.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/package/zip_format.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <libdeflate.h>
#include <limits>
#include <memory>

namespace slam::local {
namespace {

using namespace package::zip_format;

constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_locator_size = 20;
constexpr std::size_t k_zip64_end_size = 56;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_local_size = 30;
constexpr std::uint16_t k_stored = 0;
constexpr std::uint16_t k_deflated = 8;
// Deflate cannot shrink data by more than about 1032:1, so a larger
// claimed size is a lie that would only make us allocate.
constexpr std::uint64_t k_deflate_max_ratio = 1032;

[[noreturn]] void malformed(const std::string& what)
{
  throw Error("malformed zip: " + what);
}

// Little-endian fields at checked positions of one byte range.
class Bytes
{
public:
  explicit Bytes(std::string_view data) : m_data(data) {}

  std::size_t size() const { return m_data.size(); }

  // Return the SIZE bytes at OFFSET; throw when they are not all there.
  std::string_view
  slice(std::uint64_t offset, std::uint64_t size, const char* what) const
  {
    if (offset > m_data.size() || size > m_data.size() - offset) {
      malformed(fmt::format("{} runs past the end of the archive", what));
    }
    return m_data.substr(offset, size);
  }

  std::uint64_t number(std::uint64_t offset, int width) const
  {
    auto bytes = slice(offset, width, "a record");
    return package::take_uint(bytes, width);
  }
  std::uint16_t u16(std::uint64_t at) const { return number(at, 2); }
  std::uint32_t u32(std::uint64_t at) const { return number(at, 4); }
  std::uint64_t u64(std::uint64_t at) const { return number(at, 8); }

private:
  std::string_view m_data;
};

// Where the central directory is and how many members it lists.
struct Directory
{
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  std::uint64_t count = 0;
};

// Return the offset of the end of central directory record: the last
// signature from which a record and its comment reach the end exactly.
std::uint64_t find_end_record(const Bytes& zip)
{
  if (zip.size() < k_end_size) {
    malformed("too short to be a zip");
  }
  auto last = zip.size() - k_end_size;
  auto first = last > 0xffff ? last - 0xffff : 0;
  for (auto at = last + 1; at-- > first;) {
    if (zip.u32(at) == k_end_of_directory_signature &&
        at + k_end_size + zip.u16(at + 20) == zip.size()) {
      return at;
    }
  }
  malformed("no end of central directory record");
}

Directory read_zip64_end(const Bytes& zip, std::uint64_t end)
{
  if (end < k_locator_size ||
      zip.u32(end - k_locator_size) != k_zip64_locator_signature) {
    malformed("Zip64 fields without a Zip64 locator");
  }
  auto at = zip.u64(end - k_locator_size + 8);
  zip.slice(at, k_zip64_end_size, "the Zip64 end record");
  if (zip.u32(at) != k_zip64_end_of_directory_signature) {
    malformed("the Zip64 locator points to no Zip64 end record");
  }
  return {zip.u64(at + 48), zip.u64(at + 40), zip.u64(at + 32)};
}

Directory read_directory_location(const Bytes& zip)
{
  auto end = find_end_record(zip);
  if (zip.u16(end + 4) != 0 || zip.u16(end + 6) != 0) {
    malformed("archives split over several disks are not supported");
  }
  Directory directory{zip.u32(end + 16), zip.u32(end + 12), zip.u16(end + 10)};
  if (directory.count == k_see_zip64_count || directory.size == k_see_zip64 ||
      directory.offset == k_see_zip64) {
    directory = read_zip64_end(zip, end);
  }
  zip.slice(directory.offset, directory.size, "the central directory");
  // Each member takes at least a fixed header: a bound before reserving.
  if (directory.count > directory.size / k_central_size) {
    malformed("more members than the central directory can hold");
  }
  return directory;
}

// Replace the fields of MEMBER saturated at 0xffffffff by those of the
// Zip64 extra field in EXTRA, in the order the format fixes.
void apply_zip64_extra(ZipMember& member, std::string_view extra)
{
  Bytes fields(extra);
  std::uint64_t at = 0;
  while (at + 4 <= fields.size()) {
    auto id = fields.u16(at);
    auto size = fields.u16(at + 2);
    auto data = Bytes(fields.slice(at + 4, size, "an extra field"));
    at += 4 + size;
    if (id != k_zip64_extra_id) {
      continue;
    }
    std::uint64_t next = 0;
    for (auto* field :
         {&member.size, &member.compressed_size, &member.header_offset}) {
      if (*field == k_see_zip64) {
        *field = data.u64(next);
        next += 8;
      }
    }
    return;
  }
}

ZipMember read_central_header(const Bytes& directory, std::uint64_t& at)
{
  directory.slice(at, k_central_size, "a central directory header");
  if (directory.u32(at) != k_central_header_signature) {
    malformed("bad central directory header signature");
  }
  ZipMember member;
  member.method = directory.u16(at + 10);
  member.crc32 = directory.u32(at + 16);
  member.compressed_size = directory.u32(at + 20);
  member.size = directory.u32(at + 24);
  auto name_size = directory.u16(at + 28);
  auto extra_size = directory.u16(at + 30);
  auto comment_size = directory.u16(at + 32);
  member.external_attributes = directory.u32(at + 38);
  member.header_offset = directory.u32(at + 42);
  auto name_at = at + k_central_size;
  member.name = directory.slice(name_at, name_size, "a member name");
  apply_zip64_extra(
      member, directory.slice(name_at + name_size, extra_size, "extra fields"));
  directory.slice(name_at + name_size + extra_size, comment_size, "a comment");
  if ((directory.u16(at + 8) & 1) != 0) {
    malformed(fmt::format("'{}' is encrypted", member.name));
  }
  at = name_at + name_size + extra_size + comment_size;
  return member;
}

} // namespace

bool ZipMember::executable() const
{
  return ((external_attributes >> 16) & 0111) != 0;
}

std::vector<ZipMember> read_zip_directory(std::string_view archive)
{
  Bytes zip(archive);
  auto location = read_directory_location(zip);
  Bytes directory(zip.slice(location.offset, location.size, "directory"));
  std::vector<ZipMember> members;
  members.reserve(location.count);
  std::uint64_t at = 0;
  for (std::uint64_t i = 0; i < location.count; ++i) {
    members.push_back(read_central_header(directory, at));
  }
  return members;
}

namespace {

std::string inflate(std::string_view data, const ZipMember& member)
{
  if (member.size / k_deflate_max_ratio > member.compressed_size + 1) {
    malformed(fmt::format("'{}' claims an impossible size", member.name));
  }
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)>
      decompressor(libdeflate_alloc_decompressor(),
                   libdeflate_free_decompressor);
  if (!decompressor) {
    throw std::bad_alloc();
  }
  std::string content(member.size, '\0');
  std::size_t produced = 0;
  auto result = libdeflate_deflate_decompress(decompressor.get(),
                                              data.data(),
                                              data.size(),
                                              content.data(),
                                              content.size(),
                                              &produced);
  if (result != LIBDEFLATE_SUCCESS || produced != member.size) {
    malformed(fmt::format("'{}' holds damaged deflate data", member.name));
  }
  return content;
}

} // namespace

std::string read_zip_member(std::string_view archive, const ZipMember& member)
{
  Bytes zip(archive);
  auto at = member.header_offset;
  zip.slice(at, k_local_size, "a local file header");
  if (zip.u32(at) != k_local_header_signature) {
    malformed(fmt::format("bad local header signature for '{}'", member.name));
  }
  auto data_at = at + k_local_size + zip.u16(at + 26) + zip.u16(at + 28);
  auto data = zip.slice(data_at, member.compressed_size, "member data");
  std::string content;
  if (member.method == k_stored) {
    if (member.compressed_size != member.size) {
      malformed(fmt::format("stored '{}' changes size", member.name));
    }
    content = data;
  } else if (member.method == k_deflated) {
    content = inflate(data, member);
  } else {
    throw Error(fmt::format("zip member '{}' uses compression method {}; "
                            "only stored (0) and deflated (8) are supported",
                            member.name,
                            member.method));
  }
  auto crc = libdeflate_crc32(0, content.data(), content.size());
  if (crc != member.crc32) {
    malformed(fmt::format("CRC-32 mismatch in '{}'", member.name));
  }
  return content;
}

} // namespace slam::local
