#pragma once

#include <optional>
#include <string>
#include <yaml-cpp/yaml.h>

namespace slam::config {

// Return where the first alias inside the value of its own anchor is
// ("&a [*a]"), if any. yaml-cpp builds such a value as a cycle: every
// reader recurses without end, and its memory is never freed. Throw
// YAML::ParserException as YAML::Load does for text that is not YAML.
std::optional<YAML::Mark> find_self_alias(const std::string& text);

} // namespace slam::config
