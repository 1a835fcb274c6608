#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slam::package {

// What identifies a file's content without the content: its SHA-256 (the
// entry cache's key), and the size and CRC-32 that the cache's records
// are checked against.
struct ContentId
{
  std::string sha256{}; // 32 raw bytes
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;

  bool operator==(const ContentId&) const = default;
};

// Return the identity of CONTENT.
ContentId content_id(std::string_view content);

} // namespace slam::package
