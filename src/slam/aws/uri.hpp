#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slam::aws {

// Name-value pairs of a query string or a form body, in order.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Return TEXT percent-encoded the way SigV4 wants: every byte except
// A-Z a-z 0-9 - . _ ~ becomes %XX (upper case); '/' is kept when
// KEEP_SLASH, for paths.
std::string uri_encode(std::string_view text, bool keep_slash = false);

// Return TEXT with each %XX replaced by its byte; a malformed escape is
// kept as it is.
std::string uri_decode(std::string_view text);

// Return PARAMS as name=value pairs joined by '&', each side uri-encoded;
// this is both a query string and an x-www-form-urlencoded body.
std::string encode_query(const QueryParams& params);

// Return the name-value pairs of the raw query string QUERY, decoded; a
// pair without '=' has an empty value.
QueryParams decode_query(std::string_view query);

} // namespace slam::aws
