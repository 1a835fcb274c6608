#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace slam::cfn {

// A CloudFormation template or a piece of one, keys in insertion order.
using Json = nlohmann::ordered_json;

// Return {"Ref": NAME}: a parameter's value or a resource's id. Not
// "ref": argument-dependent lookup would pick std::ref for a std::string.
Json ref_to(std::string_view name);

// Return {"Fn::GetAtt": [RESOURCE, ATTRIBUTE]}.
Json get_att(std::string_view resource, std::string_view attribute);

// Return {"Fn::Sub": TEXT}: TEXT with each ${Name} or ${Resource.Attribute}
// replaced by its value. Pass user values through sub_literal().
Json sub(std::string_view text);

// Return TEXT for Fn::Sub to keep as it is: "${" becomes "${!".
std::string sub_literal(std::string_view text);

} // namespace slam::cfn
