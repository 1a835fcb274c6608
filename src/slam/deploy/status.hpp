#pragma once

#include "slam/aws/session.hpp"
#include "slam/cfn/plugin.hpp"
#include "slam/config/config.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace slam::deploy {

// One stage as deployed: the Lambda version its alias points at, the URL
// of its front door when there is one, and what else plugins report about
// it (its tables, its schedules).
struct StageStatus
{
  std::string name;
  std::string version;
  std::string url;
  std::vector<cfn::StatusLine> details;
};

// The resource whose failure made the stack's last operation fail.
struct StackFailure
{
  std::string logical_id;
  std::string resource_type;
  std::string status; // CREATE_FAILED, UPDATE_FAILED, ...
  std::string reason;
};

// What `slam status` reports.
struct DeploymentStatus
{
  std::string name;
  // The stack exists and holds the deployment: not when there is no stack
  // (stack_status empty), nor when it holds nothing (a failed first
  // deploy's ROLLBACK_COMPLETE, which the fields below still describe).
  bool deployed = false;
  std::string stack_status;
  std::string stack_status_reason;
  // complete, in_progress, rolled_back (the last update failed but the
  // one before still runs) or failed.
  std::string stack_state;
  std::optional<StackFailure> failure; // when rolled_back or failed
  std::string function_arn;
  std::string bucket;
  std::string package_key;
  std::vector<StageStatus> stages;
};

// Return the state of a stack in STATUS: complete, in_progress,
// rolled_back or failed.
std::string stack_state(const std::string& status);

// Return the deployment state of the project, asking CloudFormation and
// Lambda.
DeploymentStatus read_status(const config::Config& config,
                             aws::Session& session);

// Return the status as the lines `slam status` prints.
std::string render_status(const DeploymentStatus& status);

// Return the status as one JSON object (`slam status --json`).
nlohmann::json status_json(const DeploymentStatus& status);

} // namespace slam::deploy
