#pragma once

#include <string>
#include <string_view>

namespace slam::util {

// Return whether TEXT is valid UTF-8 as Python decodes it strictly: no
// overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Return the offset of the first byte of TEXT that does not start a valid
// UTF-8 sequence, or npos when TEXT is valid.
std::size_t first_invalid_utf8(std::string_view text);

// Return TEXT fit to print: each byte that is not part of valid UTF-8,
// and each ASCII control character, written as \xNN; each C1 control
// (U+0080 to U+009F) as \uNNNN.
std::string escape_utf8(std::string_view text);

// Return TEXT safe to show on a terminal, which would act on its control
// characters (colours, titles, cursor moves): as escape_utf8, but line
// breaks and tabs are kept.
std::string escape_controls(std::string_view text);

// Return TEXT cut to at most LIMIT bytes (more at the end: "... (N more
// bytes)"), on a character boundary.
std::string cap_length(std::string text, std::size_t limit);

} // namespace slam::util
