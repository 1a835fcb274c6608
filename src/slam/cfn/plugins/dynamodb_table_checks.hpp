#pragma once

#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn {

// Return what DynamoDB would reject in TABLE's schema (keys, indexes,
// projections, throughput), one message per problem, empty when nothing.
std::vector<std::string> check_table(const config::Table& table);

} // namespace slam::cfn
