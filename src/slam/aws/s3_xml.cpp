#include "slam/aws/s3_xml.hpp"

#include "slam/util/error.hpp"

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

namespace slam::aws {
namespace {

constexpr const char* k_namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

ObjectSummary object_summary(const pugi::xml_node& entry)
{
  ObjectSummary object;
  object.key = entry.child_value("Key");
  object.last_modified =
      parse_iso8601(entry.child_value("LastModified")).value_or(Timestamp{});
  std::string_view size = entry.child_value("Size");
  std::from_chars(size.data(), size.data() + size.size(), object.size);
  return object;
}

} // namespace

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
    page.objects.push_back(object_summary(entry));
  }
  if (std::string_view(root.child_value("IsTruncated")) == "true") {
    page.next_token = root.child_value("NextContinuationToken");
  }
  return page;
}

std::map<std::string, std::string> parse_tagging(std::string_view xml)
{
  pugi::xml_document document;
  auto root = document.load_buffer(xml.data(), xml.size())
                  ? document.child("Tagging")
                  : pugi::xml_node();
  if (!root) {
    throw Error("s3 GetBucketTagging: the answer is not a Tagging document");
  }
  std::map<std::string, std::string> tags;
  for (auto tag : root.child("TagSet").children("Tag")) {
    tags[tag.child_value("Key")] = tag.child_value("Value");
  }
  return tags;
}

std::string tagging_xml(const std::map<std::string, std::string>& tags)
{
  pugi::xml_document document;
  auto root = document.append_child("Tagging");
  root.append_attribute("xmlns") = k_namespace;
  auto set = root.append_child("TagSet");
  for (const auto& [key, value] : tags) {
    auto tag = set.append_child("Tag");
    tag.append_child("Key").text() = key.c_str();
    tag.append_child("Value").text() = value.c_str();
  }
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

} // namespace slam::aws
