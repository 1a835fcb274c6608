#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// Return the function's log group /aws/lambda/NAME, owned by the stack so
// that deleting the stack deletes the logs.
Json log_group(const config::Config& config);

// Return the Lambda function, its code taken from the package parameters.
// Stage variables are not in its environment: the handler sets them per
// invocation from the alias it was called through.
Json function(const config::Config& config);

// Return the alias of STAGE, pointing at the version its parameter holds.
Json alias(const config::Stage& stage, const LogicalIds& ids);

// Return whether CloudWatch Logs accepts DAYS as a retention period.
bool is_valid_log_retention(int days);

// Return what is wrong with the function's settings, empty when nothing.
std::vector<std::string> check_function(const config::Config& config);

} // namespace slam::cfn
