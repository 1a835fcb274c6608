#pragma once

#include <string>
#include <string_view>

namespace slam::util {

// Return whether TEXT is valid UTF-8 as Python decodes it strictly: no
// overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Return TEXT fit to print: each byte that is not part of valid UTF-8,
// and each ASCII control character, written as \xNN.
std::string escape_utf8(std::string_view text);

} // namespace slam::util
