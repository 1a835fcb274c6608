#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace slam::cfn {

// The longest logical id CloudFormation accepts.
constexpr std::size_t k_max_logical_id = 255;

// Return a valid CloudFormation logical id derived from a stage or table
// NAME: its letters and digits in UpperCamelCase, like Python's str.title()
// ("my-stage" -> "MyStage", "prod_eu" -> "ProdEu", "v2beta" -> "V2Beta"), so
// alphanumeric names get the ids the original Slam gave them. A result that
// would be empty or start with a digit gets an "N" in front and a short hash
// of NAME behind; one longer than MAX_LENGTH is cut and ends in that hash.
std::string logical_id(std::string_view name,
                       std::size_t max_length = k_max_logical_id);

// Return whether ID is a logical id CloudFormation accepts: 1 to 255 ASCII
// letters and digits.
bool is_logical_id(std::string_view id);

// Return 8 hex digits identifying TEXT, to make derived ids unique.
std::string short_hash(std::string_view text);

// Return ID cut to MAX_LENGTH, ending in the short hash of SOURCE when it
// had to be cut.
std::string
fit_length(std::string id, std::string_view source, std::size_t max_length);

} // namespace slam::cfn
