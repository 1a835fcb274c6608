#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// Return the function's execution role: assumable by Lambda, allowed to
// write to the function's own log group and nothing else, plus the
// configured managed policies (and VPC access with subnets).
Json execution_role(const config::Config& config);

// Add aws.lambda_inline_policies to the execution role in STACK_TEMPLATE: a
// list of statements as one policy "InlinePolicy", a mapping as one policy
// per name. Throw slam::UsageError when a name is taken.
void add_inline_policies(const config::Config& config, Json& stack_template);

// Return what is wrong with aws.lambda_inline_policies, empty when nothing.
std::vector<std::string> check_inline_policies(const config::Config& config);

// Add an inline policy NAME with DOCUMENT to the execution role in
// STACK_TEMPLATE; throw slam::UsageError when the role has that name already.
void add_role_policy(Json& stack_template,
                     const std::string& name,
                     Json document);

// Return an IAM policy document allowing ACTIONS on RESOURCES.
Json allow_policy(const std::vector<std::string>& actions, Json resources);

} // namespace slam::cfn
