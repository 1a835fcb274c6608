#pragma once

#include "slam/aws/change_set.hpp"
#include "slam/aws/stack.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// Return the stacks of the DescribeStacks answer XML.
std::vector<Stack> parse_describe_stacks(std::string_view xml);

// One page of a DescribeStackEvents answer.
struct StackEventPage
{
  std::vector<StackEvent> events; // newest first, as CloudFormation sends
  std::optional<std::string> next_token;
};

// Return the events and the next page's token of the DescribeStackEvents
// answer XML.
StackEventPage parse_describe_stack_events(std::string_view xml);

// One page of a DescribeChangeSet answer.
struct ChangeSetPage
{
  ChangeSet change_set; // with this page's changes only
  std::optional<std::string> next_token;
};

// Return the change set and the next page's token of the DescribeChangeSet
// answer XML.
ChangeSetPage parse_describe_change_set(std::string_view xml);

// One page of a ListChangeSets answer.
struct ChangeSetSummaryPage
{
  std::vector<ChangeSetSummary> summaries;
  std::optional<std::string> next_token;
};

// Return the change sets and the next page's token of the ListChangeSets
// answer XML, those of the stack STACK_ID only (moto lists every stack's).
ChangeSetSummaryPage parse_list_change_sets(std::string_view xml,
                                            const std::string& stack_id);

// Return the ids in the CreateChangeSet answer XML.
ChangeSetIds parse_create_change_set(std::string_view xml);

// Return the text of RESULT_ELEMENT/NAME in the query-protocol answer XML
// of OPERATION (StackId of CreateStackResult, say); throw slam::Error
// naming OPERATION when it is missing.
std::string parse_result_value(std::string_view xml,
                               std::string_view operation,
                               const char* name);

} // namespace slam::aws
