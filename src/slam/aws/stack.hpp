#pragma once

#include "slam/aws/timestamp.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slam::aws {

// A CloudFormation stack as DescribeStacks shows it.
struct Stack
{
  std::string id;
  std::string name;
  std::string status; // CREATE_COMPLETE, UPDATE_IN_PROGRESS, ...
  std::string status_reason;
  std::string description;
  std::map<std::string, std::string> parameters;
  std::map<std::string, std::string> outputs;
  std::map<std::string, std::string> tags;
  std::optional<Timestamp> creation_time;
  std::optional<Timestamp> last_updated_time;

  // Return whether the stack is still changing (*_IN_PROGRESS).
  bool in_progress() const { return status.ends_with("_IN_PROGRESS"); }

  friend bool operator==(const Stack&, const Stack&) = default;
};

// One entry of a stack's event history.
struct StackEvent
{
  std::string id;
  std::string stack_name;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  std::string status;
  std::string status_reason;
  Timestamp time;

  friend bool operator==(const StackEvent&, const StackEvent&) = default;
};

// What CreateStack and UpdateStack need.
struct StackRequest
{
  std::string name;
  std::string template_body; // or, for large templates, template_url
  std::string template_url;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::string> capabilities; // CAPABILITY_IAM, ..._NAMED_IAM
  std::vector<std::pair<std::string, std::string>> tags;
  // Update with the template the stack has (neither body nor URL sent):
  // for a change of parameters only.
  bool use_previous_template = false;
};

} // namespace slam::aws
