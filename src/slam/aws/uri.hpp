#pragma once

#include "slam/util/percent.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slam::aws {

// Name-value pairs of a query string or a form body, in order.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

using util::uri_decode;
using util::uri_encode;

// Return PARAMS as name=value pairs joined by '&', each side uri-encoded;
// this is both a query string and an x-www-form-urlencoded body.
std::string encode_query(const QueryParams& params);

// Return the name-value pairs of the raw query string QUERY, decoded; a
// pair without '=' has an empty value.
QueryParams decode_query(std::string_view query);

} // namespace slam::aws
