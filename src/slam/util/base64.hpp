#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slam::util {

// Return DATA in standard base64 (RFC 4648, with padding, no line breaks).
std::string base64_encode(std::string_view data);

// Return the bytes that the standard base64 TEXT encodes (padding
// required, no line breaks), or nothing when TEXT is not base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace slam::util
