#pragma once

#include "slam/aws/stack.hpp"

#include <optional>
#include <string>
#include <vector>

namespace slam::aws {

// What CreateChangeSet needs: the stack request, a name, and whether the
// change set creates the stack (CREATE) or updates it (UPDATE).
struct ChangeSetRequest
{
  StackRequest stack;
  std::string name;
  std::string type; // CREATE or UPDATE
  std::string description;
};

// The ids CreateChangeSet returns.
struct ChangeSetIds
{
  std::string id;
  std::string stack_id;
};

// What a change set would do to one resource.
struct ResourceChange
{
  std::string action; // Add, Modify, Remove, Import, Dynamic
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  std::string replacement; // True, False, Conditional; empty for Add
  // The properties whose change causes this one, in the order given.
  std::vector<std::string> properties;

  friend bool operator==(const ResourceChange&,
                         const ResourceChange&) = default;
};

// A change set as DescribeChangeSet shows it (all pages of changes).
struct ChangeSet
{
  std::string id;
  std::string stack_id;
  std::string status; // CREATE_PENDING, CREATE_IN_PROGRESS, ..., FAILED
  std::string status_reason;
  std::string execution_status;
  std::vector<ResourceChange> changes;

  // Return whether CloudFormation is still working out the changes.
  bool pending() const
  {
    return status == "CREATE_PENDING" || status == "CREATE_IN_PROGRESS";
  }
};

// A change set as ListChangeSets shows it.
struct ChangeSetSummary
{
  std::string id;
  std::string name;
  std::string status;
  std::optional<Timestamp> creation_time;
};

} // namespace slam::aws
