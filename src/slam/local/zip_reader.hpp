#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slam::local {

// One member of a zip archive, as its central directory describes it.
struct ZipMember
{
  std::string name;         // "pkg/module.py"; folders end with '/'
  std::uint16_t method = 0; // 0 stored, 8 deflated
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t size = 0;
  std::uint64_t header_offset = 0;       // of its local file header
  std::uint32_t external_attributes = 0; // Unix mode in the high 16 bits

  // Return whether the Unix mode it records is executable.
  bool executable() const;
};

// Return the members of ARCHIVE (a whole zip file) in directory order,
// Zip64 records included. Every offset and size is checked against
// ARCHIVE: throw slam::Error naming the problem when it is not a zip,
// is truncated or contradicts itself.
std::vector<ZipMember> read_zip_directory(std::string_view archive);

// Return the content of MEMBER of ARCHIVE, inflated and checked against
// its size and CRC-32. Throw slam::Error for encrypted members, methods
// other than stored and deflated, and damaged data.
std::string read_zip_member(std::string_view archive, const ZipMember& member);

} // namespace slam::local
