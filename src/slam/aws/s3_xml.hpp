#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// One page of a ListObjectsV2 answer.
struct ObjectListPage
{
  std::vector<std::string> keys;
  std::optional<std::string> next_token; // set while IsTruncated
};

// Return the keys and continuation token of the ListObjectsV2 answer XML;
// throw slam::Error when it is not one.
ObjectListPage parse_list_objects(std::string_view xml);

} // namespace slam::aws
