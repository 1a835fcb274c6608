#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// Return what is wrong with aws.cfn_resources and aws.cfn_outputs (not
// mappings, a resource without Type, an output without Value), empty when
// nothing.
std::vector<std::string> check_custom_sections(const config::Config& config);

// Add aws.cfn_resources to the Resources and aws.cfn_outputs to the Outputs
// of STACK_TEMPLATE, unchanged. Throw slam::UsageError naming an entry whose
// logical id slam already uses (resources share ids with parameters).
void merge_custom_sections(const config::Config& config, Json& stack_template);

} // namespace slam::cfn
