#include "slam/util/utf8.hpp"

#include <fmt/core.h>

namespace slam::util {
namespace {

// Return the length of the sequence starting with LEAD, or 0 if invalid.
int sequence_length(unsigned char lead)
{
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 4;
  }
  return 0;
}

// Check the second byte, whose range depends on the lead byte.
bool valid_second(unsigned char lead, unsigned char second)
{
  switch (lead) {
  case 0xe0:
    return second >= 0xa0 && second <= 0xbf; // no overlong forms
  case 0xed:
    return second >= 0x80 && second <= 0x9f; // no surrogates
  case 0xf0:
    return second >= 0x90 && second <= 0xbf;
  case 0xf4:
    return second >= 0x80 && second <= 0x8f; // up to U+10FFFF
  default:
    return second >= 0x80 && second <= 0xbf;
  }
}

} // namespace

bool is_valid_utf8(std::string_view text)
{
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    int length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) {
      return false;
    }
    if (length > 1 &&
        !valid_second(lead, static_cast<unsigned char>(text[i + 1]))) {
      return false;
    }
    for (int k = 2; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xbf) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

std::string escape_bytes(std::string_view text)
{
  std::string escaped;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      escaped += static_cast<char>(c);
    } else {
      escaped += fmt::format("\\x{:02x}", c);
    }
  }
  return escaped;
}

} // namespace slam::util
