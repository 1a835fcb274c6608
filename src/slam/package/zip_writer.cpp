#include "slam/package/zip_writer.hpp"

#include "slam/util/error.hpp"
#include "slam/util/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/core.h>
#include <limits>
#include <set>
#include <string_view>

// The format is PKWARE's APPNOTE.TXT: for each entry a local file header
// followed by its data, then the central directory (one header per entry),
// then the end of central directory record.

namespace slam::package {
namespace {

constexpr std::uint32_t k_local_header_signature = 0x04034b50;
constexpr std::uint32_t k_central_header_signature = 0x02014b50;
constexpr std::uint32_t k_end_of_directory_signature = 0x06054b50;
constexpr std::uint16_t k_made_by_unix = (3 << 8) | 20; // Unix, zip 2.0
constexpr std::uint16_t k_utf8_flag = 1 << 11;
constexpr std::uint16_t k_dos_date_1980_01_01 = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t k_dos_time_midnight = 0;
// 0xffffffff in a 32-bit field means "see the Zip64 record".
constexpr std::uint64_t k_max_size = 0xfffffffe;
constexpr std::size_t k_max_entries = 0xffff;

void put16(std::string& out, std::uint16_t value)
{
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>(value >> 8);
}

void put32(std::string& out, std::uint32_t value)
{
  put16(out, static_cast<std::uint16_t>(value & 0xffff));
  put16(out, static_cast<std::uint16_t>(value >> 16));
}

std::uint16_t version_needed(const CompressedEntry& entry)
{
  return entry.method == ZipMethod::deflated ? 20 : 10;
}

std::uint16_t flags(const CompressedEntry& entry)
{
  bool ascii = std::all_of(entry.name.begin(), entry.name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
  return ascii ? 0 : k_utf8_flag;
}

// Write the fields that the local and the central header share, from
// "version needed" to "extra field length".
void put_common_fields(std::string& out, const CompressedEntry& entry)
{
  put16(out, version_needed(entry));
  put16(out, flags(entry));
  put16(out, static_cast<std::uint16_t>(entry.method));
  put16(out, k_dos_time_midnight);
  put16(out, k_dos_date_1980_01_01);
  put32(out, entry.crc32);
  put32(out, static_cast<std::uint32_t>(entry.data.size()));
  put32(out, static_cast<std::uint32_t>(entry.size));
  put16(out, static_cast<std::uint16_t>(entry.name.size()));
  put16(out, 0); // extra field length
}

void put_local_header(std::string& out, const CompressedEntry& entry)
{
  put32(out, k_local_header_signature);
  put_common_fields(out, entry);
  out += entry.name;
}

void put_central_header(std::string& out,
                        const CompressedEntry& entry,
                        std::uint32_t local_header_offset)
{
  // S_IFREG with rwxr-xr-x or rw-r--r--, in the high half.
  std::uint32_t mode = entry.executable ? 0100755 : 0100644;
  put32(out, k_central_header_signature);
  put16(out, k_made_by_unix);
  put_common_fields(out, entry);
  put16(out, 0); // comment length
  put16(out, 0); // disk number
  put16(out, 0); // internal attributes
  put32(out, mode << 16);
  put32(out, local_header_offset);
  out += entry.name;
}

void put_end_of_directory(std::string& out,
                          std::size_t count,
                          std::uint64_t directory_offset,
                          std::uint64_t directory_size)
{
  put32(out, k_end_of_directory_signature);
  put16(out, 0); // this disk
  put16(out, 0); // disk of the central directory
  put16(out, static_cast<std::uint16_t>(count));
  put16(out, static_cast<std::uint16_t>(count));
  put32(out, static_cast<std::uint32_t>(directory_size));
  put32(out, static_cast<std::uint32_t>(directory_offset));
  put16(out, 0); // comment length
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

// Check names in SORTED entries: valid, unique, and none also a folder.
void check_names(const std::vector<CompressedEntry>& sorted)
{
  std::set<std::string_view> names;
  for (const auto& entry : sorted) {
    check_name(entry.name);
    if (!names.insert(entry.name).second) {
      throw Error(fmt::format("'{}' is twice in the zip archive", entry.name));
    }
  }
  for (const auto& entry : sorted) {
    for (auto slash = entry.name.find('/'); slash != std::string::npos;
         slash = entry.name.find('/', slash + 1)) {
      auto folder = std::string_view(entry.name).substr(0, slash);
      if (names.contains(folder)) {
        throw Error(fmt::format("'{}' is both a file and the folder of '{}' "
                                "in the zip archive",
                                folder,
                                entry.name));
      }
    }
  }
}

// Refuse what the 32-bit fields cannot hold, before writing anything.
void check_zip32_limits(const std::vector<CompressedEntry>& entries)
{
  if (entries.size() > k_max_entries) {
    throw Error(fmt::format("the package has {} files, more than the {} a "
                            "zip archive without Zip64 can hold",
                            entries.size(),
                            k_max_entries));
  }
  std::uint64_t total = 0;
  for (const auto& entry : entries) {
    total += 30 + entry.name.size() + entry.data.size(); // local part
    total += 46 + entry.name.size();                     // central part
    if (entry.size > k_max_size || total > k_max_size) {
      throw Error("the package is 4 GiB or more, which needs Zip64; Slam "
                  "does not write Zip64 yet");
    }
  }
}

} // namespace

std::string assemble_zip(std::vector<CompressedEntry> entries)
{
  std::sort(entries.begin(), entries.end(), [](auto& a, auto& b) {
    return a.name < b.name;
  });
  check_names(entries);
  check_zip32_limits(entries);

  std::string archive;
  std::string directory;
  for (auto& entry : entries) {
    auto offset = static_cast<std::uint32_t>(archive.size());
    put_local_header(archive, entry);
    archive += entry.data;
    put_central_header(directory, entry, offset);
    // The bytes are in the archive now; free them early.
    std::string().swap(entry.data);
  }
  auto directory_offset = archive.size();
  archive += directory;
  put_end_of_directory(
      archive, entries.size(), directory_offset, directory.size());
  return archive;
}

} // namespace slam::package
