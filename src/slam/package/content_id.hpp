#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slam::package {

// What identifies a file's content without the content: its SHA-256 (the
// entry cache's key), and the size and CRC-32 that the cache's records
// are checked against; and whether it starts with the ELF magic, which
// the native-file check asks of every file: known with the identity, an
// unchanged file need not be opened for it.
struct ContentId
{
  std::string sha256{}; // 32 raw bytes
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;
  bool elf = false; // starts with the ELF magic

  bool operator==(const ContentId&) const = default;
};

// Return the identity of CONTENT.
ContentId content_id(std::string_view content);

} // namespace slam::package
