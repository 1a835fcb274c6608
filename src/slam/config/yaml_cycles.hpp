#pragma once

#include <optional>
#include <string>
#include <yaml-cpp/yaml.h>

namespace slam::config {

// What the parser's events tell of a YAML text before any node is built.
struct YamlShape
{
  // The first alias inside the value of its own anchor ("&a [*a]"), if
  // any. yaml-cpp builds such a value as a cycle: every reader recurses
  // without end, and its memory is never freed.
  std::optional<YAML::Mark> self_alias;
  // The start of a second document, if any. (YAML::LoadAll, which would
  // tell, loops without end on some malformed text.)
  std::optional<YAML::Mark> second_document;
};

// Return the shape of TEXT; throw YAML::ParserException as YAML::Load does
// for text that is not YAML.
YamlShape scan_yaml(const std::string& text);

} // namespace slam::config
