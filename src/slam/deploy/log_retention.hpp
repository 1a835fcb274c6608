#pragma once

#include "slam/aws/session.hpp"
#include "slam/aws/stack.hpp"
#include "slam/config/config.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace slam::deploy {

// The tag put on a log group that `slam delete --no-logs` kept, naming the
// stack it came from.
inline constexpr const char* k_retained_tag = "slam:retained-from";

// A template whose log groups survive the deletion of their stack.
struct RetainedTemplate
{
  nlohmann::json body;
  std::vector<std::string> logical_ids; // of the log groups, in order
  std::vector<std::string> group_names; // LogGroupName, or the logical id
};

// Return TEMPLATE with every AWS::Logs::LogGroup set to be retained on
// deletion and replacement and tagged with STACK_NAME.
RetainedTemplate retain_log_groups(const nlohmann::json& template_body,
                                   const std::string& stack_name);

// Make the deletion of STACK keep its log groups by updating the stack's
// deployed template so that they are retained (uploading it to BUCKET when
// large). Throw slam::Error when the stack cannot be updated, except after
// a rolled-back creation, which left no log group to keep. Return the
// stack as it is afterwards.
aws::Stack keep_log_groups(const config::Config& config,
                           aws::Session& session,
                           const aws::Stack& stack,
                           const std::string& bucket);

} // namespace slam::deploy
