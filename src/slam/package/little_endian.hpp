#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The little-endian integers of zip archives and of the entry cache.

namespace slam::package {

inline void put16(std::string& out, std::uint16_t value)
{
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>(value >> 8);
}

inline void put32(std::string& out, std::uint32_t value)
{
  put16(out, static_cast<std::uint16_t>(value & 0xffff));
  put16(out, static_cast<std::uint16_t>(value >> 16));
}

inline void put64(std::string& out, std::uint64_t value)
{
  put32(out, static_cast<std::uint32_t>(value & 0xffffffff));
  put32(out, static_cast<std::uint32_t>(value >> 32));
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
