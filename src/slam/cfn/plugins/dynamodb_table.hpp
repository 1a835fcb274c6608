#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/config/config.hpp"

#include <string>

namespace slam::cfn {

// Return the AWS::DynamoDB::Table resource for TABLE, named NAME: its key
// schema (hash, then range), provisioned throughput and secondary indexes.
// Only attributes that some key uses are defined, as DynamoDB rejects
// definitions no key needs.
Json dynamodb_table(const std::string& name, const config::Table& table);

} // namespace slam::cfn
