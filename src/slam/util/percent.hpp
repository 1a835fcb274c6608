#pragma once

#include <string>
#include <string_view>

namespace slam::util {

// Return TEXT percent-encoded the way SigV4 wants: every byte except
// A-Z a-z 0-9 - . _ ~ becomes %XX (upper case); '/' is kept when
// KEEP_SLASH, for paths.
std::string uri_encode(std::string_view text, bool keep_slash = false);

// Return TEXT with each %XX replaced by its byte; a malformed escape is
// kept as it is.
std::string uri_decode(std::string_view text);

} // namespace slam::util
