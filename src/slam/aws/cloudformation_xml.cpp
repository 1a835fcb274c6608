#include "slam/aws/cloudformation_xml.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <pugixml.hpp>

namespace slam::aws {
namespace {

// Return the <OPERATION>Result element of the answer XML in DOCUMENT.
pugi::xml_node load_result(pugi::xml_document& document,
                           std::string_view xml,
                           std::string_view operation)
{
  auto name = fmt::format("{}Result", operation);
  pugi::xml_node result;
  if (document.load_buffer(xml.data(), xml.size())) {
    result = document.document_element().child(name.c_str());
  }
  if (!result) {
    throw Error(fmt::format(
        "cloudformation {}: the answer has no {} element", operation, name));
  }
  return result;
}

// Return the KEY_NAME -> VALUE_NAME pairs of the <member>s of LIST.
std::map<std::string, std::string>
members(pugi::xml_node list, const char* key_name, const char* value_name)
{
  std::map<std::string, std::string> result;
  for (auto member : list.children("member")) {
    result[member.child_value(key_name)] = member.child_value(value_name);
  }
  return result;
}

std::optional<Timestamp> time_of(pugi::xml_node node, const char* name)
{
  return parse_iso8601(node.child_value(name));
}

Stack parse_stack(pugi::xml_node member)
{
  Stack stack;
  stack.id = member.child_value("StackId");
  stack.name = member.child_value("StackName");
  stack.status = member.child_value("StackStatus");
  stack.status_reason = member.child_value("StackStatusReason");
  stack.description = member.child_value("Description");
  stack.parameters =
      members(member.child("Parameters"), "ParameterKey", "ParameterValue");
  stack.outputs = members(member.child("Outputs"), "OutputKey", "OutputValue");
  stack.tags = members(member.child("Tags"), "Key", "Value");
  stack.creation_time = time_of(member, "CreationTime");
  stack.last_updated_time = time_of(member, "LastUpdatedTime");
  return stack;
}

StackEvent parse_event(pugi::xml_node member)
{
  StackEvent event;
  event.id = member.child_value("EventId");
  event.stack_name = member.child_value("StackName");
  event.logical_id = member.child_value("LogicalResourceId");
  event.physical_id = member.child_value("PhysicalResourceId");
  event.resource_type = member.child_value("ResourceType");
  event.status = member.child_value("ResourceStatus");
  event.status_reason = member.child_value("ResourceStatusReason");
  event.time = time_of(member, "Timestamp").value_or(Timestamp());
  return event;
}

} // namespace

std::vector<Stack> parse_describe_stacks(std::string_view xml)
{
  pugi::xml_document document;
  auto result = load_result(document, xml, "DescribeStacks");
  std::vector<Stack> stacks;
  for (auto member : result.child("Stacks").children("member")) {
    stacks.push_back(parse_stack(member));
  }
  return stacks;
}

StackEventPage parse_describe_stack_events(std::string_view xml)
{
  pugi::xml_document document;
  auto result = load_result(document, xml, "DescribeStackEvents");
  StackEventPage page;
  for (auto member : result.child("StackEvents").children("member")) {
    page.events.push_back(parse_event(member));
  }
  if (std::string token = result.child_value("NextToken"); !token.empty()) {
    page.next_token = token;
  }
  return page;
}

std::string parse_result_value(std::string_view xml,
                               std::string_view operation,
                               const char* name)
{
  pugi::xml_document document;
  std::string value = load_result(document, xml, operation).child_value(name);
  if (value.empty()) {
    throw Error(fmt::format(
        "cloudformation {}: the answer has no {}", operation, name));
  }
  return value;
}

} // namespace slam::aws
