#pragma once

#include "slam/config/diagnostics.hpp"

#include <yaml-cpp/yaml.h>

namespace slam::config {

// The most values a config may expand to: YAML aliases can make a small
// file describe billions of values ("billion laughs").
inline constexpr std::size_t k_max_values = 100000;

// The deepest nesting a config may have; no section of slam.yaml comes
// near it.
inline constexpr std::size_t k_max_depth = 100;

// Check what no section reader can see: duplicate keys (YAML libraries
// disagree on which one wins), text that is not UTF-8 or holds a NUL byte
// (no AWS API or environment variable accepts those), and aliases that
// expand beyond k_max_values or nest beyond k_max_depth. Record every problem
// in DIAGNOSTICS; return false when the document is too large to read further.
bool check_document(const YAML::Node& root, Diagnostics& diagnostics);

} // namespace slam::config
