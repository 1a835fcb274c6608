#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/config/config.hpp"

#include <string>

namespace slam::cfn {

// Return the parameter holding STAGE's Lambda version ("ProdVersion"). Right
// for every stage whose logical id no earlier stage of its config shares
// ("my-stage" and then "my_stage"); the overload with the config is always
// right.
std::string version_parameter(const std::string& stage);

// Return the parameter holding STAGE's Lambda version in CONFIG's template.
std::string version_parameter(const config::Config& config,
                              const std::string& stage);

// Return the Parameters section: the package's S3 bucket and key, and the
// version of each stage (default "$LATEST").
Json build_parameters(const config::Config& config, const LogicalIds& ids);

} // namespace slam::cfn
