#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slam::local {

// Name/value pairs of a query string, in order, repeats kept.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;

// Return TEXT with '+' read as a space and each valid %XX escape decoded,
// as API Gateway decodes query names and values; an escape that is not
// two hex digits stays as it is.
std::string decode_query_component(std::string_view text);

// Return the decoded parameters of the raw QUERY ("a=1&b&c=" gives a: 1,
// b: "", c: ""); empty pieces ("a=1&&b=2") are skipped, as API Gateway
// skips them.
QueryParameters parse_query(std::string_view query);

} // namespace slam::local
