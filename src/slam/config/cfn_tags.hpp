#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace slam::config {

// Return the long (JSON) form of CloudFormation's YAML short form TAG
// applied to VALUE: `!Ref X` is {"Ref": "X"}, `!GetAtt A.B` is
// {"Fn::GetAtt": ["A", "B"]}, `!Sub S` is {"Fn::Sub": S}. Return nothing
// when TAG is not one of CloudFormation's.
std::optional<nlohmann::json> expand_cfn_tag(const std::string& tag,
                                             const nlohmann::json& value);

// Return the short forms expand_cfn_tag knows, for error messages.
std::string known_cfn_tags();

} // namespace slam::config
