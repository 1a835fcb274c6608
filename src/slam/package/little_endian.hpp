#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The little-endian integers of zip archives and of the entry cache.

namespace slam::package {

// Each appends its bytes at once: headers and caches append thousands.
inline void put16(std::string& out, std::uint16_t value)
{
  const char bytes[2] = {static_cast<char>(value & 0xff),
                         static_cast<char>(value >> 8)};
  out.append(bytes, sizeof bytes);
}

inline void put32(std::string& out, std::uint32_t value)
{
  char bytes[4];
  for (int i = 0; i < 4; ++i) {
    bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
  }
  out.append(bytes, sizeof bytes);
}

inline void put64(std::string& out, std::uint64_t value)
{
  char bytes[8];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
  }
  out.append(bytes, sizeof bytes);
}

// Return the BYTES-byte integer at the start of IN and drop it from IN;
// IN must hold at least BYTES bytes.
inline std::uint64_t take_uint(std::string_view& in, std::size_t bytes)
{
  std::uint64_t value = 0;
  for (std::size_t i = bytes; i > 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(in[i - 1]);
  }
  in.remove_prefix(bytes);
  return value;
}

} // namespace slam::package
