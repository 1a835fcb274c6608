#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slam::aws {

// HTTP header fields in the order they are sent or were received; names
// keep their case, lookups ignore it, and a name may repeat.
using Headers = std::vector<std::pair<std::string, std::string>>;

// Return whether header names A and B are equal, ignoring ASCII case.
bool same_header_name(std::string_view a, std::string_view b);

// Return the value of the first header named NAME, if any.
std::optional<std::string> find_header(const Headers& headers,
                                       std::string_view name);

// Replace every header named NAME by one NAME: VALUE at the end.
void set_header(Headers& headers, std::string_view name, std::string value);

} // namespace slam::aws
