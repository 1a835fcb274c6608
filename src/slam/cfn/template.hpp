#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/cfn/logical_id.hpp"
#include "slam/cfn/parameters.hpp"
#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// Return the CloudFormation template of CONFIG's stack: the package and
// stage version parameters, the function with its role, log group and stage
// aliases, what each enabled built-in plugin adds, what each external
// plugin makes of that (in the order of `plugins`), then aws.cfn_resources
// and aws.cfn_outputs. Throw slam::UsageError with every problem validate()
// finds, or naming a custom entry that clashes with a generated one, and
// slam::Error when an external plugin fails.
Json build_template(const config::Config& config);

// Return what in CONFIG the template cannot express (core settings, the
// sections of enabled plugins, external plugins missing from PATH), one
// message per problem, empty when nothing.
std::vector<std::string> validate(const config::Config& config);

} // namespace slam::cfn
