#include "slam/package/zip_headers.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/package/zip_format.hpp"
#include "slam/util/error.hpp"
#include "slam/util/utf8.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace slam::package {

using namespace zip_format;

namespace {

constexpr std::uint16_t k_unix = 3 << 8;
constexpr std::uint16_t k_zip_2_0 = 20;
constexpr std::uint16_t k_zip_4_5 = 45; // the first with Zip64
constexpr std::uint16_t k_utf8_flag = 1 << 11;
constexpr std::uint16_t k_dos_date_1980_01_01 = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t k_dos_time_midnight = 0;

// Return VALUE for a 32-bit field, or the mark that sends readers to Zip64.
std::uint32_t field32(std::uint64_t value)
{
  return value >= k_see_zip64 ? k_see_zip64 : static_cast<std::uint32_t>(value);
}

// Where an entry is and which of its values do not fit in 32 bits.
struct EntryPlace
{
  std::uint64_t offset = 0; // of the local header
  bool big_sizes = false;   // either size needs Zip64
  bool big_offset = false;

  EntryPlace(const ZipEntryHeader& entry, std::uint64_t offset)
      : offset(offset), big_sizes(entry.size >= k_see_zip64 ||
                                  entry.stored_size >= k_see_zip64),
        big_offset(offset >= k_see_zip64)
  {
  }

  bool zip64() const { return big_sizes || big_offset; }
};

std::uint16_t version_needed(const ZipEntryHeader& entry,
                             const EntryPlace& place)
{
  if (place.zip64()) {
    return k_zip_4_5;
  }
  return entry.method == ZipMethod::deflated ? k_zip_2_0 : 10;
}

std::uint16_t flags(const ZipEntryHeader& entry)
{
  bool ascii = std::all_of(entry.name.begin(), entry.name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
  return ascii ? 0 : k_utf8_flag;
}

// Write the fields that the local and the central header share, from
// "version needed" to "extra field length".
void put_common_fields(std::string& out,
                       const ZipEntryHeader& entry,
                       const EntryPlace& place,
                       std::size_t extra_length)
{
  put16(out, version_needed(entry, place));
  put16(out, flags(entry));
  put16(out, static_cast<std::uint16_t>(entry.method));
  put16(out, k_dos_time_midnight);
  put16(out, k_dos_date_1980_01_01);
  put32(out, entry.crc32);
  put32(out, field32(entry.stored_size));
  put32(out, field32(entry.size));
  put16(out, static_cast<std::uint16_t>(entry.name.size()));
  put16(out, static_cast<std::uint16_t>(extra_length));
}

// Return the Zip64 extended information field (APPNOTE 4.5.3) holding
// VALUES, or nothing when there are none.
std::string zip64_extra(const std::vector<std::uint64_t>& values)
{
  std::string extra;
  if (!values.empty()) {
    put16(extra, k_zip64_extra_id);
    put16(extra, static_cast<std::uint16_t>(8 * values.size()));
    for (auto value : values) {
      put64(extra, value);
    }
  }
  return extra;
}

} // namespace

void put_local_header(std::string& out,
                      const ZipEntryHeader& entry,
                      std::uint64_t offset)
{
  EntryPlace place(entry, offset);
  // A local header carries both sizes in Zip64 when either needs it.
  auto extra = place.big_sizes ? zip64_extra({entry.size, entry.stored_size})
                               : std::string();
  put32(out, k_local_header_signature);
  put_common_fields(out, entry, place, extra.size());
  out += entry.name;
  out += extra;
}

std::size_t local_header_size(const ZipEntryHeader& entry, std::uint64_t offset)
{
  // The signature, the common fields (2-byte version, flags, method, time
  // and date, 4-byte CRC-32 and sizes, 2-byte lengths), name and extra.
  constexpr std::size_t k_fixed = 4 + 5 * 2 + 3 * 4 + 2 * 2;
  EntryPlace place(entry, offset);
  auto extra =
      place.big_sizes ? zip64_extra({entry.size, entry.stored_size}).size() : 0;
  return k_fixed + entry.name.size() + extra;
}

void put_central_header(std::string& out,
                        const ZipEntryHeader& entry,
                        std::uint64_t offset)
{
  EntryPlace place(entry, offset);
  // A central header carries in Zip64 only the values marked 0xffffffff,
  // in this order.
  std::vector<std::uint64_t> big_values;
  if (entry.size >= k_see_zip64) {
    big_values.push_back(entry.size);
  }
  if (entry.stored_size >= k_see_zip64) {
    big_values.push_back(entry.stored_size);
  }
  if (place.big_offset) {
    big_values.push_back(place.offset);
  }
  auto extra = zip64_extra(big_values);
  // S_IFREG with rwxr-xr-x or rw-r--r--, in the high half.
  std::uint32_t mode = entry.executable ? 0100755 : 0100644;
  put32(out, k_central_header_signature);
  put16(out, k_unix | (place.zip64() ? k_zip_4_5 : k_zip_2_0));
  put_common_fields(out, entry, place, extra.size());
  put16(out, 0); // comment length
  put16(out, 0); // disk number
  put16(out, 0); // internal attributes
  put32(out, mode << 16);
  put32(out, field32(place.offset));
  out += entry.name;
  out += extra;
}

namespace {

// Where the central directory is and how many entries it has.
struct Directory
{
  std::uint64_t count = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;

  bool zip64() const
  {
    return count >= k_see_zip64_count || offset >= k_see_zip64 ||
           size >= k_see_zip64;
  }
};

// Write the Zip64 end of central directory record and its locator
// (APPNOTE 4.3.14 and 4.3.15) to OUT, the record being at RECORD_OFFSET
// of the archive.
void put_zip64_end_of_directory(std::string& out,
                                const Directory& directory,
                                std::uint64_t record_offset)
{
  put32(out, k_zip64_end_of_directory_signature);
  put64(out, 44); // size of the rest of the record
  put16(out, k_unix | k_zip_4_5);
  put16(out, k_zip_4_5);
  put32(out, 0); // this disk
  put32(out, 0); // disk of the central directory
  put64(out, directory.count);
  put64(out, directory.count);
  put64(out, directory.size);
  put64(out, directory.offset);

  put32(out, k_zip64_locator_signature);
  put32(out, 0); // disk of the Zip64 record
  put64(out, record_offset);
  put32(out, 1); // total number of disks
}

void check_name(const std::string& name)
{
  bool bad = name.empty() || name.size() > 0xffff || name.front() == '/' ||
             name.find('\0') != std::string::npos;
  std::string_view rest = name;
  while (!bad) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    bad = segment.empty() || segment == "." || segment == "..";
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  if (bad) {
    throw Error(fmt::format("cannot put '{}' in a zip archive: not a "
                            "relative file path",
                            util::escape_utf8(name)));
  }
  if (!util::is_valid_utf8(name)) {
    throw Error(fmt::format("cannot put '{}' in a zip archive: the name is "
                            "not valid UTF-8",
                            util::escape_utf8(name)));
  }
}

} // namespace

void put_end_of_directory(std::string& out,
                          std::uint64_t count,
                          std::uint64_t offset,
                          std::uint64_t size)
{
  Directory directory{count, offset, size};
  if (directory.zip64()) {
    put_zip64_end_of_directory(out, directory, offset + size);
  }
  auto short_count = directory.count >= k_see_zip64_count
                         ? k_see_zip64_count
                         : static_cast<std::uint16_t>(directory.count);
  put32(out, k_end_of_directory_signature);
  put16(out, 0); // this disk
  put16(out, 0); // disk of the central directory
  put16(out, short_count);
  put16(out, short_count);
  put32(out, field32(directory.size));
  put32(out, field32(directory.offset));
  put16(out, 0); // comment length
}

void check_names(const std::vector<ZipEntryHeader>& headers)
{
  std::unordered_set<std::string_view> names;
  names.reserve(headers.size());
  for (const auto& entry : headers) {
    check_name(entry.name);
    if (!names.insert(entry.name).second) {
      throw Error(fmt::format("'{}' is twice in the zip archive", entry.name));
    }
  }
  // Each folder, with a name in it. A name's folders are walked from the
  // deepest up to one already known, whose own folders are then known
  // too: a package has thousands of names in far fewer folders.
  std::unordered_map<std::string_view, std::string_view> folders;
  for (const auto& entry : headers) {
    std::string_view name = entry.name;
    for (auto slash = name.rfind('/'); slash != std::string_view::npos;
         slash = slash == 0 ? std::string_view::npos
                            : name.rfind('/', slash - 1)) {
      if (!folders.emplace(name.substr(0, slash), name).second) {
        break;
      }
    }
  }
  for (const auto& entry : headers) {
    auto folder = folders.find(entry.name);
    if (folder != folders.end()) {
      throw Error(fmt::format("'{}' is both a file and the folder of '{}' "
                              "in the zip archive",
                              entry.name,
                              folder->second));
    }
  }
}

} // namespace slam::package
