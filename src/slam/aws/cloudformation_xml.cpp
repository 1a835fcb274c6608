#include "slam/aws/cloudformation_xml.hpp"

#include "slam/util/error.hpp"

#include <algorithm>
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

// Return the changed properties named by the <Details> of CHANGE, each
// once.
std::vector<std::string> changed_properties(pugi::xml_node change)
{
  std::vector<std::string> names;
  for (auto detail : change.child("Details").children("member")) {
    auto target = detail.child("Target");
    std::string name = target.child_value("Name");
    if (std::string(target.child_value("Attribute")) != "Properties" ||
        name.empty() ||
        std::find(names.begin(), names.end(), name) != names.end()) {
      continue;
    }
    names.push_back(name);
  }
  return names;
}

ResourceChange parse_change(pugi::xml_node member)
{
  auto change = member.child("ResourceChange");
  ResourceChange result;
  result.action = change.child_value("Action");
  result.logical_id = change.child_value("LogicalResourceId");
  result.physical_id = change.child_value("PhysicalResourceId");
  result.resource_type = change.child_value("ResourceType");
  result.replacement = change.child_value("Replacement");
  result.properties = changed_properties(change);
  return result;
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

ChangeSetPage parse_describe_change_set(std::string_view xml)
{
  pugi::xml_document document;
  auto result = load_result(document, xml, "DescribeChangeSet");
  ChangeSetPage page;
  auto& change_set = page.change_set;
  change_set.id = result.child_value("ChangeSetId");
  change_set.stack_id = result.child_value("StackId");
  change_set.status = result.child_value("Status");
  change_set.status_reason = result.child_value("StatusReason");
  change_set.execution_status = result.child_value("ExecutionStatus");
  for (auto member : result.child("Changes").children("member")) {
    if (member.child("ResourceChange")) {
      change_set.changes.push_back(parse_change(member));
    }
  }
  if (std::string token = result.child_value("NextToken"); !token.empty()) {
    page.next_token = token;
  }
  return page;
}

ChangeSetSummaryPage parse_list_change_sets(std::string_view xml,
                                            const std::string& stack_id)
{
  pugi::xml_document document;
  auto result = load_result(document, xml, "ListChangeSets");
  ChangeSetSummaryPage page;
  for (auto member : result.child("Summaries").children("member")) {
    if (member.child_value("StackId") != stack_id) {
      continue;
    }
    page.summaries.push_back({member.child_value("ChangeSetId"),
                              member.child_value("ChangeSetName"),
                              member.child_value("Status"),
                              time_of(member, "CreationTime")});
  }
  if (std::string token = result.child_value("NextToken"); !token.empty()) {
    page.next_token = token;
  }
  return page;
}

ChangeSetIds parse_create_change_set(std::string_view xml)
{
  return ChangeSetIds{parse_result_value(xml, "CreateChangeSet", "Id"),
                      parse_result_value(xml, "CreateChangeSet", "StackId")};
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
