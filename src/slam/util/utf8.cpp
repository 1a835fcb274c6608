#include "slam/util/utf8.hpp"

#include <fmt/core.h>

namespace slam::util {
namespace {

unsigned char byte_at(std::string_view text, std::size_t index)
{
  return static_cast<unsigned char>(text[index]);
}

// Return the length of the valid UTF-8 sequence at the start of TEXT (not
// empty), or 0 when it does not start with one.
std::size_t sequence_length(std::string_view text)
{
  auto lead = byte_at(text, 0);
  if (lead < 0x80) {
    return 1;
  }
  // The second byte's range is narrower after some leads: that is what
  // rules out overlong forms, surrogates and code points past U+10FFFF.
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    low = lead == 0xe0 ? 0xa0 : low;
    high = lead == 0xed ? 0x9f : high;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    low = lead == 0xf0 ? 0x90 : low;
    high = lead == 0xf4 ? 0x8f : high;
  } else {
    return 0;
  }
  if (text.size() < length || byte_at(text, 1) < low ||
      byte_at(text, 1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (byte_at(text, i) < 0x80 || byte_at(text, i) > 0xbf) {
      return 0;
    }
  }
  return length;
}

bool is_control(unsigned char byte)
{
  return byte < 0x20 || byte == 0x7f;
}

// Return whether the valid sequence at the start of TEXT, LENGTH bytes
// long, is a C1 control (U+0080 to U+009F): some terminals act on those
// as on ESC sequences.
bool is_c1_control(std::string_view text, std::size_t length)
{
  return length == 2 && byte_at(text, 0) == 0xc2 && byte_at(text, 1) <= 0x9f;
}

// Return TEXT with invalid bytes and control characters written as
// escapes; KEEP_LAYOUT keeps line breaks and tabs as they are.
std::string escape(std::string_view text, bool keep_layout)
{
  std::string escaped;
  while (!text.empty()) {
    auto length = sequence_length(text);
    auto lead = byte_at(text, 0);
    bool layout = lead == '\n' || lead == '\t';
    if (length == 0 ||
        (length == 1 && is_control(lead) && !(keep_layout && layout))) {
      escaped += fmt::format("\\x{:02x}", lead);
      length = 1;
    } else if (is_c1_control(text, length)) {
      escaped += fmt::format("\\u{:04x}", byte_at(text, 1));
    } else {
      escaped += text.substr(0, length);
    }
    text.remove_prefix(length);
  }
  return escaped;
}

} // namespace

bool is_valid_utf8(std::string_view text)
{
  return first_invalid_utf8(text) == std::string_view::npos;
}

std::size_t first_invalid_utf8(std::string_view text)
{
  for (std::size_t at = 0; at < text.size();) {
    auto length = sequence_length(text.substr(at));
    if (length == 0) {
      return at;
    }
    at += length;
  }
  return std::string_view::npos;
}

std::string escape_utf8(std::string_view text)
{
  return escape(text, false);
}

std::string escape_controls(std::string_view text)
{
  return escape(text, true);
}

std::string cap_length(std::string text, std::size_t limit)
{
  if (text.size() <= limit) {
    return text;
  }
  // Cut before a UTF-8 continuation byte, not inside a character.
  auto cut = limit;
  while (cut > 0 && (byte_at(text, cut) & 0xc0) == 0x80) {
    --cut;
  }
  auto rest = text.size() - cut;
  text.resize(cut);
  return text + fmt::format("... ({} more bytes)", rest);
}

} // namespace slam::util
