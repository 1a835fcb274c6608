#include "slam/aws/s3_xml.hpp"

#include "slam/util/error.hpp"

#include <pugixml.hpp>

namespace slam::aws {

ObjectListPage parse_list_objects(std::string_view xml)
{
  pugi::xml_document document;
  auto root = document.load_buffer(xml.data(), xml.size())
                  ? document.child("ListBucketResult")
                  : pugi::xml_node();
  if (!root) {
    throw Error("s3 ListObjectsV2: the answer is not a ListBucketResult");
  }
  ObjectListPage page;
  for (auto entry : root.children("Contents")) {
    page.keys.emplace_back(entry.child_value("Key"));
  }
  if (std::string_view(root.child_value("IsTruncated")) == "true") {
    page.next_token = root.child_value("NextContinuationToken");
  }
  return page;
}

} // namespace slam::aws
