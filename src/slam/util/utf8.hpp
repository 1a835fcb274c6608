#pragma once

#include <string>
#include <string_view>

namespace slam::util {

// Return true when TEXT is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Return TEXT with bytes that are not printable ASCII written as \xNN, for
// messages about names that cannot be shown as they are.
std::string escape_bytes(std::string_view text);

} // namespace slam::util
