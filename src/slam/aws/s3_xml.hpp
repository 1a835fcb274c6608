#pragma once

#include "slam/aws/timestamp.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// One object as ListObjectsV2 shows it.
struct ObjectSummary
{
  std::string key;
  Timestamp last_modified;
  std::uintmax_t size = 0;

  friend bool operator==(const ObjectSummary&, const ObjectSummary&) = default;
};

// One page of a ListObjectsV2 answer.
struct ObjectListPage
{
  std::vector<std::string> keys;
  std::vector<ObjectSummary> objects;    // the same keys, with details
  std::optional<std::string> next_token; // set while IsTruncated
};

// Return the keys and continuation token of the ListObjectsV2 answer XML;
// throw slam::Error when it is not one.
ObjectListPage parse_list_objects(std::string_view xml);

// Return the tags of the GetBucketTagging answer XML by key; throw
// slam::Error when it is not one.
std::map<std::string, std::string> parse_tagging(std::string_view xml);

// Return the PutBucketTagging request XML for TAGS.
std::string tagging_xml(const std::map<std::string, std::string>& tags);

} // namespace slam::aws
